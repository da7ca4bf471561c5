"""The one rule registry: built from the family modules, each declaring its `RULES` and its
`check_unit`. A new rule is a Rule in a family's `RULES` and a few lines in its `check_unit`;
a new family is a module with both, and one entry in FAMILIES."""

from __future__ import annotations

from types import ModuleType

from paralign.checks import alignment, documents, language, numbers, omission, terms, text
from paralign.checks.base import Rule

FAMILIES: tuple[ModuleType, ...] = (
    terms,
    numbers,
    text,
    alignment,
    omission,
    language,
    documents,
)
"""The families, in the order their findings are produced (and their rules listed)."""


def family_name(family: ModuleType) -> str:
    return family.__name__.rsplit(".", 1)[-1]


RULES: dict[str, Rule] = {rule.id: rule for family in FAMILIES for rule in family.RULES}
"""Every rule by id, the families' in order: SARIF ruleIds, baseline keys, severities."""

FAMILY_RULES: dict[str, tuple[str, ...]] = {
    family_name(family): tuple(rule.id for rule in family.RULES) for family in FAMILIES
}
