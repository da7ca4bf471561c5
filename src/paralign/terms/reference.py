"""How general a candidate's words are: their frequency in general language (wordfreq).

Termhood is a contrast with general language (Ahmad's "weirdness", the domain/reference
ratio of most term extractors): «прошлый год» / "last year", «турецкий лидер» / "Turkish
leader" are made of words every newspaper uses, while a term of the domain has at least one
word general language seldom needs («тюркская интеграция», "Pan-Turkism"). The reference is
wordfreq's Zipf scale (log10 of occurrences per billion words, from Wikipedia, subtitles,
news, books and the web: 3 is one per million words, 5 a hundred per million), asked of
each content word: the Russian side by its lemmas, the English by its words in lower case.
wordfreq is installed from the package index with its lists (Apache-2.0; the lists CC BY-SA
4.0); nothing is fetched at run time.

A phrase is as specific as its rarest word; a pair, by the mean of its two sides (each
language's reference alone over- or under-rates some words: the English lists meet
"Kazakhstan" less often than the Russian «Казахстан»). Abbreviations and words with digits
are left out of the reckoning. A hyphenated compound is one word that wordfreq would split
into its parts, and it is far rarer than they are («военно-политический» beside «военный»
and «политический»): it is reckoned as if its parts met by chance, the product of their
frequencies.
"""

from __future__ import annotations

from functools import lru_cache

# Zipf 3 (one per million words) and below: specialised vocabulary; Zipf 5 (a hundred per
# million) and above: the basic vocabulary of the language. Between the two the factor
# falls linearly from 1 to GENERAL_FACTOR.
SPECIAL_ZIPF = 3.0
BASIC_ZIPF = 5.0
GENERAL_FACTOR = 0.5


@lru_cache(maxsize=50_000)
def zipf(word: str, lang: str) -> float:
    """The word's Zipf frequency in general `lang` (0 for a word the reference lacks)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def _countable(word: str) -> bool:
    return bool(word) and not word.startswith("=") and not any(ch.isdigit() for ch in word)


def word_zipf(word: str, lang: str) -> float:
    """`zipf`, a hyphenated compound as the chance meeting of its parts: P(a)·P(b), which on
    the Zipf scale (per billion words) is Zipf(a) + Zipf(b) − 9."""
    parts = [p for p in word.lower().replace("‐", "-").replace("‑", "-").split("-") if p]
    if len(parts) < 2:
        return zipf(word.lower(), lang)
    return max(sum(zipf(p, lang) for p in parts) - 9.0 * (len(parts) - 1), 0.0)


def rarest(words: tuple[str, ...], lang: str) -> float | None:
    """The Zipf frequency of the rarest countable word (None when none is countable)."""
    found = [word_zipf(w, lang) for w in words if _countable(w)]
    return min(found) if found else None


def generality(ru_lemmas: tuple[str, ...], en_words: tuple[str, ...]) -> float | None:
    """How general a pair's words are, on the Zipf scale (None: nothing to judge by)."""
    sides = [z for z in (rarest(ru_lemmas, "ru"), rarest(en_words, "en")) if z is not None]
    return sum(sides) / len(sides) if sides else None


def specificity(ru_lemmas: tuple[str, ...], en_words: tuple[str, ...]) -> float:
    """1 for a pair whose rarest words are specialised, down to GENERAL_FACTOR for one made
    of basic vocabulary only."""
    general = generality(ru_lemmas, en_words)
    if general is None or general <= SPECIAL_ZIPF:
        return 1.0
    share = min((general - SPECIAL_ZIPF) / (BASIC_ZIPF - SPECIAL_ZIPF), 1.0)
    return 1.0 - share * (1.0 - GENERAL_FACTOR)
