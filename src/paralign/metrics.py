"""Translation quality metrics: thin wrappers over sacrebleu, each figure with its signature.

Nothing here re-implements a metric: sacrebleu's BLEU, chrF, chrF++ and TER compute every
number, its `Signature` names every option that changes it, and its `significance` module runs
the paired tests. We add what editors need around them: per-segment scores with TER's edit
counts (HTER, post-editing effort), the worst segments, and BLEU over the pieces of a local
SentencePiece model named by its sha256 (never a downloaded one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paralign.model import ParalignError

METRICS = ("bleu", "chrf", "chrf++", "ter")
# sacrebleu's BLEU tokenizers that run offline; flores101/200 and spBLEU-1K download a model,
# ja-mecab and ko-mecab need packages we do not ship.
TOKENIZERS = ("13a", "intl", "char", "none", "zh")
SPM_PREFIX = "spm:"
PAIRED_TESTS = ("bs", "ar")
PAIRED_DEFAULT_SAMPLES = {"bs": 1000, "ar": 10000}
# Lower is better only for TER; the others rank the worst segment first by its lowest score.
LOWER_IS_BETTER = frozenset({"ter"})


@dataclass(frozen=True, slots=True)
class MetricOptions:
    """What changes a number: the metrics, BLEU's tokenizer, and case folding for all metrics.

    `tokenize` is a sacrebleu tokenizer name or `spm:PATH.model` (a local SentencePiece model);
    like sacrebleu's `--tokenize`, it applies to BLEU only (chrF and TER tokenize themselves).
    `lowercase` folds case for BLEU and chrF; TER is case-insensitive by default, as in Tercom.
    """

    metrics: tuple[str, ...] = METRICS
    tokenize: str = "13a"
    lowercase: bool = False

    def __post_init__(self) -> None:
        unknown = [m for m in self.metrics if m not in METRICS]
        if unknown:
            raise ParalignError(f"unknown metric {unknown[0]!r}: choose from {', '.join(METRICS)}")
        if not self.metrics:
            raise ParalignError(f"no metric given: choose from {', '.join(METRICS)}")
        if not self.tokenize.startswith(SPM_PREFIX) and self.tokenize not in TOKENIZERS:
            raise ParalignError(
                f"unknown tokenizer {self.tokenize!r}: choose from {', '.join(TOKENIZERS)} "
                f"or spm:MODEL (a local SentencePiece model)"
            )

    @property
    def spm_model(self) -> Path | None:
        return Path(self.tokenize[len(SPM_PREFIX) :]) if self.is_spm else None

    @property
    def is_spm(self) -> bool:
        return self.tokenize.startswith(SPM_PREFIX)


def parse_metrics(text: str) -> tuple[str, ...]:
    """`bleu,chrf++` → ("bleu", "chrf++"); names are case-insensitive, duplicates dropped."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    options = MetricOptions(metrics=tuple(dict.fromkeys(names)))
    return options.metrics


@dataclass(frozen=True, slots=True)
class CorpusScore:
    """One corpus-level figure as sacrebleu computes it (unrounded), with its signature.

    `name` is sacrebleu's own name (BLEU, chrF2, chrF2++, TER); `detail` its verbose part
    (BLEU's n-gram precisions and brevity penalty, TER's edits and reference length).
    """

    metric: str
    name: str
    score: float
    signature: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SegmentScore:
    """Per-segment scores (sentence BLEU with effective order, chrF, TER) of line `line`.

    `ter_edits` / `ter_ref_length` are TER's statistics: the edits that turn the hypothesis
    into the (closest) reference and the average reference length in words — with a
    post-edited reference this is HTER, the post-editing effort.
    """

    line: int
    hypothesis: str
    references: tuple[str, ...]
    scores: Mapping[str, float]
    ter_edits: float | None = None
    ter_ref_length: float | None = None


@dataclass(frozen=True, slots=True)
class SystemResult:
    """One system in a paired test: its score, the bootstrap mean and 95% half-width."""

    name: str
    score: float
    mean: float | None = None
    ci: float | None = None


@dataclass(frozen=True, slots=True)
class PairedResult:
    """sacrebleu's paired test of `system` against `baseline` on one metric."""

    metric: str
    test: str
    n_samples: int
    baseline: SystemResult
    system: SystemResult
    p_value: float
    signature: str


