"""What long work tells the person waiting for it, on stderr.

A progress bar (rich: items done of total, rate, time left) only when stderr is a terminal,
CI is not set and `--quiet` was not given: a log file or a CI job gets no bar and no control
characters. `--verbose` prints how long each stage took. The CLI sets the level once.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import TypeVar

Item = TypeVar("Item")


class Level(IntEnum):
    QUIET = 0
    NORMAL = 1
    VERBOSE = 2


_level = Level.NORMAL


def set_level(level: Level) -> None:
    """How much the run tells: QUIET leaves errors only (the library's warnings too, which
    go through the `paralign` logger)."""
    import logging

    global _level
    _level = level
    logging.getLogger("paralign").setLevel(logging.ERROR if level is Level.QUIET else 0)


def quiet() -> bool:
    return _level is Level.QUIET


def bars_wanted() -> bool:
    """A bar only for a person at a terminal."""
    return _level >= Level.NORMAL and sys.stderr.isatty() and not os.environ.get("CI")


def progress(items: Iterable[Item], total: int | None, what: str, unit: str) -> Iterator[Item]:
    """`items`, unchanged, with a bar on a terminal."""
    if not bars_wanted():
        yield from items
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(f"{{task.fields[rate]}} {unit}/s"),
        TimeRemainingColumn(),
    )
    started = time.perf_counter()
    with Progress(*columns, transient=True, redirect_stdout=False) as bar:
        task = bar.add_task(what, total=total, rate="-")
        for done, item in enumerate(items, 1):
            yield item
            rate = done / max(time.perf_counter() - started, 1e-9)
            bar.update(task, advance=1, rate=f"{rate:,.1f}")


@contextmanager
def stage(name: str) -> Iterator[None]:
    """With --verbose, `paralign: <name>: 1.23 s` on stderr when the stage ends."""
    started = time.perf_counter()
    try:
        yield
    finally:
        if _level >= Level.VERBOSE:
            seconds = time.perf_counter() - started
            print(f"paralign: {name}: {seconds:.2f} s", file=sys.stderr)
