"""Bags of evidence tokens as dense vectors, so that a bead's similarity is linear algebra.

Each sentence becomes a vector: its tokens (numbers, cognates, glossary concepts, punctuation,
lexicon pieces) weighted by channel and by inverse document frequency, hashed with a sign into
`DIM` dimensions (the signed hashing trick keeps dot products unbiased). A span's vector is the
sum of its sentences' vectors, so the similarity of any bead follows from sentence-pair dot
products. Hashing uses crc32, not Python's salted hash, so runs are reproducible.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from paralign.align.channels import WEIGHTS, Channel

DIM = 512


@dataclass(frozen=True)
class Side:
    """What the search needs of one side: lengths, vectors, paragraph ids, heading flags and
    the nodes where a bead would cut a sentence (`structure.parenthesis_cuts`, n + 1 values;
    None for none)."""

    lengths: np.ndarray
    vectors: np.ndarray
    blocks: np.ndarray
    headings: np.ndarray
    cuts: np.ndarray | None = None

    def cuts_at(self, nodes: np.ndarray) -> np.ndarray:
        """1.0 where a bead ending at each of `nodes` cuts a sentence, else 0.0."""
        if self.cuts is None:
            return np.zeros(len(nodes))
        cuts: np.ndarray = self.cuts[np.clip(nodes, 0, len(self.cuts) - 1)]
        return cuts

    def __len__(self) -> int:
        return len(self.lengths)

    @cached_property
    def _near_dots(self) -> list[np.ndarray]:
        """x_i · x_(i+k) for k = 0..4 (beads have at most five sentences a side), in float64."""
        v, n = self.vectors, len(self.vectors)
        return [
            np.einsum("ij,ij->i", v[: n - k], v[k:], dtype=np.float64) if n > k else np.zeros(0)
            for k in range(5)
        ]

    def span_norms(self, size: int) -> np.ndarray:
        """|sum of the `size` vectors ending before node i|² for nodes i = 0..n (0 if too short)."""
        n = len(self)
        out = np.zeros(n + 1)
        if size == 0 or n < size:
            return out
        near = self._near_dots
        first = np.arange(n - size + 1)
        total = np.zeros(len(first))
        for p in range(size):
            total += near[0][first + p]
            for q in range(p + 1, size):
                total += 2 * near[q - p][first + p]
        out[size:] = total
        return out

    def coarsen(self) -> Side:
        """Adjacent sentences merged in twos (the last one alone when the count is odd)."""
        n = len(self)
        pad = n % 2
        lengths = np.concatenate((self.lengths, np.zeros(pad)))
        vectors = self.vectors
        if pad:
            vectors = np.concatenate((vectors, np.zeros((1, vectors.shape[1]), vectors.dtype)))
        blocks = np.concatenate((self.blocks, self.blocks[-1:] if pad else self.blocks[:0]))
        headings = np.concatenate((self.headings, np.zeros(pad, dtype=bool)))
        return Side(
            lengths=lengths[0::2] + lengths[1::2],
            vectors=vectors[0::2] + vectors[1::2],
            blocks=blocks[0::2],
            headings=headings[0::2] | headings[1::2],
        )


def idf_weights(bags: Sequence[Sequence[str]]) -> dict[str, float]:
    """log(1 + N / df) over all sentences of both sides: rare tokens speak loudest."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    total = max(len(bags), 1)
    return {token: math.log(1 + total / count) for token, count in df.items()}


def _slot(token: str) -> tuple[int, float]:
    code = zlib.crc32(token.encode("utf-8"))
    return code % DIM, 1.0 if (code >> 16) & 1 else -1.0


def embed(
    bags: Sequence[Mapping[str, float]],
    idf: Mapping[str, float],
    channel_weights: Mapping[Channel, float] = WEIGHTS,
) -> np.ndarray:
    """(len(bags), DIM) float32: each token weighted by its channel (the prefix before ':').

    A token of no known channel raises ValueError: a typo must not silently weigh nothing.
    """
    slots: dict[str, tuple[int, float]] = {}
    weights: dict[str, float] = {}
    rows, cols, values = [], [], []
    for row, bag in enumerate(bags):
        for token, count in bag.items():
            prefix = token.split(":", 1)[0]
            if prefix not in weights:
                weights[prefix] = channel_weights.get(Channel(prefix), 0.0)
            weight = weights[prefix]
            if weight == 0.0:
                continue
            if token not in slots:
                slots[token] = _slot(token)
            col, sign = slots[token]
            rows.append(row)
            cols.append(col)
            values.append(sign * weight * count * idf.get(token, 1.0))
    vectors = np.zeros((len(bags), DIM), dtype=np.float32)
    if rows:
        np.add.at(vectors, (np.array(rows), np.array(cols)), np.array(values, dtype=np.float32))
    return vectors
