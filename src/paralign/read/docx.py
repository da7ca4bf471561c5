"""Word .docx with python-docx: paragraphs by style (headings, lists, quotes, footnote text),
table cells, and the footnotes part; bold and italic runs become spans.

A .docx has no lines; a block's `line` is its paragraph number in the body (1-based), which
is what Word's "go to" and most review tools count. The zip is checked before python-docx
opens it, so a file that is not a zip, or a zip bomb, gets one clear error.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import IO, Any

from paralign.model import Block, BlockKind, ParalignError
from paralign.read._build import BlockBuilder
from paralign.urls import Location, Url

MAX_UNPACKED = 256 * 1024 * 1024
MAX_RATIO = 200
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(path: Location, source: Path | IO[bytes]) -> None:
    """Refuse what is not a zip, and a zip whose parts would unpack past the limits
    (`source`: the file, or the bytes of one read from a URL; `path` names it)."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise ParalignError(f"{path}: not a .docx (not a zip archive: {error})") from None
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if total > MAX_UNPACKED or total > MAX_RATIO * packed + 1024 * 1024:
        raise ParalignError(
            f"{path}: refused: unpacks to {total} bytes from {packed} (a zip bomb?)"
        )
    if "word/document.xml" not in {info.filename for info in infos}:
        raise ParalignError(f"{path}: not a .docx (no word/document.xml in the archive)")


def read_docx(path: Location) -> tuple[Block, ...]:
    from paralign.files import check_readable, read_bytes

    source: str | IO[bytes]
    if isinstance(path, Url):
        # python-docx and zipfile read a file object as they read a path
        source = io.BytesIO(read_bytes(path))
        check_zip(path, source)
        source.seek(0)
    else:
        check_readable(path)
        check_zip(path, path)
        source = str(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(source)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ParalignError(f"{path}: not a readable .docx: {error}") from None
    except Exception as error:  # lxml errors on damaged XML inside the zip
        raise ParalignError(f"{path}: damaged .docx: {type(error).__name__}: {error}") from None
    blocks: list[Block] = []
    number = 0
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            number += 1
            block = _paragraph(element, number, document)
            if block is not None:
                blocks.append(block)
        elif element.tag == f"{_W}tbl":
            for paragraph in element.iter(f"{_W}p"):
                number += 1
                block = _paragraph(paragraph, number, document, BlockKind.TABLE_CELL)
                if block is not None:
                    blocks.append(block)
    blocks.extend(_footnotes(document, number, path))
    return tuple(blocks)


def _style_name(element: Any, document: Any) -> str:
    ppr = element.find(f"{_W}pPr")
    style = ppr.find(f"{_W}pStyle") if ppr is not None else None
    if style is None:
        return ""
    style_id = str(style.get(f"{_W}val", ""))
    try:
        return str(document.styles.get_by_id(style_id, 1).name or style_id)  # 1: paragraph
    except (KeyError, ValueError, AttributeError):
        return style_id


def _kind(element: Any, name: str) -> tuple[BlockKind, int]:
    lowered = name.lower()
    if lowered == "title":
        return BlockKind.HEADING, 1
    if lowered.startswith(("heading", "заголовок")):
        digits = "".join(c for c in lowered if c.isdigit())
        return BlockKind.HEADING, int(digits) if digits else 1
    if "footnote" in lowered or "endnote" in lowered:
        return BlockKind.FOOTNOTE, 0
    if "quote" in lowered:
        return BlockKind.QUOTE, 0
    ppr = element.find(f"{_W}pPr")
    if "list" in lowered or (ppr is not None and ppr.find(f"{_W}numPr") is not None):
        return BlockKind.LIST_ITEM, 0
    return BlockKind.PARAGRAPH, 0


def _paragraph(
    element: Any, number: int, document: Any, kind: BlockKind | None = None
) -> Block | None:
    found_kind, level = _kind(element, _style_name(element, document))
    builder = BlockBuilder(kind=kind or found_kind, line=number, level=level)
    _runs(element, builder)
    return builder.build()


def _runs(element: Any, builder: BlockBuilder) -> None:
    for run in element.iter(f"{_W}r"):
        rpr = run.find(f"{_W}rPr")
        marks = []
        if rpr is not None:
            if _on(rpr.find(f"{_W}b")):
                marks.append("strong")
            if _on(rpr.find(f"{_W}i")):
                marks.append("em")
            vertical = rpr.find(f"{_W}vertAlign")
            if vertical is not None and vertical.get(f"{_W}val") == "superscript":
                text = "".join(t.text or "" for t in run.iter(f"{_W}t")).strip()
                if text.isdigit() and len(text) <= 3:
                    continue  # a hand-made note marker
        for mark in marks:
            builder.open(mark)
        for child in run:
            if child.tag == f"{_W}t":
                builder.add(child.text or "")
            elif child.tag == f"{_W}tab":
                builder.add("\t")
            elif child.tag in (f"{_W}br", f"{_W}cr"):
                builder.space()
        for mark in reversed(marks):
            builder.close(mark)


def _on(element: Any) -> bool:
    return element is not None and element.get(f"{_W}val", "true") not in ("0", "false", "off")


def _footnotes(document: Any, number: int, path: Location) -> list[Block]:
    """The notes of word/footnotes.xml, after the body (separators skipped)."""
    from lxml import etree

    from paralign.xmlsafe import PARSER_OPTIONS

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            part = rel.target_part
            break
    else:
        return []
    parser = etree.XMLParser(**PARSER_OPTIONS)
    try:
        root = etree.fromstring(part.blob, parser)
    except etree.XMLSyntaxError as error:
        raise ParalignError(f"{path}: damaged footnotes part in .docx: {error}") from None
    blocks = []
    for note in root.iter(f"{_W}footnote"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        builder = BlockBuilder(kind=BlockKind.FOOTNOTE, line=number + 1)
        for paragraph in note.iter(f"{_W}p"):
            _runs(paragraph, builder)
            builder.space()
        block = builder.build()
        if block is not None:
            blocks.append(block)
    return blocks
