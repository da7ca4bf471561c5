"""HTML with lxml.html: block elements become blocks; script, style, nav and the like are
skipped; `<br>` is a line break inside a block; `<em>`/`<strong>`/`<a>` become spans.

The parser is libxml2's HTML parser: linear in the input, no network, no entities fetched,
so a 50 MB page on one line is read, not hung on.
"""

from __future__ import annotations

from typing import Any

from paralign.model import Block, BlockKind, ParalignError
from paralign.read._build import BlockBuilder
from paralign.urls import Location

_SKIPPED = (
    "script style nav noscript template svg math head footer form button select textarea "
    "iframe object canvas audio video"
)
_SKIP = frozenset(_SKIPPED.split())
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {
    "p": BlockKind.PARAGRAPH,
    "div": BlockKind.PARAGRAPH,
    "section": BlockKind.PARAGRAPH,
    "article": BlockKind.PARAGRAPH,
    "main": BlockKind.PARAGRAPH,
    "body": BlockKind.PARAGRAPH,
    "html": BlockKind.PARAGRAPH,
    "center": BlockKind.PARAGRAPH,
    "address": BlockKind.PARAGRAPH,
    "figcaption": BlockKind.PARAGRAPH,
    "caption": BlockKind.PARAGRAPH,
    "dt": BlockKind.PARAGRAPH,
    "dd": BlockKind.PARAGRAPH,
    "pre": BlockKind.PARAGRAPH,
    "li": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.QUOTE,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
    "ul": BlockKind.PARAGRAPH,
    "ol": BlockKind.PARAGRAPH,
    "dl": BlockKind.PARAGRAPH,
    "table": BlockKind.PARAGRAPH,
    "tr": BlockKind.PARAGRAPH,
    "thead": BlockKind.PARAGRAPH,
    "tbody": BlockKind.PARAGRAPH,
    "figure": BlockKind.PARAGRAPH,
    "hr": BlockKind.PARAGRAPH,
}
_SPANS = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "a": "link", "code": "code"}
_NOTE_CLASSES = ("footnote", "endnote", "footnotes", "endnotes")


def parse_html(data: bytes, path: Location | str) -> tuple[Block, ...]:
    import lxml.html
    from lxml import etree

    from paralign.files import decode_utf8

    # Decoded once to check the encoding (one-line error for a binary file or a bad byte, with
    # its offset), then dropped: lxml reads the bytes, so a 50 MB page is not held three times.
    text = decode_utf8(data, path)
    if not text or text.isspace():
        raise ParalignError(f"{path}: empty file (whitespace only)")
    del text
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True
    )
    try:
        root = lxml.html.document_fromstring(data.removeprefix(b"\xef\xbb\xbf"), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise ParalignError(f"{path}: not readable as HTML: {error}") from None
    walker = _Walker()
    walker.walk(root, BlockKind.PARAGRAPH)
    walker.flush()
    return tuple(walker.blocks)


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.current: BlockBuilder | None = None

    def flush(self) -> None:
        if self.current is not None:
            block = self.current.build()
            if block is not None:
                self.blocks.append(block)
            self.current = None

    def builder(self, kind: BlockKind, line: int, level: int = 0) -> BlockBuilder:
        if self.current is None:
            self.current = BlockBuilder(kind=kind, line=line, level=level)
        return self.current

    def walk(self, element: Any, kind: BlockKind, level: int = 0) -> None:
        # An explicit stack: deeply nested hostile markup must not exhaust Python's recursion.
        stack: list[tuple[str, Any, BlockKind, int]] = [("open", element, kind, level)]
        while stack:
            action, node, kind, level = stack.pop()
            if action == "tail":
                if node.tail:
                    self.builder(kind, node.sourceline or 1, level).add(_squash(node.tail))
                continue
            if action == "close":
                tag = node.tag if isinstance(node.tag, str) else ""
                if tag in _SPANS and self.current is not None:
                    self.current.close(_SPANS[tag])
                elif tag in _HEADINGS or tag in _BLOCKS:
                    self.flush()
                continue
            tag = node.tag.lower() if isinstance(node.tag, str) else ""
            if not tag or tag in _SKIP or _hidden(node):
                stack.append(("tail", node, kind, level))
                continue
            line = node.sourceline or 1
            if tag in _HEADINGS:
                self.flush()
                kind, level = BlockKind.HEADING, _HEADINGS[tag]
            elif tag in _BLOCKS:
                self.flush()
                classes = (node.get("class") or "").lower()
                if any(name in classes for name in _NOTE_CLASSES) or node.get("role") in (
                    "doc-footnote",
                    "doc-endnote",
                ):
                    kind = BlockKind.FOOTNOTE
                elif _BLOCKS[tag] is not BlockKind.PARAGRAPH or kind is BlockKind.PARAGRAPH:
                    kind = _BLOCKS[tag] if kind is not BlockKind.FOOTNOTE else kind
                level = 0 if kind is not BlockKind.HEADING else level
            elif tag == "br":
                self.builder(kind, line, level).newline(0)
            elif tag == "sup" and _is_marker(node):
                if not len(node):  # `<sup>1</sup>`: what a CAT tool sees as `<s0>1</s0>`
                    self.builder(kind, line, level).marker(node.text.strip())
                stack.append(("tail", node, kind, level))
                continue
            elif tag in _SPANS:
                self.builder(kind, line, level).open(_SPANS[tag])
            stack.append(("tail", node, kind, level))
            stack.append(("close", node, kind, level))
            if node.text:
                self.builder(kind, line, level).add(_squash(node.text))
            for child in reversed(node):
                stack.append(("open", child, kind, level))


def _squash(text: str) -> str:
    """HTML whitespace: any run of spaces and newlines is one space."""
    squashed = " ".join(text.split())
    if not squashed:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + squashed + (" " if text[-1].isspace() else "")


def _hidden(node: Any) -> bool:
    return node.get("hidden") is not None or node.get("aria-hidden") == "true"


def _is_marker(node: Any) -> bool:
    """`<sup>1</sup>` or `<sup><a href="#fn1">1</a></sup>`: a note reference, not text."""
    text = "".join(node.itertext()).strip().strip("[]")
    return bool(text) and len(text) <= 3 and (text.isdigit() or text in ("*", "†", "‡"))
