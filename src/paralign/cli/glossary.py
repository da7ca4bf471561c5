"""`paralign glossary`: convert between TBX, CSV and TSV; lint a glossary."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from paralign.cli.app import FailOn, app, config_of, examples

glossary_app = typer.Typer(
    no_args_is_help=True, help="Glossaries in TBX-Basic, CSV and TSV: convert, lint."
)
app.add_typer(glossary_app, name="glossary")


class GlossaryForm(StrEnum):
    auto = "auto"  # by extension: .tbx/.xml TBX-Basic, .csv, .tsv, .txt/.utf8/.tab OmegaT
    tbx2 = "tbx2"  # TBX 2 martif, for OmegaT 3.6, memoQ, older Trados
    omegat = "omegat"  # OmegaT's term<TAB>translation<TAB>comment


OMEGAT_SUFFIXES = {".txt", ".utf8", ".tab"}


class LintFormat(StrEnum):
    text = "text"
    json = "json"


@glossary_app.command(
    epilog=examples(
        "paralign glossary convert glossary/arvak.tbx build/arvak.csv",
        "paralign glossary convert glossary/arvak.tbx arvak.txt --to omegat",
    )
)
def convert(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="Glossary to read (.tbx, .xml, .csv, .tsv).")],
    target: Annotated[Path, typer.Argument(help="Glossary to write; format by extension.")],
    to: Annotated[
        GlossaryForm, typer.Option(help="Output form (default: by the extension of TARGET).")
    ] = GlossaryForm.auto,
    src: Annotated[str | None, typer.Option(help="OmegaT: the term column's language.")] = None,
    tgt: Annotated[str | None, typer.Option(help="OmegaT: the translation's language.")] = None,
) -> None:
    """Convert a glossary: TBX-Basic, CSV, TSV keep every concept and status; TBX 2
    (--to tbx2) and OmegaT's glossary (--to omegat, or a .txt target) keep preferred and
    admitted terms, for CAT tools."""
    from paralign.files import check_output
    from paralign.glossary_files import convert_glossary, load_glossary

    check_output(target, inputs=[source])
    form = to
    if form is GlossaryForm.auto and target.suffix.lower() in OMEGAT_SUFFIXES:
        form = GlossaryForm.omegat
    if form is GlossaryForm.auto:
        glossary = convert_glossary(source, target)
        typer.echo(f"wrote {target} ({len(glossary.concepts)} concepts)", err=True)
        return
    from paralign.cat_glossary import write_martif, write_omegat_glossary

    glossary = load_glossary(source)
    if form is GlossaryForm.tbx2:
        write_martif(glossary, target)
        typer.echo(f"wrote {target} (TBX 2, {len(glossary.concepts)} concepts)", err=True)
        return
    config = config_of(ctx)
    src_lang, tgt_lang = src or config.get("src-lang", "ru"), tgt or config.get("tgt-lang", "en")
    rows = write_omegat_glossary(glossary, target, src_lang, tgt_lang)
    typer.echo(f"wrote {target} (OmegaT glossary, {rows} {src_lang}→{tgt_lang} rows)", err=True)


@glossary_app.command(
    epilog=examples("paralign glossary lint glossary/arvak.tbx --lang ru --lang en")
)
def lint(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help="Glossary (default: the configured one).")
    ] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option(help="Language every concept needs (repeat); default: all languages used."),
    ] = None,
    fmt: Annotated[LintFormat, typer.Option("--format", help="Report format.")] = LintFormat.text,
    fail_on: Annotated[
        FailOn, typer.Option(help="Lowest severity that makes the exit code 1.")
    ] = FailOn.warning,
) -> None:
    """Find ambiguities and TBX-Basic violations: exit 0 clean, 1 findings, 2 unreadable."""
    from paralign.checks import severity_reaches
    from paralign.glossary_files import LintSettings, lint_glossary
    from paralign.report import render

    config = config_of(ctx)
    path = file or config.path("glossary", "glossary/arvak.tbx")
    findings = lint_glossary(path, LintSettings(tuple(lang or ())), config.relative(path))
    if findings or fmt == LintFormat.json:
        typer.echo(render(findings, fmt.value, config), nl=False)
    if fmt == LintFormat.text:
        typer.echo(f"{config.relative(path)}: {len(findings)} finding(s)", err=True)
    failing = any(severity_reaches(f.severity, fail_on.value) for f in findings)
    raise typer.Exit(1 if failing else 0)
