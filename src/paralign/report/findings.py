"""Findings as text (grouped by file, with a summary) and as JSON (the `check` contract)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import Any, TextIO

from paralign.baseline import BaselineEntry, BaselineOutcome
from paralign.model import Finding, Severity


@dataclass(frozen=True, slots=True)
class CheckRun:
    """The context of a report beyond its findings: what was checked, the baseline's effect."""

    files: tuple[str, ...] = ()
    baseline: BaselineOutcome | None = None
    signature: str = ""


@dataclass(slots=True)
class Tally:
    """What a summary needs of the findings: counts, not the findings themselves, so a
    report can be written while they stream past."""

    total: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    cases: set[tuple[str, str]] = field(default_factory=set)  # (rule, file) with findings

    @property
    def files(self) -> set[str]:
        return {file for _, file in self.cases}

    def add(self, finding: Finding) -> None:
        self.total += 1
        self.severities[finding.severity.value] += 1
        self.rules[finding.rule] += 1
        self.cases.add((finding.rule, finding.location.file))


def tally(findings: Iterable[Finding] | Tally) -> Tally:
    if isinstance(findings, Tally):
        return findings
    counted = Tally()
    for finding in findings:
        counted.add(finding)
    return counted


def tallied(findings: Iterable[Finding], counted: Tally) -> Iterator[Finding]:
    """The findings, counted into `counted` as they pass."""
    for finding in findings:
        counted.add(finding)
        yield finding


def counts(findings: Iterable[Finding] | Tally) -> dict[str, int]:
    by = tally(findings).severities
    return {s.value: by.get(s.value, 0) for s in Severity}


def summary(findings: Iterable[Finding] | Tally, run: CheckRun | None = None) -> dict[str, Any]:
    counted = tally(findings)
    data: dict[str, Any] = {
        "total": counted.total,
        **counts(counted),
        "by_rule": dict(sorted(counted.rules.items())),
        "files_with_findings": len(counted.files),
    }
    if run is not None and run.files:
        data["files_checked"] = len(run.files)
    if run is not None and run.baseline is not None:
        data["baseline"] = {
            "file": run.baseline.path,
            "baselined": run.baseline.baselined,
            "fixed": len(run.baseline.fixed),
            "stale": len(run.baseline.stale),
        }
    return data


def summary_line(findings: Iterable[Finding] | Tally, run: CheckRun | None = None) -> str:
    counted = tally(findings)
    by = counts(counted)
    checked = run is not None and bool(run.files)
    files = len(run.files) if run is not None and checked else len(counted.files)
    total = counted.total
    line = (
        f"{total} finding{'s' * (total != 1)} "
        f"({by['error']} error{'s' * (by['error'] != 1)}, "
        f"{by['warning']} warning{'s' * (by['warning'] != 1)}, {by['info']} info) "
        f"in {files} file{'s' * (files != 1)}{' checked' * checked}"
    )
    if run is not None and run.baseline is not None:
        b = run.baseline
        line += (
            f"; baseline {b.path}: {b.baselined} known, {len(b.fixed)} fixed, {len(b.stale)} stale"
        )
    return line


def finding_json(finding: Finding) -> dict[str, Any]:
    term = finding.term
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "location": {
            "file": finding.location.file,
            "line": finding.location.line,
            "tu": finding.location.tu,
        },
        "term": None
        if term is None
        else {
            "concept": term.concept,
            "source": term.source,
            "expected": term.expected,
            "found": term.found,
        },
        "sentence": finding.sentence,
    }


# Stands for a list in a document dumped whole, where the list's items are streamed instead.
STREAMED = "\x00paralign:streamed\x00"


def write_json_list(out: TextIO, items: Iterable[Any], depth: int) -> None:
    """A JSON list of `items` at nesting `depth`, as json.dumps(indent=2) writes it inside a
    document, one item at a time."""
    inner = "\n" + "  " * (depth + 1)
    first = True
    for item in items:
        out.write(("[" if first else ",") + inner)
        out.write(indented_json(item, depth + 1))
        first = False
    out.write("[]" if first else "\n" + "  " * depth + "]")


_SCALARS: dict[type, Any] = {
    str: encode_basestring,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
}


