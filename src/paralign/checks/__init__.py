"""Terminology and translation QA over aligned Bitexts: one small module per family of checks.

`check_bitexts` is pure: Bitexts and a Glossary in, Findings out, sorted by file and line.
Each family walks a shared `Corpus` view (sentences of every link with their term matches
computed once) and yields Findings; severities, ignores and paths come from `CheckSettings`.
"""

from __future__ import annotations

from collections.abc import Sequence

from paralign.checks.base import RULES, CheckSettings, Corpus, Rule
from paralign.model import Bitext, Finding, Glossary

__all__ = ["RULES", "CheckSettings", "Rule", "check_bitexts"]


def check_bitexts(
    bitexts: Sequence[Bitext], glossary: Glossary, settings: CheckSettings = CheckSettings()
) -> list[Finding]:
    """Every finding of the enabled rules, with locations relative to `settings.root`."""
    from paralign.checks import alignment, numbers, terms, text

    corpus = Corpus(bitexts, glossary, settings)
    findings: list[Finding] = []
    for family in (terms, numbers, text, alignment):
        findings.extend(family.check(corpus))
    kept = [f for f in findings if settings.keeps(f)]
    kept = [settings.with_severity(f) for f in kept]
    kept.sort(key=lambda f: (f.location.file, f.location.line, f.rule, f.message))
    return kept
