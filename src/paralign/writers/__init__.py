"""The one table of Bitext writers: every output format is one module here and one entry in
WRITERS, read by both `paralign align --to` and `paralign tmx export --to`.

A writer takes Bitexts (a list or a generator: they stream), a binary stream and
OutputOptions. `beads` is the layout `align` writes (every bead, with its score and type);
`pairs` the layout of `tmx export` (the sentence pairs alone, one-sided beads left out, each
row named by its TU id). A module says which layouts it has.

A new format: a module with `write(bitexts, stream, options)`, and one `Writer(...)` line
below (see docs/architecture.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from paralign.files import atomic_output
from paralign.model import Bitext, ParalignError
from paralign.writers import beads, csv, jsonl, tmx, tsv, xliff
from paralign.writers.options import OutputOptions

WriteFunction = Callable[[Iterable[Bitext], IO[bytes], OutputOptions], None]


@dataclass(frozen=True, slots=True)
class Writer:
    name: str
    write: WriteFunction
    beads: bool
    """Has the `align` layout: every bead with its score."""
    pairs: bool
    """Has the `tmx export` layout: sentence pairs named by TU id."""
    summary: str


__all__ = [
    "WRITERS",
    "OutputOptions",
    "Writer",
    "write_bitexts",
    "write_output",
    "write_text",
    "writer",
]

WRITERS: dict[str, Writer] = {
    w.name: w
    for w in (
        Writer("tmx", tmx.write, True, False, "TMX 1.4b"),
        Writer("tsv", tsv.write, True, True, "tab-separated text"),
        Writer("csv", csv.write, False, True, "CSV with a header naming the languages"),
        Writer("jsonl", jsonl.write, True, True, "JSON lines"),
        Writer("beads", beads.write, True, False, "vecalign beads with confidences"),
        Writer("xliff", xliff.write_12, True, True, "XLIFF 1.2, one file a document"),
        Writer("xliff2", xliff.write_21, True, True, "XLIFF 2.1, one file a document"),
    )
}


def writer(name: str, pairs: bool = False) -> Writer:
    """The writer of format `name` with the layout asked for, or a one-line error."""
    found = WRITERS.get(name)
    if found is None or not (found.pairs if pairs else found.beads):
        names = [w.name for w in WRITERS.values() if (w.pairs if pairs else w.beads)]
        raise ParalignError(f"unknown output format {name!r}: use {', '.join(names)}")
    return found


def write_bitexts(
    bitexts: Iterable[Bitext], name: str, stream: IO[bytes], options: OutputOptions
) -> None:
    """Write Bitexts to `stream` in format `name`."""
    writer(name, options.pairs).write(bitexts, stream, options)


def write_output(
    bitexts: Iterable[Bitext], name: str, path: Path | None, options: OutputOptions
) -> None:
    """Write Bitexts in format `name` to `path`, atomically (no file is left on an error),
    or to standard output when `path` is None."""
    if path is None:
        write_bitexts(bitexts, name, sys.stdout.buffer, options)
        sys.stdout.buffer.flush()
        return
    with atomic_output(path, "wb") as stream:
        write_bitexts(bitexts, name, stream, options)


def write_text(lines: Iterable[str | bytes], path: Path | None) -> None:
    """Text (`tmx export`'s lines, made as the TMX is read) as UTF-8, to `path` atomically
    or to standard output."""
    from paralign.writers._text import write_lines

    if path is None:
        write_lines(lines, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    with atomic_output(path, "wb") as stream:
        write_lines(lines, stream)
