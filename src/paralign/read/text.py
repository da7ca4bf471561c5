"""Plain text: blank lines separate paragraphs (or every line is one, `line_paragraphs`).

The encoding is detected rather than assumed: UTF-8 with or without a BOM, UTF-16 with a
BOM, and cp1251 (still common for Russian files) with a warning, because a wrong guess
there is possible; anything else is refused with the byte offset of the first bad byte.
`encoding` ("utf-8" or "cp1251", the `--encoding` of align and segment) replaces the guess.
"""

from __future__ import annotations

import codecs
import logging
import re

from paralign.files import decode_utf8
from paralign.model import Block, BlockKind, ParalignError
from paralign.read._build import shift_block
from paralign.urls import Location

log = logging.getLogger("paralign")

_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]{3,}")
_MIXED_WORD = re.compile(r"[A-Za-z]+[А-Яа-яЁё]|[А-Яа-яЁё]+[A-Za-z]")
_FOOTNOTE = re.compile(r"^(?:<sup>\s*(\d+|[*†‡])\s*</sup>|\[\^?(\d+)\]:?)\s+")


ENCODINGS = ("auto", "utf-8", "cp1251")


def decode_text(data: bytes, path: Location | str, encoding: str = "auto") -> str:
    """The text of a .txt file: `encoding` as the user chose it (`--encoding`), or with
    "auto" in whichever of the supported encodings it is."""
    if encoding == "utf-8":
        return decode_utf8(data, path)
    if encoding == "cp1251":
        return decode_cp1251(data, path)
    if encoding != "auto":
        raise ParalignError(f"unknown encoding {encoding!r} (choose {', '.join(ENCODINGS)})")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            raise ParalignError(
                f"{path}: not valid UTF-16: bad bytes at offset {error.start}"
            ) from None
    try:
        return decode_utf8(data, path)
    except ParalignError as error:
        text = _as_cp1251(data)
        if text is None:
            raise error from None
        # A guess can be wrong: the warning says how to make the choice explicit.
        log.warning(
            "paralign: warning: %s: not UTF-8; read as cp1251 (Windows Cyrillic); "
            "--encoding utf-8 refuses such a file, --encoding cp1251 reads it without this warning",
            path,
        )
        return text


def decode_cp1251(data: bytes, path: Location | str) -> str:
    """cp1251 because the user said so: every byte but the five it leaves undefined."""
    if b"\x00" in data:
        raise ParalignError(f"{path}: binary file (NUL byte at offset {data.index(0)})")
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError as error:
        raise ParalignError(
            f"{path}: not cp1251: undefined byte 0x{data[error.start]:02x} at offset {error.start}"
        ) from None


def decode_document(data: bytes, path: Location | str, encoding: str = "auto") -> str:
    """A Markdown or pre-segmented file: UTF-8 unless the user chose cp1251, never guessed."""
    if encoding == "auto":
        return decode_utf8(data, path)
    return decode_text(data, path, encoding)


def _as_cp1251(data: bytes) -> str | None:
    """cp1251 text when the bytes read as Russian words, not as Latin-1 letters in disguise."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return None
    words = len(_CYRILLIC_WORD.findall(text))
    mixed = len(_MIXED_WORD.findall(text))
    return text if words and mixed * 20 <= words else None


def txt_blocks(
    data: bytes, path: Location | str, *, line_paragraphs: bool = False, encoding: str = "auto"
) -> tuple[Block, ...]:
    """The blocks of a .txt file's bytes (read from a file, or from standard input)."""
    text = decode_text(data, path, encoding)
    if not text or text.isspace():
        raise ParalignError(f"{path}: empty file (whitespace only)")
    return parse_txt(text, line_paragraphs=line_paragraphs)


_PARAGRAPH = re.compile(r"[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")
_LINE = re.compile(r"[^\S\n]*\S[^\n]*")


def parse_txt(text: str, *, line_paragraphs: bool = False) -> tuple[Block, ...]:
    """Blocks of plain text; a paragraph's lines are joined by one space."""
    blocks: list[Block] = []
    line, counted = 1, 0
    for match in (_LINE if line_paragraphs else _PARAGRAPH).finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        paragraph = match.group()
        if "\n" not in paragraph:
            block = Block(paragraph.strip(), line=line)
        else:
            parts = [part.strip() for part in paragraph.split("\n")]
            starts, offset = [], 0
            for part in parts[:-1]:
                offset += len(part) + 1
                starts.append(offset)
            block = Block(" ".join(parts), line=line, line_starts=tuple(starts))
        blocks.append(_footnote(block))
    return tuple(blocks)


def _footnote(block: Block) -> Block:
    """A paragraph that opens with a note marker (`<sup>1</sup>`, `[1]`, `[^1]:`) is a note."""
    match = _FOOTNOTE.match(block.text)
    if match is None:
        return block
    return shift_block(block, match.end(), BlockKind.FOOTNOTE)
