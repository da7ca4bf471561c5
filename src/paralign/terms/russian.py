"""Russian term candidates: noun phrases and names, found with pymorphy3's tags.

The patterns, over the tags of every reading of each word (the right reading is the one
the pattern needs):

- ADJ* NOUN (ADJ-gen* NOUN-gen)*: «Организация тюркских государств», «Цифровой коридор»,
  «Турецкая Республика Северного Кипра», «статус наблюдателя»; the adjectives agree with
  the noun after them in case, number and (singular) gender;
- names: two or three capitalised words read as first names, surnames or unknown words in
  one case («Касым-Жомарт Токаев»), or initials and a surname («К.-Ж. Токаев»);
- abbreviations (ОТГ, ТюркПА, ТЮРКСОЙ) as nouns that never inflect.

A candidate is counted by its form (the words in lower case); `paralign.terms.lemmas` groups
the forms by lemma once the whole corpus has voted, and writes each candidate in its
dictionary form.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from functools import lru_cache
from typing import NamedTuple

from paralign.glossary import morph  # the one analyser, shared with the matcher
from paralign.terms.words import (
    INITIALS,
    MAX_WORDS,
    ChunkKey,
    Word,
    chunk_keys,
    is_abbreviation_like,
    key_words,
    text_phrases,
)

_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_GENITIVE = frozenset({"gent", "gen2"})
PLACE_PREPOSITIONS = frozenset({"в", "на"})
_FUNCTION = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED"})
CASE_ALIAS = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct"}


class Reading(NamedTuple):
    """One pymorphy3 reading of a word, reduced to what the patterns ask: part of speech
    ('N' noun, 'A' adjective), case, number, gender, lemma, whether it is a name."""

    pos: str
    case: str
    number: str
    gender: str
    lemma: str
    name: bool


class Phrase(NamedTuple):
    """A candidate occurrence: its form (lower-case words, ё as е), the words as written,
    whether it starts a sentence, and its kind ('np', 'name', 'abbr')."""

    form: tuple[str, ...]
    words: tuple[str, ...]
    initial: bool
    kind: str


def norm(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def readings(lower: str) -> tuple[Reading, ...]:
    """The noun and adjective readings of a lower-case word (none for verbs, prepositions,
    pronouns and numerals: they end a phrase)."""
    found: list[Reading] = []
    if len(lower) < 2:  # в, г, с: prepositions and abbreviations of год, век
        return ()
    parses = morph().parse(lower)
    if any(p.tag.POS in _FUNCTION and p.score >= 0.05 for p in parses):
        return ()  # по, том, тем: a function word first, whatever else it may be
    for parse in parses:
        tag = parse.tag
        if "Abbr" in tag:
            continue
        pos = tag.POS
        lemma = parse.normal_form.replace("ё", "е")
        if pos == "NOUN":
            kind = "N"
        elif pos in ("ADJF", "PRTF") and "Apro" not in tag and "Anum" not in tag:
            kind = "A"
        elif pos is None and ("UNKN" in tag or "LATN" in tag):
            found.append(Reading("N", "*", "*", "*", lower, True))
            continue
        else:
            continue
        case = str(tag.case or "")
        case = CASE_ALIAS.get(case, case)
        reading = Reading(
            kind,
            case,
            str(tag.number or "*"),
            str(tag.gender or "*"),
            lemma,
            bool(_NAME_TAGS & tag.grammemes),
        )
        if reading not in found:
            found.append(reading)
    if any(r.pos == "N" for r in found) and not any(
        r.lemma == lower and r.pos == "N" for r in found
    ):
        # The word as its own nominative: the dictionary reads «Токаев» only as a plural
        # of токай, while «Токаева», «Токаеву» read as the surname Токаев; offered here,
        # the lemma vote (`resolve_lemmas`) can join them.
        found.append(Reading("N", "nomn", "sing", "*", lower, False))
    return tuple(found)


def word_readings(word: Word) -> tuple[Reading, ...]:
    if word.kind == INITIALS:
        return ()
    if is_abbreviation_like(word.text):
        return (Reading("N", "*", "*", "*", "=" + word.text, True),)
    return readings(norm(word.text))


def agree(adjective: Reading, noun: Reading) -> bool:
    if noun.case == "*":
        return True
    if adjective.case != noun.case or adjective.number != noun.number:
        return False
    return noun.number == "plur" or noun.gender in ("*", "ms-f") or adjective.gender == noun.gender


def heads(adjectives: list[tuple[Reading, ...]], nouns: Iterable[Reading]) -> list[Reading]:
    """The noun readings every adjective before them can agree with."""
    return [
        noun
        for noun in nouns
        if all(any(a.pos == "A" and agree(a, noun) for a in word) for word in adjectives)
    ]


def spans(analysed: list[tuple[Reading, ...]]) -> list[tuple[int, int, int]]:
    """(start, end, head) of every noun phrase in a chunk's readings."""
    found: list[tuple[int, int, int]] = []
    count = len(analysed)
    for i in range(count):
        for h in range(i, min(count, i + MAX_WORDS)):
            nouns = [r for r in analysed[h] if r.pos == "N"]
            if nouns and heads(analysed[i:h], nouns):
                found.append((i, h + 1, h))
                _tails(analysed, i, h + 1, h, found)
            if not any(r.pos == "A" for r in analysed[h]):
                break
    return found


