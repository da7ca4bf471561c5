"""Finding glossary terms in sentences, whatever their inflection.

A term and a sentence are both cut into word tokens (hyphens, dots, quotes and apostrophes
separate or vanish, so “Digital Corridor”, "Digital Corridor" and «Цифровой коридор» are
the same sequence). Each token becomes a small set of keys, and a term matches where each
of its tokens shares a key with the sentence token at the same position:

- Russian: every pymorphy3 lemma of the word («Организацией» → организация), plus prefix
  keys so that words the dictionary does not know still match their inflected forms
  (Озал / Озала / Озалом, Токаев / Токаева);
- English and other Latin-script languages: the Snowball stem of the word with its
  diacritics folded (Corridors → corridor, Erdoğan's → erdogan);
- ALLCAPS tokens of two letters or more (OTS, ОТГ, КНР) are abbreviations: matched by
  exact form and case only.

Folding diacritics in the keys means "Erdogan" is found where the glossary says "Erdoğan";
`TermMatch.exact` is False then, and the check reports a variant rather than a miss.

Terms are indexed by the keys of their first token, so a sentence is matched in one pass
over its tokens; lemmas and keys are cached per distinct word.

`paralign.glossary_near` asks the other question on the same tokens and keys: which words
of a text come close to a concept's terms without being one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate
from typing import Any, NamedTuple

from paralign.lang import primary as primary_subtag
from paralign.memo import repeated
from paralign.model import Concept, Glossary, Status, Term

_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
# The same tokens as _WORD, with what lies between them: words at odd indices, and offsets
# from the lengths, without a match object per word.
SPLIT = re.compile(r"([^\W_]+(?:['’ʼ][^\W_]+)*)")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_LATIN_MARK = re.compile("[\u0080-\u03ff]")
_RU_VOWEL_END = "аяоеёиыуюь"
_STATUS_RANK = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.SUPERSEDED: 2, Status.DEPRECATED: 3}
_SPECIAL_FOLD = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "ł": "l", "Ł": "L"}
)


class TermMatch(NamedTuple):
    """A glossary term found in a text: characters [start, end) of it.

    `exact` is False when the text differs from the term in its diacritics only
    ("Erdogan" for "Erdoğan"): the same term, written in a form the glossary does not list.
    A named tuple: a large TMX makes millions of them, and `_match` builds one in a fraction
    of a frozen dataclass's time.
    """

    concept: str
    term: Term
    start: int
    end: int
    text: str
    exact: bool = True


_match = partial(tuple.__new__, TermMatch)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


def tokens(text: str) -> list[_Token]:
    """Word tokens of `text` with their offsets; punctuation and hyphens separate them."""
    return [_Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def fold(text: str) -> str:
    """Latin diacritics removed (Erdoğan → Erdogan, Özal → Ozal); ё becomes е; Cyrillic
    letters otherwise kept (й stays й)."""
    out = []
    for char in text.translate(_SPECIAL_FOLD):
        if char in "ёЁ":
            out.append("е" if char == "ё" else "Е")
        elif ord(char) < 0x0400 and ord(char) > 0x7F:
            out.append(
                "".join(
                    c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
                )
            )
        else:
            out.append(char)
    return "".join(out)


def _marks(token: str) -> str:
    """The Latin letters of `token` that carry diacritics, in order: what folding removes."""
    return "".join(_LATIN_MARK.findall(token.lower()))


def is_abbreviation(word: str) -> bool:
    """OTS, ОТГ, KNR: two or more letters, all capitals."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=1)
def morph() -> Any:  # pymorphy3 ships no type hints
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Any:  # snowballstemmer ships no type hints
    import snowballstemmer

    try:
        return snowballstemmer.stemmer(language)
    except KeyError:
        return None


_SNOWBALL = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "tr": "turkish",
    "uk": "russian",
}


@lru_cache(maxsize=20_000)
def _ru_keys(word: str) -> frozenset[str]:
    lower = fold(word.lower())
    keys = {p.normal_form.replace("ё", "е") for p in morph().parse(lower)}
    keys.add("~" + lower)
    for cut in (1, 2, 3):
        if len(lower) - cut >= 4:
            keys.add("~" + lower[:-cut])
    return frozenset(keys)


@lru_cache(maxsize=20_000)
def _latin_keys(word: str, lang: str) -> frozenset[str]:
    lower = fold(word.lower()).replace("’", "'").replace("ʼ", "'")
    stemmer = _stemmer(_SNOWBALL.get(lang, "english"))
    return frozenset({stemmer.stemWord(lower) if stemmer else lower})


def text_keys(word: str, lang: str) -> frozenset[str]:
    """The keys a word of a sentence offers to the terms."""
    if is_abbreviation(word):
        return frozenset({"=" + word})
    base, apostrophe, ending = word.partition("’" if "’" in word else "'")
    if apostrophe and ending in ("s", "S") and is_abbreviation(base):
        return frozenset({"=" + base})  # OTS’s, the PRC's
    if _CYRILLIC.search(word):
        return _ru_keys(word)
    return _latin_keys(word, lang)


