"""`paralign align` and `paralign eval-align`."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from paralign.cli.app import app, settings_of
from paralign.model import Bitext, ParalignError
from paralign.tmx.write import TmxOptions
from paralign.writers import WRITERS, OutputOptions

Output = StrEnum(  # type: ignore[misc]  # the choices are the writers' table, read at start-up
    "Output", {name: name for name, w in WRITERS.items() if w.beads}
)


@app.command()
def align(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="Source file, or folder paired by stem.")],
    target: Annotated[Path, typer.Argument(help="Target file, or folder paired by stem.")],
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file (folder for folders).")
    ] = None,
    src_lang: Annotated[str | None, typer.Option(help="Source language (BCP 47).")] = None,
    tgt_lang: Annotated[str | None, typer.Option(help="Target language (BCP 47).")] = None,
    to: Annotated[Output, typer.Option(help="Output format.")] = Output.tmx,
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
    report: Annotated[
        bool,
        typer.Option(help="Print the alignment quality report (stderr when output is stdout)."),
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
    from paralign.corpus import ReadOptions, align_pairs, pair_paths
    from paralign.signature import align_signature

    settings = settings_of(ctx)
    src_lang = src_lang or settings.src_lang
    tgt_lang = tgt_lang or settings.tgt_lang
    pairs = pair_paths(source, target)
    several = source.is_dir()
    if several and out is not None and out.exists() and not out.is_dir():
        raise ParalignError(f"{out}: folders align into a folder; this is a file")
    if several and out is None and to is Output.beads and len(pairs) > 1:
        raise ParalignError("several documents in bead format need -o FOLDER")
    options = AlignOptions(
        glossary=_glossary(glossary), dictionary=dictionary, embeddings=embeddings
    )
    if beads is not None:
        options = replace(options, beads=_bead_types(beads))
    read = ReadOptions(fmt=fmt, presegmented=presegmented, rules=rules)
    from paralign.runners import open_runner

    count = settings.workers if workers is None else workers
    with open_runner(count if several else 1, scheduler or settings.scheduler) as runner:
        bitexts = align_pairs(pairs, src_lang, tgt_lang, read, options, runner)
    signature = align_signature(options, None if presegmented else rules)
    output = OutputOptions(
        tmx=TmxOptions(
            creation_date=creation_date,
            drop_unaligned=drop_unaligned,
            plain=plain,
            header_props=signature.header_props(),
        )
    )
    if out is None:
        _write(bitexts, to, None, output)
    elif several:
        for bitext in bitexts:
            _write([bitext], to, out / f"{bitext.name}.{to.value}", output)
    else:
        _write(bitexts, to, out, output)
    if report:
        from paralign.quality import QualitySettings, quality_report, render_quality

        quality = quality_report(bitexts, QualitySettings(low_confidence=options.threshold))
        typer.echo(render_quality(quality), err=out is None, nl=False)


def _bead_types(text: str) -> tuple[tuple[int, int], ...]:
    try:
        return tuple(
            (int(a), int(b)) for a, b in (part.strip().split("-") for part in text.split(","))
        )
    except ValueError:
        raise ParalignError(f"--beads {text!r}: expected types like 1-1,1-2,0-1") from None


def _glossary(path: Path | None):  # type: ignore[no-untyped-def]
    if path is None:
        return None
    from paralign.glossary_files import load_glossary

    return load_glossary(path)


def _write(bitexts: list[Bitext], to: Output, path: Path | None, options: OutputOptions) -> None:
    from paralign.writers import write_bitexts

    if path is None:
        write_bitexts(bitexts, to.value, sys.stdout.buffer, options)
        sys.stdout.buffer.flush()
        return
    from paralign.files import atomic_output

    with atomic_output(path, "wb") as stream:
        write_bitexts(bitexts, to.value, stream, options)


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


def _scores_json(scores) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    return {
        name: {m: round(getattr(scores, f"{m}_{name}"), 6) for m in ("precision", "recall", "f1")}
        for name in ("strict", "lax")
    }
