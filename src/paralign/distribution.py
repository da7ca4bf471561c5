"""Quantiles and histograms of scores, computed one way for every report that prints them
(`tmx stats`, the quality report), so one file never shows two medians."""

from __future__ import annotations

import math
from collections.abc import Sequence


def quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default) of sorted values."""
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float:
    """The median of unsorted values: the middle one, or the mean of the middle two (which
    `quantile(…, 0.5)` equals up to the last bit of a float)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def histogram(scores: Sequence[float], bins: int = 10) -> tuple[int, ...]:
    """Counts of scores in `bins` equal bins over [0, 1]; scores outside go to the end bins."""
    counts = [0] * bins
    for score in scores:
        counts[min(bins - 1, max(0, int(score * bins)))] += 1
    return tuple(counts)
