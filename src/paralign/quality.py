"""Alignment quality without gold: what a translator should look at first in a new alignment.

Pure functions over `Bitext`s. A report counts the bead types, summarises the aligner's
confidence, flags beads whose length ratio is far from the document's own ratio, lists the
sentences left unaligned, and ranks the beads to review first: by the cues' weights below, or,
when the caller passes each bead's suspicion (review/suspicion.py, as `align --report` does),
most suspicious first.

Length ratios follow Gale & Church (1993): in a bead of l1 source and l2 target characters,
l2 - c·l1 grows with sqrt(l1), so the residual r = (l2 - c·l1) / sqrt(l1) is comparable
between short and long sentences. c is the document's own ratio (its target characters over
its source characters, two-sided beads only) and the spread is estimated robustly (1.4826 ×
the median absolute residual), so the outliers being looked for do not hide themselves by
inflating it. z = r / spread.

Numbers are the other cue that needs no dictionary: translators keep them, so a bead whose
sides hold numbers with none in common (or numbers on one side only) is likely paired wrongly.
On NTREX with wrong pairings injected, the two cues find different errors (see
docs/metrics.md), so the review list uses both.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from paralign.distribution import histogram, median, quantile
from paralign.model import Bitext, Link
from paralign.numbers import digit_runs
from paralign.signature import Signature
from paralign.version import __version__

# the suspicion model's weights table, by version: a change of weights changes the order
SUSPICION_WEIGHTS = "v1"

# 1.4826 × MAD estimates a normal standard deviation; below MIN_SPREAD the document is too
# regular for a z-score to mean anything (every deviation would look infinite).
MAD_TO_SIGMA = 1.4826
MIN_SPREAD = 0.1


@dataclass(frozen=True, slots=True)
class QualitySettings:
    """The knobs that change the report; all of them are in its signature."""

    outlier_z: float = 3.0
    # paralign's aligner is calibrated (a logistic model of its margins) and names 0.9 as the
    # confidence below which a bead is worth a look; other tools' scores may need another value.
    low_confidence: float = 0.9
    review: int = 20
    # with suspicion scores: the share of the beads that are on the review list for their
    # suspicion alone (the reviewer's budget, docs/review.md)
    suspect_share: float = 0.1
    # Fewer two-sided beads than this in a document: no spread estimate, no z-scores.
    min_beads: int = 5
    numbers: bool = True

    def signature(self) -> str:
        """The report's `paralign.signature.Signature`, rendered (`paralign:…|ratio:chars|…`)."""
        return str(
            Signature(
                (
                    ("paralign", __version__),
                    ("ratio", "chars"),
                    ("z", "gale-church-mad"),
                    ("outlier", f"{self.outlier_z:g}"),
                    ("low", f"{self.low_confidence:g}"),
                    ("review", str(self.review)),
                    ("min-beads", str(self.min_beads)),
                    ("numbers", "disjoint" if self.numbers else "off"),
                    ("weights", "review-v4"),
                    ("suspect", f"{self.suspect_share:g}"),
                    ("suspicion", SUSPICION_WEIGHTS),
                )
            )
        )


@dataclass(frozen=True, slots=True)
class BeadRef:
    """A bead and what a reviewer needs to find it: document, file lines and texts."""

    document: str
    index: int
    link: Link
    src_line: int
    tgt_line: int
    src_text: str
    tgt_text: str

    @property
    def kind(self) -> str:
        return self.link.kind


@dataclass(frozen=True, slots=True)
class Outlier:
    bead: BeadRef
    ratio: float
    z: float


@dataclass(frozen=True, slots=True)
class NumberMismatch:
    """A two-sided bead whose numbers have nothing in common."""

    bead: BeadRef
    source: tuple[str, ...]
    target: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Unaligned:
    """A sentence in a 1-0 / 0-1 bead, or in no bead at all."""

    document: str
    side: str
    sentence: int
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Review:
    bead: BeadRef
    priority: float
    reasons: tuple[str, ...]
    # the bead's chance of being wrong (review/suspicion.py) when the report was given one
    suspicion: float | None = None


