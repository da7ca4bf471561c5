"""possible-omission, possible-addition: a sentence a merge swallowed (see review/omission.py).

Only Bitexts with many-sentence beads can have one: a corpus folder aligned by `check`, not a
TMX, whose every TU is one sentence pair as far as the checker can tell.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from paralign.checks.base import Corpus, Rule, Unit
from paralign.model import Bitext, Finding, Severity

if TYPE_CHECKING:
    from paralign.review.omission import Swallowed

RULES = (
    Rule(
        "possible-omission",
        Severity.WARNING,
        "A source sentence merged into a bead shares nothing with the target",
        "Its translation may be missing: no number, name or term of it is in the target, "
        "and the bead's lengths fit better without it.",
    ),
    Rule(
        "possible-addition",
        Severity.WARNING,
        "A target sentence merged into a bead shares nothing with the source",
        "It may have been added in translation: no number, name or term of it is in the "
        "source, and the bead's lengths fit better without it.",
    ),
)
"""The rules this family reports."""


def _flags(corpus: Corpus, bitext: Bitext) -> dict[int, list[Swallowed]]:
    """The swallowed sentences of a Bitext by link, found once per Bitext and Corpus."""
    cache: dict[int, tuple[Bitext, dict[int, list[Swallowed]]]]
    cache = corpus.__dict__.setdefault("_swallowed", {})
    key = id(bitext)
    if key not in cache:
        from paralign.review.evidence import sentence_anchors
        from paralign.review.omission import swallowed_sentences

        found: dict[int, list[Swallowed]] = {}
        if any(len(k.src) > 1 or len(k.tgt) > 1 for k in bitext.links):
            anchors = sentence_anchors(bitext, corpus.glossary)
            for flag in swallowed_sentences(bitext, *anchors):
                found.setdefault(flag.link, []).append(flag)
        cache[key] = (bitext, found)  # the Bitext kept alive so its id is not reused
    return cache[key][1]


def check_unit(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    if len(unit.link.src) < 2 and len(unit.link.tgt) < 2:
        return
    for flag in _flags(corpus, unit.bitext).get(unit.index, []):
        side = unit.source if flag.side == "source" else unit.target
        other = unit.target.lang if side is unit.source else unit.source.lang
        sentence = side.sentences[
            (unit.link.src if side is unit.source else unit.link.tgt).index(flag.sentence)
        ]
        message = (
            f"{flag.what}: this {side.lang} sentence is merged into a bead, but nothing in the "
            f"{other} side matches it"
        )
        where = unit.location(side, sentence)
        if flag.side == "source":
            yield corpus.finding("possible-omission", message, where, sentence.text)
        else:
            yield corpus.finding("possible-addition", message, where, sentence.text)
