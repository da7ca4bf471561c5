"""English term candidates: word n-grams that could be a noun phrase or a name.

No tagger is downloaded, so the pattern is light: one to six words of a chunk that neither
start nor end with a function word, with only `of`, `the`, `and`, `for`, `in`, `on` inside
("Organization of Turkic States", "balance of power", "Union of Soviet Socialist
Republics"). Which n-gram is a term is decided by what it is paired with on the Russian
side and by the ranking, not here. An n-gram whose content words are all capitalised (or
an abbreviation) is a *name*: the miner pairs those from the English side too.

Candidates are grouped by the keys the glossary matcher uses (Snowball stems, diacritics
folded; abbreviations by their exact form; hyphenated words by their parts), so
"Digital Corridor", "digital corridors" and the matcher agree on what is one term.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from paralign.terms.words import (
    INITIALS,
    MAX_WORDS,
    ChunkKey,
    Word,
    is_abbreviation_like,
    key_words,
    text_phrases,
)

INSIDE = frozenset({"of", "the", "and", "for", "in", "on"})
_STOPWORD_TEXT = """
    a an the of and or but nor for in on at to by from with without within into onto upon
    over under about above below after before between among against during through toward
    towards via per as than then so such that this these those there here which who whom
    whose what when where why how whether while since until unless although though because
    if also only even still yet already again very more most less least much many few some
    any all both each either neither every other another own same not no is are was were be
    been being am has have had having do does did done doing will would shall should can
    could may might must it its it's they them their theirs he him his she her hers we us
    our ours you your i me my one ones thereby thus therefore however moreover furthermore
    nonetheless instead rather just quite almost mainly mostly largely partly particularly
    especially namely including included regarding according due well like unlike new former
    latter further first second third two three four five six seven eight nine ten up down
    out off away around across along beyond behind s t
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


class Phrase(NamedTuple):
    """A candidate occurrence: its key (stems), the words as written, whether it starts a
    sentence, and whether it is a name."""

    key: tuple[str, ...]
    words: tuple[str, ...]
    initial: bool
    name: bool


@lru_cache(maxsize=200_000)
def word_key(word: str) -> tuple[str, ...]:
    """The matcher's keys of one word: its stem, or its parts' stems when hyphenated."""
    from paralign.glossary import text_keys

    if is_abbreviation_like(word):
        return ("=" + word,)
    parts = [p for p in word.replace("‐", "-").replace("‑", "-").split("-") if p]
    return tuple(min(text_keys(p, "en")) for p in parts)


def _function(word: Word) -> bool:
    return word.kind != INITIALS and word.text.lower() in STOPWORDS


def phrases(text: str) -> list[Phrase]:
    """Every candidate occurrence in an English text, nested ones included."""
    return text_phrases(text, _chunk_phrases)


@lru_cache(maxsize=100_000)
def _chunk_phrases(key: ChunkKey) -> tuple[Phrase, ...]:
    """The phrases of one chunk, once per distinct chunk: a TM repeats its phrases."""
    chunk = key_words(key)
    found: list[Phrase] = []
    if chunk:
        count = len(chunk)
        keys = [("=" + w.text,) if w.kind == INITIALS else word_key(w.text) for w in chunk]
        stop = [_function(w) for w in chunk]
        inside = [w.text in INSIDE for w in chunk]
        digits = [w.text.isdigit() for w in chunk]
        for i in range(count):
            if stop[i] or (digits[i] and not (i + 1 < count and not stop[i + 1])):
                continue
            phrase_key: tuple[str, ...] = ()
            for j in range(i, min(count, i + MAX_WORDS)):
                if stop[j] and not inside[j]:
                    break
                phrase_key += keys[j]
                if stop[j] or (chunk[j].kind == INITIALS):
                    continue
                words = chunk[i : j + 1]
                if all(digits[k] for k in range(i, j + 1)):
                    continue
                shown = tuple(w.text for w in words)
                found.append(Phrase(phrase_key, shown, chunk[i].initial, _is_name(words)))
    return tuple(found)


def _is_name(words: list[Word]) -> bool:
    content = [w for w in words if w.text not in INSIDE]
    if not content:
        return False
    if len(content) == 1 and content[0].initial and not is_abbreviation_like(content[0].text):
        return False  # a capital at the start of a sentence says nothing
    return all(w.text[:1].isupper() or w.text.isdigit() for w in content)