@dataclass(frozen=True, slots=True)
class DocumentRatio:
    """A document's own length ratio (target/source characters) and the residuals' spread."""

    document: str
    ratio: float
    spread: float
    beads: int


@dataclass(frozen=True, slots=True)
class ConfidenceSummary:
    count: int
    mean: float
    minimum: float
    p10: float
    median: float
    p90: float
    maximum: float
    low: int
    histogram: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class QualityReport:
    documents: int
    source_sentences: int
    target_sentences: int
    links: int
    bead_types: tuple[tuple[str, int], ...]
    confidence: ConfidenceSummary
    ratios: tuple[DocumentRatio, ...]
    outliers: tuple[Outlier, ...]
    numbers: tuple[NumberMismatch, ...]
    unaligned: tuple[Unaligned, ...]
    review: tuple[Review, ...]
    settings: QualitySettings

    @property
    def signature(self) -> str:
        return self.settings.signature()


def quality_report(
    bitexts: Iterable[Bitext],
    settings: QualitySettings = QualitySettings(),
    flags: Mapping[tuple[str, int], str] | None = None,
    suspicion: Mapping[tuple[str, int], float] | None = None,
) -> QualityReport:
    """The report for aligned Bitexts (their `links` set), over all documents together.
    `flags` are reasons found elsewhere (a swallowed sentence, review/omission.py) by
    (document, bead index): such a bead is reviewed whatever its confidence. `suspicion`
    (review/suspicion.py, by the same keys) orders the review list, most suspicious first,
    and puts the `suspect_share` most suspicious beads on it whatever their other cues."""
    flags = flags or {}
    suspicion = suspicion or {}
    cut = suspect_cut(list(suspicion.values()), settings.suspect_share)
    bitexts = list(bitexts)
    kinds: Counter[str] = Counter()
    ratios, outliers, numbers, unaligned, reviews = [], [], [], [], []
    for bitext in bitexts:
        kinds.update(link.kind for link in bitext.links)
        ratio, z_scores = length_z_scores(bitext, settings)
        if ratio is not None:
            ratios.append(ratio)
        for index, z in z_scores.items():
            if abs(z) >= settings.outlier_z:
                bead = bead_ref(bitext, index)
                outliers.append(Outlier(bead, _char_ratio(bitext, bitext.links[index]), z))
        mismatches = number_mismatches(bitext) if settings.numbers else []
        numbers += mismatches
        unaligned += unaligned_sentences(bitext)
        odd_numbers = {m.bead.index for m in mismatches}
        for i in range(len(bitext.links)):
            key = (bitext.name, i)
            found = _review(bitext, i, z_scores, i in odd_numbers, settings, flags.get(key))
            reviews += _suspected(found, bitext, i, suspicion.get(key), (cut, settings))
    outliers.sort(key=lambda o: (-abs(o.z), o.bead.document, o.bead.index))
    reviews.sort(key=_review_order)
    return QualityReport(
        documents=len(bitexts),
        source_sentences=sum(len(b.source) for b in bitexts),
        target_sentences=sum(len(b.target) for b in bitexts),
        links=sum(len(b.links) for b in bitexts),
        bead_types=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], _bead_size(kv[0]), kv[0]))),
        confidence=confidence_summary(
            [link.score for b in bitexts for link in b.links], settings.low_confidence
        ),
        ratios=tuple(ratios),
        outliers=tuple(outliers),
        numbers=tuple(numbers),
        unaligned=tuple(unaligned),
        review=tuple(reviews[: settings.review]),
        settings=settings,
    )


