"""A translation lexicon learned from the input itself (Moore 2002, with SentencePiece units).

After a first pass, the confident 1-1 beads of all documents train IBM Model 1 in both
directions over SentencePiece pieces trained in-process on each side (so Russian inflections
share pieces). The tables then turn each sentence into tokens of the other side's pieces:
a source sentence "expects" target pieces with the probabilities of Model 1, and the target
sentence holds its own; the cosine of the two is the lexical evidence of the second pass.
Nothing is downloaded; everything is numpy.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from paralign.pieces import Pieces, train_pieces

ITERATIONS = 5
TOP = 4
MIN_PROB = 0.05
MAX_PAIRS = 6000


@dataclass(frozen=True)
class Table:
    """Model 1 t(target piece | source piece), kept as the best few targets per source piece."""

    targets: dict[int, tuple[tuple[int, float], ...]]


def train_side(texts: Sequence[str], vocab_size: int) -> Pieces:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return train_pieces(texts, vocab_size=vocab_size)


def vocab_size_for(texts: Sequence[str]) -> int:
    """Roughly one piece per 12 running words, between 300 and 8000."""
    words = sum(t.count(" ") + 1 for t in texts)
    return int(min(8000, max(300, words // 12)))


def model1(pairs: Sequence[tuple[Sequence[int], Sequence[int]]], src_vocab: int) -> Table:
    """IBM Model 1 by EM over all co-occurrences at once (a NULL source word included)."""
    null = src_vocab
    src_ids, tgt_ids, groups = [], [], []
    group = 0
    for source, target in pairs:
        s = np.array([*set(source), null], dtype=np.int64)
        for t in target:
            src_ids.append(s)
            tgt_ids.append(np.full(len(s), t, dtype=np.int64))
            groups.append(np.full(len(s), group, dtype=np.int64))
            group += 1
    if not src_ids:
        return Table({})
    src_all = np.concatenate(src_ids)
    tgt_all = np.concatenate(tgt_ids)
    group_all = np.concatenate(groups)
    keys, key_index = np.unique(src_all * (1 << 24) + tgt_all, return_inverse=True)
    key_src = keys >> 24
    key_tgt = keys & ((1 << 24) - 1)
    prob = np.ones(len(keys))
    for _ in range(ITERATIONS):
        p = prob[key_index]
        z = np.bincount(group_all, weights=p, minlength=group)
        counts = np.bincount(key_index, weights=p / z[group_all], minlength=len(keys))
        totals = np.bincount(key_src, weights=counts)
        prob = counts / totals[key_src]
    order = np.lexsort((-prob, key_src))
    table: dict[int, list[tuple[int, float]]] = {}
    for k in order:
        s = int(key_src[k])
        if s == null or prob[k] < MIN_PROB:
            continue
        best = table.setdefault(s, [])
        if len(best) < TOP:
            best.append((int(key_tgt[k]), float(prob[k])))
    return Table({s: tuple(v) for s, v in table.items()})


def expected_tokens(ids: Sequence[int], table: Table, prefix: str) -> dict[str, float]:
    """The target pieces a sentence's pieces translate into, with summed probabilities."""
    bag: dict[str, float] = {}
    for s in ids:
        for t, p in table.targets.get(s, ()):
            token = f"{prefix}:{t}"
            bag[token] = bag.get(token, 0.0) + p
    return bag


def own_tokens(ids: Sequence[int], prefix: str) -> dict[str, float]:
    bag: dict[str, float] = {}
    for t in ids:
        token = f"{prefix}:{t}"
        bag[token] = bag.get(token, 0.0) + 1.0
    return bag


def sample_pairs(
    pairs: Sequence[tuple[Sequence[int], Sequence[int]]],
) -> list[tuple[Sequence[int], Sequence[int]]]:
    """At most MAX_PAIRS pairs, evenly spread, so long inputs train in bounded time."""
    if len(pairs) <= MAX_PAIRS:
        return list(pairs)
    step = len(pairs) / MAX_PAIRS
    return [pairs[int(k * step)] for k in range(MAX_PAIRS)]