def _tails(
    analysed: list[tuple[Reading, ...]],
    start: int,
    at: int,
    head: int,
    found: list[tuple[int, int, int]],
) -> None:
    """Genitive groups after a head: (ADJ-gen agreeing)* NOUN-gen, each ending a phrase."""
    group = at
    end = min(len(analysed), start + MAX_WORDS)
    g = at
    while g < end:
        nouns = [r for r in analysed[g] if r.pos == "N" and r.case in _GENITIVE | {"*"}]
        if nouns and heads(analysed[group:g], nouns):
            found.append((start, g + 1, head))
            group = g + 1
        elif not any(r.pos == "A" and r.case in _GENITIVE for r in analysed[g]):
            return
        g += 1


def _names(chunk: list[Word], analysed: list[tuple[Reading, ...]]) -> list[tuple[int, int]]:
    """Initials + surname, and runs of two or three capitalised name words in one case."""
    found: list[tuple[int, int]] = []
    count = len(chunk)
    for i, word in enumerate(chunk):
        if word.kind == INITIALS and i + 1 < count and chunk[i + 1].text[:1].isupper():
            if any(r.pos == "N" for r in analysed[i + 1]):
                found.append((i, i + 2))
            continue
        for size in (2, 3):
            j = i + size
            if j > count:
                break
            run = chunk[i:j]
            if not all(w.kind != INITIALS and w.text[:1].isupper() for w in run):
                break
            if all(w.initial for w in run[:1]) and not any(r.name for r in analysed[i]):
                break
            if not any(r.name for k in range(i, j) for r in analysed[k]):
                continue
            cases = [{r.case for r in analysed[k] if r.pos == "N"} for k in range(i, j)]
            if all(cases) and (
                {"*"} & cases[0].union(*cases[1:]) or set.intersection(*[c - {"*"} for c in cases])
            ):
                found.append((i, j))
    return found


def phrases(text: str) -> list[Phrase]:
    """Every candidate occurrence in a Russian text, nested ones included."""
    return text_phrases(text, _chunk_phrases)


def phrases_within(text: str, vocabulary: Container[str]) -> list[Phrase]:
    """The candidate occurrences in `text` made of words of `vocabulary` only (forms as
    `Phrase.form` writes them): what the second pass looks for. A word outside it is never
    analysed, so the names seen once or twice (a TM's endless supply) cost nothing there."""
    found: list[Phrase] = []
    for key in chunk_keys(text):
        run: list[tuple[str, int, bool]] = []
        for item in key:
            if key_form(item[0], item[1]) in vocabulary:
                run.append(item)
                continue
            if run:
                found.extend(_chunk_phrases(tuple(run)))
                run = []
        if run:
            found.extend(_chunk_phrases(tuple(run) if len(run) < len(key) else key))
    return found


@lru_cache(maxsize=100_000)
def key_form(text: str, kind: int) -> str:
    """A word's part of a candidate's form: initials and abbreviations as written (marked
    with =, they never inflect), any other word in lower case with ё as е."""
    if kind == INITIALS or is_abbreviation_like(text):
        return "=" + text
    return norm(text)


@lru_cache(maxsize=100_000)
def _chunk_phrases(key: ChunkKey) -> tuple[Phrase, ...]:
    """The phrases of one chunk, once per distinct chunk: a TM repeats its phrases."""
    chunk = key_words(key)
    found: list[Phrase] = []
    if chunk:
        analysed = [word_readings(w) for w in chunk]
        seen: set[tuple[int, int]] = set()
        for start, end in _names(chunk, analysed):
            seen.add((start, end))
            found.append(_phrase(chunk[start:end], "name"))
        for start, end, _head in spans(analysed):
            if (start, end) in seen:
                continue
            seen.add((start, end))
            words = chunk[start:end]
            kind = "abbr" if end - start == 1 and analysed[start][0].lemma[:1] == "=" else "np"
            found.append(_phrase(words, kind))
            if end - start == 1 + (_head - start) and end + 1 < len(chunk):
                place = _place(chunk[end], chunk[end + 1], analysed[end + 1])
                if place and (start, end + 2) not in seen:
                    seen.add((start, end + 2))
                    found.append(_phrase(chunk[start : end + 2], "np"))
    return tuple(found)


def _place(preposition: Word, word: Word, analysed: tuple[Reading, ...]) -> bool:
    """«в Туркестане», «в Стамбуле»: в/на and a place name in the locative, which a head
    noun may take as part of a term («саммит в Туркестане»)."""
    return (
        preposition.text in PLACE_PREPOSITIONS
        and word.text[:1].isupper()
        and any(r.pos == "N" and r.case == "loct" and r.name for r in analysed)
    )


def _phrase(words: list[Word], kind: str) -> Phrase:
    return Phrase(
        tuple(form_word(w) for w in words), tuple(w.text for w in words), words[0].initial, kind
    )


def form_word(word: Word) -> str:
    return key_form(word.text, word.kind)
