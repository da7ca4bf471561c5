"""The formats CI systems read: SARIF 2.1.0 (code scanning), JUnit XML, GitHub workflow commands."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from paralign.baseline import fingerprint
from paralign.config import Config
from paralign.model import Finding, Severity
from paralign.report.findings import (
    STREAMED,
    CheckRun,
    Tally,
    excerpt,
    summary_line,
    tallied,
    tally,
    write_streamed,
)
from paralign.version import __version__

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules() -> dict[str, Any]:
    from paralign.checks import RULES

    return RULES


def write_sarif(
    out: TextIO, findings: Iterable[Finding], config: Config, run: CheckRun | None = None
) -> None:
    """SARIF 2.1.0, its results streamed into the document."""
    rules = _rules()
    ids = list(rules)
    driver = {
        "name": "paralign",
        "version": __version__,
        "rules": [
            {
                "id": rule.id,
                "name": "".join(part.capitalize() for part in rule.id.split("-")),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": f"{rule.summary}. {rule.help}"},
                "help": {"text": rule.help},
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            }
            for rule in rules.values()
        ],
    }
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": config.root.resolve().as_uri() + "/"}},
                "results": STREAMED,
                "columnKind": "unicodeCodePoints",
                **({"properties": {"signature": run.signature}} if run and run.signature else {}),
            }
        ],
    }
    document = json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
    write_streamed(out, document, _sarif_results(findings, ids), 3)


def _sarif_results(findings: Iterable[Finding], ids: list[str]) -> Iterator[dict[str, Any]]:
    for finding in findings:
        region: dict[str, Any] = {}
        if finding.location.line > 0:
            region["startLine"] = finding.location.line
        if finding.sentence:
            region["snippet"] = {"text": finding.sentence}
        physical: dict[str, Any] = {
            "artifactLocation": {"uri": finding.location.file, "uriBaseId": "%SRCROOT%"}
        }
        if region:
            physical["region"] = region
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": ids.index(finding.rule) if finding.rule in ids else -1,
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {"paralignFinding/v1": fingerprint(finding)},
        }
        if finding.location.tu:
            result["properties"] = {"tu": finding.location.tu}
        if finding.term is not None:
            result.setdefault("properties", {}).update(
                {
                    "concept": finding.term.concept,
                    "expected": finding.term.expected,
                    "found": finding.term.found,
                    "source": finding.term.source,
                }
            )
        yield result


def write_junit(
    out: TextIO, findings: Iterable[Finding], run: CheckRun | None = None, fail_on: str = "error"
) -> None:
    """A testsuite per rule, a testcase per document; a finding at or above `fail_on` is a
    failure of its case, one below it is only shown in the case's system-out (a CI page that
    counts info findings as failed tests would cry wolf).

    The suites go rule by rule while the findings come sorted by file: the findings are
    counted in one pass, then read once more for each rule that has any (a spill reads them
    back from disk, a list is simply iterated again)."""
    if iter(findings) is findings or not _sorted_by_file(findings):
        # Read more than once, in file order: a one-shot iterator or an unsorted list is
        # sorted by file (stably: a case's failures keep their order).
        findings = sorted(findings, key=lambda f: f.location.file)
    from paralign.checks.base import severity_reaches

    rules = list(_rules())
    counted = tally(findings)
    failed = {(f.rule, f.location.file) for f in findings if severity_reaches(f.severity, fail_on)}
    files = sorted(counted.files | set(run.files if run else ()))
    write = out.write
    write('<?xml version="1.0" encoding="UTF-8"?>\n')
    failing = len(failed)
    total = len(rules) * len(files)
    write(f'<testsuites name="paralign check" tests="{total}" failures="{failing}" errors="0">\n')
    for rule in rules:
        rule_failures = sum(1 for f in files if (rule, f) in failed)
        rule_cases = sum(1 for f in files if (rule, f) in counted.cases)
        write(
            f'  <testsuite name={quoteattr(rule)} tests="{len(files)}" '
            f'failures="{rule_failures}" errors="0" skipped="0">\n'
        )
        ruled: Iterator[Finding] = (
            (f for f in findings if f.rule == rule) if rule_cases else iter(())
        )
        pending = next(ruled, None)
        for file in files:
            name = quoteattr(file)
            if (rule, file) not in counted.cases:
                write(f"    <testcase classname={quoteattr(rule)} name={name}/>\n")
                continue
            write(f"    <testcase classname={quoteattr(rule)} name={name}>\n")
            pending = _case_body(write, file, pending, ruled, fail_on)
            write("    </testcase>\n")
        write("  </testsuite>\n")
    write("</testsuites>\n")


def _case_body(
    write: Callable[[str], object],
    file: str,
    pending: Finding | None,
    ruled: Iterator[Finding],
    fail_on: str,
) -> Finding | None:
    """A testcase's failures (findings at or above `fail_on`) and, below them, its other
    findings as system-out; the first finding of the next file."""
    from paralign.checks.base import severity_reaches

    below: list[str] = []
    while pending is not None and pending.location.file == file:
        finding, pending = pending, next(ruled, None)
        body = f"{file}:{finding.location.line}: {finding.message}"
        if finding.sentence:
            body += "\n" + excerpt(finding.sentence, finding.term.found if finding.term else "")
        if not severity_reaches(finding.severity, fail_on):
            below.append(f"{finding.severity.value}: {body}")
            continue
        write(
            f"      <failure message={quoteattr(finding.message)} "
            f"type={quoteattr(finding.severity.value)}>{_xml_text(body)}</failure>\n"
        )
    if below:
        write(f"      <system-out>{_xml_text(chr(10).join(below))}</system-out>\n")
    return pending


def _sorted_by_file(findings: Iterable[Finding]) -> bool:
    previous = ""
    for finding in findings:
        if finding.location.file < previous:
            return False
        previous = finding.location.file
    return True


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(out: TextIO, findings: Iterable[Finding], run: CheckRun | None = None) -> None:
    """GitHub Actions workflow commands: an annotation on the file and line of each finding."""
    counted = Tally()
    for finding in tallied(findings, counted):
        props = [f"file={_escape_property(finding.location.file)}"]
        if finding.location.line > 0:
            props.append(f"line={finding.location.line}")
        props.append(f"title={_escape_property('paralign ' + finding.rule)}")
        message = finding.message
        if finding.sentence:
            message += "\n" + excerpt(finding.sentence, finding.term.found if finding.term else "")
        out.write(
            f"::{_GITHUB_LEVEL[finding.severity]} {','.join(props)}::{_escape_data(message)}\n"
        )
    out.write(summary_line(counted, run) + "\n")
