"""How emphasis becomes inline codes in a bilingual file, as CAT tools code the same text.

Shared by the TMX and XLIFF writers. OmegaT (and Trados, memoQ) take formatting that
encloses a whole paragraph out of the segment and number the remaining tags through the
paragraph; codes written the same way make our segments equal to theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from paralign.model import NOTE, Note, Sentence, Span

# span kind → TMX/XLIFF 1.2 `type`/`ctype`, and → the HTML element the Markdown renders to
SPAN_TYPES = {"em": "italic", "strong": "bold"}
SPAN_CODES = {"em": "em", "strong": "strong"}
# A footnote marker is `<sup>1</sup>` in the HTML: a paired code around its label, the one
# kind whose text is not text of the sentence (TMX 1.4b has no superscript type: an `x-` one)
NOTE_TYPE = "x-footnote"
CODE_TYPES = {**SPAN_TYPES, NOTE: NOTE_TYPE}
CODES = {**SPAN_CODES, NOTE: "sup"}

# sentence index → (span kinds enclosing its whole paragraph, number of its first code)
InlinePlan = dict[int, tuple[frozenset[str], int]]


def is_coded(span: Span, enclosing: frozenset[str] = frozenset()) -> bool:
    """Whether a Span becomes an inline code: emphasis that is not the paragraph's own
    formatting, and footnote markers."""
    if span.kind == NOTE:
        return True
    return span.kind in SPAN_TYPES and span.start < span.end and span.kind not in enclosing


def joined(sentences: Iterable[Sentence], enclosing: frozenset[str]) -> tuple[str, list[Span]]:
    """The sentences of one bead joined by one space, with their coded spans moved onto the
    joined text: what the TMX and XLIFF writers both put in a segment."""
    parts: list[str] = []
    spans: list[Span] = []
    offset = 0
    for sentence in sentences:
        if parts:
            parts.append(" ")
            offset += 1
        parts.append(sentence.text)
        spans.extend(
            replace(s, start=offset + s.start, end=offset + s.end)
            for s in sentence.spans
            if is_coded(s, enclosing)
        )
        offset += len(sentence.text)
    return "".join(parts), spans


def inline_plan(sentences: Sequence[Sentence]) -> InlinePlan:
    """How each sentence's emphasis is coded, as CAT tools code the paragraph it is in.

    A kind that covers every sentence of a paragraph whole is the paragraph's formatting:
    HTML filters (OmegaT's "remove leading and trailing tags") keep it out of the segments,
    so it is left out here too. The other codes are numbered through the paragraph, as
    OmegaT numbers its tags (`<e0>` in the first sentence, `<s1>` in the next).
    """
    plan: InlinePlan = {}
    index = 0
    while index < len(sentences):
        block = sentences[index].block
        end = index
        while end < len(sentences) and sentences[end].block == block:
            end += 1
        group = range(index, end)
        if any(sentences[i].spans for i in group):
            enclosing = frozenset(
                kind for kind in SPAN_TYPES if all(_covers(sentences[i], kind) for i in group)
            )
            number = 0
            for i in group:
                plan[i] = (enclosing, number)
                number += sum(1 for s in sentences[i].spans if is_coded(s, enclosing))
        index = end
    return plan


def _covers(sentence: Sentence, kind: str) -> bool:
    """Whether `kind` encloses the whole sentence, its footnote markers too: one that opens
    the sentence, or follows emphasis closed before it, stands outside (OmegaT keeps
    `<s0>Заголовок</s0><s1>3</s1>` of `<strong>Заголовок</strong><sup>3</sup>` whole)."""
    size = len(sentence.text.rstrip())
    for s in sentence.spans:
        if isinstance(s, Note) and (s.start <= 0 or (s.after and s.start >= size)):
            return False
    return any(s.kind == kind and s.start <= 0 and s.end >= size for s in sentence.spans)


MakeCode = Callable[[Any, bool, int, Span], Any]
"""Appends one code element to a parent: (parent, opens, span number from 1, span) → it."""


def weave_codes(element: Any, text: str, spans: Sequence[Span], make: MakeCode) -> None:
    """Fill an empty element with `text`, a paired code made by `make` around each Span's
    characters: the one placement of text and tails that the TMX and XLIFF writers share.
    At one offset come: a footnote marker inside the emphasis that ends there
    (`**…2026<sup>1</sup>**`), the closings (innermost first), a marker after them
    (`*word*<sup>1</sup>`), the openings (outermost first). A marker's label goes between its
    two codes, the space it kept outside them."""
    events: list[tuple[int, int, int, int, Span]] = []
    for number, span in enumerate(spans, 1):
        start, end = max(0, span.start), min(len(text), span.end)
        if isinstance(span, Note):
            events.append((min(start, len(text)), 2 if span.after else 0, 0, number, span))
        elif start < end:
            events.append((start, 3, -end, number, span))
            events.append((end, 1, -start, number, span))
    events.sort(key=lambda e: e[:4])
    cursor = 0
    last: Any = None  # the code whose tail takes the next text
    element.text = ""

    def put(chunk: str) -> None:
        if last is None:
            element.text += chunk
        else:
            last.tail = (last.tail or "") + chunk

    for position, phase, _, number, span in events:
        put(text[cursor:position])
        cursor = position
        if isinstance(span, Note):
            label = span.label
            put(label[: len(label) - len(label.lstrip())])
            last = make(element, True, number, span)
            put(label.strip())
            last = make(element, False, number, span)
            put(label[len(label.rstrip()) :])
        else:
            last = make(element, phase == 3, number, span)
    put(text[cursor:])
