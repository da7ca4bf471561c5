"""`paralign run`: the main job on the shipped corpus."""

from __future__ import annotations

import typer

from paralign.cli.app import app, settings_of


@app.command()
def run(ctx: typer.Context) -> None:
    """The main job: align the corpus to TMX, export the glossary, check the terminology.

    Writes build/arvak.ru-en.tmx and build/arvak.csv from texts/ and glossary/ (or what
    [tool.paralign] names) and prints the findings. Exit 0 whenever the job ran.
    """
    from paralign.jobs import run_main
    from paralign.report import render

    settings = settings_of(ctx)
    outcome = run_main(settings)
    typer.echo(render(outcome.findings, "text", settings.config))
    typer.echo(
        f"wrote {settings.relative(outcome.tmx)} ({outcome.translation_units} translation "
        f"units) and {settings.relative(outcome.glossary_csv)} ({outcome.concepts} concepts)"
    )
