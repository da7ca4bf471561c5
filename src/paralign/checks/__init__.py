"""Terminology and translation QA over aligned Bitexts: one small module per family of checks.

    base      Rule, Corpus, Unit, Side: what every family shares (imports no other check)
    terms, numbers, text, alignment
              the families: each declares its RULES and a `check_unit`
    registry  FAMILIES and the RULES built from them
    settings  CheckSettings: what `[tool.paralign.check]` sets
    engine    check_into / check_stream / check_bitexts: the one engine (in memory = one
              piece list)
    spill     FindingSpill: findings on disk as they are made, read back in report order

`check_bitexts` is pure: Bitexts and a Glossary in, Findings out, sorted by file and line.
"""

from __future__ import annotations

from paralign.checks.base import Rule, severity_reaches
from paralign.checks.engine import check_bitexts, check_into, check_stream, settle, worker_count
from paralign.checks.registry import FAMILIES, FAMILY_RULES, RULES
from paralign.checks.settings import CheckSettings
from paralign.checks.spill import FindingSpill

__all__ = [
    "FAMILIES",
    "FAMILY_RULES",
    "RULES",
    "CheckSettings",
    "FindingSpill",
    "Rule",
    "check_bitexts",
    "check_into",
    "check_stream",
    "settle",
    "severity_reaches",
    "worker_count",
]
