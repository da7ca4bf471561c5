"""The formats CI systems read: SARIF 2.1.0 (code scanning), JUnit XML, GitHub workflow commands."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import quoteattr

from paralign.baseline import fingerprint
from paralign.config import Config
from paralign.model import Finding, Severity
from paralign.report.findings import CheckRun, excerpt, summary_line
from paralign.version import __version__

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules() -> dict[str, Any]:
    from paralign.checks import RULES

    return RULES


def render_sarif(findings: Sequence[Finding], config: Config, run: CheckRun | None = None) -> str:
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
    results = []
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
        results.append(result)
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": config.root.resolve().as_uri() + "/"}},
                "results": results,
                "columnKind": "unicodeCodePoints",
                **({"properties": {"signature": run.signature}} if run and run.signature else {}),
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def render_junit(
    findings: Sequence[Finding], run: CheckRun | None = None, fail_on: str = "error"
) -> str:
    """A testsuite per rule, a testcase per document; a finding at or above `fail_on` is a
    failure of its case, one below it is only shown in the case's system-out (a CI page that
    counts info findings as failed tests would cry wolf)."""
    from paralign.checks.base import severity_reaches

    rules = list(_rules())
    files = sorted({f.location.file for f in findings} | set(run.files if run else ()))
    cases: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        cases[(finding.rule, finding.location.file)].append(finding)

    def fails(found: Sequence[Finding]) -> bool:
        return any(severity_reaches(f.severity, fail_on) for f in found)

    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    failing = sum(1 for v in cases.values() if fails(v))
    total = len(rules) * len(files)
    out.append(
        f'<testsuites name="paralign check" tests="{total}" failures="{failing}" errors="0">'
    )
    for rule in rules:
        rule_failures = sum(1 for f in files if fails(cases.get((rule, f), [])))
        out.append(
            f'  <testsuite name={quoteattr(rule)} tests="{len(files)}" '
            f'failures="{rule_failures}" errors="0" skipped="0">'
        )
        for file in files:
            found = cases.get((rule, file), [])
            name = quoteattr(file)
            if not found:
                out.append(f"    <testcase classname={quoteattr(rule)} name={name}/>")
                continue
            out.append(f"    <testcase classname={quoteattr(rule)} name={name}>")
            below: list[str] = []
            for finding in found:
                body = f"{file}:{finding.location.line}: {finding.message}"
                if finding.sentence:
                    body += "\n" + excerpt(
                        finding.sentence, finding.term.found if finding.term else ""
                    )
                if not severity_reaches(finding.severity, fail_on):
                    below.append(f"{finding.severity.value}: {body}")
                    continue
                out.append(
                    f"      <failure message={quoteattr(finding.message)} "
                    f"type={quoteattr(finding.severity.value)}>{_xml_text(body)}</failure>"
                )
            if below:
                out.append(f"      <system-out>{_xml_text(chr(10).join(below))}</system-out>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(findings: Sequence[Finding], run: CheckRun | None = None) -> str:
    """GitHub Actions workflow commands: an annotation on the file and line of each finding."""
    lines = []
    for finding in findings:
        props = [f"file={_escape_property(finding.location.file)}"]
        if finding.location.line > 0:
            props.append(f"line={finding.location.line}")
        props.append(f"title={_escape_property('paralign ' + finding.rule)}")
        message = finding.message
        if finding.sentence:
            message += "\n" + excerpt(finding.sentence, finding.term.found if finding.term else "")
        lines.append(
            f"::{_GITHUB_LEVEL[finding.severity]} {','.join(props)}::{_escape_data(message)}"
        )
    lines.append(summary_line(findings, run))
    return "\n".join(lines) + "\n"
