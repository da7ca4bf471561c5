"""What term mining produces and is tuned by: the settings, a candidate's side, a pair."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MineSettings:
    min_frequency: int = 2  # TUs a candidate (and a pair) must occur in
    limit: int = 200
    max_ratio: float = 8.0
    max_entries: int = 2_000_000
    max_russian: int = 5_000  # Russian candidates carried into pass 2, likeliest first
    lexicon: bool = True


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a candidate: its text as a glossary writes it, its key, its counts."""

    lang: str
    text: str
    key: tuple[str, ...]
    frequency: int  # occurrences
    units: int  # TUs it occurs in
    forms: tuple[str, ...] = ()  # written forms seen, most frequent first
    name: bool = False
    abbreviation: str = ""  # the short form defined for it in the text ("OTS (…)")


@dataclass(frozen=True, slots=True)
class Pair:
    """A Russian candidate with its most likely English rendering, and the evidence."""

    ru: Side
    en: Side
    joint: int
    dice: float
    llr: float
    lexicon: float
    examples: tuple[str, ...]
    mutual: bool  # each is the other's best partner
    independence: float = 1.0  # share of the Russian side's TUs outside longer candidates
    alternative: bool = False  # a second rendering of the Russian side: a variant, if any


Unit = tuple[str, str, str]  # (TU id, Russian text, English text)
Key = tuple[str, ...]
Definition = tuple[str, Key]  # (short form, long form's form or key)
Written = tuple[Key, bool, str]  # (words as written, starts a sentence, kind)
