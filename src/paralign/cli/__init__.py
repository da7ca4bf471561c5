"""The command line: each module below registers its commands on one typer app.

segment, align, eval-align (align), check, run, tmx …, glossary …, terms … (terms), score, spm …
"""

import gc

from paralign.cli import align, check, glossary, omegat, run, score, segment, terms, tmx  # noqa: F401
from paralign.cli.app import app, guard_stdout


def main() -> None:
    # A command makes millions of small objects (TUs, sentences, links, findings) and frees
    # them by their reference counts; the cycle collector's default, a pass every 700 new
    # objects, took 5% of `check`'s CPU to find next to nothing (mypy raises it for the same
    # reason). Worker processes forked from this one inherit it.
    gc.set_threshold(200_000, 30, 30)
    guard_stdout()
    app(prog_name="paralign")
