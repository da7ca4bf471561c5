"""Reports: Findings as text, json, sarif, junit or github workflow commands.

`render` is pure: it returns the report as a string; the CLI writes it. Bitexts are
written by `paralign.writers`.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import StringIO
from typing import TextIO

from paralign.baseline import BaselineEntry, BaselineOutcome
from paralign.config import Config
from paralign.model import Finding, ParalignError
from paralign.report.findings import CheckRun, summary_line

FORMATS = ("text", "json", "sarif", "junit", "github")

__all__ = [
    "FORMATS",
    "BaselineEntry",
    "BaselineOutcome",
    "CheckRun",
    "render",
    "summary_line",
    "write_report",
]


def render(
    findings: Iterable[Finding],
    fmt: str,
    config: Config,
    run: CheckRun | None = None,
    fail_on: str = "error",
) -> str:
    """The report of `findings` in format `fmt` (text, json, sarif, junit or github)."""
    out = StringIO()
    write_report(out, findings, fmt, config, run, fail_on)
    return out.getvalue()


def write_report(
    out: TextIO,
    findings: Iterable[Finding],
    fmt: str,
    config: Config,
    run: CheckRun | None = None,
    fail_on: str = "error",
) -> None:
    """Write the report of `findings` (sorted, as the engine gives them) to `out`, one
    finding at a time: the findings may be a spill far larger than memory. JUnit reads
    them once per rule with findings, so they must be iterable more than once."""
    from paralign.report import ci
    from paralign.report import findings as plain

    if fmt == "text":
        plain.write_text(out, findings, run)
    elif fmt == "json":
        plain.write_json(out, findings, run)
    elif fmt == "sarif":
        ci.write_sarif(out, findings, config, run)
    elif fmt == "junit":
        ci.write_junit(out, findings, run, fail_on)
    elif fmt == "github":
        ci.write_github(out, findings, run)
    else:
        raise ParalignError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
