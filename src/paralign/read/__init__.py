"""Reading files into Documents: one reader per format, then the PDF-damage repair.

`read_document` picks the reader by `fmt` (or the extension), runs `repair_blocks` unless
told not to, and puts footnotes after the text. `read_presegmented` takes one sentence a
line, as given.
"""

from __future__ import annotations

from paralign.files import read_bytes
from paralign.model import Block, Document, ParalignError, Sentence
from paralign.urls import Location

FORMATS = ("txt", "md", "html", "docx")
_EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}


def format_of(path: Location, fmt: str = "auto") -> str:
    """The reader for `path`: `fmt` when given, else by extension (unknown → txt)."""
    if fmt != "auto":
        if fmt not in FORMATS:
            raise ParalignError(f"{path}: unknown format {fmt!r} (auto, {', '.join(FORMATS)})")
        return fmt
    return _EXTENSIONS.get(path.suffix.lower(), "txt")


def read_blocks(
    path: Location, fmt: str = "auto", *, line_paragraphs: bool = False, encoding: str = "auto"
) -> tuple[Block, ...]:
    """The blocks of a file in source order, before repair."""
    kind = format_of(path, fmt)
    if kind == "docx":
        from paralign.read.docx import read_docx

        blocks = read_docx(path)
        if not blocks:
            raise ParalignError(f"{path}: no text found (read as {kind})")
        return blocks
    return parse_blocks(
        read_bytes(path), str(path), kind, line_paragraphs=line_paragraphs, encoding=encoding
    )


def parse_blocks(
    data: bytes, name: str, kind: str, *, line_paragraphs: bool = False, encoding: str = "auto"
) -> tuple[Block, ...]:
    """The blocks of a txt, md or html file's bytes, read from `name` or standard input.

    `encoding` (auto, utf-8, cp1251) is the text formats' choice; HTML declares its own.
    """
    if kind == "txt":
        from paralign.read.text import txt_blocks

        blocks = txt_blocks(data, name, line_paragraphs=line_paragraphs, encoding=encoding)
    elif kind == "md":
        from paralign.read.markdown import parse_markdown
        from paralign.read.text import decode_document

        text = decode_document(data, name, encoding)
        if not text.strip():
            raise ParalignError(f"{name}: empty file (whitespace only)")
        blocks = parse_markdown(text)
    elif kind == "html":
        from paralign.read.html import parse_html

        blocks = parse_html(data, name)
    else:
        raise ParalignError(f"a .{kind} file cannot be read from standard input: give its path")
    if not blocks:
        raise ParalignError(f"{name}: no text found (read as {kind})")
    return blocks


def read_document(
    path: Location,
    fmt: str = "auto",
    *,
    repair: bool = True,
    line_paragraphs: bool = False,
    encoding: str = "auto",
    data: bytes | None = None,
) -> Document:
    """The document at `path`, or in `data` (standard input) when given."""
    from paralign.read.repair import footnotes_last, repair_blocks

    if data is None:
        blocks = read_blocks(path, fmt, line_paragraphs=line_paragraphs, encoding=encoding)
    else:
        kind = format_of(path, fmt)
        blocks = parse_blocks(
            data, str(path), kind, line_paragraphs=line_paragraphs, encoding=encoding
        )
    if repair:
        blocks = repair_blocks(blocks)
    return Document(str(path), footnotes_last(blocks))


def read_presegmented(path: Location, encoding: str = "auto") -> tuple[Sentence, ...]:
    """One sentence a line, exactly as written, so line n is sentence n-1 of a gold file.

    Empty lines are kept as empty sentences: dropping them would shift every later id.
    A final newline ends the last line; it does not start another.
    """
    lines = _preseg_text(path, encoding).split("\n")
    if lines[-1] == "":
        lines.pop()
    return tuple(
        Sentence(
            text=line.removesuffix("\r"),
            block=0,
            start=0,
            end=len(line.removesuffix("\r")),
            line=number,
        )
        for number, line in enumerate(lines, start=1)
    )


def _preseg_text(path: Location, encoding: str) -> str:
    """A gold file is UTF-8 unless the user chose cp1251 (`--encoding`), never guessed."""
    from paralign.read.text import decode_document

    text = decode_document(read_bytes(path), path, encoding)
    if not text.strip():
        raise ParalignError(f"{path}: empty file (whitespace only)")
    return text
