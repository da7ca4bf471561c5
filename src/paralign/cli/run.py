"""`paralign run`: the main job on the shipped corpus."""

from __future__ import annotations

import typer

from paralign.cli.app import app, examples, settings_of


@app.command(epilog=examples("paralign run   # in the project folder"))
def run(ctx: typer.Context) -> None:
    """The main job: align the corpus to TMX, export the glossary, check the terminology.

    Writes build/arvak.ru-en.tmx and build/arvak.csv from texts/ and glossary/ (or what
    [tool.paralign] names) and prints the findings. Exit 0 whenever the job ran.
    """
    from paralign.files import check_output
    from paralign.jobs import run_main
    from paralign.report import render

    settings = settings_of(ctx)
    build = settings.build
    check_output(build, folder=True)
    for written in (
        build / f"arvak.{settings.src_lang}-{settings.tgt_lang}.tmx",
        build / "arvak.csv",
    ):
        if build.is_dir():
            check_output(written)
    outcome = run_main(settings)
    typer.echo(render(outcome.findings, "text", settings.config))
    typer.echo(
        f"wrote {settings.relative(outcome.tmx)} ({outcome.translation_units} translation "
        f"units) and {settings.relative(outcome.glossary_csv)} ({outcome.concepts} concepts)"
    )
