"""Sentences a merge may have swallowed: "possible omission" and "possible addition".

A translator who leaves a sentence out (or adds one) leaves the aligner two choices: a 1-0 bead,
or merging the sentence into a neighbour's bead. When the merge wins, the bead looks fine and its
confidence can be high. Such a sentence has nothing of its own in the other side: no anchor
(number, date, name, glossary term) it shares with it, and the bead's length fits the other side
better without it than with it. A sentence that truly belongs to a merge usually has one or the
other: its words lengthen the translation, or its anchors are in it.

A flagged source sentence is a possible omission (the translation lacks it); a flagged target
sentence a possible addition.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from paralign.model import Bitext
from paralign.review.evidence import Anchor


@dataclass(frozen=True, slots=True)
class Swallowed:
    """Sentence `sentence` of `side` ('source' or 'target') in link `link` of a document."""

    document: str
    link: int
    side: str
    sentence: int
    text: str
    line: int

    @property
    def what(self) -> str:
        return "possible omission" if self.side == "source" else "possible addition"


def _ratio(bitext: Bitext) -> float:
    src = sum(len(s.text) for s in bitext.source)
    tgt = sum(len(t.text) for t in bitext.target)
    return tgt / src if src and tgt else 1.0


def _misfit(own: float, other: float, ratio: float) -> float:
    """Gale & Church's residual of `own` characters against `other`, scaled to `own`'s side."""
    return abs(other - ratio * own) / math.sqrt(max(own, 1.0))


def swallowed_sentences(
    bitext: Bitext, src_anchors: list[list[Anchor]], tgt_anchors: list[list[Anchor]]
) -> list[Swallowed]:
    """Every sentence of a merge with no anchor shared with the other side and whose bead fits
    the other side's length better without it."""
    ratio = _ratio(bitext)
    found = []
    for index, link in enumerate(bitext.links):
        for side, ids, other, mine, theirs, scale in (
            ("source", link.src, link.tgt, src_anchors, tgt_anchors, ratio),
            ("target", link.tgt, link.src, tgt_anchors, src_anchors, 1.0 / ratio),
        ):
            if len(ids) < 2 or not other:
                continue
            sentences = bitext.source if side == "source" else bitext.target
            others = bitext.target if side == "source" else bitext.source
            other_keys = {a.key for j in other for a in theirs[j]}
            own_total = sum(len(sentences[i].text) for i in ids)
            other_total = sum(len(others[j].text) for j in other)
            with_all = _misfit(own_total, other_total, scale)
            for i in ids:
                if any(a.key in other_keys for a in mine[i]):
                    continue
                rest = own_total - len(sentences[i].text)
                if _misfit(rest, other_total, scale) < with_all:
                    sentence = sentences[i]
                    found.append(
                        Swallowed(bitext.name, index, side, i, sentence.text, sentence.line)
                    )
    return found
