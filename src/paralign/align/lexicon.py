"""A translation lexicon learned from the input itself (Moore 2002, with SentencePiece units).

After a first pass, the confident beads of all documents train IBM Model 1 (target pieces
given source pieces) over SentencePiece pieces trained in-process on each side (so Russian
inflections share pieces). The table then turns each source sentence into a vector over the
target side's pieces — the pieces Model 1 expects its pieces to become — while a target
sentence holds its own; the cosine of the two is the lexical evidence of the second pass.
Nothing is downloaded; everything is numpy.
"""

from __future__ import annotations

import warnings
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from paralign.align.vectors import DIM
from paralign.pieces import Pieces, train_pieces

ITERATIONS = 5
TOP = 4
MIN_PROB = 0.05
MAX_PAIRS = 3000
MAX_BEAD_PIECES = 400
"""Training beads longer than this on either side are left out, as GIZA++ and Moses leave out
sentences over 100 words: Model 1 spreads a long bead's mass over so many pairs that it
learns little from it, and the co-occurrences of one bead grow with the product of its sides."""
MAX_TRAINING_LINES = 3000
WORDS_PER_PIECE = 12


@dataclass(frozen=True)
class Table:
    """Model 1 t(target piece | source piece): the best TOP targets of each source piece
    (`targets[s, k]`, -1 where there are fewer) and their probabilities."""

    targets: np.ndarray
    probs: np.ndarray

    def best(self, piece: int) -> list[tuple[int, float]]:
        return [
            (int(t), float(p))
            for t, p in zip(self.targets[piece], self.probs[piece], strict=True)
            if t >= 0
        ]


def _spread(lines: Sequence[str], limit: int) -> list[str]:
    if len(lines) <= limit:
        return list(lines)
    step = len(lines) / limit
    return [lines[int(k * step)] for k in range(limit)]