@dataclass(frozen=True, slots=True)
class Scores:
    """Everything `paralign score` computes, ready to render as a table or JSON."""

    corpus: tuple[CorpusScore, ...]
    segments: tuple[SegmentScore, ...] = ()
    segment_signatures: Mapping[str, str] = field(default_factory=dict)
    paired: tuple[PairedResult, ...] = ()


def check_streams(
    hypotheses: Sequence[str], hyp_name: str, references: Sequence[tuple[str, Sequence[str]]]
) -> None:
    """Raise unless every reference stream has as many segments as the hypotheses."""
    if not hypotheses:
        raise ParalignError(f"{hyp_name}: no segments")
    for ref_name, ref in references:
        if len(ref) != len(hypotheses):
            raise ParalignError(
                f"{hyp_name} has {len(hypotheses)} segments but {ref_name} has {len(ref)}: "
                "one segment a line is needed on both sides"
            )


def join_by_source(
    sides: Sequence[Sequence[tuple[str, str]]],
) -> tuple[list[list[str]], int]:
    """Parallel streams from (source text, segment) pairs of several TMX files.

    The first side fixes the order; a unit is kept when every other side has a unit with the
    same source text (the first such unit wins). Returns the streams and how many units of the
    first side were left out for want of a match.
    """
    lookups = [dict(reversed(side)) for side in sides[1:]]
    kept = [
        (segment, [lookup[source] for lookup in lookups])
        for source, segment in sides[0]
        if all(source in lookup for lookup in lookups)
    ]
    streams = [[segment for segment, _ in kept]]
    streams += [[others[k] for _, others in kept] for k in range(len(lookups))]
    return streams, len(sides[0]) - len(kept)


def _pieces_of(options: MetricOptions) -> Any:
    from paralign.pieces import load_pieces

    assert options.spm_model is not None
    return load_pieces(options.spm_model)


def _prepare_bleu_text(
    options: MetricOptions, hypotheses: Sequence[str], references: Sequence[Sequence[str]]
) -> tuple[list[str], list[list[str]], str | None]:
    """With `spm:MODEL`, BLEU scores space-joined pieces (sacrebleu's tokenize='none').

    Case is folded before piecing, as sacrebleu's own spm tokenizer does.
    """
    if not options.is_spm:
        return list(hypotheses), [list(r) for r in references], None
    pieces = _pieces_of(options)

    def piece(line: str) -> str:
        return " ".join(pieces.encode(line.lower() if options.lowercase else line))

    return (
        [piece(h) for h in hypotheses],
        [[piece(r) for r in ref] for ref in references],
        f"spm-sha256:{pieces.sha256[:12]}",
    )


def _build(name: str, options: MetricOptions, *, sentence: bool = False) -> Any:
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    if name == "bleu":
        return BLEU(
            lowercase=options.lowercase,
            tokenize="none" if options.is_spm else options.tokenize,
            effective_order=sentence,
            # Pieced text is tokenized on purpose: no "tokenized period" warning.
            force=options.is_spm,
        )
    if name in ("chrf", "chrf++"):
        return CHRF(word_order=2 if name == "chrf++" else 0, lowercase=options.lowercase)
    return TER()


def _signature(metric: Any, spm_tok: str | None) -> str:
    signature = metric.get_signature()
    if spm_tok is not None:
        signature.update("tok", spm_tok)
    return str(signature.format())


def _inputs_for(
    name: str,
    plain: tuple[Sequence[str], Sequence[Sequence[str]]],
    pieced: tuple[list[str], list[list[str]], str | None],
) -> tuple[Sequence[str], Sequence[Sequence[str]], str | None]:
    if name == "bleu":
        return pieced
    return plain[0], plain[1], None


def corpus_scores(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    options: MetricOptions = MetricOptions(),
) -> tuple[CorpusScore, ...]:
    """Corpus BLEU / chrF / chrF++ / TER of `hypotheses` against one or more reference streams."""
    return _evaluate(hypotheses, references, options, segments=False)[0]


