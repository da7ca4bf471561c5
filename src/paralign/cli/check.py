"""`paralign check`: terminology and translation QA of TMX files or corpus folders."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paralign.cli.app import Encoding, EncodingOption, FailOn, app, config_of, examples

if TYPE_CHECKING:
    from paralign.checks import CheckSettings
    from paralign.config import Config


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


# Each option is declared once here, so that `check` itself stays a short list of names.
Inputs = Annotated[
    list[str] | None,
    typer.Argument(
        help="TMX files or corpus folders holding ru/ and en/ (default: config); a TMX or a "
        "folder of them may be an fsspec URL (zip://tm.tmx::tms.zip, needs paralign[fsspec])."
    ),
]
GlossaryPath = Annotated[Path | None, typer.Option(help="TBX or CSV glossary.")]
ReportFormat = Annotated[Format, typer.Option("--format", help="Report format.")]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(
        help="Lowest severity that makes the exit code 1. Default: config fail-on, else error."
    ),
]
Output = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Write the report here; the console shows the summary."),
]
Baseline = Annotated[
    Path | None, typer.Option(help="Fail only on findings this baseline does not hold.")
]
NoBaseline = Annotated[
    bool, typer.Option("--no-baseline", help="Ignore the configured baseline: every finding.")
]
WriteBaseline = Annotated[
    Path | None, typer.Option(help="Record today's findings as the baseline and exit 0.")
]
Workers = Annotated[
    int | None,
    typer.Option(
        "--workers", "--jobs", min=0, help="Worker processes for large TMX (0: one per core)."
    ),
]
Scheduler = Annotated[
    str | None,
    typer.Option(help="Check on Dask: tcp://HOST:PORT, or 'local' (needs paralign[dask])."),
]


@app.command(
    epilog=examples(
        "paralign check   # the configured corpus, glossary and baseline",
        "paralign check tm.tmx --glossary glossary.tbx --format sarif -o check.sarif",
        "paralign check --write-baseline glossary/baseline.json",
    )
)
def check(
    ctx: typer.Context,
    inputs: Inputs = None,
    glossary: GlossaryPath = None,
    fmt: ReportFormat = Format.text,
    fail_on: FailOnOption = None,
    output: Output = None,
    baseline: Baseline = None,
    no_baseline: NoBaseline = False,
    write_baseline: WriteBaseline = None,
    jobs: Workers = None,
    scheduler: Scheduler = None,
    encoding: EncodingOption = Encoding.auto,
) -> None:
    """Check translations against the glossary.

    Exit 0 clean, 1 when a finding reaches --fail-on, 2 on bad usage or unreadable input.
    """
    from paralign.files import check_output
    from paralign.jobs import run_check
    from paralign.urls import local_paths, location

    given = [location(text) for text in inputs or ()]
    for target in (output, write_baseline):
        if target is not None:
            check_output(target, inputs=[*local_paths(given), *([glossary] if glossary else [])])
    config = config_of(ctx)
    if no_baseline or (baseline is not None and str(baseline) in ("", ".")):
        baseline = None  # `--baseline ""` is off too
        no_baseline = True
    outcome = run_check(
        config,
        _settings(config, fail_on, jobs, scheduler, no_baseline=no_baseline),
        inputs=given or None,
        glossary=glossary,
        baseline=baseline,
        write_baseline=write_baseline,
        fmt=fmt.value,
        output=output,
        encoding=encoding.value,
    )
    if output is not None:
        typer.echo(outcome.summary)
    if write_baseline is not None:
        typer.echo(f"wrote baseline {write_baseline} ({outcome.total} findings)", err=True)
    raise typer.Exit(1 if outcome.failed else 0)


def _settings(
    config: Config,
    fail_on: FailOn | None,
    jobs: int | None,
    scheduler: str | None,
    *,
    no_baseline: bool,
) -> CheckSettings:
    """The configured check settings, with what the command line gave instead."""
    from paralign.checks import CheckSettings

    settings = CheckSettings.from_config(config)
    if fail_on is not None:
        settings = replace(settings, fail_on=fail_on.value)
    if jobs is not None:
        settings = replace(settings, jobs=jobs)
    if no_baseline:
        settings = replace(settings, baseline="")
    if scheduler is not None:
        settings = replace(settings, scheduler=scheduler)
    return settings
