"""Unlisted variants of a glossary's terms: words of a text close to a concept's terms
without being one of them (a word changed, added or dropped, a name spelled a letter or two
apart), on the same tokens and keys as `paralign.glossary.TermMatcher`: what `term-variant`
reports.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from paralign.glossary import (
    SPLIT,
    TermMatcher,
    fold,
    is_abbreviation,
    term_keys,
    text_keys,
    tokens,
)
from paralign.lang import primary as primary_subtag
from paralign.model import Term


class NearMatch(NamedTuple):
    """Words of a text close to a glossary term of a concept but not that term: characters
    [start, end) of the text, the term they come closest to, and how far they are from it
    (`cost`: 0.3 a word spelled a letter or two apart, 1 a word changed, added or dropped)."""

    concept: str
    term: Term
    start: int
    end: int
    text: str
    cost: float


def near_terms(
    matcher: TermMatcher,
    text: str,
    lang: str,
    concept: str,
    taken: Sequence[tuple[int, int]] = (),
    within: Sequence[tuple[int, int]] = (),
) -> tuple[NearMatch, ...]:
    """Words of `text` close to a term of `concept` in `lang` but none of its terms (an
    unlisted variant: a word changed, added or dropped, a name spelled another way), best
    first, not overlapping each other nor the character spans `taken` (the terms the
    text does hold), and holding spans `within` (short forms: "Northern Cyprus" in
    "Turkic Republic of Northern Cyprus") whole or not at all. Abbreviations are matched
    exactly or not at all: none is sought."""
    primary = primary_subtag(lang)
    parts = SPLIT.split(text)
    words = parts[1::2]
    offsets = [0, *accumulate(map(len, parts))]
    keys = [text_keys(w, primary) for w in words]
    # A word some glossary term is written with ("Turkic", of the Turkic world) is a word
    # the glossary knows, not a misspelling of a one-word term ("Turkish").
    vocabulary = matcher.vocabulary(primary)
    known = [bool(k & vocabulary) for k in keys]
    found: list[NearMatch] = []
    for term in matcher.concepts[concept].terms_in(lang):
        if not is_abbreviation(term.text):
            found.extend(_near_term(concept, term, text, parts, keys, offsets, known))
    found.sort(key=lambda m: (m.cost, m.start, -m.end))
    blocked = SpanSet(taken)
    shorts = sorted(within)
    kept: list[NearMatch] = []
    for match in found:
        if not blocked.overlaps(match.start, match.end) and _holds_whole(
            shorts, match.start, match.end
        ):
            blocked.add(match.start, match.end)
            kept.append(match)
    return tuple(kept)


class SpanSet:
    """Character spans [start, end): some given at once (they may overlap), more added one by
    one (disjoint from all before), each question whether a span overlaps one of them
    answered by bisection, so a long text with many terms costs n log n, not n²."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        given = sorted(spans)
        self._starts = [start for start, _ in given]
        self._reach = list(accumulate((end for _, end in given), max))
        self._added_starts: list[int] = []
        self._added_ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        if i and self._reach[i - 1] > start:
            return True
        j = bisect_left(self._added_starts, end)
        return bool(j) and self._added_ends[j - 1] > start

    def add(self, start: int, end: int) -> None:
        j = bisect_left(self._added_starts, start)
        self._added_starts.insert(j, start)
        self._added_ends.insert(j, end)


