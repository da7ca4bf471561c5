"""When a former name is right: the years a superseded term was in use, read from its note.

A superseded term is a former name (the Turkic Council, Nur-Sultan, Alma-Ata). It is right
where a text speaks of the years it was in use and wrong where it speaks of later years or
of the present. A glossary says which years by a range in the term's note ("in use
2009–2021"); a note without one leaves the term reported wherever it occurs.

A text speaks of the latest year it names: the sentence's, or when the sentence names no
year, its paragraph's. No year at all means the present, so the former name is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from paralign.model import Sentence, Status, Term

_RANGE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)\s*[–—-]\s*(1[5-9]\d\d|20\d\d)(?!\d)")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
PARAGRAPH_REACH = 30


def years_in_use(term: Term) -> tuple[int, int] | None:
    """The first `YYYY–YYYY` range of a superseded term's note; None for other terms."""
    return _range_in(term.note) if term.status is Status.SUPERSEDED else None


@lru_cache(maxsize=1024)
def _range_in(note: str) -> tuple[int, int] | None:
    found = _RANGE.search(note)
    return (int(found.group(1)), int(found.group(2))) if found else None


def latest_year(text: str) -> int | None:
    """The latest year a text names (`2009`, `1990s`, `1990-х`, `30.05.2026`), or None."""
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def in_its_period(
    term: Term, sentence: str, paragraph: Callable[[], Sequence[Sentence]] = tuple
) -> bool:
    """Whether a superseded `term` used in `sentence` is right there: the text speaks of a
    year no later than the last year of the term's use. `paragraph` gives the sentences
    around it, asked for only when the sentence names no year."""
    period = years_in_use(term)
    if period is None:
        return False
    year = latest_year(sentence)
    if year is None:
        year = latest_year(" ".join(s.text for s in paragraph()))
    return year is not None and year <= period[1]


def paragraph_of(sentences: Sequence[Sentence], ids: Sequence[int]) -> Sequence[Sentence]:
    """The run of sentences around `ids` that share their paragraph (block), at most
    `PARAGRAPH_REACH` on either side: a TMX without paragraph props puts every TU in block 0,
    and a "paragraph" of thousands of TUs says nothing about the sentence."""
    if not ids:
        return ()
    block = sentences[ids[0]].block
    start, end = ids[0], ids[-1]
    first = max(0, start - PARAGRAPH_REACH)
    last = min(len(sentences) - 1, end + PARAGRAPH_REACH)
    while start > first and sentences[start - 1].block == block:
        start -= 1
    while end < last and sentences[end + 1].block == block:
        end += 1
    return sentences[start : end + 1]
