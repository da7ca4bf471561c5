"""Abbreviations defined in the text: "Organization of Turkic States (OTS)", «… (ОТГ)».

The long form is the run of words just before the bracket whose initials spell the
abbreviation (function words passed over): stricter than Schwartz and Hearst's letter
matching, which accepts «тюркской культуры» for ТЮРКСОЙ, the letters all being in the first
word. Abbreviations that are not initialisms (ТЮРКСОЙ, ТюркПА) are not defined this way.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from paralign.terms.words import Word, chunks, is_abbreviation_like

_BRACKETED = re.compile(r"\(\s*([^\W\d_][^\W_]{1,11})\s*\)")
_BEFORE = "«»\"“”'’ \u00a0"
_FUNCTION = frozenset({"of", "the", "and", "for", "in", "on", "и", "по", "в", "на", "для"})


class Definition(NamedTuple):
    short: str  # ОТГ, OTS
    words: tuple[Word, ...]  # the long form, as written


def definitions(text: str) -> list[Definition]:
    """Every "long form (ABBR)" of `text` whose letters fit."""
    found: list[Definition] = []
    for match in _BRACKETED.finditer(text):
        short = match.group(1)
        if not is_abbreviation_like(short):
            continue
        before = text[: match.start()].rstrip(_BEFORE)
        pieces = chunks(before)
        if not pieces:
            continue
        words = pieces[-1]
        long_form = _long_form(short, words)
        if long_form:
            found.append(Definition(short, tuple(long_form)))
    return found


def _long_form(short: str, words: list[Word]) -> list[Word]:
    """The words whose initials spell `short`, walking back from the bracket; function
    words (of, the, и) are passed over; a hyphenated word offers each part's initial."""
    letters = [c.lower() for c in short if c.isalpha()]
    k = len(letters)
    for index in range(len(words) - 1, -1, -1):
        word = words[index].text
        if word.lower() in _FUNCTION:
            continue
        parts = [p for p in word.split("-") if p]
        initials = [p[0].lower() for p in parts]
        if k - len(initials) >= 0 and letters[k - len(initials) : k] == initials:
            k -= len(initials)
        elif letters[k - 1] == initials[0]:
            k -= 1
        else:
            return []
        if k == 0:
            return list(words[index:])
    return []
