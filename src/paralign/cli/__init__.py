"""The command line: each module below registers its commands on one typer app.

segment, align, eval-align (align), check, run, tmx …, glossary …, terms … (terms), score, spm …
"""

from paralign.cli import align, check, glossary, omegat, run, score, segment, terms, tmx  # noqa: F401
from paralign.cli.app import app, guard_stdout


def main() -> None:
    guard_stdout()
    app(prog_name="paralign")
