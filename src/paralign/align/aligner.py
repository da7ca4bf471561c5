"""Coarse to fine: the banded search over a document pair, with confidence per bead.

A pair small enough is searched whole. A larger one is first merged two sentences at a time
(recursively) and aligned at that coarse level; the coarse path, projected back, gives the
band for the fine search. Where the fine path runs along the band's edge the band is widened
around those rows and the search repeated, so a bad coarse path costs time, not accuracy.
Time and memory grow with length × band width, i.e. linearly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from paralign.align.costs import CostModel, bead_costs
from paralign.align.search import Band, Bead, BeadPath, band_around, best_path, full_band
from paralign.align.vectors import Side
from paralign.progress import advance, expect


@dataclass(frozen=True)
class SearchSettings:
    beads: tuple[Bead, ...]
    skip_percentile: float = 15.0
    full_cells: int = 300_000
    radius: int = 8
    max_widenings: int = 6
    min_skip: float = 1.0


@dataclass(frozen=True)
class Alignment:
    path: BeadPath
    features: np.ndarray
    skip: float
    spread: float


def skip_penalty(one_to_one: np.ndarray, percentile: float, floor: float) -> tuple[float, float]:
    """(skip cost, spread): a percentile of the sampled 1-1 costs, never a bare constant.

    Most cells of a band are wrong pairs, so a low percentile sits between the costs of true
    pairs and those of wrong ones on any document pair; the spread (interquartile range of the
    same sample) scales the confidence.
    """
    finite = one_to_one[np.isfinite(one_to_one)]
    if len(finite) == 0:
        return floor, 1.0
    if len(finite) > 20_000:
        finite = finite[:: len(finite) // 20_000]
    skip = max(float(np.percentile(finite, percentile)), floor)
    q1, q3 = np.percentile(finite, [25, 75])
    return skip, max(float(q3 - q1), 0.5)


def _project(
    path: BeadPath, fine_src: int, fine_tgt: int, src_factor: int, tgt_factor: int
) -> tuple[np.ndarray, np.ndarray]:
    lo = np.full(fine_src + 1, fine_tgt, dtype=np.int64)
    hi = np.zeros(fine_src + 1, dtype=np.int64)
    for s0, s1, t0, t1 in path.beads:
        r0, r1 = min(s0 * src_factor, fine_src), min(s1 * src_factor, fine_src)
        c0, c1 = min(t0 * tgt_factor, fine_tgt), min(t1 * tgt_factor, fine_tgt)
        lo[r0 : r1 + 1] = np.minimum(lo[r0 : r1 + 1], c0)
        hi[r0 : r1 + 1] = np.maximum(hi[r0 : r1 + 1], c1)
    lo[0], hi[-1] = 0, fine_tgt
    return np.minimum.accumulate(lo[::-1])[::-1], np.maximum.accumulate(hi)


def solve(
    src: Side, tgt: Side, model: CostModel, settings: SearchSettings, guide: BeadPath | None = None
) -> Alignment:
    """The best path; `guide`, a path found before (a first pass), replaces the coarse levels."""
    expect(search_rows(len(src), len(tgt), settings, guide is not None))
    return _solve(src, tgt, model, settings, guide)


def search_rows(n: int, m: int, settings: SearchSettings, guided: bool = False) -> int:
    """The rows `solve` searches on an n × m pair, at every level: a progress bar's total,
    since a level's cost grows with its rows (a coarse level has half the finer one's)."""
    if guided or _whole(n, m, settings):
        return n
    return n + search_rows(_coarse(n), _coarse(m), settings)


def _whole(n: int, m: int, settings: SearchSettings) -> bool:
    return (n + 1) * (m + 1) <= settings.full_cells or (n <= 8 and m <= 8)


def _coarse(count: int) -> int:
    """The sentences of a side after `Side.coarsen`, as `_solve` coarsens it."""
    return (count + 1) // 2 if count > 8 else count


def _solve(
    src: Side, tgt: Side, model: CostModel, settings: SearchSettings, guide: BeadPath | None
) -> Alignment:
    n, m = len(src), len(tgt)
    if _whole(n, m, settings):
        return _search(src, tgt, full_band(n, m), None, model, settings)
    if guide is not None:
        path_lo, path_hi = _project(guide, n, m, 1, 1)
        radius = np.full(n + 1, settings.radius, dtype=np.int64)
        band = band_around(path_lo, path_hi, radius, m)
        return _search(src, tgt, band, (path_lo, path_hi, radius), model, settings)
    coarse_src = src.coarsen() if n > 8 else src
    coarse_tgt = tgt.coarsen() if m > 8 else tgt
    coarse_model = replace(model, block_penalty=0.0, heading_penalty=0.0, cut_penalty=0.0)
    coarse = _solve(coarse_src, coarse_tgt, coarse_model, settings, None).path
    path_lo, path_hi = _project(coarse, n, m, 2 if n > 8 else 1, 2 if m > 8 else 1)
    radius = np.full(n + 1, settings.radius, dtype=np.int64)
    band = band_around(path_lo, path_hi, radius, m)
    return _search(src, tgt, band, (path_lo, path_hi, radius), model, settings)


def _search(
    src: Side,
    tgt: Side,
    band: Band,
    corridor: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
    model: CostModel,
    settings: SearchSettings,
) -> Alignment:
    n, m = len(src), len(tgt)
    for _attempt in range(settings.max_widenings + 1):
        costs, cosines = bead_costs(src, tgt, band, settings.beads, model)
        one_to_one = costs.get((1, 1), np.array([]))
        skip, spread = skip_penalty(one_to_one, settings.skip_percentile, settings.min_skip)
        # a skip ends at the node after its sentence: inside a parenthesis it cuts one too
        skip_src = skip + model.cut_penalty * src.cuts_at(np.arange(1, n + 1))
        skip_tgt = skip + model.cut_penalty * tgt.cuts_at(np.arange(1, m + 1))
        path = best_path(band, costs, skip_src, skip_tgt)
        if corridor is None or len(path.touches_edge) == 0 or band.is_full():
            break
        path_lo, path_hi, radius = corridor
        for row in path.touches_edge:
            reach = 2 * int(radius[row])
            radius[max(0, row - reach) : row + reach + 1] = np.maximum(
                radius[max(0, row - reach) : row + reach + 1], reach
            )
        band = band_around(path_lo, path_hi, radius, m)
    advance(n)
    return Alignment(path, _bead_features(path, band, costs, cosines, skip, spread), skip, spread)


def _cell_costs(
    table: np.ndarray, band: Band, offsets: np.ndarray, rows: np.ndarray, cols: np.ndarray
) -> np.ndarray:
    """table at the cells (rows[k], cols[k]); +inf where a cell lies outside the band."""
    inside = (rows >= 0) & (rows <= band.rows)
    r = np.where(inside, rows, 0)
    inside &= (cols >= band.lo[r]) & (cols < band.hi[r])
    index = np.where(inside, offsets[r] + cols - band.lo[r], 0)
    return np.where(inside, table[index], np.inf)


def _bead_features(
    path: BeadPath,
    band: Band,
    costs: dict[Bead, np.ndarray],
    cosines: dict[Bead, np.ndarray],
    skip: float,
    spread: float,
) -> np.ndarray:
    """Per bead: (margin, cosine, skip?, extra sentences) for the confidence.

    The margin is how much cheaper the bead is than its nearest rivals: the same bead shifted
    by one sentence on either side (for a skip: the cheapest 1-1 pairing its sentence had),
    in units of the cost spread. A bead that barely beat its neighbours is the one to review.
    """
    offsets = band.offsets
    one = costs.get((1, 1))
    row_best = col_best = None
    if one is not None and band.size:
        row_best = np.minimum.reduceat(one, offsets[:-1])
        col_best = np.full(band.cols + 1, np.inf)
        np.minimum.at(col_best, band.cells()[1], one)
    features = np.zeros((len(path.beads), 4))
    if not path.beads:
        return features
    spans = np.array(path.beads, dtype=np.int64).reshape(-1, 4)
    bead_costs_ = np.array(path.costs)
    a, b = spans[:, 1] - spans[:, 0], spans[:, 3] - spans[:, 2]
    # skips, all at once: the rival is the cheapest 1-1 pairing the sentence had
    best = np.full(len(spans), np.inf)
    if row_best is not None and col_best is not None:
        best = np.where(a > 0, row_best[spans[:, 1]], col_best[spans[:, 3]])
    skip_margin = np.where(np.isfinite(best), np.clip((best - skip) / spread, -10.0, 10.0), 10.0)
    features[:, 0] = skip_margin
    features[:, 2] = (a == 0) | (b == 0)
    features[:, 3] = a + b - 2
    # two-sided beads, grouped by type: the rivals are the same bead shifted by one sentence
    two_sided = (a > 0) & (b > 0)
    ends_s, ends_t = spans[:, 1], spans[:, 3]
    for kind in {(int(x), int(y)) for x, y in zip(a[two_sided], b[two_sided], strict=True)}:
        rows = np.flatnonzero(two_sided & (a == kind[0]) & (b == kind[1]))
        table = costs[kind]
        s1, t1 = ends_s[rows], ends_t[rows]
        rival = np.minimum.reduce(
            [
                _cell_costs(table, band, offsets, s1, t1 - 1),
                _cell_costs(table, band, offsets, s1, t1 + 1),
                _cell_costs(table, band, offsets, s1 - 1, t1),
                _cell_costs(table, band, offsets, s1 + 1, t1),
            ]
        )
        margin = np.clip((rival - bead_costs_[rows]) / spread, -10.0, 10.0)
        features[rows, 0] = np.where(np.isfinite(rival), margin, 10.0)
        features[rows, 1] = cosines[kind][offsets[s1] + t1 - band.lo[s1]]
    return features


# Logistic weights of (margin, cosine, skip?, extra sentences, 1) for P(bead is right),
# fitted once on ntrex-dev and textberg-dev together (benchmarks/align.py reports the flag).
CONFIDENCE_WEIGHTS = np.array([1.994, 1.235, -1.795, -1.042, 1.846])


def confidences(alignment: Alignment) -> list[float]:
    """A 0..1 confidence per bead (a logistic model over its features)."""
    if len(alignment.features) == 0:
        return []
    x = np.hstack((alignment.features, np.ones((len(alignment.features), 1))))
    return [float(v) for v in 1.0 / (1.0 + np.exp(-(x @ CONFIDENCE_WEIGHTS)))]
