"""The typer app and its one error boundary: a ParalignError becomes one stderr line, exit 2."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from paralign import __version__
from paralign.config import Config, load_config
from paralign.model import ParalignError
from paralign.settings import Settings


class FailOn(StrEnum):
    """The lowest finding severity that turns the exit code to 1 (check, glossary lint)."""

    error = "error"
    warning = "warning"
    never = "never"


def fail(message: str) -> None:
    """Print one error line and leave with exit code 2."""
    typer.echo(f"paralign: error: {message}", err=True)
    raise typer.Exit(2)


class _Group(TyperGroup):
    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ParalignError as error:
            fail(str(error))
        except BrokenPipeError:
            raise typer.Exit(0) from None


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    help="Russian–English translation work: segment, align to TMX, check terminology, measure.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"paralign {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(help="paralign.toml or pyproject.toml to use instead of the nearest one."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print version.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bars, no warnings but errors.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also print how long each stage took.")
    ] = False,
) -> None:
    from paralign.progress import Level, set_level

    set_level(Level.QUIET if quiet else Level.VERBOSE if verbose else Level.NORMAL)
    try:
        ctx.obj = load_config(explicit=config)
    except ParalignError as error:
        fail(str(error))


def config_of(ctx: typer.Context) -> Config:
    """The project configuration the callback loaded (a default one when called directly)."""
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, Config) else load_config()


def settings_of(ctx: typer.Context) -> Settings:
    """The project settings, frozen, every default filled in (see `paralign.settings`)."""
    return Settings.from_config(config_of(ctx))
