"""Findings as text (grouped by file, with a summary) and as JSON (the `check` contract)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from paralign.baseline import BaselineEntry, BaselineOutcome
from paralign.model import Finding, Severity


@dataclass(frozen=True, slots=True)
class CheckRun:
    """The context of a report beyond its findings: what was checked, the baseline's effect."""

    files: tuple[str, ...] = ()
    baseline: BaselineOutcome | None = None
    signature: str = ""


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    by = Counter(f.severity.value for f in findings)
    return {s.value: by.get(s.value, 0) for s in Severity}


def summary(findings: Sequence[Finding], run: CheckRun | None = None) -> dict[str, Any]:
    files = {f.location.file for f in findings}
    data: dict[str, Any] = {
        "total": len(findings),
        **counts(findings),
        "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
        "files_with_findings": len(files),
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


def summary_line(findings: Sequence[Finding], run: CheckRun | None = None) -> str:
    by = counts(findings)
    checked = run is not None and bool(run.files)
    files = (
        len(run.files) if run is not None and checked else len({f.location.file for f in findings})
    )
    line = (
        f"{len(findings)} finding{'s' * (len(findings) != 1)} "
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


def render_json(findings: Sequence[Finding], run: CheckRun | None = None) -> str:
    data: dict[str, Any] = {
        "findings": [finding_json(f) for f in findings],
        "summary": summary(findings, run),
    }
    if run is not None and run.signature:
        data["signature"] = run.signature
    if run is not None and run.baseline is not None:
        data["baseline"] = {
            "fixed": [_entry_json(e) for e in run.baseline.fixed],
            "stale": [_entry_json(e) for e in run.baseline.stale],
        }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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


def render_text(findings: Sequence[Finding], run: CheckRun | None = None) -> str:
    lines: list[str] = []
    current = None
    for finding in findings:
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
    if run is not None and run.baseline is not None:
        for title, entries in (("fixed", run.baseline.fixed), ("stale", run.baseline.stale)):
            if entries:
                lines.append("")
                lines.append(f"baseline entries {title}:")
                lines.extend(
                    f"  {e.file}: [{e.rule}] {e.concept or '-'} | {excerpt(e.sentence, '', 100)}"
                    for e in entries
                )
    if lines:
        lines.append("")
    lines.append(summary_line(findings, run))
    return "\n".join(lines) + "\n"
