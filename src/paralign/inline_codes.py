"""How emphasis becomes inline codes in a bilingual file, as CAT tools code the same text.

Shared by the TMX and XLIFF writers. OmegaT (and Trados, memoQ) take formatting that
encloses a whole paragraph out of the segment and number the remaining tags through the
paragraph; codes written the same way make our segments equal to theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from paralign.model import Sentence, Span

# span kind → TMX/XLIFF 1.2 `type`/`ctype`, and → the HTML element the Markdown renders to
SPAN_TYPES = {"em": "italic", "strong": "bold"}
SPAN_CODES = {"em": "em", "strong": "strong"}

# sentence index → (span kinds enclosing its whole paragraph, number of its first code)
InlinePlan = dict[int, tuple[frozenset[str], int]]


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
                number += sum(
                    1
                    for s in sentences[i].spans
                    if s.kind in SPAN_TYPES and s.start < s.end and s.kind not in enclosing
                )
        index = end
    return plan


def _covers(sentence: Sentence, kind: str) -> bool:
    size = len(sentence.text.rstrip())
    return any(s.kind == kind and s.start <= 0 and s.end >= size for s in sentence.spans)


MakeCode = Callable[[Any, bool, int, Span], Any]
"""Appends one code element to a parent: (parent, opens, span number from 1, span) → it."""


def weave_codes(element: Any, text: str, spans: Sequence[Span], make: MakeCode) -> None:
    """Fill an empty element with `text`, a paired code made by `make` around each Span's
    characters: the one placement of text and tails that the TMX and XLIFF writers share.
    At one offset closings come first (innermost first), then openings (outermost first)."""
    events: list[tuple[int, int, int, int, Span]] = []
    for number, span in enumerate(spans, 1):
        start, end = max(0, span.start), min(len(text), span.end)
        if start >= end:
            continue
        events.append((start, 1, -end, number, span))
        events.append((end, 0, -start, number, span))
    events.sort(key=lambda e: e[:4])
    cursor, last = 0, None
    element.text = ""
    for position, opens, _, number, span in events:
        chunk = text[cursor:position]
        if last is None:
            element.text += chunk
        else:
            last.tail = (last.tail or "") + chunk
        cursor = position
        last = make(element, bool(opens), number, span)
    if last is None:
        element.text += text[cursor:]
    else:
        last.tail = (last.tail or "") + text[cursor:]
