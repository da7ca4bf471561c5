"""Names and cognates: words that look alike once both scripts are Latin.

Cyrillic is transliterated with a table close to English usage (Токаев → tokaev, which
`rapidfuzz` finds near "tokayev"); everything else goes through unidecode (Erdoğan →
erdogan). Matching runs over the two vocabularies of a document pair, not over sentence
pairs: a source word is linked to the most similar target word with the same first
letter, and both then carry the same token. Latin-script pairs (de–fr) are matched directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from paralign.align.channels import Channel

_CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў"
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi ye g u"
_CYRILLIC = dict(zip(_CYRILLIC_LETTERS, _LATIN.split(), strict=True))
_WORD = re.compile(r"[^\W_]+")
MIN_LENGTH = 4
CUTOFF = 82.0


@lru_cache(maxsize=200_000)
def transliterate(word: str) -> str:
    """Lower-case Latin letters and digits for any word (ь, ъ and marks dropped)."""
    from unidecode import unidecode

    lower = word.lower()
    latin = "".join(_CYRILLIC.get(ch, ch) for ch in lower).replace("_", "")
    if not latin.isascii():
        latin = unidecode(latin)
    return "".join(ch for ch in latin if ch.isalnum())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def cognate_table(
    source_words: Iterable[str], target_words: Iterable[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """(source word → token, target word → token) for words with a look-alike on the other side."""
    from rapidfuzz import fuzz, process

    src = sorted({w for w in source_words if len(w) >= MIN_LENGTH and not w.isdigit()})
    tgt = sorted({w for w in target_words if len(w) >= MIN_LENGTH and not w.isdigit()})
    src_latin = {w: transliterate(w) for w in src}
    tgt_latin = {w: transliterate(w) for w in tgt}
    by_initial: dict[str, list[str]] = {}
    for word, latin in tgt_latin.items():
        if len(latin) >= MIN_LENGTH:
            by_initial.setdefault(latin[0], []).append(word)
    src_tokens: dict[str, str] = {}
    tgt_tokens: dict[str, str] = {}
    for initial, candidates in by_initial.items():
        queries = [
            w for w in src if src_latin[w][:1] == initial and len(src_latin[w]) >= MIN_LENGTH
        ]
        if not queries:
            continue
        choices = [tgt_latin[w] for w in candidates]
        scores = process.cdist(
            [src_latin[w] for w in queries], choices, scorer=fuzz.ratio, score_cutoff=CUTOFF
        )
        for row, query in enumerate(queries):
            best = int(scores[row].argmax())
            if scores[row, best] >= CUTOFF:
                token = Channel.COGNATE.token(choices[best])
                src_tokens[query] = token
                tgt_tokens[candidates[best]] = token
    return src_tokens, tgt_tokens
