"""The cost of every bead at every band cell, as arrays for the search.

cost(bead) = w_length · length cost (Gale–Church)
           + w_similarity · (1 − cosine of the two spans' evidence vectors)
           + prior(bead type) + structure penalties.

Span vectors are sums of sentence vectors, so a span pair's dot product is the sum of its
sentence pairs' dot products: those are computed once, for the sentence pairs the band can
reach, in small blocks of matrix products (memory linear in the band).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np

from paralign.align.length import LengthModel, length_cost
from paralign.align.search import Band, Bead
from paralign.align.structure import crossing_penalty, heading_mismatch
from paralign.align.vectors import Side

DEFAULT_PRIORS: Mapping[Bead, float] = {
    (1, 1): 0.0,
    (1, 2): 3.5,
    (2, 1): 3.5,
    (2, 2): 9.0,
    (1, 3): 6.0,
    (3, 1): 6.0,
    (2, 3): 10.5,
    (3, 2): 10.5,
    (1, 4): 10.5,
    (4, 1): 10.5,
    (3, 3): 14.0,
    # a sentence cut into five is rarer than the length of the bead alone says: at the
    # default 3.5 a sentence (14) these beads absorbed French captions on textberg-dev
    (1, 5): 17.5,
    (5, 1): 17.5,
}


@dataclass(frozen=True)
class CostModel:
    length: LengthModel = field(default_factory=LengthModel)
    length_weight: float = 1.0
    similarity_weight: float = 0.0
    priors: Mapping[Bead, float] = field(default_factory=lambda: dict(DEFAULT_PRIORS))
    block_penalty: float = 3.0
    heading_penalty: float = 6.0
    share_weight: float = 0.0
    cut_penalty: float = 3.0
    """For a bead that ends inside a parenthesis a segmenter cut (`Side.cuts`), either side:
    what crossing a paragraph costs (6 measured the same on textberg-dev's part A)."""


_BLOCK_ROWS = 64


def pair_dots(
    src: Side, tgt: Side, band: Band, max_a: int, max_b: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dot products x_s · y_t for every sentence pair a bead in the band can contain.

    Returns (flat values, per-row first column, per-row offsets) for rows s = 0..n-1.
    """
    n, m = len(src), len(tgt)
    s = np.arange(n)
    first = np.clip(band.lo[np.minimum(s + 1, n)] - max_b, 0, m)
    last = np.clip(band.hi[np.minimum(s + max_a, n)] - 1, 0, m)
    last = np.maximum(last, first)
    widths = last - first
    offsets = np.concatenate(([0], np.cumsum(widths)))
    values = np.zeros(int(offsets[-1]), dtype=np.float32)
    if not src.vectors.any() or not tgt.vectors.any():
        return values, first, offsets
    for start in range(0, n, _BLOCK_ROWS):
        stop = min(start + _BLOCK_ROWS, n)
        c0, c1 = int(first[start:stop].min()), int(last[start:stop].max())
        if c1 <= c0:
            continue
        dense = src.vectors[start:stop] @ tgt.vectors[c0:c1].T
        w = widths[start:stop]
        local_rows = np.repeat(np.arange(stop - start), w)
        local_cols = (
            np.arange(int(w.sum()))
            - np.repeat(offsets[start:stop] - offsets[start], w)
            + np.repeat(first[start:stop] - c0, w)
        )
        values[offsets[start] : offsets[stop]] = dense[local_rows, local_cols]
    return values, first, offsets


def _unshared(
    parts: Sequence[np.ndarray], norms: np.ndarray, ends: np.ndarray, total: np.ndarray
) -> np.ndarray:
    """How much of a merged side's evidence shares nothing with the other side.

    Each sentence k of the side holds a share w_k of the side's evidence (|v_k|² of the sum)
    and contributes a share r_k of the bead's similarity (its dot product with the other
    side over the bead's). In a true merge each part is translated, and r_k ≈ w_k; a sentence
    the translator added has r_k ≈ 0 whatever its length. The result is Σ_k max(0, w_k − r_k)
    in 0..1: the part of the side that is unexplained.
    """
    # every valid cell has ends ≥ len(parts), so ends - k indexes a real node
    weights = np.stack([norms[ends - k] for k in range(len(parts))])
    mass = weights.sum(axis=0)
    w = weights / np.where(mass > 0, mass, 1.0)
    positive = np.maximum(total, 0.0)
    r = np.maximum(np.stack(parts), 0.0) / np.where(positive > 0, positive, np.inf)
    # numpy types ndarray.sum(axis=...) as Any; over a 2-D stack it is a 1-D array
    return cast(np.ndarray, np.maximum(w - r, 0.0).sum(axis=0))


def bead_costs(
    src: Side,
    tgt: Side,
    band: Band,
    beads: Sequence[Bead],
    model: CostModel,
) -> tuple[dict[Bead, np.ndarray], dict[Bead, np.ndarray]]:
    """(cost, cosine) arrays over the band cells for each bead with two non-empty sides."""
    rows, cols = band.cells()
    kinds = [b for b in beads if b[0] >= 1 and b[1] >= 1]
    src_prefix = np.concatenate(([0.0], np.cumsum(src.lengths)))
    tgt_prefix = np.concatenate(([0.0], np.cumsum(tgt.lengths)))
    use_similarity = model.similarity_weight > 0
    if use_similarity and kinds:
        max_a = max(a for a, _ in kinds)
        max_b = max(b for _, b in kinds)
        dots, first, offsets = pair_dots(src, tgt, band, max_a, max_b)
        norms = (
            {a: src.span_norms(a) for a in {1} | {a for a, _ in kinds}},
            {b: tgt.span_norms(b) for b in {1} | {b for _, b in kinds}},
        )
    costs: dict[Bead, np.ndarray] = {}
    cosines: dict[Bead, np.ndarray] = {}
    for a, b in kinds:
        if a > len(src) or b > len(tgt):
            costs[(a, b)] = np.full(len(rows), np.inf)
            cosines[(a, b)] = np.zeros(len(rows))
            continue
        valid = (rows >= a) & (cols >= b)
        i, j = np.where(valid, rows, a), np.where(valid, cols, b)
        src_len = src_prefix[i] - src_prefix[i - a]
        tgt_len = tgt_prefix[j] - tgt_prefix[j - b]
        cost = model.length_weight * length_cost(src_len, tgt_len, model.length)
        cost += model.priors.get((a, b), 3.5 * (a + b - 2))
        if use_similarity:
            cost, cosines[(a, b)] = _similarity(
                cost, (a, b), i, j, (dots, first, offsets), norms, model
            )
        else:
            cosines[(a, b)] = np.zeros(len(i))
        cost += crossing_penalty(src.blocks, i, a, model.block_penalty)
        cost += crossing_penalty(tgt.blocks, j, b, model.block_penalty)
        cost += heading_mismatch(src.headings, tgt.headings, i, j, a, b, model.heading_penalty)
        if model.cut_penalty:
            cost += model.cut_penalty * (src.cuts_at(i) + tgt.cuts_at(j))
        # float32 halves the memory of the per-cell tables; totals are summed in float64
        costs[(a, b)] = np.where(valid, cost, np.inf).astype(np.float32)
    return costs, cosines


def _similarity(
    cost: np.ndarray,
    bead: Bead,
    i: np.ndarray,
    j: np.ndarray,
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    norms: tuple[dict[int, np.ndarray], dict[int, np.ndarray]],
    model: CostModel,
) -> tuple[np.ndarray, np.ndarray]:
    """A bead's `cost` at cells (i, j) with its similarity part added, and its cosine: the
    sentence pairs' dot products (`pairs`: dots, first column and offset of each row) summed
    over the bead, and each merged sentence's unexplained share."""
    a, b = bead
    dots, first, offsets = pairs
    src_norms, tgt_norms = norms
    dot = np.zeros(len(i))
    shares = model.share_weight > 0
    src_parts = [np.zeros(len(i)) for _ in range(a if shares and a > 1 else 0)]
    tgt_parts = [np.zeros(len(i)) for _ in range(b if shares and b > 1 else 0)]
    for da in range(a):
        s = i - 1 - da
        for db in range(b):
            t = j - 1 - db
            index = np.clip(offsets[s] + t - first[s], 0, max(len(dots) - 1, 0))
            value = dots[index] if len(dots) else 0.0
            dot += value
            if src_parts:
                src_parts[da] += value
            if tgt_parts:
                tgt_parts[db] += value
    norm = np.sqrt(src_norms[a][i] * tgt_norms[b][j])
    cosine = np.where(norm > 0, dot / np.where(norm > 0, norm, 1.0), 0.0)
    cosine = np.clip(cosine, 0.0, 1.0)
    # per sentence pair covered, so two good 1-1 beads never look worse than one 2-2
    cost = cost + model.similarity_weight * (a + b) / 2 * (1.0 - cosine)
    if src_parts:
        cost += model.share_weight * _unshared(src_parts, src_norms[1], i, dot)
    if tgt_parts:
        cost += model.share_weight * _unshared(tgt_parts, tgt_norms[1], j, dot)
    return cost, cosine.astype(np.float32)
