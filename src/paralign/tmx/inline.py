"""Inline markup of a `<seg>`, both ways: emphasis Spans → paired `<bpt>`/`<ept>` codes (the
one encoder every TMX writer uses) and a `<seg>` → its text (codes dropped, or kept as XML).

Emphasis is written as paired `<bpt>`/`<ept>` (TMX level 2) with `type="italic"` or
`"bold"` holding the HTML code (`<em>`, `<strong>`) the Markdown renders to, numbered (`x`)
through the paragraph (see `paralign.inline_codes`): what a CAT tool makes of the same text
in an HTML source (OmegaT's `<e0>…</e0>`), so its segments match the TM's. Tools that read a
segment's string value (translate-toolkit) still get exactly the sentence text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from paralign.inline_codes import CODE_TYPES, CODES, NOTE_TYPE, weave_codes
from paralign.model import Span

if TYPE_CHECKING:
    from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def encode_inline(
    seg: etree._Element, text: str, spans: Sequence[Span], first_code: int = 0
) -> None:
    """Fill an empty `<seg>` with `text`, each Span of a kind in CODE_TYPES as a paired
    `<bpt i x type>`/`<ept i>` around its characters (`i` numbered from 1 in order, `x` from
    `first_code` + 1, the paragraph's numbering); a footnote marker as the pair around its
    label (`<bpt type="x-footnote">&lt;sup&gt;</bpt>1<ept>&lt;/sup&gt;</ept>`)."""
    if not spans:
        seg.text = text
        return
    from lxml import etree

    def code(parent: etree._Element, opens: bool, number: int, span: Span) -> etree._Element:
        if opens:
            made = etree.SubElement(
                parent, "bpt", i=str(number), x=str(first_code + number), type=CODE_TYPES[span.kind]
            )
            made.text = f"<{CODES[span.kind]}>"
        else:
            made = etree.SubElement(parent, "ept", i=str(number))
            made.text = f"</{CODES[span.kind]}>"
        return made

    weave_codes(seg, text, spans, code)


def tuv_lang(tuv: etree._Element) -> str:
    """`xml:lang` (TMX 1.4), else `lang` (TMX 1.1–1.3); '' when neither."""
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").strip()


def seg_text(seg: etree._Element, keep_inline: bool = False) -> str:
    """The plain text of a `<seg>`: inline codes dropped, `<hi>` text kept, and a footnote
    marker's label (between `<bpt type="x-footnote">` and its `<ept>`) dropped with them:
    the sentence is the text without it, as paralign's readers took it out of the document.

    With keep_inline, the codes stay as their XML (`<bpt i="1">{b}</bpt>`) inside the text.
    """
    if not len(seg):
        return seg.text or ""
    if keep_inline:
        from lxml import etree

        inner = [seg.text or ""]
        for child in seg:
            child_xml = etree.tostring(child, encoding="unicode", with_tail=False)
            inner.append(child_xml)
            inner.append(child.tail or "")
        return "".join(inner)
    parts = [seg.text or ""]
    marker = ""  # the `i` of an open footnote marker
    leads = trails = False  # a marker opens the seg; one closes it (no text after it yet)
    for child in seg:
        if child.tag == "hi":
            parts.append(seg_text(child))
            trails = False
        elif child.tag == "bpt" and child.get("type") == NOTE_TYPE:
            marker, leads = child.get("i", ""), leads or not "".join(parts)
            continue
        elif marker and child.tag == "ept" and child.get("i", "") == marker:
            marker, trails = "", True
        if not marker:
            tail = child.tail or ""
            trails = trails and not tail.strip()
            parts.append(tail)
    text = "".join(parts)
    # the space that parted an edge marker from the sentence (`1 Комментарий`) is the marker's
    text = text.lstrip() if leads else text
    return text.rstrip() if trails else text


def tuv_text(tuv: etree._Element, keep_inline: bool = False) -> str:
    """The text of a tuv's seg. The DTD puts the seg last: indexing it skips ElementPath's
    `find`, which costs more than the rest of a TU."""
    seg = tuv[-1] if len(tuv) else None
    if seg is None or seg.tag != "seg":
        seg = tuv.find("seg")
        if seg is None:
            return ""
    if not len(seg):
        return seg.text or ""
    return seg_text(seg, keep_inline)
