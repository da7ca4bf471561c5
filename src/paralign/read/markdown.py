"""Markdown (CommonMark + tables + footnotes) with markdown-it-py.

Headings, paragraphs, list items, block quotes, table cells and footnotes become blocks in
source order; emphasis, strong, code and links become spans. Raw `<sup>1</sup>` is how PDF
conversions write a footnote marker: it is removed from the text (kept aside as a "note"
Span, for the bilingual writers), and a paragraph that starts with one is the footnote itself.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from paralign.model import Block, BlockKind, ParalignError
from paralign.read._build import BlockBuilder

_SPAN_TOKENS = {"em": "em", "strong": "strong", "s": "strike", "link": "link"}
_MARKER = re.compile(r"\s*(\d{1,3}|[*†‡]+|[ivx]{1,4})\s*")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)\s*>")
# Tokens that open a container whose paragraphs take its kind (`list_item_open` … `_close`).
_CONTAINERS = {
    "list_item": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.QUOTE,
    "footnote": BlockKind.FOOTNOTE,
    "th": BlockKind.TABLE_CELL,
    "td": BlockKind.TABLE_CELL,
}


def parse_markdown(source: str) -> tuple[Block, ...]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark").use(footnote_plugin).enable("table").enable("strikethrough")
    tokens = parser.parse(source)
    blocks: list[Block] = []
    kinds: list[BlockKind] = []
    heading = 0
    for token in tokens:
        kind = token.type
        name, _, edge = kind.rpartition("_")
        if name in _CONTAINERS and edge == "open":
            kinds.append(_CONTAINERS[name])
        elif name in _CONTAINERS and edge == "close":
            kinds.pop()
        elif kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "heading_close":
            heading = 0
        elif kind == "html_block":
            blocks.extend(_html_block(token))
        elif kind == "inline":
            if heading:
                block_kind = BlockKind.HEADING
            else:
                block_kind = kinds[-1] if kinds else BlockKind.PARAGRAPH
            line = token.map[0] + 1 if token.map else 1
            builder = BlockBuilder(kind=block_kind, line=line, level=heading)
            led_by_marker = _render(token.children or [], builder)
            block = builder.build()
            if block is None:
                continue
            if led_by_marker and block.kind is BlockKind.PARAGRAPH:
                block = replace(block, kind=BlockKind.FOOTNOTE, level=0)
            blocks.append(block)
    return tuple(blocks)


def _html_block(token: Any) -> list[Block]:
    """Raw HTML between Markdown blocks (`<p>…</p>`, `<div>…</div>`): its text, not its tags."""
    from paralign.read.html import parse_html

    if not token.content.strip() or token.content.lstrip().startswith("<!--"):
        return []
    first = token.map[0] if token.map else 0
    try:
        found = parse_html(token.content.encode("utf-8"), "html block")
    except ParalignError:  # a stray tag with no text: nothing to read
        return []
    return [replace(b, line=b.line + first) for b in found]


def _render(children: list[Any], out: BlockBuilder) -> bool:
    """Render inline tokens into `out`; True when the text opened with a footnote marker."""
    led_by_marker = False
    sup: list[str] | None = None
    for child in children:
        kind = child.type
        if sup is not None and not (kind == "html_inline" and _is_tag(child.content, "sup", True)):
            sup.append(child.content if kind in ("text", "code_inline") else "")
            continue
        if kind == "text":
            out.add(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.newline()
        elif kind == "code_inline":
            out.open("code")
            out.add(child.content)
            out.close("code")
        elif kind.endswith("_open") and kind[:-5] in _SPAN_TOKENS:
            out.open(_SPAN_TOKENS[kind[:-5]])
        elif kind.endswith("_close") and kind[:-6] in _SPAN_TOKENS:
            out.close(_SPAN_TOKENS[kind[:-6]])
        elif kind == "image":
            out.add(child.content)
        elif kind == "html_inline":
            if _is_tag(child.content, "sup", False):
                sup = []
            elif sup is not None:
                text = "".join(sup)
                if _MARKER.fullmatch(text):
                    led_by_marker = led_by_marker or not "".join(out.parts).strip()
                    out.marker(text.strip())
                else:
                    out.add(text)
                sup = None
            elif _is_tag(child.content, "br", False):
                out.newline(0)
        # footnote_ref and other inline HTML carry no text of the sentence.
    if sup:
        out.add("".join(sup))
    return led_by_marker


def _is_tag(html: str, name: str, closing: bool) -> bool:
    match = _TAG.fullmatch(html.strip())
    return bool(match and match.group(2).lower() == name and bool(match.group(1)) == closing)
