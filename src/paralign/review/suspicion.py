"""Which beads a reviewer should look at first: a suspicion score per bead, for review only.

The aligner's confidence says how sure the search was of a bead against its rivals; it is
left as it is (the lexicon's training and many tests rest on it). A reviewer needs something
else: the chance that a bead is wrong, so that the first tenth of the beads holds as many of the
errors as possible. Suspicion is a small logistic model over per-bead evidence the alignment
already has or that is cheap to get from the finished beads:

- the confidence itself (as a logit) and the weaker neighbour's (errors come in runs: one
  wrong bead pushes its neighbour off);
- the length ratio against the document's own ratio (Gale & Church's |z|, `quality.py`);
- numbers and names (cognates, glossary terms) on one side that the other side lacks;
- the share of the bead's sentences a merge may have swallowed (`review/omission.py`);
- the bead's width: an empty side, and how many sentences more than one a side it holds;
- how much of the bead the page's learned lexicon (`review/lexicon.py`) explains: of the
  words of either side that the lexicon knows, the share whose partner is on the other side.

The weights (WEIGHTS) come from `benchmarks/review.py`; see there and docs/benchmarks.md#review
for how they were fitted and what they achieve on data they were not fitted on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from paralign.model import Bitext, Glossary
from paralign.review.evidence import Anchor, sentence_anchors
from paralign.review.lexicon import WordPairs, learn_pairs, pair_numbers
from paralign.review.omission import Swallowed, swallowed_sentences

# The features, in the order of a row of `bead_features`.
FEATURES = (
    "confidence logit",
    "weaker neighbour logit",
    "length deviation",
    "unexplained numbers",
    "unexplained names",
    "swallowed share",
    "empty side",
    "extra sentences",
    "lexicon coverage",
)
# The direction each piece of evidence may push suspicion (+1: more of it, more suspicious);
# a fit may only weigh a feature in its direction (benchmarks/suspicion.py, signed_fit).
SIGNS: dict[str, int] = {
    "confidence logit": -1,
    "weaker neighbour logit": -1,
    "length deviation": 1,
    "unexplained numbers": 1,
    "unexplained names": 1,
    "swallowed share": 1,
    "empty side": 1,
    "extra sentences": 1,
    "lexicon coverage": -1,
}
CLIP = 1e-3  # confidences are clipped to [CLIP, 1 - CLIP] before the logit
MAX_Z = 10.0
MAX_COUNT = 3.0

# P(wrong) = 1 / (1 + exp(-(bias + sum(weight * feature)))), features in their own units.
# Fitted by benchmarks/suspicion.py: logistic regression (IRLS, L2 on standardised features,
# each weight held to its SIGNS direction) on textberg-dev's tune part A (de-fr literature, the
# beads before its middle gold bead), the L2 strength (100) chosen on its part B by the recall
# of wrong beads among B's 10% most suspicious. These weights never saw ru-en: on ntrex-dev and
# the ARVAK gold they are tested, not fitted (docs/benchmarks.md#review). The fit on ntrex-dev's
# part A (the other direction) is in the same table; it carried worse to the other set.
# Only the order matters to a reviewer: the strong L2 makes the values small, not the ranking.
# Changing a weight changes the review order: bump quality.SUSPICION_WEIGHTS, which the
# report's signature carries.
WEIGHTS: dict[str, float] = {
    "bias": -0.3638,
    "confidence logit": -0.0593,
    "weaker neighbour logit": -0.0753,
    "length deviation": 0.0626,
    "unexplained numbers": 0.2095,
    "unexplained names": 0.0389,
    "swallowed share": 1.4267,
    "empty side": 0.0638,
    "extra sentences": 0.1461,
    "lexicon coverage": -0.2995,
}


def _logit(score: float) -> float:
    p = min(max(score, CLIP), 1.0 - CLIP)
    return math.log(p / (1.0 - p))


def _unexplained(src: set[str], tgt: set[str], names: bool) -> float:
    """How many distinct number (or name/term) keys one side has and the other lacks."""

    def kind(key: str) -> bool:
        return key.startswith(("c:", "t:")) == names

    return min(float(len({k for k in src ^ tgt if kind(k)})), MAX_COUNT)


def _lexicon_stems(bitext: Bitext, pairs: WordPairs) -> tuple[list[set[int]], list[set[int]]]:
    """Per sentence, the pair numbers of its words the lexicon knows."""
    return (
        [pair_numbers(s.text, pairs.source) for s in bitext.source],
        [pair_numbers(t.text, pairs.target) for t in bitext.target],
    )


def _coverage(src: set[int], tgt: set[int]) -> float:
    """The share of known words whose partner is across, with half a word of prior: a bead
    with no known word scores 0.5, neither explained nor contradicted."""
    known = len(src) + len(tgt)
    matched = len(src & tgt) * 2
    return (matched + 0.5) / (known + 1.0)


Evidence = tuple[tuple[list[list[Anchor]], list[list[Anchor]]], list[Swallowed]]
"""A document's anchors (source, target) and the sentences its merges may have swallowed."""


