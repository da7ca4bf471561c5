"""Learned-lexicon pairs for the review page: words the alignment itself says translate each other.

The aligner's second pass learns its lexicon from the first pass's confident beads (IBM Model 1
over SentencePiece pieces, `align/lexicon.py`) and keeps only sentence vectors, which cannot be
shown. The page learns the same kind of lexicon again from the beads it shows, over words, so a
reviewer sees whole words: Model 1 both ways over word stems (a word's first STEM letters, so
Russian inflections share one), a pair kept only when each side is the other's best partner,
both probabilities reach MIN_PROB and the two met in at least MIN_BEADS beads. Stems found in
more than COMMON of their side's sentences (function words) are left out: they match anywhere
and would only hide the evidence that tells beads apart.

A sentence carries the token of a pair only when the partner word is in its own bead or a
neighbouring one: those are the beads an edit can join it with, and the page stays small.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from paralign.model import Bitext
from paralign.review.evidence import Anchor

STEM = 6
MIN_LENGTH = 3
MIN_PROB = 0.3
MIN_BEADS = 2
COMMON = 0.1
TRAINING_SCORE = 0.7  # the aligner's own bar for a training bead (pipeline.CONFIDENT)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class WordPairs:
    """Source stem → pair number, target stem → pair number (the pair's token is `l:N`)."""

    source: dict[str, int]
    target: dict[str, int]

    def __len__(self) -> int:
        return len(self.source)


def stem(word: str) -> str:
    return word.lower()[:STEM]


def _stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text) if len(w) >= MIN_LENGTH]


def _training(bitexts: Sequence[Bitext]) -> list[tuple[list[str], list[str]]]:
    """The stems of both sides of every two-sided bead the aligner was sure of."""
    beads = []
    for bitext in bitexts:
        for link in bitext.links:
            if link.src and link.tgt and link.score >= TRAINING_SCORE:
                src = [s for i in link.src for s in _stems(bitext.source[i].text)]
                tgt = [t for j in link.tgt for t in _stems(bitext.target[j].text)]
                beads.append((src, tgt))
    return beads


def _common(bitexts: Sequence[Bitext], side: str) -> set[str]:
    counts: Counter[str] = Counter()
    total = 0
    for bitext in bitexts:
        for sentence in bitext.source if side == "source" else bitext.target:
            counts.update(set(_stems(sentence.text)))
            total += 1
    return {s for s, n in counts.items() if n > COMMON * total}


def _best(table_targets: np.ndarray, table_probs: np.ndarray) -> dict[int, int]:
    """Each source id's best target id, when its probability reaches MIN_PROB."""
    return {
        s: int(table_targets[s, 0])
        for s in range(table_targets.shape[0])
        if table_targets[s, 0] >= 0 and table_probs[s, 0] >= MIN_PROB
    }


def learn_pairs(bitexts: Sequence[Bitext]) -> WordPairs:
    """The word pairs of the alignment's beads (none when it has too few to learn from)."""
    from paralign.align.lexicon import model1

    beads = _training(bitexts)
    if len(beads) < 20:
        return WordPairs({}, {})
    skip_src, skip_tgt = _common(bitexts, "source"), _common(bitexts, "target")
    beads = [
        ([s for s in src if s not in skip_src], [t for t in tgt if t not in skip_tgt])
        for src, tgt in beads
    ]
    src_vocab = sorted({s for src, _ in beads for s in src})
    tgt_vocab = sorted({t for _, tgt in beads for t in tgt})
    src_id = {s: k for k, s in enumerate(src_vocab)}
    tgt_id = {t: k for k, t in enumerate(tgt_vocab)}
    rows = [
        (
            np.array([src_id[s] for s in src], dtype=np.int64),
            np.array([tgt_id[t] for t in tgt], dtype=np.int64),
        )
        for src, tgt in beads
    ]
    forward = model1(rows, len(src_vocab), len(tgt_vocab))
    backward = model1([(t, s) for s, t in rows], len(tgt_vocab), len(src_vocab))
    best_tgt = _best(forward.targets, forward.probs)
    best_src = _best(backward.targets, backward.probs)
    together: Counter[tuple[int, int]] = Counter()
    for s, t in rows:
        present = set(t.tolist())
        together.update((a, best_tgt[a]) for a in set(s.tolist()) if best_tgt.get(a) in present)
    source: dict[str, int] = {}
    target: dict[str, int] = {}
    for a, b in sorted(best_tgt.items()):
        if best_src.get(b) == a and together[(a, b)] >= MIN_BEADS:
            source[src_vocab[a]] = target[tgt_vocab[b]] = len(source)
    return WordPairs(source, target)


def lexicon_anchors(
    bitext: Bitext, pairs: WordPairs
) -> tuple[list[list[Anchor]], list[list[Anchor]]]:
    """Per sentence, the words whose partner is in the sentence's bead or a neighbouring one."""
    src_anchors: list[list[Anchor]] = [[] for _ in bitext.source]
    tgt_anchors: list[list[Anchor]] = [[] for _ in bitext.target]
    if not len(pairs):
        return src_anchors, tgt_anchors
    src_keys = [_keys(s.text, pairs.source) for s in bitext.source]
    tgt_keys = [_keys(t.text, pairs.target) for t in bitext.target]
    links = bitext.links
    for index, link in enumerate(links):
        near = links[max(index - 1, 0) : index + 2]
        tgt_near = {n for k in near for j in k.tgt for _, n in tgt_keys[j]}
        src_near = {n for k in near for i in k.src for _, n in src_keys[i]}
        for i in link.src:
            src_anchors[i] = _kept(src_keys[i], tgt_near)
        for j in link.tgt:
            tgt_anchors[j] = _kept(tgt_keys[j], src_near)
    return src_anchors, tgt_anchors


def pair_numbers(text: str, table: dict[str, int]) -> set[int]:
    """The pair numbers of the words of `text` that `table` (a side of WordPairs) knows."""
    return {n for _, n in _keys(text, table)}


def _keys(text: str, table: dict[str, int]) -> list[tuple[re.Match[str], int]]:
    found = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        number = table.get(stem(word)) if len(word) >= MIN_LENGTH else None
        if number is not None:
            found.append((match, number))
    return found


def _kept(keys: list[tuple[re.Match[str], int]], partners: set[int]) -> list[Anchor]:
    return [Anchor(m.start(), m.end(), f"l:{n}", m.group(0)) for m, n in keys if n in partners]


def with_lexicon(anchors: list[list[Anchor]], lexical: list[list[Anchor]]) -> list[list[Anchor]]:
    """Each sentence's anchors plus its lexicon words that no other anchor covers already (a
    name is shown once, as a name)."""
    merged = []
    for own, words in zip(anchors, lexical, strict=True):
        taken = [(a.start, a.end) for a in own]
        extra = [w for w in words if not any(s < w.end and w.start < e for s, e in taken)]
        merged.append(sorted([*own, *extra], key=lambda a: (a.start, a.end, a.key)))
    return merged