def suspect_cut(scores: Sequence[float], share: float) -> float:
    """The suspicion at or above which a bead is among the `share` most suspicious (at least
    one bead when there are any)."""
    ordered = sorted(scores, reverse=True)
    if not ordered:
        return math.inf
    return ordered[max(int(share * len(ordered)), 1) - 1]


def _suspected(
    found: Review | None,
    bitext: Bitext,
    index: int,
    suspicion: float | None,
    cut: tuple[float, QualitySettings],
) -> list[Review]:
    """The bead's review entry with its suspicion; a bead among the most suspicious is on the
    list for that alone."""
    if suspicion is None:
        return [found] if found else []
    top = suspicion >= cut[0]
    if found is None and not top:
        return []
    reasons = found.reasons if found else ()
    if top:
        reasons = (*reasons, f"among the {cut[1].suspect_share:.0%} most suspicious beads")
    priority = found.priority if found else 0.0
    return [Review(bead_ref(bitext, index), priority, reasons, suspicion)]


def _review_order(r: Review) -> tuple[float, float, float, str, int]:
    """Most suspicious first when the report has suspicion scores, else by the cues' weights."""
    suspicion = -r.suspicion if r.suspicion is not None else 0.0
    return (suspicion, -r.priority, r.bead.link.score, r.bead.document, r.bead.index)


def _bead_size(kind: str) -> tuple[int, int]:
    src, tgt = (int(n) for n in kind.split("-"))
    return src + tgt, abs(src - tgt)


def _lengths(bitext: Bitext, link: Link) -> tuple[int, int]:
    return (
        sum(len(bitext.source[i].text) for i in link.src),
        sum(len(bitext.target[j].text) for j in link.tgt),
    )


def _char_ratio(bitext: Bitext, link: Link) -> float:
    l1, l2 = _lengths(bitext, link)
    return l2 / l1 if l1 else math.inf


def length_z_scores(
    bitext: Bitext, settings: QualitySettings = QualitySettings()
) -> tuple[DocumentRatio | None, dict[int, float]]:
    """The document's ratio and the z-score of each two-sided bead (by link index)."""
    pairs = {
        i: lengths
        for i, link in enumerate(bitext.links)
        if link.src and link.tgt and (lengths := _lengths(bitext, link))[0] > 0
    }
    if not pairs:
        return None, {}
    total_src = sum(l1 for l1, _ in pairs.values())
    ratio = sum(l2 for _, l2 in pairs.values()) / total_src
    residuals = {i: (l2 - ratio * l1) / math.sqrt(l1) for i, (l1, l2) in pairs.items()}
    if len(pairs) < settings.min_beads:
        return DocumentRatio(bitext.name, ratio, math.nan, len(pairs)), {}
    spread = max(MAD_TO_SIGMA * median([abs(r) for r in residuals.values()]), MIN_SPREAD)
    z_scores = {i: r / spread for i, r in residuals.items()}
    return DocumentRatio(bitext.name, ratio, spread, len(pairs)), z_scores


def confidence_summary(scores: Sequence[float], low: float = 0.5) -> ConfidenceSummary:
    """Distribution of link confidences: quantiles and a 10-bin histogram over [0, 1]."""
    if not scores:
        return ConfidenceSummary(
            0, math.nan, math.nan, math.nan, math.nan, math.nan, math.nan, 0, (0,) * 10
        )
    ordered = sorted(scores)
    return ConfidenceSummary(
        count=len(ordered),
        mean=sum(ordered) / len(ordered),
        minimum=ordered[0],
        p10=quantile(ordered, 0.1),
        median=quantile(ordered, 0.5),
        p90=quantile(ordered, 0.9),
        maximum=ordered[-1],
        low=sum(score < low for score in ordered),
        histogram=histogram(ordered),
    )


def bead_ref(bitext: Bitext, index: int) -> BeadRef:
    link = bitext.links[index]
    return BeadRef(
        document=bitext.name,
        index=index,
        link=link,
        src_line=bitext.source[link.src[0]].line if link.src else 0,
        tgt_line=bitext.target[link.tgt[0]].line if link.tgt else 0,
        src_text=" ".join(bitext.source[i].text for i in link.src),
        tgt_text=" ".join(bitext.target[j].text for j in link.tgt),
    )


