"""unaligned: a sentence with no counterpart (a 1-0 or 0-1 link)."""

from __future__ import annotations

from collections.abc import Iterator

from paralign.checks.base import Corpus, Rule, Unit
from paralign.model import Finding, Severity

RULES = (
    Rule(
        "unaligned",
        Severity.INFO,
        "A sentence has no counterpart in the other language",
        "An omission or an addition in translation, or an alignment error.",
    ),
)
"""The rules this family reports."""


def check_unit(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    if unit.source.sentences and unit.target.sentences:
        return
    side = unit.source if unit.source.sentences else unit.target
    other = unit.target.lang if side is unit.source else unit.source.lang
    for sentence in side.sentences:
        yield corpus.finding(
            "unaligned",
            f"{side.lang} sentence with no {other} counterpart",
            unit.location(side, sentence),
            sentence.text,
        )
