"""`language-mismatch`: a TU side whose text is not written in its language's script.

A TMX aligned with its sides swapped carries English under xml:lang="ru"; a CAT tool loads
it without a word and the translator's matches are garbage. Judged per side by script (see
`paralign.langid`): short sides, names and numbers decide nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from paralign.checks.base import Corpus, Rule, Unit
from paralign.langid import expected_script, script_mismatch
from paralign.model import Finding, Severity

RULES = (
    Rule(
        "language-mismatch",
        Severity.ERROR,
        "A segment is not written in the script of its declared language",
        "Swap the sides (align SRC TGT in the right order) or correct xml:lang.",
    ),
)
"""The rules this family reports."""


def check_unit(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    """One finding per side that contradicts its language. A target written in the
    source's script is left to `untranslated`, which already reports it."""
    for side in (unit.source, unit.target):
        if not side.sentences:
            continue
        mismatch = script_mismatch(side.text, side.lang)
        if mismatch is not None and not (
            side is unit.target and mismatch.detected == expected_script(unit.source.lang)
        ):
            yield corpus.finding(
                "language-mismatch",
                f"the text is {mismatch.describe()}: the sides are swapped, or xml:lang is wrong",
                unit.location(side),
                side.text,
            )
