"""number-mismatch: the numbers and dates of a source and its target must agree.

`paralign.numbers` reads them (dates in ISO form, numbers with the language's separators)
and compares them as sets of values; this family only reports what differs.
"""

from __future__ import annotations

from collections.abc import Iterator

from paralign.checks.base import Corpus, Rule, Unit
from paralign.model import Finding, Severity
from paralign.numbers import mismatch

RULES = (
    Rule(
        "number-mismatch",
        Severity.WARNING,
        "Numbers or dates differ between source and target",
        "Dates and numbers are compared after normalising Russian and English formats.",
    ),
)
"""The rules this family reports."""


def check_unit(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    if not unit.source.sentences or not unit.target.sentences:
        return
    lost, added = mismatch(unit.source.text, unit.source.lang, unit.target.text, unit.target.lang)
    if not lost and not added:
        return
    parts = []
    if lost:
        parts.append(f"source has {', '.join(lost)} not in the target")
    if added:
        parts.append(f"target has {', '.join(added)} not in the source")
    yield corpus.finding(
        "number-mismatch", "; ".join(parts), unit.location(unit.target), unit.target.text
    )
