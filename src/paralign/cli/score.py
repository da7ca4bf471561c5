"""`paralign score` (sacrebleu metrics with signatures) and `paralign spm train`."""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paralign.cli.app import Printed, PrintedOption, app, examples
from paralign.model import ParalignError

if TYPE_CHECKING:
    from rich.console import Console

    from paralign.metrics import MetricOptions, Scores, SegmentScore
    from paralign.pieces import Pieces

spm_app = typer.Typer(
    no_args_is_help=True,
    help="SentencePiece models trained in-process on your own texts (nothing is downloaded).",
)
app.add_typer(spm_app, name="spm")


# Each option is declared once here, so that `score` itself stays a short list of names.
Hypothesis = Annotated[
    Path,
    typer.Argument(help="System output (or MT draft): one segment a line, or TMX; - is stdin."),
]
References = Annotated[
    list[Path],
    typer.Argument(help="One or more references (or the post-edited text); - is stdin."),
]
Metrics = Annotated[str, typer.Option(help="Comma-separated: bleu, chrf, chrf++, ter.")]
JsonOut = Annotated[bool, typer.Option("--json", help="Same as --format json (unrounded).")]
Segments = Annotated[bool, typer.Option(help="Per-segment scores.")]
Worst = Annotated[int, typer.Option(help="List the N worst segments (by the first metric).")]
Paired = Annotated[
    Path | None,
    typer.Option(help="A second system: paired significance tests against HYPOTHESIS."),
]
PairedTests = Annotated[
    str, typer.Option(help="bs (bootstrap), ar (approximate randomisation) or bs,ar.")
]
PairedBsN = Annotated[int, typer.Option(help="Bootstrap resamples (as sacrebleu).")]
PairedArN = Annotated[int, typer.Option(help="Randomisation trials (as sacrebleu).")]
Tokenize = Annotated[
    str, typer.Option(help="BLEU tokenizer: 13a, intl, char, none, zh, or spm:MODEL.")
]
Lowercase = Annotated[
    bool, typer.Option(help="Case-insensitive BLEU and chrF (TER is by default).")
]
TmxLang = Annotated[
    str | None, typer.Option(help="Language of the TMX segments to score (e.g. en).")
]


@app.command(
    epilog=examples(
        "paralign score mt.txt ref.txt --metrics bleu,chrf",
        "paralign score draft.txt post-edited.txt --metrics ter --segments",
        "cat mt.txt | paralign score - ref.txt",
    )
)
def score(
    hypothesis: Hypothesis,
    references: References,
    metrics: Metrics = "bleu,chrf,chrf++,ter",
    printed: PrintedOption = Printed.text,
    json_out: JsonOut = False,
    segments: Segments = False,
    worst: Worst = 0,
    paired: Paired = None,
    paired_tests: PairedTests = "bs,ar",
    paired_bs_n: PairedBsN = 1000,
    paired_ar_n: PairedArN = 10000,
    tokenize: Tokenize = "13a",
    lowercase: Lowercase = False,
    tmx_lang: TmxLang = None,
) -> None:
    """Score a translation against references with sacrebleu: BLEU, chrF, chrF++, TER.

    Every figure carries sacrebleu's signature. With the MT draft as HYPOTHESIS and its
    post-edited version as the reference, `--metrics ter` is HTER (post-editing effort) and
    `--segments` gives the edit count of each segment.
    """
    from paralign.metrics import worst_segments

    options = _metric_options(metrics, tokenize, lowercase)
    streams = read_streams(hypothesis, references, paired, tmx_lang)
    result = _score_streams(
        streams,
        len(references),
        options,
        segments=segments or worst > 0,
        paired=(str(hypothesis), str(paired)) if paired else None,
        tests=(paired_tests, paired_bs_n, paired_ar_n),
    )
    worst_list = worst_segments(result.segments, worst, options.metrics[0]) if worst else ()
    if json_out or printed is Printed.json:
        _print_json(result, hypothesis, references, paired, worst_list)
        return
    title = f"{hypothesis} against {', '.join(map(str, references))} ({len(streams[0])} segments)"
    render_scores(result, title, worst_list, show_all=segments)


def _metric_options(metrics: str, tokenize: str, lowercase: bool) -> MetricOptions:
    """The metrics to compute; an `spm:MODEL` tokenizer's model is loaded (and checked) first."""
    from paralign.metrics import MetricOptions, parse_metrics

    options = MetricOptions(parse_metrics(metrics), tokenize, lowercase)
    if options.spm_model is not None:
        from paralign.pieces import load_pieces

        load_pieces(options.spm_model)
    return options


