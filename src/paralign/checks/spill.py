"""Findings kept on disk as they are made, read back in report order as often as needed.

A dirty TM yields about one finding per two TUs, and a finding held in memory costs a few
kilobytes: a million-TU check would hold gigabytes. The engine adds each settled finding
here instead; every _RUN findings are sorted and written to a temporary file as one sorted
run, and reading merges the runs (heapq.merge is stable, so equal keys keep the order in
which they were added, as a stable sort of the whole list would). Memory is then bounded by
one run being filled plus a block per run being read, whatever the number of findings.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from paralign.model import Finding, Location, Severity, TermRef

_RUN = 20_000  # findings sorted in memory before they go to disk as one run
_BLOCK = 512  # findings per pickle record, so a run is read a block at a time

Packed = tuple[str, int, str, str, str, str, tuple[str, str, str, str] | None, str]
_SEVERITIES = {s.value: s for s in Severity}


def order(finding: Finding) -> tuple[str, int, str, str]:
    """The report order: file, line, rule, message."""
    return (finding.location.file, finding.location.line, finding.rule, finding.message)


def _pack(f: Finding) -> Packed:
    term = f.term
    return (
        f.location.file,
        f.location.line,
        f.rule,
        f.message,
        f.severity.value,
        f.location.tu,
        None if term is None else (term.concept, term.source, term.expected, term.found),
        f.sentence,
    )


def _unpack(p: tuple[Any, ...]) -> Finding:
    file, line, rule, message, severity, tu, term, sentence = p
    return Finding(
        rule,
        _SEVERITIES[severity],
        message,
        Location(file, line, tu),
        None if term is None else TermRef(*term),
        sentence,
    )


class FindingSpill:
    """An append-only store of findings, iterable (again and again) in report order.

    Use it as a context manager: leaving it removes its temporary file."""

    def __init__(self, run: int | None = None) -> None:
        self._run_size = run or _RUN
        self._filling: list[Finding] = []
        self._runs: list[tuple[int, int]] = []  # (offset, records) in the file
        self._file: IO[bytes] | None = None
        self._count = 0

    def __enter__(self) -> FindingSpill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._filling = []
        self._runs = []

    def clear(self) -> None:
        """Forget every finding: a check that starts again."""
        self.close()
        self._count = 0

    def add(self, finding: Finding) -> None:
        self._filling.append(finding)
        self._count += 1
        if len(self._filling) >= self._run_size:
            self._flush()

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.add(finding)

    def __len__(self) -> int:
        return self._count

    def _flush(self) -> None:
        if not self._filling:
            return
        if self._file is None:
            # Closed by close(): the spill outlives any one block of code.
            self._file = tempfile.TemporaryFile(prefix="paralign-findings-")  # noqa: SIM115
        self._filling.sort(key=order)
        out = self._file
        out.seek(0, 2)
        offset, records = out.tell(), 0
        for start in range(0, len(self._filling), _BLOCK):
            block = [_pack(f) for f in self._filling[start : start + _BLOCK]]
            pickle.dump(block, out, protocol=pickle.HIGHEST_PROTOCOL)
            records += 1
        self._runs.append((offset, records))
        self._filling = []

    def __iter__(self) -> Iterator[Finding]:
        """Every finding so far, in report order; a run still in memory is sorted first."""
        if not self._runs:
            self._filling.sort(key=order)
            return iter(list(self._filling))
        self._flush()
        streams = [self._read_run(offset, records) for offset, records in self._runs]
        return heapq.merge(*streams, key=order) if len(streams) > 1 else streams[0]

    def _read_run(self, offset: int, records: int) -> Iterator[Finding]:
        assert self._file is not None
        file = self._file
        position = offset
        for _ in range(records):
            # Several runs are read in turns: each block is read from where its run left off.
            file.seek(position)
            block = pickle.load(file)
            position = file.tell()
            yield from (_unpack(p) for p in block)
