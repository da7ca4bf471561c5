"""Terminology and translation QA over aligned Bitexts: one small module per family of checks.

`check_bitexts` is pure: Bitexts and a Glossary in, Findings out, sorted by file and line.
Each family walks a shared `Corpus` view (sentences of every link with their term matches
computed once) and yields Findings; severities, ignores and paths come from `CheckSettings`.
"""

from __future__ import annotations

from collections.abc import Sequence

from paralign.checks.base import RULES, CheckSettings, Corpus, Rule, Unit
from paralign.checks.stream import check_stream
from paralign.model import Bitext, Finding, Glossary

__all__ = ["RULES", "CheckSettings", "Rule", "check_bitexts", "check_stream"]


FAMILIES = ("terms", "numbers", "text", "alignment", "language")


def check_bitexts(
    bitexts: Sequence[Bitext], glossary: Glossary, settings: CheckSettings = CheckSettings()
) -> list[Finding]:
    """Every finding of the enabled rules, with locations relative to `settings.root`."""
    from paralign.checks import terms

    corpus = Corpus(bitexts, glossary, settings)
    units = corpus.units
    findings = [f for unit in units for f in check_unit(corpus, unit)]
    findings.extend(terms.check_corpus(corpus, units))
    return settle(findings, settings)


FAMILY_RULES = {
    "terms": ("term-missing", "term-deprecated", "term-inconsistent", "term-unexpected"),
    "numbers": ("number-mismatch",),
    "text": ("untranslated", "quote-style"),
    "alignment": ("unaligned",),
    "language": ("language-mismatch",),
}


def check_unit(corpus: Corpus, unit: Unit) -> list[Finding]:
    """The findings of every enabled rule that looks at one link alone."""
    found: list[Finding] = []
    for check in corpus.unit_checks:
        found.extend(check(corpus, unit))
    return found


def settle(findings: list[Finding], settings: CheckSettings) -> list[Finding]:
    """Drop what the settings turn off or ignore, apply their severities, sort."""
    kept = [settings.with_severity(f) for f in findings if settings.keeps(f)]
    kept.sort(key=lambda f: (f.location.file, f.location.line, f.rule, f.message))
    return kept