def train_side(texts: Sequence[str]) -> Pieces:
    """A SentencePiece model for one side, on at most MAX_TRAINING_LINES spread lines."""
    sample = _spread(texts, MAX_TRAINING_LINES)
    words = sum(t.count(" ") + 1 for t in sample)
    size = int(min(8000, max(300, words // WORDS_PER_PIECE)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return train_pieces(sample, vocab_size=size)


@dataclass(frozen=True)
class Encoded:
    """Pieces of every sentence of one side, flat: sentence `rows[k]` holds piece `ids[k]`."""

    rows: np.ndarray
    ids: np.ndarray
    starts: np.ndarray
    vocab: int

    def sentence(self, row: int) -> np.ndarray:
        return self.ids[self.starts[row] : self.starts[row + 1]]

    def span(self, first: int, stop: int) -> np.ndarray:
        """Pieces of sentences first..stop-1, in order."""
        return self.ids[self.starts[first] : self.starts[stop]]

    @property
    def count(self) -> int:
        """The sentences encoded."""
        return len(self.starts) - 1

    def part(self, first: int, stop: int) -> Encoded:
        """Sentences first..stop-1 alone, numbered from 0 (one document of a corpus)."""
        lo, hi = int(self.starts[first]), int(self.starts[stop])
        return Encoded(
            self.rows[lo:hi] - first,
            self.ids[lo:hi],
            self.starts[first : stop + 1] - lo,
            self.vocab,
        )


def encode(pieces: Pieces, texts: Sequence[str]) -> Encoded:
    lists = pieces.encode_ids(texts) if texts else []
    lengths = np.array([len(x) for x in lists], dtype=np.int64)
    ids = np.fromiter((i for x in lists for i in x), dtype=np.int64, count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(lists)), lengths)
    starts = np.concatenate(([0], np.cumsum(lengths)))
    return Encoded(rows, ids, starts, pieces.vocab_size)


def model1(pairs: Sequence[tuple[np.ndarray, np.ndarray]], src_vocab: int, tgt_vocab: int) -> Table:
    """IBM Model 1 by EM over all co-occurrences at once (a NULL source word included)."""
    null = src_vocab
    # A co-occurrence a (source piece, target piece) key, its group the target piece's
    # position: one array of each, group ids and indices in int32, and in-place steps, since
    # the 6.5 million of a long pair took 525 MB at the peak in int64 temporaries.
    key_parts, group_parts = [], []
    groups = 0
    usable = [
        (source, target)
        for source, target in pairs
        if 0 < len(target) <= MAX_BEAD_PIECES and len(source) <= MAX_BEAD_PIECES
    ]
    for source, target in _spread(usable, MAX_PAIRS):
        s = np.array([*set(source.tolist()), null], dtype=np.int64) * (tgt_vocab + 1)
        key_parts.append(np.tile(s, len(target)) + np.repeat(target, len(s)))
        group_parts.append(
            np.repeat(np.arange(groups, groups + len(target), dtype=np.int32), len(s))
        )
        groups += len(target)
    targets = np.full((src_vocab, TOP), -1, dtype=np.int64)
    probs = np.zeros((src_vocab, TOP))
    if not key_parts:
        return Table(targets, probs)
    keys, key_index = _unique_inverse(np.concatenate(key_parts))
    del key_parts
    group_all = np.concatenate(group_parts)
    del group_parts
    key_src, key_tgt = keys // (tgt_vocab + 1), keys % (tgt_vocab + 1)
    prob = np.ones(len(keys))
    for _ in range(ITERATIONS):
        p = prob[key_index]
        z = np.bincount(group_all, weights=p, minlength=groups)
        p /= z[group_all]
        counts = np.bincount(key_index, weights=p, minlength=len(keys))
        del p
        totals = np.bincount(key_src, weights=counts)
        prob = counts / totals[key_src]
    keep = (key_src != null) & (prob >= MIN_PROB)
    key_src, key_tgt, prob = key_src[keep], key_tgt[keep], prob[keep]
    order = np.lexsort((-prob, key_src))
    key_src, key_tgt, prob = key_src[order], key_tgt[order], prob[order]
    first = np.searchsorted(key_src, key_src, side="left")
    rank = np.arange(len(key_src)) - first
    top = rank < TOP
    targets[key_src[top], rank[top]] = key_tgt[top]
    probs[key_src[top], rank[top]] = prob[top]
    return Table(targets, probs)


def _unique_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(values, return_inverse=True)` of non-negative int64 values, by one sort of
    each value with its index in the low bits. np.unique argsorts, and on the co-occurrences
    of a long pair's training beads (6.5 million) that took 0.75 s against this 0.3 s."""
    count = len(values)
    index_bits = max(count - 1, 1).bit_length()
    if count == 0 or int(values.max()).bit_length() + index_bits > 62:
        return np.unique(values, return_inverse=True)
    packed = values << index_bits
    packed |= np.arange(count, dtype=np.int64)
    packed.sort()
    ranked = packed >> index_bits
    packed &= (1 << index_bits) - 1  # now the positions, in the order of the values
    first = np.empty(count, dtype=bool)
    first[0] = True
    np.not_equal(ranked[1:], ranked[:-1], out=first[1:])
    keys = ranked[first]
    del ranked
    inverse = np.empty(count, dtype=np.int32 if len(keys) < 2**31 else np.intp)
    inverse[packed] = np.cumsum(first, dtype=inverse.dtype) - 1
    return keys, inverse


def _slots(prefix: str, vocab: int) -> tuple[np.ndarray, np.ndarray]:
    codes = np.array([zlib.crc32(f"{prefix}:{t}".encode()) for t in range(vocab)], dtype=np.int64)
    return codes % DIM, np.where((codes >> 16) & 1, 1.0, -1.0)


def idf(encoded: Encoded, sentences: int) -> np.ndarray:
    """log(1 + N / df) of every piece over the sentences of its side."""
    pairs = np.unique(encoded.rows * (encoded.vocab + 1) + encoded.ids)
    df = np.bincount(pairs % (encoded.vocab + 1), minlength=encoded.vocab)
    return np.log(np.maximum(max(sentences, 1) / np.maximum(df, 1), 1.0))


@dataclass(frozen=True)
class Lexicon:
    """What the reduce learned for every document's second pass: Model 1's table, the
    weights of the target side's pieces (idf × channel) and the vector slots they hash to.
    Each document's vectors are made from its own pieces where it is realigned (`vectors`),
    so no process holds those of a whole corpus (512 floats a sentence and side)."""

    table: Table
    weights: np.ndarray
    bucket: np.ndarray
    sign: np.ndarray

    @classmethod
    def of(cls, table: Table, weights: np.ndarray, prefix: str, vocab: int) -> Lexicon:
        """The lexicon of `table` over a target side of `vocab` pieces, slots named by `prefix`
        (hashed once: a crc32 a piece)."""
        bucket, sign = _slots(prefix, vocab)
        return cls(table, weights, bucket, sign)

    def vectors(self, src: Encoded, tgt: Encoded) -> tuple[np.ndarray, np.ndarray]:
        """(count, DIM) each: the target pieces each source sentence's pieces translate
        into, and each target sentence's own pieces, weighted."""
        return self._expected(src), self._own(tgt)

    def _own(self, encoded: Encoded) -> np.ndarray:
        out = np.zeros((encoded.count, DIM), dtype=np.float32)
        values = (self.sign * self.weights)[encoded.ids]
        np.add.at(out, (encoded.rows, self.bucket[encoded.ids]), values)
        return out

    def _expected(self, encoded: Encoded) -> np.ndarray:
        targets = self.table.targets[encoded.ids].ravel()
        probs = self.table.probs[encoded.ids].ravel()
        rows = np.repeat(encoded.rows, TOP)
        ok = targets >= 0
        targets, probs, rows = targets[ok], probs[ok], rows[ok]
        out = np.zeros((encoded.count, DIM), dtype=np.float32)
        values = self.sign[targets] * self.weights[targets] * probs
        np.add.at(out, (rows, self.bucket[targets]), values)
        return out