def segment_scores(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    options: MetricOptions = MetricOptions(),
) -> tuple[tuple[SegmentScore, ...], dict[str, str]]:
    """Scores per segment (sentence BLEU with effective order) and their signatures."""
    _, segments, signatures = _evaluate(hypotheses, references, options, segments=True)
    return segments, signatures


def _evaluate(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    options: MetricOptions,
    *,
    segments: bool,
) -> tuple[tuple[CorpusScore, ...], tuple[SegmentScore, ...], dict[str, str]]:
    """Corpus scores and, on request, segment scores from one pass of sacrebleu's statistics.

    sacrebleu's `corpus_score` sums per-segment statistics and `sentence_score` computes one
    segment's; we extract them once (TER's are costly) and hand them to the same methods
    `corpus_score`, `sentence_score` and the significance module use, so the numbers are
    sacrebleu's (the tests compare them with its public API).
    """
    pieced = _prepare_bleu_text(options, hypotheses, references)
    corpus: list[CorpusScore] = []
    per_metric: dict[str, list[Any]] = {}
    signatures: dict[str, str] = {}
    for name in options.metrics:
        metric = _build(name, options)
        hyps, refs, spm_tok = _inputs_for(name, (hypotheses, references), pieced)
        hyps, refs = list(hyps), [list(r) for r in refs]
        stats = _statistics(metric, hyps, refs)
        score = _aggregate(metric, stats)
        corpus.append(
            CorpusScore(
                metric=name,
                name=score.name,
                score=float(score.score),
                signature=_signature(metric, spm_tok),
                detail=_detail(score),
            )
        )
        if segments:
            sentence = metric
            if name == "bleu":  # effective order: another metric; its statistics are cheap
                sentence = _build(name, options, sentence=True)
                stats = _statistics(sentence, hyps, refs)
            per_metric[name] = [_aggregate(sentence, [stat]) for stat in stats]
            signatures[name] = _signature(sentence, spm_tok)
    if not segments:
        return tuple(corpus), (), {}
    rows = []
    for i, hyp in enumerate(hypotheses):
        ter = per_metric["ter"][i] if "ter" in per_metric else None
        rows.append(
            SegmentScore(
                line=i + 1,
                hypothesis=hyp,
                references=tuple(ref[i] for ref in references),
                scores={name: float(per_metric[name][i].score) for name in options.metrics},
                ter_edits=float(ter.num_edits) if ter is not None else None,
                ter_ref_length=float(ter.ref_length) if ter is not None else None,
            )
        )
    return tuple(corpus), tuple(rows), signatures


def _detail(score: Any) -> str:
    if hasattr(score, "num_edits"):
        return f"edits = {score.num_edits} ref_len = {score.ref_length:.1f}"
    return _verbose(score)


# ------------------------------------------------------------------ sacrebleu's internals
# The only uses of sacrebleu's private names, kept here. Why: `corpus_score` and
# `sentence_score` each extract the statistics again, and TER's cost more than the rest of a
# run; extracting them once and aggregating them as those two methods (and sacrebleu's own
# significance tests) do gives sacrebleu's numbers from one pass. Not public API, so
# pyproject.toml pins sacrebleu to the versions tested (>=2.4,<2.7), and
# tests/test_sacrebleu_pin.py fails first when an upgrade moves a name.


def _statistics(metric: Any, hyps: list[str], refs: list[Sequence[str]]) -> list[Any]:
    """Each segment's sufficient statistics, after `corpus_score`'s own argument checks."""
    metric._check_corpus_score_args(hyps, refs)
    return list(metric._extract_corpus_statistics(hyps, refs))


def _aggregate(metric: Any, stats: list[Any]) -> Any:
    """The Score of summed statistics: what `corpus_score` (one list) and `sentence_score`
    (one segment's) return."""
    return metric._aggregate_and_compute(stats)


def _verbose(score: Any) -> str:
    """The detail sacrebleu prints after a BLEU or chrF score (n-gram precisions, BP …)."""
    return str(getattr(score, "_verbose", ""))


def worst_segments(
    segments: Sequence[SegmentScore], n: int, metric: str
) -> tuple[SegmentScore, ...]:
    """The `n` worst segments by `metric` (highest TER, lowest otherwise); ties by line."""
    if any(metric not in s.scores for s in segments):
        raise ParalignError(f"segments were not scored with {metric!r}")
    sign = -1.0 if metric in LOWER_IS_BETTER else 1.0
    return tuple(sorted(segments, key=lambda s: (sign * s.scores[metric], s.line))[: max(n, 0)])


