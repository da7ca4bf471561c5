"""Dynamic programming over cost arrays inside a band: numbers in, beads out.

The lattice has a node (i, j) for "i source and j target sentences consumed". A band gives,
for each row i, the node columns [lo[i], hi[i]); lo and hi never decrease, so a band is a
monotone corridor and memory is the number of cells in it. A bead (a, b) moves from node
(i - a, j - b) to (i, j); its cost for every band cell comes from the caller as one flat array
(cells in row-major order), except the skips (1-0, 0-1) whose cost is one number a sentence.
Nothing here knows about text (STYLE §3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

Bead = tuple[int, int]


@dataclass(frozen=True)
class Band:
    lo: np.ndarray
    hi: np.ndarray

    @property
    def rows(self) -> int:
        return len(self.lo) - 1

    @property
    def cols(self) -> int:
        return int(self.hi[-1]) - 1

    @property
    def widths(self) -> np.ndarray:
        return self.hi - self.lo

    @property
    def offsets(self) -> np.ndarray:
        return np.concatenate(([0], np.cumsum(self.widths)))

    @property
    def size(self) -> int:
        return int(self.widths.sum())

    def cells(self) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) of every cell, row-major, as int64 arrays."""
        widths = self.widths
        rows = np.repeat(np.arange(len(widths), dtype=np.int64), widths)
        starts = np.repeat(self.offsets[:-1] - self.lo, widths)
        cols = np.arange(self.size, dtype=np.int64) - starts
        return rows, cols

    def is_full(self) -> bool:
        return bool((self.lo == 0).all() and (self.hi == self.cols + 1).all())


def full_band(rows: int, cols: int) -> Band:
    return Band(np.zeros(rows + 1, dtype=np.int64), np.full(rows + 1, cols + 1, dtype=np.int64))


def band_around(path_lo: np.ndarray, path_hi: np.ndarray, radius: np.ndarray, cols: int) -> Band:
    """The corridor of `radius[i]` rows and columns around a path.

    `path_lo[i]`..`path_hi[i]` are the columns the path occupies in row i (non-decreasing).
    """
    rows = len(path_lo) - 1
    index = np.arange(rows + 1)
    lo = path_lo[np.clip(index - radius, 0, rows)] - radius
    hi = path_hi[np.clip(index + radius, 0, rows)] + radius + 1
    lo = np.minimum.accumulate(np.clip(lo, 0, cols)[::-1])[::-1]
    hi = np.maximum.accumulate(np.clip(hi, 1, cols + 1))
    lo[0], hi[-1] = 0, cols + 1
    return Band(lo.astype(np.int64), hi.astype(np.int64))


@dataclass(frozen=True)
class BeadPath:
    """A path through the lattice: the beads it takes, in order, with their costs."""

    beads: tuple[tuple[int, int, int, int], ...]
    """(source start, source end, target start, target end) of each bead, in order."""
    costs: tuple[float, ...]
    touches_edge: np.ndarray
    """Rows where the path runs along a band edge that is not the lattice's edge."""


def best_path(
    band: Band,
    costs: Mapping[Bead, np.ndarray],
    skip_source: np.ndarray,
    skip_target: np.ndarray,
) -> BeadPath:
    """The cheapest monotone path from (0, 0) to (rows, cols) using the given beads.

    `costs[(a, b)]` (a, b ≥ 1) holds the cost of bead (a, b) ending at each band cell;
    `skip_source[i]` is the cost of leaving source sentence i unaligned (a 1-0 bead),
    `skip_target[j]` likewise (0-1). Each row is one vectorised step: the predecessor cell of
    every bead at every cell is precomputed, so a row costs a handful of numpy calls.
    """
    rows = band.rows
    lo, hi = band.lo, band.hi
    offsets = band.offsets
    size = band.size
    kinds: list[Bead] = [(1, 0), *sorted(k for k in costs if k[0] >= 1 and k[1] >= 1), (0, 1)]
    moves = kinds[:-1]
    cell_rows, cell_cols = band.cells()
    # predecessor of each cell for each move; `size` is a sentinel cell holding +inf
    index_type = np.int32 if size < 2**31 - 1 else np.int64
    pred = np.full((len(moves), size), size, dtype=index_type)
    step = np.empty((len(moves), size), dtype=np.float32)
    for k, (a, b) in enumerate(moves):
        p, c = cell_rows - a, cell_cols - b
        ok = (p >= 0) & (c >= 0)
        pc = np.where(ok, p, 0)
        ok &= (c >= lo[pc]) & (c < hi[pc])
        pred[k, ok] = offsets[pc[ok]] + c[ok] - lo[pc[ok]]
        if b == 0:
            step[k] = np.concatenate(([np.inf], skip_source))[cell_rows]
        else:
            step[k] = costs[(a, b)]
    total = np.full(size + 1, np.inf)
    back = np.zeros(size, dtype=np.int8)
    skip_t_cum = np.concatenate(([0.0], np.cumsum(skip_target, dtype=np.float64)))
    chain = len(kinds) - 1
    for i in range(rows + 1):
        o0, o1 = int(offsets[i]), int(offsets[i + 1])
        if i == 0:
            best = np.full(o1 - o0, np.inf)
            choice = np.zeros(o1 - o0, dtype=np.int8)
            if lo[0] == 0:
                best[0] = 0.0
        else:
            candidates = total[pred[:, o0:o1]] + step[:, o0:o1]
            picked = candidates.argmin(axis=0)
            best = candidates[picked, np.arange(o1 - o0)]
            choice = picked.astype(np.int8)
        # 0-1 beads chain inside the row: D[j] = min_k≤j (E[k] + S[j] − S[k]), a running minimum.
        shift = skip_t_cum[lo[i] : hi[i]]
        chained = np.minimum.accumulate(best - shift) + shift
        from_left = chained < best - 1e-12
        total[o0:o1] = np.where(from_left, chained, best)
        choice[from_left] = chain
        back[o0:o1] = choice
    return _trace(band, kinds, total, back, costs, skip_source, skip_target)


def _trace(
    band: Band,
    kinds: Sequence[Bead],
    total: np.ndarray,
    back: np.ndarray,
    costs: Mapping[Bead, np.ndarray],
    skip_source: np.ndarray,
    skip_target: np.ndarray,
) -> BeadPath:
    lo, hi, offsets = band.lo, band.hi, band.offsets
    i, j = band.rows, band.cols
    if not np.isfinite(total[offsets[i] + j - lo[i]]):
        raise ValueError("the band holds no path from (0, 0) to the end")
    beads, bead_costs, touches = [], [], []
    while i > 0 or j > 0:
        cell = offsets[i] + j - lo[i]
        a, b = kinds[int(back[cell])]
        if (j == lo[i] and lo[i] > 0) or (j == hi[i] - 1 and hi[i] <= band.cols):
            touches.append(i)
        if a == 0:
            bead_costs.append(float(skip_target[j - 1]))
        elif b == 0:
            bead_costs.append(float(skip_source[i - 1]))
        else:
            bead_costs.append(float(costs[(a, b)][cell]))
        beads.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    beads.reverse()
    bead_costs.reverse()
    return BeadPath(tuple(beads), tuple(bead_costs), np.array(sorted(set(touches)), dtype=np.int64))