def _holds_whole(shorts: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a window leaves each short form (sorted, disjoint) alone or holds it and more:
    the short form itself ("Turkic Council", close to the deprecated "Turkish Council") is a
    term, not a variant."""
    i = bisect_left(shorts, (end, end))
    while i and shorts[i - 1][1] > start:
        i -= 1
        inner_start, inner_end = shorts[i]
        if not start <= inner_start < inner_end <= end or (inner_start, inner_end) == (start, end):
            return False
    return True


def _near_term(
    concept: str,
    term: Term,
    text: str,
    parts: Sequence[str],
    keys: Sequence[frozenset[str]],
    offsets: Sequence[int],
    known: Sequence[bool],
) -> Iterator[NearMatch]:
    """The windows of a text within `_budget` of one term (`near_terms`); a one-word
    term is not looked for in words that are `known` (words of the glossary's terms)."""
    lang = primary_subtag(term.lang)
    term_words = [t.text for t in tokens(term.text)]
    words = parts[1::2]
    if not term_words:
        return
    wanted = [term_keys(t, lang) for t in term_words]
    content = [j for j, t in enumerate(term_words) if t.lower() not in _FUNCTION_WORDS]
    if len(term_words) > 1 and not any(k & wanted[j] for k in keys for j in content):
        return  # a window must match a content word of the term: none does
    costs = [
        [
            0.0 if k & want else _SPELLED if spelled_apart(w, t, lang) else 1.0
            for t, want in zip(term_words, wanted, strict=True)
        ]
        for w, k in zip(words, keys, strict=True)
    ]
    budget = _budget(len(term_words))
    for size in _sizes(len(term_words)):
        for first in range(len(words) - size + 1):
            last = first + size - 1
            if len(term_words) == 1 and known[first]:
                continue
            window = costs[first : last + 1]
            if not _window_fits(window, words[first : last + 1], term_words):
                continue
            cost = _distance(window)
            if 0 < cost <= budget and _joined(parts, first, last):
                start, end = offsets[2 * first + 1], offsets[2 * last + 2]
                # A window of the term's own size wins a tie: a word changed, not dropped.
                cost += abs(size - len(term_words)) / 100
                yield NearMatch(concept, term, start, end, text[start:end], cost)


# What may stand between the words of one name: spaces, hyphens, quotes, the dots of
# initials. A comma, a bracket or a dash ends a name: a window never crosses one.
_JOIN = re.compile(r"[\s\-‐‑.'’ʼ\"“”«»„]*")
_SPELLED = 0.3
_FUNCTION_WORDS = frozenset(
    "of the and for in on a an to by at de del la le и в во на по для из о об".split()  # noqa: SIM905
)


def _budget(size: int) -> float:
    """How far a window may be from a term of `size` words and still be its variant: one
    word spelled apart for a single word, two for two words (a changed word would leave one
    word of two: "Digital economy" is no variant of "Digital Corridor"), one word changed
    (and one spelled apart) from three words on."""
    return _SPELLED if size == 1 else 2 * _SPELLED if size == 2 else 1 + _SPELLED


def _forms(word: str, keys: frozenset[str]) -> frozenset[str]:
    """The spellings a word is compared by: its folded lower case and its lemmas or stem."""
    return frozenset({fold(word.lower()), *(k for k in keys if k[0] not in "~=")})


def spelled_apart(word: str, term_word: str, lang: str) -> bool:
    """Whether `word` is `term_word` misspelled or spelled another way (Tokaiev for Tokayev,
    Turkik for Turkic): one edit (a transposition counts one) when either word has at most
    six letters, two when both are longer. A word that begins with the other is a derivation
    or an inflection (Russia → Russian, Kazakh → Kazakhstan), not a misspelling; abbreviations
    never are."""
    if abs(len(word) - len(term_word)) > 4:
        return False  # most pairs: no letters compared
    return _spelled_apart(word, term_word, lang)


@lru_cache(maxsize=100_000)
def _spelled_apart(word: str, term_word: str, lang: str) -> bool:
    if is_abbreviation(word) or is_abbreviation(term_word):
        return False
    from rapidfuzz.distance import DamerauLevenshtein  # 15 ms to import: only when asked

    ours = _forms(word, text_keys(word, lang))
    theirs = _forms(term_word, term_keys(term_word, lang))
    if any(a.startswith(b) or b.startswith(a) for a in ours for b in theirs):
        return False  # Turks, Turkish: one stem, turk
    for a in ours:
        for b in theirs:
            bound = 1 if min(len(a), len(b)) <= 6 else 2  # Turkic is no misspelled Turkish
            if min(len(a), len(b)) >= 4 and DamerauLevenshtein.distance(a, b) <= bound:
                return True
    return False


def _distance(costs: Sequence[Sequence[float]]) -> float:
    """Word-level edit distance from a window to a term, from the cost of each window word
    (rows) against each term word (columns); a word added or dropped costs 1."""
    previous = [float(j) for j in range(len(costs[0]) + 1)]
    for i, row_costs in enumerate(costs, 1):
        row = [float(i)]
        for j, cost in enumerate(row_costs, 1):
            row.append(min(previous[j - 1] + cost, previous[j] + 1, row[j - 1] + 1))
        previous = row
    return previous[-1]


def _sizes(size: int) -> range:
    """The window sizes a term of `size` words is compared with: one word more or fewer
    from three words on ("Organization of the Turkic States")."""
    return range(size - 1, size + 2) if size >= 3 else range(size, size + 1)


def _joined(parts: Sequence[str], first: int, last: int) -> bool:
    """Whether words `first`..`last` (indices into `SPLIT` parts) stand as one name."""
    return all(_JOIN.fullmatch(parts[2 * k + 2]) for k in range(first, last))


def _window_fits(
    costs: Sequence[Sequence[float]], words: Sequence[str], term: Sequence[str]
) -> bool:
    """A window worth measuring. Its words match enough of the term's content words
    exactly: one of two, two from three on. A window of another size than the term has a
    term word at each end (a changed word at an end is a window of the term's size), and no
    window begins or ends with a function word; a single word keeps the term's capital
    (names)."""
    if len(costs) != len(term) and (min(costs[0]) >= 1 or min(costs[-1]) >= 1):
        return False
    if len(words) > 1 and {words[0].lower(), words[-1].lower()} & _FUNCTION_WORDS:
        return False  # "of Turkic States" is a name's end, not a name
    if len(term) == 1:
        return words[0][:1].isupper() == term[0][:1].isupper()
    exact = sum(
        1
        for j, term_word in enumerate(term)
        if term_word.lower() not in _FUNCTION_WORDS and any(row[j] == 0 for row in costs)
    )
    return exact >= (1 if len(term) == 2 else 2)
