"""What long work tells the person waiting for it, on stderr.

A progress bar (rich: items done of total, rate, time left) only when stderr is a terminal,
CI is not set and `--quiet` was not given: a log file or a CI job gets no bar and no control
characters. `--verbose` prints how long each stage took. The CLI sets the level once.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.progress import Progress, ProgressColumn

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


def progress(
    items: Iterable[Item],
    total: int | None,
    what: str,
    unit: str,
    size: Callable[[Item], int] | None = None,
) -> Iterator[Item]:
    """`items`, unchanged, with a bar on a terminal: `total` units (unknown: None), each
    item `size(item)` of them (one, when not given)."""
    if not bars_wanted():
        yield from items
        return
    with _bar(what, unit, total) as count:
        for item in items:
            yield item
            count(size(item) if size is not None else 1, 0)


@contextmanager
def counting(what: str, unit: str) -> Iterator[None]:
    """A bar for one long step that counts itself from inside, in this process: the step
    calls `expect` with the units coming and `advance` with those done (a long pair's
    search, which knows its rows only once the pair is read). Elsewhere those do nothing."""
    if not bars_wanted():
        yield
        return
    with _bar(what, unit, None) as count:
        token = _counter.set(count)
        try:
            yield
        finally:
            _counter.reset(token)


def expect(units: int) -> None:
    """More units of the step `counting` draws (nothing outside one)."""
    count = _counter.get()
    if count is not None:
        count(0, units)


def advance(units: int) -> None:
    """Units of the step `counting` draws done (nothing outside one)."""
    count = _counter.get()
    if count is not None:
        count(units, 0)


_counter: ContextVar[Callable[[int, int], None] | None] = ContextVar("counter", default=None)


@contextmanager
def _bar(what: str, unit: str, total: int | None) -> Iterator[Callable[[int, int], None]]:
    """A bar of `total` units (None: not known yet) and its `count(done, more)`."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    # The time elapsed ticks on while one long item (a long document pair) is worked on.
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(f"{{task.fields[rate]}} {unit}/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    started = time.perf_counter()
    with _live(columns) as bar:
        task = bar.add_task(what, total=total, rate="-")
        done, expected = 0, total

        def count(step: int, more: int) -> None:
            nonlocal done, expected
            done += step
            if more:
                expected = (expected or 0) + more
            rate = done / max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=done, total=expected, rate=f"{rate:,.1f}")

        yield count


@contextmanager
def working(what: str) -> Iterator[None]:
    """A spinner and the time elapsed on a terminal (as `progress` draws a bar), for a step
    with nothing to count: learning the lexicon from every document's first pass."""
    if not bars_wanted():
        yield
        return
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    with _live((SpinnerColumn(), TextColumn(what), TimeElapsedColumn())) as spinner:
        spinner.add_task(what, total=None)
        yield


def _live(columns: tuple[ProgressColumn, ...]) -> Progress:
    """A rich display of `columns` that leaves nothing behind, on stderr: what bars_wanted
    asked about (stdout may be the report)."""
    from rich.console import Console
    from rich.progress import Progress

    return Progress(*columns, console=Console(stderr=True), transient=True, redirect_stdout=False)


def tu_total(paths: Iterable[object]) -> int | None:
    """A bar's total for the TMX files among `paths` (`count_tus`), or None when there is
    no bar to draw and the files need not be read for it."""
    return count_tus(paths) if bars_wanted() else None


def count_tus(paths: Iterable[object], chunk: int = 1 << 23) -> int | None:
    """How many TUs the TMX files among `paths` hold, counted by their `</tu>` tags at
    disk speed (a comment or CDATA holding the tag would overstate it); None when one of
    them is not a file on this disk, or cannot be read."""
    tag = b"</tu>"
    total = 0
    for path in paths:
        if not isinstance(path, Path) or not path.is_file():
            return None
        try:
            with path.open("rb") as file:
                tail = b""
                while block := file.read(chunk):
                    data = tail + block  # a tag cut between two blocks, counted once
                    total += data.count(tag)
                    tail = data[-(len(tag) - 1) :]  # too short to hold a whole tag
        except OSError:  # the reader after it says what is wrong, in one line
            return None
    return total


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
