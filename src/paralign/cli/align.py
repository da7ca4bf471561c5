"""`paralign align` and `paralign eval-align`."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from paralign.align import AlignOptions
    from paralign.align.evaluate import AlignmentScores
    from paralign.corpus import ReadOptions
    from paralign.settings import Settings
    from paralign.signature import Signature

from paralign.cli.app import (
    Encoding,
    EncodingOption,
    InputFormat,
    InputFormatOption,
    JsonFlag,
    LegacyFormatOption,
    Printed,
    PrintedOption,
    app,
    examples,
    input_format,
    settings_of,
)
from paralign.model import Bitext, Glossary, ParalignError
from paralign.tmx.write import TmxOptions
from paralign.urls import Location, Url
from paralign.writers import WRITERS, OutputOptions, write_output

# The choices are the writers' table, read at start-up: mypy cannot list members it only
# learns at run time, hence the one ignore.
Output = StrEnum(  # type: ignore[misc]
    "Output", {name: name for name, w in WRITERS.items() if w.beads}
)


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


# Each option is declared once here, so that `align` itself stays a short list of names.
Source = Annotated[
    str,
    typer.Argument(
        metavar="SOURCE",
        help="Source file, or folder paired by stem; or an fsspec URL (zip://ru::c.zip).",
    ),
]
Target = Annotated[
    str,
    typer.Argument(
        metavar="TARGET", help="Target file, or folder paired by stem; or an fsspec URL."
    ),
]
OutPath = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="Output file. With folders: a folder (one file a document), or a .tmx file "
        "that receives the whole corpus.",
    ),
]
SrcLang = Annotated[
    str | None,
    typer.Option(help="Source language (BCP 47); default: config src-lang, else ru."),
]
TgtLang = Annotated[
    str | None,
    typer.Option(help="Target language (BCP 47); default: config tgt-lang, else en."),
]
To = Annotated[Output, typer.Option(help="Output format.")]
Presegmented = Annotated[
    bool, typer.Option(help="One sentence a line, as given, whatever the extension.")
]
Rules = Annotated[Path | None, typer.Option(help="SRX 2.0 rules for segmentation.")]
GlossaryPath = Annotated[
    Path | None, typer.Option(help="A glossary (TBX, CSV…): its terms are evidence.")
]
Dictionary = Annotated[
    Path | None,
    typer.Option(help="Bilingual dictionary: hunalign 'tgt @ src', TSV, or dictd .index."),
]
Embeddings = Annotated[
    Path | None,
    typer.Option(help="A local sentence-transformers model folder (LaBSE …); never downloads."),
]
Beads = Annotated[
    str | None,
    typer.Option(help="Bead types to allow, e.g. 0-1,1-0,1-1,1-2,2-1 (default: 13 types)."),
]
CreationDate = Annotated[
    str | None,
    typer.Option(
        help="TMX creationdate (YYYYMMDDThhmmssZ or ISO 8601); default SOURCE_DATE_EPOCH, else now."
    ),
]
DropUnaligned = Annotated[bool, typer.Option(help="TMX: leave out the TUs of 1-0 and 0-1 beads.")]
Plain = Annotated[bool, typer.Option(help="TMX: leave emphasis (bpt/ept) out.")]
ParagraphUnits = Annotated[
    bool,
    typer.Option(
        help="TMX: also a TU per paragraph of several beads, for CAT tools that "
        "segment by paragraph (paralign's own checks then see those sentences twice)."
    ),
]
Report = Annotated[
    bool,
    typer.Option(help="Print the alignment quality report (stderr when output is stdout)."),
]
ReportFormatOption = Annotated[
    ReportFormat, typer.Option(help="The quality report as text or JSON.")
]
Threshold = Annotated[
    float | None,
    typer.Option(min=0.0, max=1.0, help="Beads below this confidence are to review (0.9)."),
]
Limit = Annotated[
    int | None, typer.Option(min=1, help="Cap each list of the report (default: all).")
]
Html = Annotated[
    Path | None,
    typer.Option("--html", help="Also write the review page: one self-contained HTML file."),
]
FromBeads = Annotated[
    Path | None,
    typer.Option(
        help="Take the alignment from this beads file (corrected in the review page) "
        "instead of aligning; it must cover both sides exactly."
    ),
]
ForceLanguages = Annotated[
    bool,
    typer.Option(
        help="Align even when a side's text is not in its declared language "
        "(default: an error naming the side; config key force-languages)."
    ),
]
AllowUnpaired = Annotated[
    bool,
    typer.Option(
        help="Folders: align the documents that pair, warn about those that do not "
        "(default: an unpaired document is an error; config key allow-unpaired)."
    ),
]
Workers = Annotated[
    int | None,
    typer.Option(help="Worker processes for folders (default: one per core; 1: none)."),
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        help="Run on Dask: a scheduler address (tcp://HOST:PORT) or 'local' for a "
        "LocalCluster here (needs paralign[dask])."
    ),
]


@dataclass(frozen=True, slots=True)
class _Plan:
    """What align reads and where it writes, checked before anything is read."""

    pairs: tuple[tuple[str, Location, Location], ...]
    several: bool  # folders: one document a stem
    into_folder: bool  # folders with -o FOLDER: one output file a document


@app.command(
    epilog=examples(
        "paralign align texts/ru texts/en -o build/arvak.ru-en.tmx",
        "paralign align ru.md en.md --to tsv --report",
    )
)
def align(
    ctx: typer.Context,
    source: Source,
    target: Target,
    out: OutPath = None,
    src_lang: SrcLang = None,
    tgt_lang: TgtLang = None,
    to: To = Output("tmx"),
    presegmented: Presegmented = False,
    input_fmt: InputFormatOption = InputFormat.auto,
    legacy_fmt: LegacyFormatOption = None,
    encoding: EncodingOption = Encoding.auto,
    rules: Rules = None,
    glossary: GlossaryPath = None,
    dictionary: Dictionary = None,
    embeddings: Embeddings = None,
    beads: Beads = None,
    creation_date: CreationDate = None,
    drop_unaligned: DropUnaligned = False,
    plain: Plain = False,
    paragraph_units: ParagraphUnits = False,
    report: Report = False,
    report_format: ReportFormatOption = ReportFormat.text,
    threshold: Threshold = None,
    limit: Limit = None,
    html: Html = None,
    from_beads: FromBeads = None,
    force_languages: ForceLanguages = False,
    allow_unpaired: AllowUnpaired = False,
    workers: Workers = None,
    scheduler: Scheduler = None,
) -> None:
    """Align SOURCE with TARGET sentence by sentence; write TMX, TSV, JSON lines or beads."""
    from paralign.corpus import ReadOptions

    settings = settings_of(ctx)
    langs = _languages(settings, src_lang, tgt_lang)
    allow = allow_unpaired or settings.config.get("allow-unpaired", False) is True
    plan = _plan(source, target, out, to, html, allow=allow)
    options = _align_options(glossary, dictionary, embeddings, beads, threshold)
    fmt = input_format("align", input_fmt, legacy_fmt)
    read = ReadOptions(fmt, presegmented, rules, encoding=encoding.value)
    run = (settings.workers if workers is None else workers, scheduler or settings.scheduler)
    bitexts = _aligned(plan, langs, read, options, from_beads, run)
    if not (force_languages or settings.config.get("force-languages", False) is True):
        _check_languages(bitexts)
    signature = _signature(options, None if presegmented else rules, from_beads)
    tmx = _tmx_options(bitexts, signature, creation_date, drop_unaligned, plain)
    output = OutputOptions(tmx=tmx, threshold=options.threshold)
    _write(_with_paragraphs(bitexts, paragraph_units), to.value, out, plan.into_folder, output)
    if html is not None:
        from paralign.review.page import write_review

        title = f"{source} ↔ {target}"
        write_review(bitexts, html, signature.as_dict(), settings.config, options, title)
    if report:
        from paralign.review.page import quality_text

        text = quality_text(bitexts, options, report_format.value, limit)
        typer.echo(text, err=out is None, nl=False)


def _languages(settings: Settings, src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    """The two languages as given, else as configured; a malformed tag is refused."""
    from paralign.langid import check_tag

    return (
        check_tag(src_lang or settings.src_lang, "--src-lang"),
        check_tag(tgt_lang or settings.tgt_lang, "--tgt-lang"),
    )


def _plan(
    given_source: str,
    given_target: str,
    out: Path | None,
    to: Output,
    html: Path | None,
    *,
    allow: bool,
) -> _Plan:
    """The document pairs, with every output path and the pairing checked first."""
    from paralign.corpus import pair_files
    from paralign.files import check_output
    from paralign.urls import local_paths, location

    source, target = location(given_source), location(given_target)
    for given in (source, target):
        _check_input(given)
    several = _is_folder(source)
    into_folder = several and out is not None and not _one_corpus_file(out, to)
    local = local_paths((source, target))
    if out is not None:
        check_output(out, inputs=local, folder=into_folder)
    if html is not None:
        check_output(html, inputs=local)
    pairing = pair_files(source, target)
    if pairing.unpaired:
        if not allow:
            raise ParalignError(
                f"{pairing.describe_unpaired()} (pair them by stem, or --allow-unpaired)"
            )
        typer.echo(f"paralign: warning: skipped {pairing.describe_unpaired()}", err=True)
    if not pairing.pairs:
        raise ParalignError(f"{source} and {target}: no files share a stem")
    if several and out is None and to == "beads" and len(pairing.pairs) > 1:
        raise ParalignError("several documents in bead format need -o FOLDER")
    if to.value.startswith("xliff") and out is None:
        raise ParalignError("XLIFF needs -o FILE (or -o FOLDER for folders): one file a document")
    return _Plan(tuple(pairing.pairs), several, into_folder)


def _align_options(
    glossary: Path | None,
    dictionary: Path | None,
    embeddings: Path | None,
    beads: str | None,
    threshold: float | None,
) -> AlignOptions:
    from paralign.align import AlignOptions

    options = AlignOptions(
        glossary=_glossary(glossary), dictionary=dictionary, embeddings=embeddings
    )
    if beads is not None:
        options = replace(options, beads=_bead_types(beads))
    if threshold is not None:
        options = replace(options, threshold=threshold)
    return options


def _aligned(
    plan: _Plan,
    langs: tuple[str, str],
    read: ReadOptions,
    options: AlignOptions,
    from_beads: Path | None,
    run: tuple[int, str | None],
) -> list[Bitext]:
    """The aligned documents: aligned here (`run`: workers and scheduler), or read with the
    alignment a reviewer corrected (`from_beads`)."""
    from paralign.corpus import AlignJob, align_pairs, read_bitexts

    pairs = list(plan.pairs)
    if from_beads is not None:
        from paralign.files import read_text
        from paralign.review.corrected import apply_corrected

        unaligned = read_bitexts(pairs, *langs, read)
        return apply_corrected(unaligned, read_text(from_beads), str(from_beads))
    from paralign.runners import open_runner

    workers, scheduler = run
    with open_runner(workers if plan.several else 1, scheduler) as runner:
        return align_pairs(pairs, AlignJob(*langs, read, options), runner)


def _signature(options: AlignOptions, rules: Path | None, from_beads: Path | None) -> Signature:
    from paralign.signature import align_signature

    signature = align_signature(options, rules)
    if from_beads is None:
        return signature
    from paralign.review.corrected import beads_digest

    return signature.with_parts([("corrected-beads", beads_digest(from_beads))])


def _tmx_options(
    bitexts: list[Bitext],
    signature: Signature,
    creation_date: str | None,
    drop_unaligned: bool,
    plain: bool,
) -> TmxOptions:
    from paralign.provenance import provenance_props

    return TmxOptions(
        creation_date=creation_date,
        drop_unaligned=drop_unaligned,
        plain=plain,
        header_props=signature.header_props() + provenance_props(bitexts),
    )


def _with_paragraphs(bitexts: list[Bitext], paragraph_units: bool) -> list[Bitext]:
    if not paragraph_units:
        return bitexts
    from paralign.paragraph_units import with_paragraph_units

    return [with_paragraph_units(bitext) for bitext in bitexts]


def _write(
    written: list[Bitext], to: str, out: Path | None, into_folder: bool, output: OutputOptions
) -> None:
    """To stdout, to one file, or to a folder of one file a document."""
    if out is None or not into_folder:
        write_output(written, to, out, output)
        return
    out.mkdir(exist_ok=True)
    suffix = "xlf" if to.startswith("xliff") else to
    for bitext in written:
        write_output([bitext], to, out / f"{bitext.name}.{suffix}", output)


def _check_languages(bitexts: list[Bitext]) -> None:
    """Refuse sides whose text is not in their declared language (script, or words): the
    commonest mistake is `align EN_FILE RU_FILE`, which wrote English under xml:lang="ru"."""
    from paralign.langid import language_mismatch

    for bitext in bitexts:
        for side, path, lang, sentences in (
            ("source", bitext.src_path, bitext.src_lang, bitext.source),
            ("target", bitext.tgt_path, bitext.tgt_lang, bitext.target),
        ):
            sample = " ".join(s.text for s in sentences[:200])
            mismatch = language_mismatch(sample, lang)
            if mismatch is not None:
                raise ParalignError(
                    f"{path}: the {side} is {mismatch.describe()}; swap the files or set "
                    "--src-lang/--tgt-lang, or --force-languages to align anyway"
                )


def _check_input(path: Location) -> None:
    from paralign.files import check_readable

    if isinstance(path, Url):
        from paralign.urls import kind

        if kind(path) is None:
            raise ParalignError(f"{path}: no such file or folder")
    elif not path.is_dir():
        check_readable(path)


def _is_folder(path: Location) -> bool:
    if isinstance(path, Url):
        from paralign.urls import kind

        return kind(path) == "dir"
    return path.is_dir()


def _one_corpus_file(out: Path, to: Output) -> bool:
    """Folders with `-o corpus.tmx` give one TMX holding every document; any other `-o`
    names the folder that receives one file a document."""
    return to.value == "tmx" and out.suffix.lower() == ".tmx" and not out.is_dir()


def _bead_types(text: str) -> tuple[tuple[int, int], ...]:
    try:
        return tuple(
            (int(a), int(b)) for a, b in (part.strip().split("-") for part in text.split(","))
        )
    except ValueError:
        raise ParalignError(f"--beads {text!r}: expected types like 1-1,1-2,0-1") from None


def _glossary(path: Path | None) -> Glossary | None:
    if path is None:
        return None
    from paralign.glossary_files import load_glossary

    return load_glossary(path)


@app.command(
    "eval-align",
    epilog=examples(
        "paralign align ru.txt en.txt --presegmented --to beads -o pred.beads",
        "paralign eval-align pred.beads gold.align --json",
    ),
)
def eval_align(
    pred: Annotated[
        Path, typer.Argument(help="Predicted beads: a file, or a folder of STEM.beads.")
    ],
    gold: Annotated[
        Path, typer.Argument(help="Gold beads: a file, or a folder of STEM[.langs].align.")
    ],
    printed: PrintedOption = Printed.text,
    as_json: JsonFlag = False,
) -> None:
    """Strict and lax precision, recall and F1 of predicted beads against gold beads."""
    from paralign.align.evaluate import score_alignment
    from paralign.corpus import bead_pairs

    scores = score_alignment(bead_pairs(pred, gold))
    if as_json or printed is Printed.json:
        typer.echo(json.dumps(_scores_json(scores), indent=2))
        return
    for name in ("strict", "lax"):
        p, r, f = (getattr(scores, f"{m}_{name}") for m in ("precision", "recall", "f1"))
        typer.echo(f"{name:<7} precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}")


def _scores_json(scores: AlignmentScores) -> dict[str, dict[str, float]]:
    return {
        name: {m: round(getattr(scores, f"{m}_{name}"), 6) for m in ("precision", "recall", "f1")}
        for name in ("strict", "lax")
    }