@lru_cache(maxsize=20_000)  # alignment builds a dictionary's entries into a matcher per document
def term_keys(word: str, lang: str) -> frozenset[str]:
    """The keys one word of a term asks for: its lemmas, or its exact form if an abbreviation.

    Russian term words also ask for their plain form as a prefix key (and without a final
    vowel), which the sentence word offers when it is that form plus an inflection ending.
    """
    if is_abbreviation(word):
        return frozenset({"=" + word})
    if _CYRILLIC.search(word):
        lower = fold(word.lower())
        keys = {p.normal_form.replace("ё", "е") for p in morph().parse(lower)}
        keys.add("~" + lower)
        if lower[-1] in _RU_VOWEL_END and len(lower) > 4:
            keys.add("~" + lower[:-1])
        return frozenset(keys)
    return _latin_keys(word, lang)


@dataclass(frozen=True, slots=True)
class _Entry:
    concept: str
    term: Term
    keys: tuple[frozenset[str], ...]
    marks: tuple[str, ...]
    words: tuple[str, ...]


class TermMatcher:
    """All terms of a glossary, indexed per language by the keys of their first two words.

    Two words, not one: many terms share a head word (Институт «Карвел», Институт «Зардан»),
    and a second-level lookup keeps a sentence's scan from trying them all.
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.concepts: dict[str, Concept] = {c.id: c for c in glossary.concepts}
        self._index: dict[str, dict[str, dict[str, list[_Entry]]]] = {}
        self._keys: dict[str, dict[str, tuple[frozenset[str], tuple[Any, ...], str]]] = {}
        self._vocabulary: dict[str, frozenset[str]] = {}
        self._primary: dict[str, str] = {}
        self._memo: dict[str, dict[tuple[str, ...], tuple[tuple[int, int, _Entry, bool], ...]]] = {}
        # A text seen lately is answered without its words (`paralign.memo`).
        self._found = repeated(4096)(self._find)

    def _language_index(self, lang: str) -> dict[str, dict[str, list[_Entry]]]:
        index = self._index.get(lang)
        if index is None:
            index = {}
            for concept in self.glossary.concepts:
                for term in concept.terms_in(lang):
                    words = [t.text for t in tokens(term.text)]
                    if not words:
                        continue
                    entry = _Entry(
                        concept.id,
                        term,
                        tuple(term_keys(w, lang) for w in words),
                        tuple(_marks(w) for w in words),
                        tuple(w.casefold() for w in words),
                    )
                    for first in entry.keys[0]:
                        level = index.setdefault(first, {})
                        for second in entry.keys[1] if len(words) > 1 else ("",):
                            level.setdefault(second, []).append(entry)
            self._index[lang] = index
            self._keys[lang] = {}
            self._memo[lang] = {}
            self._vocabulary[lang] = frozenset(
                key
                for levels in index.values()
                for entries in levels.values()
                for entry in entries
                for word_keys in entry.keys
                for key in word_keys
            )
        return index

    def vocabulary(self, lang: str) -> frozenset[str]:
        """Every key some term of `lang` (a primary subtag) is written with."""
        self._language_index(lang)
        return self._vocabulary[lang]

    def _learn(
        self, word: str, lang: str, index: dict[str, dict[str, list[_Entry]]]
    ) -> tuple[frozenset[str], tuple[dict[str, list[_Entry]], ...], str]:
        """A word's keys, the index levels it opens and its diacritics, once per word."""
        vocabulary = self._vocabulary[lang]
        if word.isdigit():  # not cached: a corpus holds too many distinct numbers
            if word not in vocabulary:
                return _NOTHING
            return frozenset({word}), (index[word],) if word in index else (), ""
        # Only keys some term asks for matter: most words keep none, which keeps scans short.
        keys = text_keys(word, lang) & vocabulary
        known = (keys, _merged(index[k] for k in keys if k in index), _marks(word))
        cache = self._keys[lang]
        if len(cache) < 100_000:
            cache[word] = known
        return known

    def find(self, text: str, lang: str) -> tuple[TermMatch, ...]:
        """Terms of language `lang` in `text`, leftmost-longest, not overlapping."""
        return self._found(text, lang)

    def _find(self, text: str, lang: str) -> tuple[TermMatch, ...]:
        primary = self._primary.get(lang)
        if primary is None:
            primary = self._primary[lang] = primary_subtag(lang)
        index = self._index.get(primary)
        if index is None:
            index = self._language_index(primary)
        if not index:
            return ()
        cache = self._keys[primary]
        parts = SPLIT.split(text)
        words = parts[1::2]
        get = cache.get
        known = [get(w) or self._learn(w, primary, index) for w in words]
        opens = [i for i, k in enumerate(known) if k[1]]
        if not opens:
            return ()
        count = len(words)
        memo = self._memo[primary]
        found: list[TermMatch] = []
        offsets: list[int] = []
        after = 0
        for i in opens:
            if i < after:
                continue
            # A term never spans a word no term asks for, so the terms from i on depend only
            # on the words up to the next such word: the same run of words is decided once.
            end = i + 1
            while end < count and known[end][0]:
                end += 1
            run = tuple(words[i:end])
            hits = memo.get(run)
            if hits is None:
                hits = _run(known[i:end], words[i:end])
                if len(memo) < 200_000:
                    memo[run] = hits
            after = end
            if not hits:
                continue
            if not offsets:
                offsets = [0, *accumulate(map(len, parts))]
            for at, size, chosen, exact in hits:
                start, stop = offsets[2 * (i + at) + 1], offsets[2 * (i + at + size)]
                found.append(
                    _match((chosen.concept, chosen.term, start, stop, text[start:stop], exact))
                )
        return tuple(found)


