"""Evidence channels: the kinds of token a sentence's evidence vector is made of.

A token is `CHANNEL:value` (`n:2026`, `c:tokayev`); its channel sets its weight. Tokens are
made only through `Channel.token`, and a token whose prefix names no channel is an error when
the vectors are built, so a misspelt prefix can never silently weigh nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Channel(StrEnum):
    NUMBER = "n"
    """Numbers, dates, Roman numerals (numbers.py)."""
    MONTH = "month"
    """Month names as their number (numbers.py)."""
    COGNATE = "c"
    """Names and cognates, matched after transliteration (names.py)."""
    GLOSSARY = "g"
    """Glossary concepts (terms.py)."""
    DICTIONARY = "d"
    """User dictionary entries (terms.py)."""
    PUNCTUATION = "p"
    """Question and exclamation marks, quotes, brackets, dashes … (structure.py)."""
    LEXICON = "lt"
    """Target pieces of the learned lexicon (lexicon.py); its vectors are built there."""

    def token(self, value: object) -> str:
        return f"{self.value}:{value}"

    @classmethod
    def of(cls, token: str) -> Channel:
        """The channel of a token; ValueError for a prefix that names none."""
        return cls(token.split(":", 1)[0])


WEIGHTS: Mapping[Channel, float] = MappingProxyType(
    {
        Channel.NUMBER: 2.0,
        Channel.MONTH: 1.5,
        Channel.COGNATE: 1.0,
        Channel.GLOSSARY: 2.0,
        Channel.DICTIONARY: 1.5,
        Channel.PUNCTUATION: 0.5,
        Channel.LEXICON: 1.0,
    }
)
"""Weight of each channel's tokens (times their inverse document frequency)."""
