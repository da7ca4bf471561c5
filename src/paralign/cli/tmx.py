"""`paralign tmx`: validate, stats, merge, export and import translation memories."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from paralign.quality import QualityReport
    from paralign.urls import Location

from paralign.cli.app import JsonFlag, Printed, PrintedOption, app, examples
from paralign.writers import WRITERS

tmx_app = typer.Typer(
    no_args_is_help=True, help="TMX 1.4b files: validate, stats, merge, export, import."
)
app.add_typer(tmx_app, name="tmx")

CreationDate = Annotated[
    str | None,
    typer.Option(
        help="Header creationdate (YYYYMMDDThhmmssZ or ISO 8601); default "
        "SOURCE_DATE_EPOCH, else now."
    ),
]


# The choices are the writers' table (mypy cannot list members learnt at run time).
ExportFormat = StrEnum(  # type: ignore[misc]
    "ExportFormat", {name: name for name, w in WRITERS.items() if w.pairs}
)


TMX_INPUT = "A TMX file, or an fsspec URL of one (zip://tm.tmx::tms.zip; paralign[fsspec])."


@tmx_app.command(epilog=examples("paralign tmx validate build/arvak.ru-en.tmx --tgt en"))
def validate(
    given: Annotated[str, typer.Argument(metavar="FILE", help=TMX_INPUT)],
    tgt: Annotated[
        list[str] | None,
        typer.Option(
            help="Allowed target language(s); default: the first non-source language met."
        ),
    ] = None,
) -> None:
    """Check FILE against the TMX 1.4b DTD and the rules it cannot express.

    Exit 0 valid, 1 invalid, 2 unreadable. Each distinct problem is one line, at the first
    line it occurs on, with how often it recurs.
    """
    from paralign.langid import tmx_language_problems
    from paralign.tmx import TmxProblem, collapse_repeats, validate_tmx
    from paralign.urls import location

    file = location(given)
    problems = validate_tmx(file, tuple(tgt or ()))
    if not problems:  # a file the DTD refuses is not read a second time
        problems = [TmxProblem(line, message) for line, message in tmx_language_problems(file)]
    if not problems:
        typer.echo(f"{file}: valid TMX 1.4b")
        return
    shown = collapse_repeats(problems)
    for problem in shown:
        typer.echo(f"{file}:{problem.line}: {problem.message}")
    typer.echo(
        f"{file}: {len(problems)} problem(s), {len(shown)} distinct: not valid TMX 1.4b", err=True
    )
    raise typer.Exit(1)


ReadingWorkers = Annotated[
    int,
    typer.Option("--workers", "--jobs", min=0, help="Processes reading FILE (0: one a core)."),
]


@tmx_app.command(epilog=examples("paralign tmx stats build/arvak.ru-en.tmx --report"))
def stats(
    given: Annotated[str, typer.Argument(metavar="FILE", help=TMX_INPUT)],
    printed: PrintedOption = Printed.text,
    as_json: JsonFlag = False,
    report: Annotated[
        bool, typer.Option(help="Add the alignment quality report (one TU, one bead).")
    ] = False,
    workers: ReadingWorkers = 0,
) -> None:
    """TU count, languages, characters, bead types and score distribution of FILE."""
    from paralign.progress import stage
    from paralign.tmx import tmx_stats, tmx_stats_and_bitexts
    from paralign.urls import location

    file = location(given)
    as_json = as_json or printed is Printed.json
    quality: QualityReport | None = None
    if report:  # one parse of the file for both
        from paralign.quality import quality_report

        with stage("read"):
            result, bitexts = tmx_stats_and_bitexts(file)
        with stage("quality report"):
            quality = quality_report(bitexts)
    else:
        from paralign.runners import default_workers

        with stage("read"):
            result = tmx_stats(file, workers or default_workers())
    if quality is not None and as_json:
        from paralign.report.quality import quality_json

        result["quality"] = quality_json(quality)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    typer.echo(
        f"{file}: {result['translation_units']} translation units, "
        f"srclang {result['srclang'] or '-'}"
    )
    for lang, counts in result["languages"].items():
        typer.echo(f"  {lang}: {counts['tuvs']} segments, {counts['characters']} characters")
    if "beads" in result:
        beads = ", ".join(f"{k} {v}" for k, v in result["beads"].items())
        typer.echo(f"  beads: {beads}")
    if "scores" in result:
        s = result["scores"]
        typer.echo(
            f"  scores: min {s['min']}, p10 {s['p10']}, median {s['median']}, "
            f"p90 {s['p90']}, max {s['max']}, mean {s['mean']}"
        )
    if quality is not None:
        from paralign.report.quality import render_quality

        typer.echo(render_quality(quality), nl=False)


@tmx_app.command(epilog=examples("paralign tmx merge a.tmx b.tmx -o merged.tmx"))
def merge(
    given: Annotated[
        list[str],
        typer.Argument(metavar="FILES", help="TMX files (or fsspec URLs), merged in this order."),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="The merged TMX.")],
    creation_date: CreationDate = None,
) -> None:
    """Merge TMX files: identical language/text sets once, props and attributes kept."""
    from paralign.files import check_output
    from paralign.progress import stage
    from paralign.tmx import TmxOptions, merge_tmx
    from paralign.urls import local_paths, location

    files = [location(text) for text in given]
    check_output(output, inputs=local_paths(files))
    with stage("merge"):
        count = merge_tmx(files, output, TmxOptions(creation_date=creation_date))
    typer.echo(f"wrote {output} ({count} translation units)", err=True)


@tmx_app.command(
    "export", epilog=examples("paralign tmx export build/arvak.ru-en.tmx --to csv -o pairs.csv")
)
def export(
    given: Annotated[str, typer.Argument(metavar="FILE", help=TMX_INPUT)],
    to: Annotated[ExportFormat, typer.Option(help="Output format.")] = ExportFormat("tsv"),
    src: Annotated[str | None, typer.Option(help="Source language (default: srclang).")] = None,
    tgt: Annotated[str | None, typer.Option(help="Target language (default: the other).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Default: stdout.")] = None,
    keep_inline: Annotated[
        bool, typer.Option(help="Keep inline codes (bpt, ept, ph, …) as XML in the text.")
    ] = False,
    workers: ReadingWorkers = 0,
) -> None:
    """Pairs of FILE: TSV, CSV or JSON Lines one a line, or XLIFF (-o) one file a document.

    In TSV, tabs and newlines in a text become spaces; JSON Lines are {"tuid", <src>, <tgt>}.
    TUs lacking a side are left out.
    """
    from paralign.files import check_output
    from paralign.progress import progress, stage, tu_total
    from paralign.tmx import export_blocks, resolve_pair
    from paralign.urls import local_paths, location
    from paralign.writers import write_text

    file = location(given)
    if output is not None:
        check_output(output, inputs=local_paths([file]))
    source, target = resolve_pair(file, src, tgt)
    if to.value.startswith("xliff"):
        _export_xliff(file, to.value, source, target, output)
        return
    from paralign.runners import default_workers

    count = workers or default_workers()
    blocks = export_blocks(file, source, target, to.value, keep_inline, count)
    shown = progress(blocks, tu_total([file]), "export", "TUs", size=lambda block: block[1])
    with stage("export"):
        write_text((text for text, _ in shown), output)


def _export_xliff(file: Location, to: str, source: str, target: str, output: Path | None) -> None:
    """XLIFF keeps the inline codes as spans, so it reads the TMX its own way (one file a
    document), not through the sentence-pair rows the other export formats write."""
    from paralign.model import ParalignError
    from paralign.xliff import XliffOptions, tmx_documents, write_xliff

    if output is None:
        raise ParalignError("XLIFF needs -o FILE (a folder when the TMX holds several documents)")
    version = "1.2" if to == "xliff" else "2.1"
    written = write_xliff(tmx_documents(file, source, target), output, XliffOptions(version))
    typer.echo(f"wrote {len(written)} XLIFF {version} file(s) to {output}", err=True)


@tmx_app.command(
    "import", epilog=examples("paralign tmx import pairs.tsv -o pairs.tmx --src ru --tgt en")
)
def import_(
    file: Annotated[Path, typer.Argument(help="Sentence pairs: TSV, .csv or .jsonl.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The TMX to write.")],
    src: Annotated[
        str | None,
        typer.Option(help="Language of the first column (default: the TSV header's, else ru)."),
    ] = None,
    tgt: Annotated[
        str | None,
        typer.Option(help="Language of the second column (default: the TSV header's, else en)."),
    ] = None,
    creation_date: CreationDate = None,
) -> None:
    """Turn sentence pairs into TMX 1.4b: TSV, CSV or JSON lines as `tmx export` writes them,
    or the TSV and JSON lines of `align --to tsv/jsonl` and the review page's export TSV."""
    from paralign.files import check_output
    from paralign.langid import check_tag
    from paralign.pairs import declared_languages
    from paralign.tmx import TmxOptions, import_tmx

    check_output(output, inputs=[file])
    declared = declared_languages(file) or ("ru", "en")
    check_tag(src or declared[0], "--src" if src else f"{file}: the header's first language")
    check_tag(tgt or declared[1], "--tgt" if tgt else f"{file}: the header's second language")
    src, tgt = src or declared[0], tgt or declared[1]
    count = import_tmx(file, output, src, tgt, TmxOptions(creation_date=creation_date))
    typer.echo(f"wrote {output} ({count} translation units)", err=True)


@tmx_app.command(epilog=examples("paralign tmx review build/arvak.ru-en.tmx -o review.html"))
def review(
    ctx: typer.Context,
    given: Annotated[str, typer.Argument(metavar="FILE", help=TMX_INPUT)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML page to write.")],
    src: Annotated[str | None, typer.Option(help="Source language (default: srclang).")] = None,
    tgt: Annotated[str | None, typer.Option(help="Target language (default: the other).")] = None,
    glossary: Annotated[Path | None, typer.Option(help="Glossary for the findings.")] = None,
    threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Beads below this confidence are suspicious.")
    ] = 0.9,
) -> None:
    """Write the review page of FILE: one self-contained HTML file, one row per TU."""
    from paralign.cli.app import config_of
    from paralign.files import check_output
    from paralign.review.page import review_tmx
    from paralign.urls import local_paths, location

    file = location(given)
    check_output(output, inputs=local_paths([file]))
    count = review_tmx(file, output, config_of(ctx), src, tgt, glossary, threshold)
    typer.echo(f"wrote {output} ({count} translation units)", err=True)
