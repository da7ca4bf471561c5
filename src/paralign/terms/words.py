"""Words of a sentence in chunks: the runs of words that a term may span.

A term never crosses punctuation (a comma, a bracket, a quote, a dash), so a sentence is cut
into chunks of words separated by spaces only. Hyphens and apostrophes stay inside a word
(«военно-политический», "Kazakh-Turkish", "Erdoğan's"); initials stay with the name after them
("K.-J. Tokayev", «Р. Т. Эрдоган»), as one word of kind INITIALS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple, TypeVar

_TOKEN_TEXT = r"[^\W_]+(?:[-‐‑'’ʼ][^\W_]+)*"
_TOKEN = re.compile(_TOKEN_TEXT)
# A chunk without initials: tokens separated by whitespace only (any other character between
# two tokens ends the chunk, as `chunks` has it).
_CHUNK = re.compile(rf"{_TOKEN_TEXT}(?:\s+{_TOKEN_TEXT})*")
# Initials before a name: one or two letters, capital first, a dot (K.-J., Sh., Р. Т.).
_INITIALS = re.compile(
    r"(?<![\w.])(?:[A-ZА-ЯЁ][a-zа-яё]?\.[ \u00a0]?-?[ \u00a0]?){1,3}(?=[A-ZА-ЯЁ][a-zа-яёğşçöüı])"
)
# What every initial ends with: a dot, then (past a space or hyphen) a capital; a cheap
# test before _INITIALS, whose look-behind is tried at every position of the text.
_DOT_CAPITAL = re.compile(r"\.[ \u00a0-]{0,3}[A-ZА-ЯЁ]")
_ENDS = re.compile(r"[.!?…:]")
_POSSESSIVE = re.compile(r"['’ʼ][sS]$")

WORD = 0
INITIALS = 1
# The longest candidate, in words, in either language: the two sides are paired, so one limit.
MAX_WORDS = 6


class Word(NamedTuple):
    text: str  # as written; an English possessive 's removed
    kind: int  # WORD or INITIALS
    initial: bool  # first word of a sentence: its capital letter says nothing
    start: int  # offset in the text


def chunks(text: str) -> list[list[Word]]:
    """The chunks of `text`, each a list of words in order."""
    initials = {m.start(): m.end() for m in _INITIALS.finditer(text)} if "." in text else {}
    found: list[list[Word]] = []
    current: list[Word] = []
    previous_end = -1
    skip = -1
    after_initials = False
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if start < skip:
            continue
        gap = text[max(previous_end, 0) : start]
        broken = bool(gap.strip())
        if current and broken:
            found.append(current)
            current = []
        # the first word of the text, or the first after . ! ? … or : (quotes aside)
        first = not after_initials and (previous_end < 0 or (broken and bool(_ENDS.search(gap))))
        after_initials = False
        if start in initials:
            stop = initials[start]
            shown = re.sub(r"\s*-\s*", "-", " ".join(text[start:stop].split()))
            current.append(Word(shown, INITIALS, first, start))
            skip = previous_end = stop
            after_initials = True
            continue
        token = match.group()
        word = _POSSESSIVE.sub("", token) if token[-1:] in "sS" else token
        current.append(Word(word, WORD, first, start))
        previous_end = end
    if current:
        found.append(current)
    return found


ChunkKey = tuple[tuple[str, int, bool], ...]


def chunk_key(chunk: list[Word]) -> ChunkKey:
    """What the phrases of a chunk depend on: the same words give the same phrases."""
    return tuple((w.text, w.kind, w.initial) for w in chunk)


def chunk_keys(text: str) -> list[ChunkKey]:
    """`chunk_key` of each of `chunks(text)`, without building the Words: the miner asks this
    of every text twice, and on a million TUs `chunks`' per-token bookkeeping was a third of
    its time. A text with initials takes the long way (they join words across the dots)."""
    if _DOT_CAPITAL.search(text) and _INITIALS.search(text):
        return [chunk_key(chunk) for chunk in chunks(text)]
    found: list[ChunkKey] = []
    end = -1
    for match in _CHUNK.finditer(text):
        start = match.start()
        # the first word of the text, or the first after . ! ? … or : (quotes aside)
        first = end < 0 or _ENDS.search(text, end, start) is not None
        end = match.end()
        group = match.group()
        tokens = group.split()
        if "'" in group or "’" in group or "ʼ" in group:
            tokens = [_POSSESSIVE.sub("", t) if t[-1] in "sS" else t for t in tokens]
        key = [(token, WORD, False) for token in tokens]
        if first:
            key[0] = (tokens[0], WORD, True)
        found.append(tuple(key))
    return found


P = TypeVar("P")


def text_phrases(text: str, chunk_phrases: Callable[[ChunkKey], tuple[P, ...]]) -> list[P]:
    """Every candidate occurrence in `text`, nested ones included: `chunk_phrases` (each
    language's own patterns, cached per distinct chunk) of each of its chunks in order."""
    found: list[P] = []
    for key in chunk_keys(text):
        found.extend(chunk_phrases(key))
    return found


def key_words(key: ChunkKey) -> list[Word]:
    """The Words of a chunk key, at offset 0: a chunk's phrases, cached by key, cannot
    depend on where in a text the chunk stood."""
    return [Word(text, kind, initial, 0) for text, kind, initial in key]


def written_word(text: str) -> Word:
    """A word of a candidate as the miner stored it (text only): initials end with a dot."""
    return Word(text, INITIALS if text.endswith(".") else WORD, False, 0)


def _has_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_abbreviation_like(word: str) -> bool:
    """OTS, ОТГ, ТюркПА, TÜRKSOY: two capitals or more, no lower-case start after the first
    letter run — written as a unit, never inflected by a dictionary."""
    return any(
        len(part) >= 2 and sum(c.isupper() for c in part) >= 2 and part[0].isupper()
        for part in word.split("-")
    )