def _score_streams(
    streams: list[list[str]],
    references: int,
    options: MetricOptions,
    *,
    segments: bool,
    paired: tuple[str, str] | None,
    tests: tuple[str, int, int],
) -> Scores:
    """Scores of the hypothesis stream against the `references` streams after it; with
    `paired` (the two systems' names), the last stream is the second system."""
    from paralign.metrics import score_all

    names, bs_n, ar_n = tests
    return score_all(
        streams[0],
        streams[1 : 1 + references],
        options,
        segments=segments,
        paired=streams[-1] if paired else None,
        paired_tests=tuple(t.strip() for t in names.split(",") if t.strip()),
        paired_names=paired or ("", ""),
        paired_samples={"bs": bs_n, "ar": ar_n},
    )


def _print_json(
    result: Scores,
    hypothesis: Path,
    references: Sequence[Path],
    paired: Path | None,
    worst: Sequence[SegmentScore],
) -> None:
    from paralign.report.metrics import scores_json

    systems = {"baseline": str(hypothesis), "system": str(paired)} if paired else None
    doc = {
        "hypothesis": str(hypothesis),
        "references": [str(r) for r in references],
        **scores_json(result, worst=worst, systems=systems),
    }
    typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))


def read_lines(path: Path) -> list[str]:
    """One segment a line, read as sacrebleu reads it: split on LF only, trailing space stripped;
    `-` is standard input."""
    from paralign.files import STDIN, decode_utf8, read_text, stdin_bytes

    name = "standard input"
    text = decode_utf8(stdin_bytes(), name) if str(path) == STDIN else read_text(path)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


def read_streams(
    hypothesis: Path, references: Sequence[Path], paired: Path | None, tmx_lang: str | None
) -> list[list[str]]:
    """The hypothesis, reference and second-system streams, checked to be parallel.

    Text files are read line by line; TMX files give the segments in `tmx_lang`; when every
    file is TMX they are joined by their source text (translation units missing from any file
    are left out, with a warning).
    """
    paths = [hypothesis, *references, *([paired] if paired else [])]
    if sum(str(p) == "-" for p in paths) > 1:
        raise ParalignError("standard input (-) can stand for one file only")
    if any(_is_tmx(p) for p in paths):
        streams = _read_tmx_streams(paths, tmx_lang)
    else:
        streams = [read_lines(p) for p in paths]
    from paralign.metrics import check_streams

    check_streams(
        streams[0], str(hypothesis), list(zip(map(str, paths[1:]), streams[1:], strict=True))
    )
    return streams


def _is_tmx(path: Path) -> bool:
    return path.suffix.lower() == ".tmx"


