"""Glossary terms and dictionary entries as shared tokens.

A glossary concept (or a dictionary entry) found on both sides of a bead is strong evidence.
Matching is deliberately plain — case-insensitive, word by word, each word of the term
matching a word of the sentence that starts with the term word minus a short ending — which
covers Russian and English inflection well enough for alignment (the checker does the
morphology-aware matching).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from paralign.align.channels import Channel
from paralign.model import Glossary, ParalignError

_WORD = re.compile(r"[^\W_]+")


def _stem(word: str) -> str:
    """The part of a term word a sentence word must start with: short endings may vary."""
    if len(word) <= 4:
        return word
    return word[: max(4, len(word) - 2)]


@dataclass(frozen=True, slots=True)
class Entry:
    token: str
    stems: tuple[tuple[str, ...], ...]
    """Each alternative form as a tuple of word stems."""


@dataclass(frozen=True)
class TermIndex:
    entries: tuple[Entry, ...]

    @cached_property
    def _by_start(self) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for entry in self.entries:
            for stems in entry.stems:
                index.setdefault(stems[0][:2], []).append((entry.token, stems))
        return index

    def features(self, text: str) -> list[str]:
        """Tokens of the entries whose words occur in order, adjacent, in the text."""
        if not self.entries:
            return []
        words = [w.lower() for w in _WORD.findall(text)]
        found: dict[str, None] = {}
        for start, word in enumerate(words):
            for token, stems in self._by_start.get(word[:2], ()):
                if token not in found and _occurs_at(stems, words, start):
                    found[token] = None
        return list(found)


def _occurs_at(stems: tuple[str, ...], words: Sequence[str], start: int) -> bool:
    if start + len(stems) > len(words):
        return False
    return all(
        words[start + k].startswith(stem) and len(words[start + k]) - len(stem) <= 4
        for k, stem in enumerate(stems)
    )


def _forms(texts: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    forms = []
    for text in texts:
        stems = tuple(_stem(w.lower()) for w in _WORD.findall(text))
        if stems:
            forms.append(stems)
    return tuple(dict.fromkeys(forms))


def term_index(
    glossary: Glossary | None,
    dictionary: Sequence[tuple[str, str]],
    src_lang: str,
    tgt_lang: str,
) -> tuple[TermIndex, TermIndex]:
    """(source index, target index) sharing one token per concept or dictionary entry."""
    src_entries: list[Entry] = []
    tgt_entries: list[Entry] = []
    if glossary is not None:
        for concept in glossary.concepts:
            src_forms = _forms(t.text for t in concept.terms_in(src_lang))
            tgt_forms = _forms(t.text for t in concept.terms_in(tgt_lang))
            if src_forms and tgt_forms:
                src_entries.append(Entry(Channel.GLOSSARY.token(concept.id), src_forms))
                tgt_entries.append(Entry(Channel.GLOSSARY.token(concept.id), tgt_forms))
    for number, (src, tgt) in enumerate(dictionary):
        src_forms, tgt_forms = _forms([src]), _forms([tgt])
        if src_forms and tgt_forms:
            src_entries.append(Entry(Channel.DICTIONARY.token(number), src_forms))
            tgt_entries.append(Entry(Channel.DICTIONARY.token(number), tgt_forms))
    return TermIndex(tuple(src_entries)), TermIndex(tuple(tgt_entries))


def present_entries(
    pairs: Sequence[tuple[str, str]],
    source: Sequence[str] | Sequence[list[str]],
    target: Sequence[str] | Sequence[list[str]],
) -> list[tuple[str, str]]:
    """The entries whose first words both occur in the document pair (a big dictionary such
    as mueller7 holds some 100,000 phrases; a document uses a few hundred)."""
    if not pairs:
        return []

    def prefixes(texts: Sequence[str] | Sequence[list[str]]) -> set[str]:
        found: set[str] = set()
        for item in texts:
            for word in item if isinstance(item, list) else _WORD.findall(item):
                lower = word.lower()
                found.update(lower[:k] for k in range(1, len(lower) + 1))
        return found

    src, tgt = prefixes(source), prefixes(target)
    kept = []
    for a, b in pairs:
        first_a, first_b = _WORD.findall(a.lower())[:1], _WORD.findall(b.lower())[:1]
        if first_a and first_b and _stem(first_a[0]) in src and _stem(first_b[0]) in tgt:
            kept.append((a, b))
    return kept


def parse_dictionary(text: str, path: Path | str) -> list[tuple[str, str]]:
    """(source phrase, target phrase) pairs from a hunalign dictionary or a TSV file.

    hunalign's format puts the target-language phrase first, `en @ ru` for a ru→en job; a
    TSV line is `source<TAB>target`. Lines starting with # are comments.
    """
    pairs = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if " @ " in line:
            tgt, src = (part.strip() for part in line.split(" @ ", 1))
        elif "\t" in line:
            src, tgt = (part.strip() for part in line.split("\t")[:2])
        else:
            raise ParalignError(
                f"{path}: line {number}: expected 'target @ source' or 'source<TAB>target'"
            )
        if src and tgt:
            pairs.append((src, tgt))
    if not pairs:
        raise ParalignError(f"{path}: no dictionary entries")
    return pairs