def indented_json(value: Any, level: int = 0) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2), its lines after the first indented
    by `level` more steps. json's indenting encoder is pure Python, and findings stream
    through here one at a time, so this builds the text with json's C string encoder: half
    the time of json.dumps on a finding."""
    kind = type(value)
    if kind is dict and all(type(key) is str for key in value):
        if not value:
            return "{}"
        inner = "\n" + "  " * (level + 1)
        items = [
            inner + encode_basestring(k) + ": " + indented_json(v, level + 1)
            for k, v in value.items()
        ]
        return "{" + ",".join(items) + "\n" + "  " * level + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = "\n" + "  " * (level + 1)
        items = [inner + indented_json(v, level + 1) for v in value]
        return "[" + ",".join(items) + "\n" + "  " * level + "]"
    scalar = _SCALARS.get(kind)
    if scalar is not None:
        return str(scalar(value))
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * level) if level else text


def write_streamed(out: TextIO, document: str, items: Iterable[Any], depth: int) -> None:
    """`document` (json.dumps of a structure holding STREAMED once), with `items` streamed
    into the list that STREAMED stands for."""
    head, tail = document.split(json.dumps(STREAMED), 1)
    out.write(head)
    write_json_list(out, items, depth)
    out.write(tail)


def write_json(out: TextIO, findings: Iterable[Finding], run: CheckRun | None = None) -> None:
    """The JSON report, its findings streamed: the summary after them is counted as they pass."""
    counted = Tally()
    out.write('{\n  "findings": ')
    write_json_list(out, (finding_json(f) for f in tallied(findings, counted)), 1)
    data: dict[str, Any] = {"findings": STREAMED, "summary": summary(counted, run)}
    if run is not None and run.signature:
        data["signature"] = run.signature
    if run is not None and run.baseline is not None:
        data["baseline"] = {
            "fixed": [_entry_json(e) for e in run.baseline.fixed],
            "stale": [_entry_json(e) for e in run.baseline.stale],
        }
    document = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    out.write(document.split(json.dumps(STREAMED), 1)[1])


def _entry_json(entry: BaselineEntry) -> dict[str, Any]:
    return {
        "rule": entry.rule,
        "concept": entry.concept,
        "file": entry.file,
        "sentence": entry.sentence,
        "fingerprint": entry.fingerprint,
    }


def excerpt(sentence: str, found: str = "", width: int = 160) -> str:
    """The sentence, cut around the found term when it is long."""
    text = " ".join(sentence.split())
    if len(text) <= width:
        return text
    at = text.find(found) if found else -1
    start = max(0, min(at - width // 3, len(text) - width)) if at >= 0 else 0
    cut = text[start : start + width]
    return ("…" if start else "") + cut + ("…" if start + width < len(text) else "")


def write_text(out: TextIO, findings: Iterable[Finding], run: CheckRun | None = None) -> None:
    """The text report, grouped by file (the findings come sorted), streamed."""
    counted = Tally()
    current = None
    for finding in tallied(findings, counted):
        lines: list[str] = []
        loc = finding.location
        if loc.file != current:
            if current is not None:
                lines.append("")
            lines.append(loc.file)
            current = loc.file
        where = f"{loc.line}" + (f" (tu {loc.tu})" if loc.tu else "")
        lines.append(f"  {where}: {finding.severity.value} [{finding.rule}] {finding.message}")
        if finding.sentence:
            found = finding.term.found if finding.term else ""
            lines.append(f"      | {excerpt(finding.sentence, found)}")
        term = finding.term
        if term is not None and (term.expected or term.found):
            parts = [f"concept {term.concept}"]
            if term.source:
                parts.append(f"source {term.source!r}")
            if term.found:
                parts.append(f"found {term.found!r}")
            if term.expected:
                parts.append(f"expected {term.expected!r}")
            lines.append("      " + ", ".join(parts))
        out.write("\n".join(lines) + "\n")
    lines = []
    if run is not None and run.baseline is not None:
        for title, entries in (("fixed", run.baseline.fixed), ("stale", run.baseline.stale)):
            if entries:
                lines.append("")
                lines.append(f"baseline entries {title}:")
                lines.extend(
                    f"  {e.file}: [{e.rule}] {e.concept or '-'} | {excerpt(e.sentence, '', 100)}"
                    for e in entries
                )
    if lines or counted.total:
        lines.append("")
    lines.append(summary_line(counted, run))
    out.write("\n".join(lines) + "\n")