def number_mismatches(bitext: Bitext) -> list[NumberMismatch]:
    """Two-sided beads where one side has numbers and the other none of the same."""
    found = []
    for index, link in enumerate(bitext.links):
        if not (link.src and link.tgt):
            continue
        bead = bead_ref(bitext, index)
        src, tgt = digit_runs(bead.src_text), digit_runs(bead.tgt_text)
        if (src or tgt) and not (src & tgt):
            found.append(NumberMismatch(bead, tuple(sorted(src)), tuple(sorted(tgt))))
    return found


def unaligned_sentences(bitext: Bitext) -> list[Unaligned]:
    """Sentences in a bead with an empty other side, or covered by no bead at all."""
    paired_src = {i for link in bitext.links if link.tgt for i in link.src}
    paired_tgt = {j for link in bitext.links if link.src for j in link.tgt}
    found = [
        Unaligned(bitext.name, "source", i, s.line, s.text)
        for i, s in enumerate(bitext.source)
        if i not in paired_src
    ]
    return found + [
        Unaligned(bitext.name, "target", j, s.line, s.text)
        for j, s in enumerate(bitext.target)
        if j not in paired_tgt
    ]


# How much each cue weighs in the review order; the bead's own doubt (1 - confidence) is
# added to the sum. Measured on paralign's own alignment of NTREX against the gold
# (benchmarks/metrics.py): its empty-side beads and beads whose numbers differ are wrong far
# more often than the average bead, and its calibrated confidence separates right from wrong
# (ROC AUC about 0.8), while its length outliers are rarely wrong (the aligner already weighs
# length); with injected wrong pairings (another aligner's typical error) length and numbers
# each find a third of them.
REVIEW_WEIGHTS = {
    "empty side": 2.0,
    "many on both sides": 1.5,
    "numbers": 1.0,
    "length": 0.75,
    "big bead": 0.5,
    # a sentence the merge may have swallowed: 5 of ntrex-dev's 15 such flags and 11 of
    # textberg-dev's 20 are on wrong beads (docs/benchmarks.md#review), like numbers
    "flagged": 1.0,
}


def _review(
    bitext: Bitext,
    index: int,
    z_scores: dict[int, float],
    odd_numbers: bool,
    settings: QualitySettings,
    flag: str | None = None,
) -> Review | None:
    """Why a bead deserves a look, and how urgently: the weights of its cues plus its doubt
    (1 - confidence). A confidence below `low_confidence` is a reason of its own."""
    link = bitext.links[index]
    weights = REVIEW_WEIGHTS
    reasons: list[str] = []
    priority = 0.0
    if not link.src or not link.tgt:
        reasons.append(
            "target sentence with no source"
            if not link.src
            else "source sentence with no translation"
        )
        priority += weights["empty side"]
    if len(link.src) >= 2 and len(link.tgt) >= 2:
        reasons.append(f"{link.kind} bead: several sentences on both sides")
        priority += weights["many on both sides"]
    if odd_numbers:
        reasons.append("numbers differ")
        priority += weights["numbers"]
    z = z_scores.get(index)
    if z is not None and abs(z) >= settings.outlier_z:
        reasons.append(f"length ratio z={z:+.1f}")
        priority += weights["length"]
    if max(len(link.src), len(link.tgt)) >= 3:
        reasons.append(f"{link.kind} bead")
        priority += weights["big bead"]
    if flag is not None:
        reasons.append(flag)
        priority += weights["flagged"]
    if link.score < settings.low_confidence:
        reasons.append(f"confidence {link.score:.2f}")
    if not reasons:
        return None
    return Review(bead_ref(bitext, index), priority + 1.0 - link.score, tuple(reasons))
