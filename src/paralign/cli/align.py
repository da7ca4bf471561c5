"""`paralign align` and `paralign eval-align`."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from paralign.cli.app import app, config_of
from paralign.model import Bitext, Link, ParalignError


class Output(StrEnum):
    tmx = "tmx"
    tsv = "tsv"
    jsonl = "jsonl"
    beads = "beads"


@app.command()
def align(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="Source file, or folder paired by stem.")],
    target: Annotated[Path, typer.Argument(help="Target file, or folder paired by stem.")],
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
) -> None:
    """Align SOURCE with TARGET sentence by sentence; write TMX, TSV, JSON lines or beads."""
    from paralign.align import AlignOptions, align_corpus
    from paralign.corpus import ReadOptions, pair_files, read_bitexts
    from paralign.files import check_output

    config = config_of(ctx)
    from paralign.langid import check_tag

    src_lang = check_tag(src_lang or config.get("src-lang", "ru"), "--src-lang")
    tgt_lang = check_tag(tgt_lang or config.get("tgt-lang", "en"), "--tgt-lang")
    for given in (source, target):
        _check_input(given)
    several = source.is_dir()
    into_folder = several and out is not None and not _one_corpus_file(out, to)
    if out is not None:
        check_output(out, inputs=(source, target), folder=into_folder)
    pairing = pair_files(source, target)
    if pairing.unpaired:
        if not (allow_unpaired or config.get("allow-unpaired", False) is True):
            raise ParalignError(
                f"{pairing.describe_unpaired()} (pair them by stem, or --allow-unpaired)"
            )
        typer.echo(f"paralign: warning: skipped {pairing.describe_unpaired()}", err=True)
    pairs = list(pairing.pairs)
    if not pairs:
        raise ParalignError(f"{source} and {target}: no files share a stem")
    if several and out is None and to is Output.beads and len(pairs) > 1:
        raise ParalignError("several documents in bead format need -o FOLDER")
    options = AlignOptions(
        glossary=_glossary(glossary), dictionary=dictionary, embeddings=embeddings
    )
    if beads is not None:
        options = replace(options, beads=_bead_types(beads))
    read = ReadOptions(fmt=fmt, presegmented=presegmented, rules=rules)
    unaligned = read_bitexts(pairs, src_lang, tgt_lang, read)
    if not (force_languages or config.get("force-languages", False) is True):
        _check_languages(unaligned)
    bitexts = align_corpus(unaligned, options)
    tmx = {"creation_date": creation_date, "drop_unaligned": drop_unaligned, "plain": plain}
    signature = options.signature()  # hashes the whole glossary: once, not once a document
    if out is None:
        _write(bitexts, to, None, signature, tmx)
    elif into_folder:
        out.mkdir(exist_ok=True)
        for bitext in bitexts:
            _write([bitext], to, out / f"{bitext.name}.{to.value}", signature, tmx)
    else:
        _write(bitexts, to, out, signature, tmx)
    if report:
        from paralign.quality import QualitySettings, quality_report, render_quality

        quality = quality_report(bitexts, QualitySettings(low_confidence=options.threshold))
        typer.echo(render_quality(quality), err=out is None, nl=False)


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


def _check_input(path: Path) -> None:
    from paralign.files import check_readable

    if not path.is_dir():
        check_readable(path)


def _one_corpus_file(out: Path, to: Output) -> bool:
    """Folders with `-o corpus.tmx` give one TMX holding every document; any other `-o`
    names the folder that receives one file a document."""
    return to is Output.tmx and out.suffix.lower() == ".tmx" and not out.is_dir()


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


def _write(
    bitexts: list[Bitext],
    to: Output,
    path: Path | None,
    signature: dict[str, str],
    tmx: dict[str, Any] | None = None,
) -> None:
    if to is Output.tmx:
        from paralign.tmx import TmxOptions, write_tmx, write_tmx_to

        options = TmxOptions(
            header_props=tuple((f"x-align-{k}", v) for k, v in signature.items() if v),
            **(tmx or {}),
        )
        if path is None:
            write_tmx_to(bitexts, sys.stdout.buffer, options)
            sys.stdout.buffer.flush()
        else:
            write_tmx(bitexts, path, options)
        return
    from paralign.report.bitext import RENDERERS

    text = RENDERERS[to.value](bitexts)
    if path is None:
        sys.stdout.write(text)
    else:
        from paralign.files import write_text_atomic

        write_text_atomic(path, text)


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

    scores = score_alignment(_bead_pairs(pred, gold))
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


def _read_beads(path: Path) -> tuple[Link, ...]:
    from paralign.align.beads import parse_beads
    from paralign.files import read_text

    try:
        return parse_beads(read_text(path))
    except ParalignError as error:
        raise ParalignError(f"{path}: {error}") from None


def _bead_pairs(pred: Path, gold: Path) -> list[tuple[tuple[Link, ...], tuple[Link, ...]]]:
    if not pred.is_dir() and not gold.is_dir():
        return [_same_sentences(pred, _read_beads(pred), gold, _read_beads(gold))]
    if not pred.is_dir() or not gold.is_dir():
        raise ParalignError(f"{pred} and {gold}: give two files or two folders")
    gold_files: dict[str, Path] = {}
    for path in sorted(gold.glob("*.align")):
        gold_files.setdefault(_gold_stem(path), path)
    predictions = sorted(pred.glob("*.beads"))
    if not predictions:
        raise ParalignError(f"{pred}: no .beads files")
    pairs = []
    for path in predictions:
        stem = path.name[: -len(".beads")]
        match = gold_files.pop(stem, None)
        if match is None:
            raise ParalignError(f"{path}: no {stem}.align or {stem}.<langs>.align in {gold}")
        pairs.append(_same_sentences(path, _read_beads(path), match, _read_beads(match)))
    if gold_files:
        missing = next(iter(gold_files.values()))
        raise ParalignError(f"{missing}: no prediction {pred / (_gold_stem(missing) + '.beads')}")
    return pairs


def _same_sentences(
    pred_path: Path, pred: tuple[Link, ...], gold_path: Path, gold: tuple[Link, ...]
) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """Refuse to score beads over different sentences: a gold made with --presegmented
    against a prediction segmented again gives a meaningless F1, not a low one."""
    for side in ("src", "tgt"):
        counts = [len({i for link in links for i in getattr(link, side)}) for links in (pred, gold)]
        if counts[0] != counts[1]:
            raise ParalignError(
                f"{pred_path} covers {counts[0]} {side} sentences, {gold_path} {counts[1]}: "
                "they were segmented differently (align with --presegmented on the gold's "
                "sentences)"
            )
    return pred, gold


def _gold_stem(path: Path) -> str:
    """`STEM.align` or `STEM.ru-en.align` → STEM (a language part has a dash and no dot)."""
    name = path.name[: -len(".align")]
    head, _, tail = name.rpartition(".")
    return head if head and "-" in tail and len(tail) <= 12 else name