def render_scores(
    scores: Scores, title: str, worst: Sequence[SegmentScore], *, show_all: bool
) -> None:
    """Rich tables for people; the signatures below each table, unwrapped, for copying."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    table = Table(title=title)
    for column in ("metric", "score", "detail"):
        table.add_column(column, justify="right" if column == "score" else "left")
    for item in scores.corpus:
        table.add_row(item.name, f"{item.score:.2f}", item.detail)
    console.print(table)
    for item in scores.corpus:
        typer.echo(f"{item.name}|{item.signature}")
    if show_all or worst:
        _render_segments(console, scores, list(worst) if worst else list(scores.segments))
    if scores.paired:
        _render_paired(console, scores)


_SEGMENT_HEADERS = {"bleu": "BLEU", "chrf": "chrF", "chrf++": "chrF++", "ter": "TER"}


def _render_segments(console: Console, scores: Scores, segments: Sequence[SegmentScore]) -> None:
    from rich.table import Table

    names = list(scores.segment_signatures)
    table = Table(title="segment scores")
    table.add_column("line", justify="right", no_wrap=True, min_width=4)
    for name in names:
        table.add_column(_SEGMENT_HEADERS[name], justify="right", no_wrap=True, min_width=6)
    if "ter" in names:
        table.add_column("edits/ref", justify="right", no_wrap=True, min_width=9)
    fixed = sum(column.min_width or 0 for column in table.columns) + 3 * len(table.columns)
    table.add_column(
        "hypothesis", overflow="ellipsis", no_wrap=True, width=max(20, console.width - fixed - 4)
    )
    for seg in segments:
        row = [str(seg.line), *(f"{seg.scores[n]:.1f}" for n in names)]
        if "ter" in names:
            row.append(f"{seg.ter_edits:g}/{seg.ter_ref_length:g}")
        table.add_row(*row, seg.hypothesis)
    console.print(table)
    for name, signature in scores.segment_signatures.items():
        typer.echo(f"{_SEGMENT_HEADERS[name]} (segment)|{signature}")


def _render_paired(console: Console, scores: Scores) -> None:
    from rich.table import Table

    table = Table(title="paired significance (p < 0.05: the difference is unlikely to be chance)")
    for column in ("metric", "test", "system", "score", "95% CI (mean ± half-width)", "p-value"):
        table.add_column(column)
    for result in scores.paired:
        for system, p_value in ((result.baseline, ""), (result.system, f"{result.p_value:.4f}")):
            interval = "" if system.mean is None else f"{system.mean:.2f} ± {system.ci:.2f}"
            table.add_row(
                result.metric,
                f"{result.test} ({result.n_samples})",
                system.name,
                f"{system.score:.2f}",
                interval,
                p_value,
            )
    console.print(table)
    for result in scores.paired:
        typer.echo(f"{result.metric} {result.test}|{result.signature}")


@spm_app.command(
    "train", epilog=examples("paralign spm train texts/en/*.md -o build/spm-en --vocab-size 800")
)
def spm_train(
    corpus: Annotated[
        list[Path], typer.Argument(help="Text files, one sentence (or paragraph) a line.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Prefix: writes PREFIX.model and PREFIX.vocab.")
    ],
    vocab_size: Annotated[
        int, typer.Option(help="Vocabulary size; lowered with a warning on a small corpus.")
    ] = 8000,
    model_type: Annotated[str, typer.Option(help="unigram or bpe.")] = "unigram",
) -> None:
    """Train a SentencePiece model in-process (no temporary files) and save it atomically."""
    from paralign.files import check_output, read_text
    from paralign.pieces import save_pieces, train_pieces

    if model_type not in ("unigram", "bpe"):
        raise ParalignError(f"unknown model type {model_type!r}: choose unigram or bpe")
    if vocab_size < 1:
        raise ParalignError(f"vocabulary size must be positive, not {vocab_size}")
    for written in (Path(f"{output}.model"), Path(f"{output}.vocab")):
        check_output(written, inputs=corpus)
    lines = [line for path in corpus for line in read_text(path).splitlines()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pieces = train_pieces(lines, vocab_size, model_type)
    for warning in caught:
        typer.echo(f"paralign: warning: {warning.message}", err=True)
    model, vocab = save_pieces(pieces, output)
    typer.echo(f"wrote {model} and {vocab} (signature {spm_signature(pieces, model_type)})")


def spm_signature(pieces: Pieces, model_type: str) -> str:
    """Names the model as the `spm:` tokenizer of `score` does, with the library version."""
    import sentencepiece

    return (
        f"type:{model_type}|vocab:{pieces.vocab_size}|sha256:{pieces.sha256[:12]}"
        f"|sentencepiece:{sentencepiece.__version__}"
    )


def _read_tmx_streams(paths: Sequence[Path], tmx_lang: str | None) -> list[list[str]]:
    """TMX files give their segments in `tmx_lang` (default: the one language beside the
    header's srclang); when every file is TMX they are joined by source text."""
    from paralign.metrics import join_by_source

    if not all(_is_tmx(p) for p in paths):
        return [_tmx_pairs(p, tmx_lang)[1] if _is_tmx(p) else read_lines(p) for p in paths]
    sides = [list(zip(*_tmx_pairs(p, tmx_lang), strict=True)) for p in paths]
    streams, dropped = join_by_source(sides)
    if not streams[0]:
        raise ParalignError(
            f"{paths[0]}: no translation unit shares its source text with "
            f"{', '.join(map(str, paths[1:]))}"
        )
    if dropped:
        typer.echo(
            f"paralign: warning: {dropped} of {len(sides[0])} translation units of "
            f"{paths[0]} have no match by source text in every other file; scoring the "
            f"{len(streams[0])} that do",
            err=True,
        )
    return streams


def _tmx_pairs(path: Path, tmx_lang: str | None) -> tuple[list[str], list[str]]:
    """Source texts and `tmx_lang` segments of the TUs that hold both, in file order."""
    from paralign.files import check_readable
    from paralign.tmx import tmx_pairs

    check_readable(path)
    return tmx_pairs(path, tmx_lang)