def paired_test(
    baseline: Sequence[str],
    system: Sequence[str],
    references: Sequence[Sequence[str]],
    options: MetricOptions = MetricOptions(),
    *,
    tests: Sequence[str] = PAIRED_TESTS,
    names: tuple[str, str] = ("baseline", "system"),
    n_samples: Mapping[str, int] | None = None,
) -> tuple[PairedResult, ...]:
    """Paired bootstrap resampling ('bs') and approximate randomisation ('ar') via sacrebleu.

    sacrebleu seeds its generator from SACREBLEU_SEED (12345 unless set), so the figures equal
    those of `sacrebleu REF -i BASELINE SYSTEM --paired-bs` / `--paired-ar`. sacrebleu's
    `--paired-ar` reports no interval; we ask its API for 1000 bootstrap resamples as well
    (drawn after the randomisation masks, so the p-value is unchanged; the signature says bs:1000).
    """
    from sacrebleu.significance import PairedTest

    if len(system) != len(baseline):
        raise ParalignError(
            f"{names[1]} has {len(system)} segments but {names[0]} has {len(baseline)}"
        )
    unknown = [t for t in tests if t not in PAIRED_TESTS]
    if unknown:
        raise ParalignError(f"unknown paired test {unknown[0]!r}: choose from bs, ar")
    samples = {**PAIRED_DEFAULT_SAMPLES, **(n_samples or {})}
    results: list[PairedResult] = []
    for test in tests:
        for name in options.metrics:
            results.append(
                _paired_one(
                    name,
                    test,
                    samples[test],
                    baseline,
                    system,
                    references,
                    options,
                    names,
                    PairedTest,
                )
            )
    return tuple(results)


def _paired_one(
    name: str,
    test: str,
    n: int,
    baseline: Sequence[str],
    system: Sequence[str],
    references: Sequence[Sequence[str]],
    options: MetricOptions,
    names: tuple[str, str],
    paired_cls: Any,
) -> PairedResult:
    metric = _build(name, options)
    hyps_b, refs, spm_tok = _inputs_for(
        name, (baseline, references), _prepare_bleu_text(options, baseline, references)
    )
    hyps_s = _prepare_bleu_text(options, system, [])[0] if name == "bleu" else list(system)
    test_run = paired_cls(
        [(names[0], list(hyps_b)), (names[1], list(hyps_s))],
        {name: metric},
        [list(r) for r in refs],
        test_type=test,
        n_samples=n,
        n_ar_confidence=1000 if test == "ar" else -1,
    )
    signatures, table = test_run()
    ((key, signature),) = signatures.items()
    if spm_tok is not None:
        signature.update("tok", spm_tok)
    base, other = table[key]
    return PairedResult(
        metric=name,
        test=test,
        n_samples=test_run.n_samples,
        baseline=_system_result(names[0], base),
        system=_system_result(names[1], other),
        p_value=float(other.p_value),
        signature=str(signature.format()),
    )


def _system_result(name: str, result: Any) -> SystemResult:
    return SystemResult(
        name=name,
        score=float(result.score),
        mean=None if result.mean is None else float(result.mean),
        ci=None if result.ci is None else float(result.ci),
    )


def score_all(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    options: MetricOptions = MetricOptions(),
    *,
    segments: bool = False,
    paired: Sequence[str] | None = None,
    paired_tests: Sequence[str] = PAIRED_TESTS,
    paired_names: tuple[str, str] = ("baseline", "system"),
    paired_samples: Mapping[str, int] | None = None,
) -> Scores:
    """Corpus scores, and on request segment scores and a paired test against `paired`."""
    corpus, segs, seg_signatures = _evaluate(hypotheses, references, options, segments=segments)
    tests = (
        paired_test(
            hypotheses,
            paired,
            references,
            options,
            tests=paired_tests,
            names=paired_names,
            n_samples=paired_samples,
        )
        if paired is not None
        else ()
    )
    return Scores(corpus=corpus, segments=segs, segment_signatures=seg_signatures, paired=tests)
