"""`language-mismatch`: a TU side whose text is not in its declared language.

A TMX aligned with its sides swapped carries English under xml:lang="ru"; a CAT tool loads
it without a word and the translator's matches are garbage. Judged per side by script and,
where the script is shared, by its words (see `paralign.langid`): short sides, names and
numbers decide nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from paralign.checks.base import Corpus, Rule, Unit
from paralign.lang import primary
from paralign.langid import Mismatch, expected_script, language_mismatch
from paralign.model import Finding, Severity

RULES = (
    Rule(
        "language-mismatch",
        Severity.ERROR,
        "A segment is not written in its declared language (its script, or its words)",
        "Swap the sides (align SRC TGT in the right order) or correct xml:lang.",
    ),
)
"""The rules this family reports."""


def check_unit(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    """One finding per side that contradicts its language. A target written in the
    source's language is left to `untranslated`, which already reports it."""
    for side in (unit.source, unit.target):
        if not side.sentences:
            continue
        mismatch = language_mismatch(side.text, side.lang)
        if mismatch is not None and not (side is unit.target and _in_source(mismatch, unit)):
            yield corpus.finding(
                "language-mismatch",
                f"the text is {mismatch.describe()}: the sides are swapped, or xml:lang is wrong",
                unit.location(side),
                side.text,
            )


def _in_source(mismatch: Mismatch, unit: Unit) -> bool:
    source = unit.source.lang
    if mismatch.reads_as is not None:
        return mismatch.reads_as == primary(source)
    return mismatch.detected == expected_script(source)
