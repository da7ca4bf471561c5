"""The typer app and its one error boundary: a ParalignError becomes one stderr line, exit 2."""

from __future__ import annotations

import errno
import io
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

try:  # typer ≥ 0.25 vendors click; older releases depend on it
    from typer._click.exceptions import UsageError
except ImportError:  # pragma: no cover
    # the same class under its old home: mypy sees two types, it is one at run time
    from click.exceptions import UsageError  # type: ignore[assignment]
from typer.core import TyperGroup

from paralign.config import Config, load_config
from paralign.model import ParalignError
from paralign.settings import Settings
from paralign.version import __version__


class FailOn(StrEnum):
    """The lowest finding severity that turns the exit code to 1 (check, glossary lint)."""

    error = "error"
    warning = "warning"
    never = "never"


class InputFormat(StrEnum):
    """How a document is read (segment, align): by its extension, or as named."""

    auto = "auto"
    txt = "txt"
    md = "md"
    html = "html"
    docx = "docx"


class Encoding(StrEnum):
    """The text encoding of .txt and .md inputs: guessed (auto), or as the user says."""

    auto = "auto"
    utf8 = "utf-8"
    cp1251 = "cp1251"


class Printed(StrEnum):
    """What tmx stats, score and eval-align print: text for a reader, JSON for a program."""

    text = "text"
    json = "json"


# One meaning per option across commands: --input-format is what is read, --to what is
# written, --format what is printed (check's and lint's report; text or json for tmx stats,
# score and eval-align, where --json stays as its short form). segment and align called their
# input format --format until 0.x; that spelling is kept, hidden, with a warning.
InputFormatOption = Annotated[
    InputFormat,
    typer.Option(
        "--input-format",
        help="How the input is read: by extension (auto), or txt, md, html, docx.",
    ),
]
LegacyFormatOption = Annotated[
    str | None,
    typer.Option("--format", hidden=True, help="Deprecated spelling of --input-format."),
]
PrintedOption = Annotated[Printed, typer.Option("--format", help="Print text or json.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
EncodingOption = Annotated[
    Encoding,
    typer.Option(
        "--encoding",
        help="Text encoding of .txt/.md inputs. auto: UTF-8 for .md and pre-segmented "
        "files; for a .txt, UTF-8 (or UTF-16 with a BOM), else cp1251 with a warning when "
        "it reads as Russian.",
    ),
]


def input_format(command: str, given: InputFormat, legacy: str | None) -> str:
    """The input format, from --input-format or the deprecated --format (with a warning)."""
    if legacy is None:
        return given.value
    if legacy not in set(InputFormat):
        choices = ", ".join(InputFormat)
        raise ParalignError(f"--format {legacy!r}: not an input format ({choices})")
    if given is not InputFormat.auto and given.value != legacy:
        raise ParalignError(f"--format {legacy} and --input-format {given}: give one")
    warn(
        f"{command} --format is deprecated: write --input-format {legacy} "
        "(--format names the report format, as in check)"
    )
    return legacy


def examples(*lines: str) -> str:
    """A command's help epilog: its examples, kept as written (click's \\b stops rewrapping)."""
    title = "Example:" if len(lines) == 1 else "Examples:"
    return "\b\n" + "\n".join([title, *(f"  {line}" for line in lines)])


def warn(message: str) -> None:
    """One warning line on stderr, as every command words it (none with --quiet)."""
    from paralign.progress import quiet

    if not quiet():
        typer.echo(f"paralign: warning: {message}", err=True)


def fail(message: str) -> None:
    """Print one error line and leave with exit code 2."""
    typer.echo(f"paralign: error: {message}", err=True)
    raise typer.Exit(2)


def hoist_config(args: list[str]) -> list[str]:
    """`paralign check --config FILE`: the root's --config, given after the command as users
    write it, moved before it, where the root parses it (no command has an option of that
    name). `--` ends the options: what follows stays where it is."""
    hoisted: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg == "--config":
            if index + 1 == len(args):
                fail("--config needs a file: --config FILE")
            hoisted.extend(args[index : index + 2])
            index += 2
            continue
        (hoisted if arg.startswith("--config=") else rest).append(arg)
        index += 1
    return hoisted + rest


class _Group(TyperGroup):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, hoist_config(args))
        except UsageError as error:  # `paralign --bogus`: one line, as every usage error
            if type(error).__name__ == "NoArgsIsHelpError":
                raise  # bare `paralign`: the help, as typer shows it
            fail(f"{error.format_message()} (see paralign --help)")
            raise  # not reached: fail() exits

    def invoke(self, ctx: Any) -> Any:  # click.Context; typer re-exports it as a subclass
        try:
            try:
                return super().invoke(ctx)
            finally:
                _flush_stdout()  # a full disk shows at the last flush: still inside the boundary
        except ParalignError as error:
            fail(str(error))
        except UsageError as error:
            # typer's boxed usage block is five lines; a script wants one, like every error
            command = error.ctx.command_path if error.ctx is not None else "paralign"
            fail(f"{error.format_message()} (see {command} --help)")
        except BrokenPipeError:
            # `paralign … | head`: the reader has what it wanted; end quietly, as cat does
            _discard_stdout()
            raise typer.Exit(0) from None
        except OSError as error:
            # the environment failed (full disk, closed descriptor, I/O error): not a bug
            where = f"{error.filename}: " if error.filename else "standard output: "
            fail(f"{where}{error.strerror or error}")


def _flush_stdout() -> None:
    if sys.stdout is not None:
        sys.stdout.flush()


def _discard_stdout() -> None:
    """Point the standard output at /dev/null so the interpreter's own last flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class ClosedOutput(io.RawIOBase):
    """What stands for a standard output the shell closed (`paralign … >&-`): writing to it
    is the one-line error of a failed write, not an AttributeError on None."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self) -> ClosedOutput:
        return self

    @property
    def encoding(self) -> str:
        return "utf-8"


def guard_stdout() -> None:
    """Called once at start-up, before any command writes."""
    if sys.stdout is None:
        sys.stdout = ClosedOutput()


app = typer.Typer(
    cls=_Group,
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=True,
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
        typer.Option(
            help="paralign.toml or pyproject.toml to use instead of the nearest one "
            "(before or after the command: paralign check --config ci.toml)."
        ),
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
