"""Glossary terms and dictionary entries as shared tokens.

A glossary concept (or a dictionary entry) found on both sides of a bead is strong evidence.
Both are found by `paralign.glossary.TermMatcher`, the matcher the checks use (pymorphy3
lemmas for Russian, Snowball stems for English, abbreviations by exact form), so a matching
fix reaches alignment and checking alike; this module only turns what it finds into tokens.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from paralign.align.channels import Channel
from paralign.glossary import TermMatcher, tokens
from paralign.model import Concept, Glossary, ParalignError, Term

_WORD = re.compile(r"[^\W_]+")


def _stem(word: str) -> str:
    """The part of a dictionary word a document word must start with for `present_entries`
    to keep the entry: a cheap cut before matching, short endings free."""
    if len(word) <= 4:
        return word
    return word[: max(4, len(word) - 2)]


@dataclass(frozen=True)
class TermIndex:
    """What one side of a document pair is searched for: each matcher with the token of every
    concept it may report (concepts with terms on both sides only)."""

    lang: str
    sources: tuple[tuple[TermMatcher, Mapping[str, str]], ...] = ()

    def features(self, text: str) -> list[str]:
        """Tokens of the concepts and entries found in the text, each once, in text order."""
        found: dict[str, None] = {}
        for matcher, concept_tokens in self.sources:
            for match in matcher.find(text, self.lang):
                token = concept_tokens.get(match.concept)
                if token is not None:
                    found[token] = None
        return list(found)


_MATCHERS: dict[int, tuple[Glossary, TermMatcher]] = {}


def _glossary_matcher(glossary: Glossary) -> TermMatcher:
    """One matcher per glossary object for a whole run (its per-language index is built on
    first use, and a run aligns many documents with the same glossary)."""
    kept = _MATCHERS.get(id(glossary))
    if kept is None or kept[0] is not glossary:
        if len(_MATCHERS) >= 4:
            _MATCHERS.clear()
        kept = _MATCHERS[id(glossary)] = (glossary, TermMatcher(glossary))
    return kept[1]


def _on_both_sides(concept: Concept, src_lang: str, tgt_lang: str) -> bool:
    return all(any(tokens(t.text) for t in concept.terms_in(lang)) for lang in (src_lang, tgt_lang))


def term_index(
    glossary: Glossary | None,
    dictionary: Sequence[tuple[str, str]],
    src_lang: str,
    tgt_lang: str,
) -> tuple[TermIndex, TermIndex]:
    """(source index, target index) sharing one token per concept or dictionary entry."""
    sources: list[tuple[TermMatcher, Mapping[str, str]]] = []
    if glossary is not None and glossary.concepts:
        concept_tokens = {
            c.id: Channel.GLOSSARY.token(c.id)
            for c in glossary.concepts
            if _on_both_sides(c, src_lang, tgt_lang)
        }
        sources.append((_glossary_matcher(glossary), concept_tokens))
    if dictionary:
        entries = Glossary(
            tuple(
                Concept(str(number), (Term(src, src_lang), Term(tgt, tgt_lang)))
                for number, (src, tgt) in enumerate(dictionary)
            )
        )
        entry_tokens = {
            c.id: Channel.DICTIONARY.token(c.id)
            for c in entries.concepts
            if _on_both_sides(c, src_lang, tgt_lang)
        }
        sources.append((TermMatcher(entries), entry_tokens))
    return TermIndex(src_lang, tuple(sources)), TermIndex(tgt_lang, tuple(sources))


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
