"""`paralign align` and `paralign eval-align`."""

from __future__ import annotations

import json
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from paralign.align.evaluate import AlignmentScores

from paralign.cli.app import app, settings_of
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


@app.command()
def align(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="Source file, or folder paired by stem; or an fsspec URL (zip://ru::c.zip).",
        ),
    ],
    target: Annotated[
        str,
        typer.Argument(
            metavar="TARGET", help="Target file, or folder paired by stem; or an fsspec URL."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Output file. With folders: a folder (one file a document), or a .tmx file "
            "that receives the whole corpus.",
        ),
    ] = None,
    src_lang: Annotated[
        str | None,
        typer.Option(help="Source language (BCP 47); default: config src-lang, else ru."),
    ] = None,
    tgt_lang: Annotated[
        str | None,
        typer.Option(help="Target language (BCP 47); default: config tgt-lang, else en."),
    ] = None,
    to: Annotated[Output, typer.Option(help="Output format.")] = Output("tmx"),
    presegmented: Annotated[
        bool, typer.Option(help="One sentence a line, as given, whatever the extension.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="auto, txt, md, html or docx.")] = "auto",
    rules: Annotated[Path | None, typer.Option(help="SRX 2.0 rules for segmentation.")] = None,
    glossary: Annotated[
        Path | None, typer.Option(help="A glossary (TBX, CSV…): its terms are evidence.")
    ] = None,
    dictionary: Annotated[
        Path | None,
        typer.Option(help="Bilingual dictionary: hunalign 'tgt @ src', TSV, or dictd .index."),
    ] = None,
    embeddings: Annotated[
        Path | None,
        typer.Option(help="A local sentence-transformers model folder (LaBSE …); never downloads."),
    ] = None,
    beads: Annotated[
        str | None,
        typer.Option(help="Bead types to allow, e.g. 0-1,1-0,1-1,1-2,2-1 (default: 13 types)."),
    ] = None,
    creation_date: Annotated[
        str | None,
        typer.Option(
            help="TMX creationdate (YYYYMMDDThhmmssZ or ISO 8601); default "
            "SOURCE_DATE_EPOCH, else now."
        ),
    ] = None,
    drop_unaligned: Annotated[
        bool, typer.Option(help="TMX: leave out the TUs of 1-0 and 0-1 beads.")
    ] = False,
    plain: Annotated[bool, typer.Option(help="TMX: leave emphasis (bpt/ept) out.")] = False,
    paragraph_units: Annotated[
        bool,
        typer.Option(
            help="TMX: also a TU per paragraph of several beads, for CAT tools that "
            "segment by paragraph (paralign's own checks then see those sentences twice)."
        ),
    ] = False,
    report: Annotated[
        bool,
        typer.Option(help="Print the alignment quality report (stderr when output is stdout)."),
    ] = False,
    report_format: Annotated[
        ReportFormat, typer.Option(help="The quality report as text or JSON.")
    ] = ReportFormat.text,
    threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Beads below this confidence are to review (0.9)."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Cap each list of the report (default: all).")
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Also write the review page: one self-contained HTML file."),
    ] = None,
    from_beads: Annotated[
        Path | None,
        typer.Option(
            help="Take the alignment from this beads file (corrected in the review page) "
            "instead of aligning; it must cover both sides exactly."
        ),
    ] = None,
    force_languages: Annotated[
        bool,
        typer.Option(
            help="Align even when a side's text is not in its language's script "
            "(default: an error naming the side; config key force-languages)."
        ),
    ] = False,
    allow_unpaired: Annotated[
        bool,
        typer.Option(
            help="Folders: align the documents that pair, warn about those that do not "
            "(default: an unpaired document is an error; config key allow-unpaired)."
        ),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes for folders (default: one per core; 1: none)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Run on Dask: a scheduler address (tcp://HOST:PORT) or 'local' for a "
            "LocalCluster here (needs paralign[dask])."
        ),
    ] = None,
) -> None:
    """Align SOURCE with TARGET sentence by sentence; write TMX, TSV, JSON lines or beads."""
    from paralign.align import AlignOptions
    from paralign.corpus import AlignJob, ReadOptions, align_pairs, pair_files, read_bitexts
    from paralign.files import check_output
    from paralign.langid import check_tag
    from paralign.provenance import provenance_props
    from paralign.signature import align_signature
    from paralign.urls import location

    settings = settings_of(ctx)
    config = settings.config
    src_lang = check_tag(src_lang or settings.src_lang, "--src-lang")
    tgt_lang = check_tag(tgt_lang or settings.tgt_lang, "--tgt-lang")
    given_source, given_target = location(source), location(target)
    for given in (given_source, given_target):
        _check_input(given)
    several = _is_folder(given_source)
    into_folder = several and out is not None and not _one_corpus_file(out, to)
    local = [given for given in (given_source, given_target) if isinstance(given, Path)]
    if out is not None:
        check_output(out, inputs=local, folder=into_folder)
    if html is not None:
        check_output(html, inputs=local)
    pairing = pair_files(given_source, given_target)
    if pairing.unpaired:
        if not (allow_unpaired or config.get("allow-unpaired", False) is True):
            raise ParalignError(
                f"{pairing.describe_unpaired()} (pair them by stem, or --allow-unpaired)"
            )
        typer.echo(f"paralign: warning: skipped {pairing.describe_unpaired()}", err=True)
    pairs = list(pairing.pairs)
    if not pairs:
        raise ParalignError(f"{given_source} and {given_target}: no files share a stem")
    if several and out is None and to == "beads" and len(pairs) > 1:
        raise ParalignError("several documents in bead format need -o FOLDER")
    if to.value.startswith("xliff") and out is None:
        raise ParalignError("XLIFF needs -o FILE (or -o FOLDER for folders): one file a document")
    options = AlignOptions(
        glossary=_glossary(glossary), dictionary=dictionary, embeddings=embeddings
    )
    if beads is not None:
        options = replace(options, beads=_bead_types(beads))
    if threshold is not None:
        options = replace(options, threshold=threshold)
    read = ReadOptions(fmt=fmt, presegmented=presegmented, rules=rules)
    if from_beads is not None:
        from paralign.files import read_text
        from paralign.review.corrected import apply_corrected, beads_digest

        unaligned = read_bitexts(pairs, src_lang, tgt_lang, read)
        bitexts = apply_corrected(unaligned, read_text(from_beads), str(from_beads))
    else:
        from paralign.runners import open_runner

        count = settings.workers if workers is None else workers
        with open_runner(count if several else 1, scheduler or settings.scheduler) as runner:
            bitexts = align_pairs(pairs, AlignJob(src_lang, tgt_lang, read, options), runner)
    if not (force_languages or config.get("force-languages", False) is True):
        _check_languages(bitexts)
    written = bitexts
    if paragraph_units:
        from paralign.paragraph_units import with_paragraph_units

        written = [with_paragraph_units(bitext) for bitext in bitexts]
    signature = align_signature(options, None if presegmented else rules)
    if from_beads is not None:
        signature = signature.with_parts([("corrected-beads", beads_digest(from_beads))])
    output = OutputOptions(
        tmx=TmxOptions(
            creation_date=creation_date,
            drop_unaligned=drop_unaligned,
            plain=plain,
            header_props=signature.header_props() + provenance_props(bitexts),
        ),
        threshold=options.threshold,
    )
    if out is None:
        write_output(written, to.value, None, output)
    elif into_folder:
        out.mkdir(exist_ok=True)
        suffix = "xlf" if to.value.startswith("xliff") else to.value
        for bitext in written:
            write_output([bitext], to.value, out / f"{bitext.name}.{suffix}", output)
    else:
        write_output(written, to.value, out, output)
    if html is not None:
        from paralign.review.page import write_review

        write_review(
            bitexts,
            html,
            signature.as_dict(),
            settings.config,
            options,
            f"{given_source} ↔ {given_target}",
        )
    if report:
        from paralign.review.page import quality_text

        text = quality_text(bitexts, options, report_format.value, limit)
        typer.echo(text, err=out is None, nl=False)


def _check_languages(bitexts: list[Bitext]) -> None:
    """Refuse sides whose text is not in the script of their declared language: the
    commonest mistake is `align EN_FILE RU_FILE`, which wrote English under xml:lang="ru"."""
    from paralign.langid import script_mismatch

    for bitext in bitexts:
        for side, path, lang, sentences in (
            ("source", bitext.src_path, bitext.src_lang, bitext.source),
            ("target", bitext.tgt_path, bitext.tgt_lang, bitext.target),
        ):
            sample = " ".join(s.text for s in sentences[:200])
            mismatch = script_mismatch(sample, lang)
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


@app.command("eval-align")
def eval_align(
    pred: Annotated[
        Path, typer.Argument(help="Predicted beads: a file, or a folder of STEM.beads.")
    ],
    gold: Annotated[
        Path, typer.Argument(help="Gold beads: a file, or a folder of STEM[.langs].align.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Strict and lax precision, recall and F1 of predicted beads against gold beads."""
    from paralign.align.evaluate import score_alignment
    from paralign.corpus import bead_pairs

    scores = score_alignment(bead_pairs(pred, gold))
    if as_json:
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
