"""Sentence length as evidence (Gale & Church 1993), in characters.

The expected target/source length ratio and its variance are estimated from the document
pair itself (first from totals, then from the confident beads of a first pass), so the
cost means the same thing for ru→en, de→fr or any other pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

DEFAULT_VARIANCE = 6.8
MIN_VARIANCE = 2.0
"""Gale & Church's s² for characters; used until a first pass gives a better estimate."""


@dataclass(frozen=True, slots=True)
class LengthModel:
    ratio: float = 1.0
    variance: float = DEFAULT_VARIANCE


def estimate_from_totals(src_lengths: Sequence[float], tgt_lengths: Sequence[float]) -> LengthModel:
    """Ratio of the character totals, robust before anything is aligned.

    When one side has more than twice the sentences of the other, the two cannot be whole
    translations of each other, and the ratio of mean sentence lengths is the better guess.
    """
    if not src_lengths or not tgt_lengths:
        return LengthModel()
    src, tgt = float(sum(src_lengths)), float(sum(tgt_lengths))
    n, m = len(src_lengths), len(tgt_lengths)
    if max(n, m) > 2 * min(n, m):
        src, tgt = src / n, tgt / m
    if src <= 0 or tgt <= 0:
        return LengthModel()
    return LengthModel(ratio=min(max(tgt / src, 0.2), 5.0))


def estimate_from_pairs(
    pairs_by_document: Sequence[Sequence[tuple[float, float]]], fallbacks: Sequence[LengthModel]
) -> list[LengthModel]:
    """Ratio per document and one variance for all, from aligned (source, target) lengths.

    A document with fewer than 8 beads keeps its fallback ratio. The variance is pooled over
    all documents (short ones say too little alone) and robust (median absolute deviation),
    so the few wrong beads of a first pass do not inflate it.
    """
    import numpy as np

    ratios, zs = [], []
    for pairs, fallback in zip(pairs_by_document, fallbacks, strict=True):
        data = np.array([(s, t) for s, t in pairs if s > 0 and t > 0], dtype=np.float64)
        ratio = fallback.ratio
        if len(data) >= 8:
            ratio = float(min(max(data[:, 1].sum() / data[:, 0].sum(), 0.2), 5.0))
        ratios.append(ratio)
        if len(data):
            zs.append(
                (data[:, 1] - ratio * data[:, 0]) / np.sqrt((data[:, 0] * ratio + data[:, 1]) / 2)
            )
    z = np.concatenate(zs) if zs else np.zeros(0)
    if len(z) < 8:
        return list(fallbacks)
    mad = float(np.median(np.abs(z - np.median(z)))) * 1.4826
    variance = min(max(mad * mad, MIN_VARIANCE), 40.0)
    return [LengthModel(ratio=r, variance=variance) for r in ratios]


def neg_log_erfc(x: np.ndarray) -> np.ndarray:
    """-log(erfc(x)) for x ≥ 0 without underflow (Numerical Recipes' erfcc, rel. error < 1.2e-7)."""
    import numpy as np

    t = 1.0 / (1.0 + 0.5 * x)
    poly = -1.26551223 + t * (
        1.00002368
        + t
        * (
            0.37409196
            + t
            * (
                0.09678418
                + t
                * (
                    -0.18628806
                    + t
                    * (
                        0.27886807
                        + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))
                    )
                )
            )
        )
    )
    return x * x - poly - np.log(t)


def length_cost(src_len: np.ndarray, tgt_len: np.ndarray, model: LengthModel) -> np.ndarray:
    """-log P(|δ| ≥ observed) for spans of the given character lengths (0 for a perfect fit).

    δ compares the target length with the expected one, scaled by the spread expected for
    spans of that size; the mean of both sides (in source units) keeps it symmetric.
    """
    import numpy as np

    scale = np.sqrt(model.variance * np.maximum((src_len * model.ratio + tgt_len) / 2, 1.0))
    delta = np.abs(tgt_len - model.ratio * src_len) / scale
    return neg_log_erfc(delta / np.sqrt(2.0))
