"""Reports: Findings as text, json, sarif, junit or github workflow commands.

`render` is pure: it returns the report as a string; the CLI writes it. Bitexts are
written by `paralign.writers`.
"""

from __future__ import annotations

from collections.abc import Sequence

from paralign.baseline import BaselineEntry, BaselineOutcome
from paralign.config import Config
from paralign.model import Finding, ParalignError
from paralign.report.findings import CheckRun, summary_line

FORMATS = ("text", "json", "sarif", "junit", "github")

__all__ = ["FORMATS", "BaselineEntry", "BaselineOutcome", "CheckRun", "render", "summary_line"]


def render(
    findings: Sequence[Finding],
    fmt: str,
    config: Config,
    run: CheckRun | None = None,
    fail_on: str = "error",
) -> str:
    """The report of `findings` in format `fmt` (text, json, sarif, junit or github)."""
    from paralign.report import ci
    from paralign.report import findings as plain

    if fmt == "text":
        return plain.render_text(findings, run)
    if fmt == "json":
        return plain.render_json(findings, run)
    if fmt == "sarif":
        return ci.render_sarif(findings, config, run)
    if fmt == "junit":
        return ci.render_junit(findings, run, fail_on)
    if fmt == "github":
        return ci.render_github(findings, run)
    raise ParalignError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
