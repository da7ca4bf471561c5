"""Alignment scores: strict and lax precision, recall and F1 (vecalign's score.py semantics).

Per document beads are sets (beads with both sides empty dropped). Precision runs over the
predicted beads: a strict hit is a bead identical to a gold bead; a lax hit shares a target
sentence with a gold bead that holds one of its source sentences. Recall is the same with the
roles swapped after removing beads with an empty side from both. Counts are summed over
documents before the ratios are taken (as in Sennrich & Volk's scorer).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from paralign.model import Link

_Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Counts:
    strict_hits: int = 0
    strict_misses: int = 0
    lax_hits: int = 0
    lax_misses: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.strict_hits + other.strict_hits,
            self.strict_misses + other.strict_misses,
            self.lax_hits + other.lax_hits,
            self.lax_misses + other.lax_misses,
        )


@dataclass(frozen=True, slots=True)
class AlignmentScores:
    """The summed hit counts; every ratio is derived from them."""

    precision_counts: Counts
    recall_counts: Counts

    @property
    def precision_strict(self) -> float:
        return _ratio(self.precision_counts.strict_hits, self.precision_counts.strict_misses)

    @property
    def precision_lax(self) -> float:
        return _ratio(self.precision_counts.lax_hits, self.precision_counts.lax_misses)

    @property
    def recall_strict(self) -> float:
        return _ratio(self.recall_counts.strict_hits, self.recall_counts.strict_misses)

    @property
    def recall_lax(self) -> float:
        return _ratio(self.recall_counts.lax_hits, self.recall_counts.lax_misses)

    @property
    def f1_strict(self) -> float:
        return _f1(self.precision_strict, self.recall_strict)

    @property
    def f1_lax(self) -> float:
        return _f1(self.precision_lax, self.recall_lax)


def _beads(links: Iterable[Link]) -> set[_Bead]:
    return {(tuple(link.src), tuple(link.tgt)) for link in links if link.src or link.tgt}


def _precision(gold: set[_Bead], test: set[_Bead]) -> Counts:
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold:
        for s in src:
            gold_targets[s].update(tgt)
    strict_hits = strict_misses = lax_hits = lax_misses = 0
    for bead in test:
        if bead in gold:
            strict_hits += 1
            lax_hits += 1
            continue
        strict_misses += 1
        reachable = set().union(*(gold_targets.get(s, set()) for s in bead[0]))
        if reachable.intersection(bead[1]):
            lax_hits += 1
        else:
            lax_misses += 1
    return Counts(strict_hits, strict_misses, lax_hits, lax_misses)


def _ratio(hits: int, misses: int) -> float:
    return hits / (hits + misses) if hits + misses else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignment(pairs: Sequence[tuple[Sequence[Link], Sequence[Link]]]) -> AlignmentScores:
    """Scores of (predicted, gold) bead lists, one pair per document."""
    precision, recall = Counts(), Counts()
    for predicted, gold in pairs:
        test_set, gold_set = _beads(predicted), _beads(gold)
        precision += _precision(gold_set, test_set)
        test_full = {b for b in test_set if b[0] and b[1]}
        gold_full = {b for b in gold_set if b[0] and b[1]}
        recall += _precision(test_full, gold_full)
    return AlignmentScores(precision, recall)


def _owners(texts: Sequence[str], reference: Sequence[str]) -> list[set[int]]:
    """For each text, the reference lines its characters fall in (whitespace ignored)."""
    bounds = []
    position = 0
    for line in reference:
        position += len("".join(line.split()))
        bounds.append(position)
    owners = []
    position = 0
    for text in texts:
        size = len("".join(text.split()))
        first = bisect_right(bounds, position)
        last = bisect_right(bounds, position + max(size, 1) - 1)
        owners.append(set(range(first, min(last, len(reference) - 1) + 1)) if size else set())
        position += size
    return owners


def map_to_reference(
    links: Sequence[Link],
    source: Sequence[str],
    target: Sequence[str],
    source_reference: Sequence[str],
    target_reference: Sequence[str],
) -> tuple[Link, ...]:
    """Beads over our own sentences restated over a reference segmentation (gold lines).

    Both segmentations must hold the same text up to whitespace. Each bead becomes the
    reference lines its sentences cover; beads that share a line (our split fell inside
    a reference sentence) are merged, so the result is again a partition, in order.
    """
    src_owner, tgt_owner = _owners(source, source_reference), _owners(target, target_reference)
    merged: list[tuple[set[int], set[int], float]] = []
    for link in links:
        src = set().union(*(src_owner[i] for i in link.src))
        tgt = set().union(*(tgt_owner[j] for j in link.tgt))
        if not src and not tgt:
            continue
        if merged and (merged[-1][0] & src or merged[-1][1] & tgt):
            last_src, last_tgt, score = merged.pop()
            merged.append((last_src | src, last_tgt | tgt, min(score, link.score)))
        else:
            merged.append((src, tgt, link.score))
    return tuple(Link(tuple(sorted(s)), tuple(sorted(t)), score) for s, t, score in merged)