def document_evidence(bitext: Bitext, glossary: Glossary | None = None) -> Evidence:
    """What the report, the page and the suspicion all read of a document, found once.
    Swallowed sentences are judged without the lexicon: it is learned from these very
    beads, so a swallowed sentence's words are already paired with its merge's."""
    anchors = sentence_anchors(bitext, glossary)
    return anchors, swallowed_sentences(bitext, *anchors)


def bead_features(bitext: Bitext, pairs: WordPairs, evidence: Evidence) -> np.ndarray:
    """One row of FEATURES per bead of a document."""
    from paralign.quality import QualitySettings, length_z_scores

    links = bitext.links
    (src_anchors, tgt_anchors), flags = evidence
    swallowed: dict[int, int] = {}
    for flag in flags:
        swallowed[flag.link] = swallowed.get(flag.link, 0) + 1
    _, z_scores = length_z_scores(bitext, QualitySettings())
    src_words, tgt_words = _lexicon_stems(bitext, pairs)
    logits = [_logit(k.score) for k in links]
    rows = []
    for index, link in enumerate(links):
        neighbours = logits[max(index - 1, 0) : index] + logits[index + 1 : index + 2]
        src_keys = {a.key for i in link.src for a in src_anchors[i]}
        tgt_keys = {a.key for j in link.tgt for a in tgt_anchors[j]}
        rows.append(
            (
                logits[index],
                min(neighbours, default=_logit(1.0)),
                min(abs(z_scores.get(index, 0.0)), MAX_Z),
                _unexplained(src_keys, tgt_keys, names=False),
                _unexplained(src_keys, tgt_keys, names=True),
                swallowed.get(index, 0) / max(len(link.src) + len(link.tgt), 1),
                float(not link.src or not link.tgt),
                float(max(len(link.src) - 1, 0) + max(len(link.tgt) - 1, 0)),
                _coverage(
                    {n for i in link.src for n in src_words[i]},
                    {n for j in link.tgt for n in tgt_words[j]},
                ),
            )
        )
    return np.array(rows, dtype=float).reshape(len(links), len(FEATURES))


def corpus_features(
    bitexts: Sequence[Bitext],
    glossary: Glossary | None = None,
    evidence: Sequence[Evidence] | None = None,
) -> list[np.ndarray]:
    """bead_features of every document (`evidence`: each one's, when already found), the
    lexicon learned from the whole corpus's beads (as the review page learns it)."""
    pairs = learn_pairs(bitexts)
    found = evidence if evidence is not None else [document_evidence(b, glossary) for b in bitexts]
    return [bead_features(b, pairs, e) for b, e in zip(bitexts, found, strict=True)]


def suspicion(features: np.ndarray, weights: dict[str, float] = WEIGHTS) -> np.ndarray:
    """P(wrong) of each row of features."""
    w = np.array([weights[name] for name in FEATURES])
    odds: np.ndarray = np.exp(-(features @ w + weights["bias"]))
    out: np.ndarray = 1.0 / (1.0 + odds)
    return out


def corpus_suspicion(
    bitexts: Sequence[Bitext],
    glossary: Glossary | None = None,
    evidence: Sequence[Evidence] | None = None,
) -> list[list[float]]:
    """The suspicion of every bead of every document."""
    return [suspicion(f).tolist() for f in corpus_features(bitexts, glossary, evidence)]


def top_share(scores: Sequence[Sequence[float]], share: float = 0.1) -> float:
    """The suspicion at or above which a bead is among the `share` most suspicious of the
    corpus (at least one bead when there are any; 1.0, which no bead reaches, when none)."""
    from paralign.quality import suspect_cut

    return min(suspect_cut([s for doc in scores for s in doc], share), 1.0)
