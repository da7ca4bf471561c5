"""What a reviewer sees highlighted: the anchors of each sentence, with their character spans.

An anchor is a token both languages can share: a number or date (`n:2026`, `month:5`, the
aligner's own number tokens), a name or cognate (`c:tokayev`, from the aligner's cognate table
over the document pair), or a glossary concept (`t:C12`). A bead's evidence is the anchors its
two sides have in common; the page computes that again after every edit, so the tokens are kept
per sentence, not per bead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paralign.model import Bitext, Glossary

if TYPE_CHECKING:
    from paralign.glossary import TermMatcher

# Candidates for number tokens: digit runs with their separators, month words, Roman numerals.
_NUMBERISH = re.compile(r"\d[\d.,:/\u00a0\u202f ]*\d|\d|[^\W\d_]{3,}")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Anchor:
    """Characters [start, end) of a sentence carry the token `key`."""

    start: int
    end: int
    key: str
    text: str


def sentence_anchors(
    bitext: Bitext, glossary: Glossary | None = None
) -> tuple[list[list[Anchor]], list[list[Anchor]]]:
    """The anchors of every source and every target sentence of a document pair."""
    from paralign.align.names import cognate_table, words

    src_texts = [s.text for s in bitext.source]
    tgt_texts = [s.text for s in bitext.target]
    src_cognates, tgt_cognates = cognate_table(
        {w for t in src_texts for w in words(t)}, {w for t in tgt_texts for w in words(t)}
    )
    matcher: TermMatcher | None = None
    if glossary is not None and glossary.concepts:
        from paralign.glossary import TermMatcher

        matcher = TermMatcher(glossary)
    return (
        [_anchors(t, bitext.src_lang, src_cognates, matcher) for t in src_texts],
        [_anchors(t, bitext.tgt_lang, tgt_cognates, matcher) for t in tgt_texts],
    )


def _anchors(
    text: str, lang: str, cognates: dict[str, str], matcher: TermMatcher | None
) -> list[Anchor]:
    from paralign.align.numbers import number_features

    found: list[Anchor] = []
    for match in _NUMBERISH.finditer(text):
        piece = match.group(0).rstrip(" .,:/\u00a0\u202f")
        if not piece:
            continue
        for key in dict.fromkeys(number_features(piece)):
            found.append(Anchor(match.start(), match.start() + len(piece), key, piece))
    for match in _WORD.finditer(text):
        token = cognates.get(match.group(0))
        if token is not None:
            found.append(Anchor(match.start(), match.end(), token, match.group(0)))
    if matcher is not None:
        for term in matcher.find(text, lang):
            found.append(Anchor(term.start, term.end, f"t:{term.concept}", term.text))
    found.sort(key=lambda a: (a.start, a.end, a.key))
    return found


def shared_keys(src: list[list[Anchor]], tgt: list[list[Anchor]]) -> set[str]:
    """The tokens two groups of sentences have in common."""
    return {a.key for s in src for a in s} & {a.key for t in tgt for a in t}
