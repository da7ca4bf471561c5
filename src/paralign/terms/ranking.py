"""Ranking: the pairs an editor most wants to fix first come first.

score = log2(1 + joint TUs) × termhood × (0.2 + 0.8 × independence) × confidence

- termhood: names, abbreviations and multiword phrases 1; a single common word the
  dictionary knows («страна», "country") 0.25, one it does not know («пантюркизм») 0.8;
  phrases past three words lose a fifth a word unless they are names; what is not a name
  is further weighed by how general its words are (`reference.specificity`: «прошлый
  год» / "last year" is basic vocabulary, «тюркская интеграция» is not);
- independence: the share of the Russian side's TUs outside its most frequent longer
  candidate (C-value's idea);
- confidence: Dice × (0.5 + 0.5 × lexical support), × 1.25 when each side chose the
  other, × 0.6 when not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from paralign.glossary import morph
from paralign.numbers import ENGLISH_MONTHS
from paralign.terms import russian
from paralign.terms.english import STOPWORDS
from paralign.terms.model import Pair
from paralign.terms.reference import specificity

# English capitalises days and months by spelling, not because they are names.
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CALENDAR = frozenset((*_WEEKDAYS, *ENGLISH_MONTHS))


@dataclass(frozen=True, slots=True)
class Ranked:
    pair: Pair
    score: float


def termhood(pair: Pair) -> float:
    ru = pair.ru
    words = ru.text.split()
    if ru.name or (pair.en.name and pair.en.text.lower() not in _CALENDAR):
        factor = 1.0
    elif len(words) > 1:
        factor = 0.9
    else:
        known = any(
            r.lemma == ru.key[0] and r.pos == "N"
            for r in russian.readings(words[0].lower().replace("ё", "е"))
        ) and _in_dictionary(words[0])
        factor = 0.25 if known else 0.8
    if len(words) > 3 and not ru.name:
        factor *= 0.8 ** (len(words) - 3)
    if factor < 1.0:  # not a name: how far its words are general language
        content = tuple(w for w in pair.en.text.split() if w.lower() not in STOPWORDS)
        factor *= specificity(ru.key, content)
    return factor


def _in_dictionary(word: str) -> bool:
    return any(p.is_known for p in morph().parse(word.lower()))


def score(pair: Pair) -> float:
    confidence = pair.dice * (0.5 + 0.5 * pair.lexicon) * (1.25 if pair.mutual else 0.6)
    return math.log2(1 + pair.joint) * termhood(pair) * (0.2 + 0.8 * pair.independence) * confidence


def rank(pairs: list[Pair]) -> list[Ranked]:
    ranked = [Ranked(p, score(p)) for p in pairs]
    ranked.sort(key=lambda r: (-r.score, r.pair.ru.text, r.pair.en.text))
    return ranked
