"""A TMX cut into slices of whole TUs, each read on its own, by whichever process needs it.

`check` with workers read the whole file in one process and sent each piece's Bitexts to a
worker as a pickle: on two cores, on 100,000 TUs, that process took 2.8 s of CPU against the
workers' 9.1 s. A Slice names bytes `start:end` of the file instead (a few dozen bytes to send),
and the worker reads them, as the document that the file's prolog (everything up to the end
of the `<body>` start tag), those bytes and the closing tags make. `tmx stats` and
`tmx export` read slices in worker processes the same way (`in_processes`, `scan_slice`).

The cuts are found in bytes, without parsing: a slice ends where the `<tu` start tag after
its first megabyte begins, and its position (the TUs before it) and line (the newlines
before it) are counts of `</tu>` and of newlines, the only line ends libxml2 counts. A
comment, a CDATA section or an element whose name starts with `tu`, a `<tu/>` or a file
that is not well-formed can make a count wrong or a slice unreadable; then that slice does
not read as the TUs its count promised, and its reading (`scan_slice`, `views.read_slice`)
raises Misread. The caller then reads the whole file the exact way (`views.exactly`, the
scan's fallback), whose TUs and errors are the reference.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TypeVar

from paralign.model import ParalignError
from paralign.tmx.plain import plain_units
from paralign.tmx.read import Excerpt, TranslationUnit
from paralign.tmx.scan import FALLBACK, Record, Unsupported, scan_records
from paralign.urls import Location
from paralign.xmlsafe import check_prolog, read_head

R = TypeVar("R")
S = TypeVar("S")

SLICE = 1 << 20
"""Bytes a slice holds at least: 2,000 to 2,700 TUs of the benchmark TMs, read in 17–35 ms."""

_NAME_ENDS = b" \t\r\n/>"


class Misread(Unsupported):
    """A slice did not read as the whole file reads its TUs: read the file the exact way."""


@dataclass(frozen=True, slots=True)
class Slice:
    """Whole TUs of a TMX file: bytes `start:end` (`end` None: to the end of the file)."""

    path: Path
    src_lang: str
    tgt_lang: str
    head: int
    """The prolog's length: the bytes up to the end of the `<body>` start tag."""
    start: int
    end: int | None
    first: int
    """The position of its first TU in the file (1-based)."""
    lines: int
    """The newlines between the prolog and `start`."""
    tus: int
    """The `</tu>` the slice holds: the TUs it must read as."""

    @property
    def src_path(self) -> str:
        return str(self.path)

    @property
    def tgt_path(self) -> str:
        return str(self.path)

    def excerpt(self) -> Excerpt:
        """The slice as the document `read_tmx` and `scan_records` read (`document`)."""
        return Excerpt(self.document(), self.first, self.lines)

    def document(self) -> bytes:
        """The prolog, the slice's bytes and, but for the last slice, the closing tags."""
        with self.path.open("rb") as handle:
            prolog = handle.read(self.head)
            handle.seek(self.start)
            body = handle.read() if self.end is None else handle.read(self.end - self.start)
        return prolog + body + (b"" if self.end is None else b"</body></tmx>")


def cut(path: Location, src: str = "", tgt: str = "", size: int = SLICE) -> Iterator[Slice] | None:
    """Slices of at least `size` bytes of a file that can be cut (one on this machine, in
    UTF-8 or another encoding that writes tags in ASCII, with its `<body>` start tag in its
    first megabyte), found as they are iterated; None for another."""
    head = _prolog_end(path)
    if head is None:
        return None
    assert isinstance(path, Path)  # only a local file has a prolog end
    return _cut(path, src, tgt, head, size)


def in_processes(
    function: Callable[[S, Slice], R], parts: Iterator[Slice], shared: S, workers: int
) -> Iterator[R]:
    """`function(shared, part)` of each slice, in order: in `workers` processes, unless one
    worker is asked for or one slice is all there is (a pool would only cost its start-up)."""
    first, second = next(parts, None), next(parts, None)
    if second is None or workers <= 1:
        yield from (
            function(shared, part) for part in chain((first, second), parts) if part is not None
        )
        return
    from paralign.runners import Processes

    assert first is not None  # a second slice comes after a first
    yield from Processes(workers).map(function, chain((first, second), parts), shared)


def plain_slice(
    wanted: Sequence[str], part: Slice, excerpt: Excerpt
) -> list[TranslationUnit] | None:
    """`plain_units` of a slice (its `excerpt`), None where a TU is not plain and the slice
    must be read another way; Misread when they are not the TUs its count promised."""
    try:
        units = plain_units(part.path, excerpt, wanted)
    except Unsupported:
        return None
    if len(units) != part.tus:
        raise Misread(f"{part.path}: {len(units)} TUs at {part.start}, not {part.tus}")
    return units


def scan_slice(wanted: Sequence[str], part: Slice, excerpt: Excerpt) -> list[Record]:
    """`scan_records` of a slice (its `excerpt`); Misread when it does not give the TUs its
    count promised, or leaves them to the exact reader (`scan.FALLBACK`)."""
    try:
        records = list(scan_records(part.path, wanted, excerpt))
    except FALLBACK as error:
        raise Misread(str(error)) from None
    if len(records) != part.tus:
        raise Misread(f"{part.path}: {len(records)} TUs at {part.start}, not {part.tus}")
    return records


def _prolog_end(path: Location) -> int | None:
    """Where the `<body>` start tag ends, if the file can be cut; None if not."""
    if not isinstance(path, Path):
        return None
    try:
        head = read_head(path)
        check_prolog(path, head)  # the slices' reading skips it: checked here, once
    except (OSError, ParalignError):
        return None  # the exact reader says what is wrong
    if b"\x00" in head:  # UTF-16 or UTF-32: tags are not ASCII bytes there
        return None
    body = head.find(b"<body")
    close = head.find(b">", body)
    if body < 0 or close < 0 or head[close - 1 : close] == b"/":
        return None
    return close + 1


def _cut(path: Path, src: str, tgt: str, head: int, size: int) -> Iterator[Slice]:
    """The slices of the file after its prolog, found in one pass over its bytes."""
    start, first, lines = head, 1, 0
    buffer = b""
    with path.open("rb") as handle:
        handle.seek(head)
        while True:
            chunk = handle.read(size)
            buffer += chunk
            end = _tu_start(buffer, size) if chunk else -1
            if end < 0 and chunk:
                continue
            if end < 0:
                tus = buffer.count(b"</tu>")
                yield Slice(path, src, tgt, head, start, None, first, lines, tus)
                return
            taken, buffer = buffer[:end], buffer[end:]
            tus = taken.count(b"</tu>")
            yield Slice(path, src, tgt, head, start, start + end, first, lines, tus)
            start, first, lines = start + end, first + tus, lines + taken.count(b"\n")


def _tu_start(data: bytes, at: int) -> int:
    """The offset of the first `<tu` start tag from `at` on (not `<tuv`), -1 if none yet."""
    found = data.find(b"<tu", at)
    while 0 <= found < len(data) - 3:
        if data[found + 3] in _NAME_ENDS:
            return found
        found = data.find(b"<tu", found + 3)
    return -1