def _run(
    known: list[tuple[frozenset[str], tuple[dict[str, list[_Entry]], ...], str]],
    words: list[str],
) -> tuple[tuple[int, int, _Entry, bool], ...]:
    """The terms of a run of words, leftmost-longest: (first word, words, entry, whether
    the diacritics agree) each."""
    hits = []
    i = 0
    while i < len(known):
        best = _best(known[i:], words[i:]) if known[i][1] else ()
        if best:
            hits.append((i, *best))
            i += best[0]
        else:
            i += 1
    return tuple(hits)


def _best(
    known: list[tuple[frozenset[str], tuple[dict[str, list[_Entry]], ...], str]],
    words: list[str],
) -> tuple[int, _Entry, bool] | tuple[()]:
    """The longest term starting at the first of a run of words, as (words it covers, its
    entry, whether the diacritics agree); () when none starts there."""
    count = len(known)
    keys = [k[0] for k in known]
    best: list[_Entry] = []
    best_len = 0
    following = keys[1] if count > 1 else ()
    for level in known[0][1]:
        for group in (level.get("", ()), *(level.get(k, ()) for k in following)):
            for entry in group:
                size = len(entry.keys)
                if size < best_len or size > count:
                    continue
                if size > 2 and not all(entry.keys[j] & keys[j] for j in range(2, size)):
                    continue
                if size > best_len:
                    best, best_len = [entry], size
                elif not any(entry is b for b in best):
                    best.append(entry)
    if not best:
        return ()
    marks = tuple(k[2] for k in known[:best_len])
    chosen, exact = _choose(best, marks, words[:best_len])
    return best_len, chosen, exact


_NOTHING: tuple[frozenset[str], tuple[dict[str, list[_Entry]], ...], str] = (frozenset(), (), "")


def _merged(levels: Iterable[dict[str, list[_Entry]]]) -> tuple[dict[str, list[_Entry]], ...]:
    """The levels a word opens, as one: its lemma and its prefix key often lead to the same
    terms, which would otherwise be tried twice at every occurrence of the word."""
    found = list(levels)
    if len(found) < 2:
        return tuple(found)
    merged: dict[str, list[_Entry]] = {}
    for level in found:
        for second, entries in level.items():
            kept = merged.setdefault(second, [])
            kept.extend(e for e in entries if not any(e is k for k in kept))
    return (merged,)


def _choose(
    entries: list[_Entry], marks: tuple[str, ...], surface: list[str]
) -> tuple[_Entry, bool]:
    """The term a surface form stands for when several share its keys: the one written with
    the same diacritics (Erdogan → the deprecated "Erdogan", not "Erdoğan"), then the one
    written with the same words (Institution, not Institute: one Snowball stem for both),
    then the best status."""
    if len(entries) == 1:
        return entries[0], entries[0].marks == marks
    words = tuple(w.casefold() for w in surface)
    ranked = sorted(
        entries,
        key=lambda e: (
            e.marks != marks,
            e.words != words,
            _STATUS_RANK.get(e.term.status, 9),
            e.term.text,
        ),
    )
    return ranked[0], ranked[0].marks == marks


def preferred(concept: Concept, lang: str) -> Term | None:
    """The preferred term of a concept in a language (else its first admitted one)."""
    terms = [t for t in concept.terms_in(lang) if t.status in (Status.PREFERRED, Status.ADMITTED)]
    terms.sort(key=lambda t: _STATUS_RANK[t.status])
    return terms[0] if terms else None


def is_abbreviation_term(term: Term) -> bool:
    """Abbreviations, short and full forms stand beside the preferred term by design (first
    mention in full, then short): they do not count as competing renderings of a concept."""
    # Cached on the two fields that decide, not the Term: hashing all nine of its fields
    # cost more than the answer, once per rendering.
    return _abbreviation_term(term.term_type, term.text)


@lru_cache(maxsize=4096)
def _abbreviation_term(term_type: str, text: str) -> bool:
    kind = term_type.replace(" ", "").lower()
    return kind in {"abbreviation", "acronym", "initialism", "shortform", "fullform"} or (
        is_abbreviation(text)
    )


def closest_admitted(concept: Concept, term: Term) -> Term | None:
    """The admitted term a variant stands for: the one it equals once diacritics and case are
    folded (Ozal → Özal), else the preferred term."""
    key = fold(term.text).casefold()
    for candidate in concept.terms_in(term.lang):
        admitted = candidate.status in (Status.PREFERRED, Status.ADMITTED)
        if admitted and fold(candidate.text).casefold() == key:
            return candidate
    return preferred(concept, term.lang)
