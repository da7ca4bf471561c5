"""`paralign glossary`: convert between TBX, CSV and TSV; lint a glossary."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from paralign.cli.app import FailOn, app, config_of

glossary_app = typer.Typer(
    no_args_is_help=True, help="Glossaries in TBX-Basic, CSV and TSV: convert, lint."
)
app.add_typer(glossary_app, name="glossary")


class LintFormat(StrEnum):
    text = "text"
    json = "json"


@glossary_app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="Glossary to read (.tbx, .xml, .csv, .tsv).")],
    target: Annotated[Path, typer.Argument(help="Glossary to write; format by extension.")],
) -> None:
    """Convert a glossary between TBX-Basic, CSV and TSV, keeping every concept and status."""
    from paralign.files import check_output
    from paralign.glossary_files import convert_glossary

    check_output(target, inputs=[source])
    glossary = convert_glossary(source, target)
    typer.echo(f"wrote {target} ({len(glossary.concepts)} concepts)", err=True)


@glossary_app.command()
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
    from paralign.checks.base import severity_reaches
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
