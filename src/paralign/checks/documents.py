"""Findings about whole documents rather than their sentences: a corpus file left unpaired.

A file of `texts/ru/` with no partner of the same stem in `texts/en/` (or the other way
round) would otherwise be skipped without a word, and a CI terminology gate bypassed by
renaming a file; it is a finding of its own, error by default, in every report format and
in the baseline like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from paralign.checks.base import RULES, CheckSettings
from paralign.model import Finding, Location


def unpaired_findings(
    unpaired: Sequence[tuple[Path, Path]], settings: CheckSettings
) -> list[Finding]:
    """One `unpaired-document` finding per (file, folder of the other language)."""
    rule = RULES["unpaired-document"]
    return [
        Finding(
            rule.id,
            rule.severity,
            f"no document of the same stem in {settings.relative(str(other))}: "
            "its text was not checked",
            Location(settings.relative(str(file)), 1),
            sentence=file.name,
        )
        for file, other in unpaired
    ]
