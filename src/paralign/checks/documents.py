"""Findings about whole documents rather than their sentences: a corpus file left unpaired.

A file of `texts/ru/` with no partner of the same stem in `texts/en/` (or the other way
round) would otherwise be skipped without a word, and a CI terminology gate bypassed by
renaming a file; it is a finding of its own, error by default, in every report format and
in the baseline like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from paralign.checks.base import Corpus, Rule, Unit
from paralign.model import Finding, Location, Severity

RULES = (
    Rule(
        "unpaired-document",
        Severity.ERROR,
        "A document of a corpus folder has no partner of the same stem in the other language",
        "Give the translation the original's file name (stem), or remove the stray file.",
    ),
)
"""The rules this family reports: about files, so none comes from a unit."""


def check_unit(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    return iter(())


def unpaired_findings(
    unpaired: Sequence[tuple[Path, Path]], relative: Callable[[str], str]
) -> list[Finding]:
    """One `unpaired-document` finding per (file, folder of the other language); `relative`
    gives a path as reports show it."""
    return [
        _finding(
            "unpaired-document",
            f"no document of the same stem in {relative(str(other))}: its text was not checked",
            Location(relative(str(file)), 1),
            file.name,
        )
        for file, other in unpaired
    ]


def _finding(rule: str, message: str, where: Location, sentence: str) -> Finding:
    (declared,) = (r for r in RULES if r.id == rule)
    return Finding(rule, declared.severity, message, where, sentence=sentence)
