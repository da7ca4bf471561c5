"""Reading files into Documents: one reader per format, then the PDF-damage repair.

`read_document` picks the reader by `fmt` (or the extension), runs `repair_blocks` unless
told not to, and puts footnotes after the text. `read_presegmented` takes one sentence a
line, as given.
"""

from __future__ import annotations

from paralign.files import read_bytes, read_text
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
    path: Location, fmt: str = "auto", *, line_paragraphs: bool = False
) -> tuple[Block, ...]:
    """The blocks of a file in source order, before repair."""
    kind = format_of(path, fmt)
    if kind == "txt":
        from paralign.read.text import read_txt

        blocks = read_txt(path, line_paragraphs=line_paragraphs)
    elif kind == "md":
        from paralign.read.markdown import parse_markdown

        blocks = parse_markdown(read_text(path))
    elif kind == "html":
        from paralign.read.html import parse_html

        blocks = parse_html(read_bytes(path), path)
    else:
        from paralign.read.docx import read_docx

        blocks = read_docx(path)
    if not blocks:
        raise ParalignError(f"{path}: no text found (read as {kind})")
    return blocks


def read_document(
    path: Location, fmt: str = "auto", *, repair: bool = True, line_paragraphs: bool = False
) -> Document:
    from paralign.read.repair import footnotes_last, repair_blocks

    blocks = read_blocks(path, fmt, line_paragraphs=line_paragraphs)
    if repair:
        blocks = repair_blocks(blocks)
    return Document(str(path), footnotes_last(blocks))


def read_presegmented(path: Location) -> tuple[Sentence, ...]:
    """One sentence a line, exactly as written, so line n is sentence n-1 of a gold file.

    Empty lines are kept as empty sentences: dropping them would shift every later id.
    A final newline ends the last line; it does not start another.
    """
    lines = read_text(path).split("\n")
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
