"""Reports of findings: text, json, sarif, junit and github, from one set of findings."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

from paralign.checks import RULES
from paralign.config import Config
from paralign.model import Finding, Location, ParalignError, Severity, TermRef
from paralign.report import BaselineOutcome, CheckRun, render

CONFIG = Config(Path("/project"))
OZAL = Finding(
    "term-deprecated",
    Severity.ERROR,
    "'Ozal' is a deprecated variant; the glossary prefers 'Özal'",
    Location("texts/en/summit.md", 37),
    TermRef("c-ozal", "Озала", "Özal", "Ozal"),
    "In 1992, at the initiative of Turkish president Turgut Ozal, the first summit was held.",
)
QUOTES = Finding(
    "quote-style",
    Severity.INFO,
    "straight quotes; house style is “…”",
    Location("texts/en/summit.md", 39, "summit-12"),
    None,
    'In 1998, the "Parliamentary Assembly of Turkic Countries" was formed in Baku.',
)
MISSING = Finding(
    "term-missing",
    Severity.WARNING,
    "source has 'КНР'; the target has no admitted term for it",
    Location("texts/en/other.md", 5),
    TermRef("c-prc", "КНР", "People's Republic of China", ""),
    "Given Beijing's problems, this matters.",
)
FINDINGS = [OZAL, QUOTES, MISSING]


def test_json_has_the_check_contract_shape() -> None:
    data = json.loads(render(FINDINGS, "json", CONFIG))
    assert data["findings"][0] == {
        "rule": "term-deprecated",
        "severity": "error",
        "message": OZAL.message,
        "location": {"file": "texts/en/summit.md", "line": 37, "tu": ""},
        "term": {"concept": "c-ozal", "source": "Озала", "expected": "Özal", "found": "Ozal"},
        "sentence": OZAL.sentence,
    }
    assert data["findings"][1]["term"] is None
    assert data["findings"][1]["location"]["tu"] == "summit-12"
    summary = data["summary"]
    assert (summary["total"], summary["error"], summary["warning"], summary["info"]) == (3, 1, 1, 1)
    assert summary["by_rule"] == {"quote-style": 1, "term-deprecated": 1, "term-missing": 1}


def test_text_groups_by_file_and_ends_with_a_summary() -> None:
    text = render(FINDINGS, "text", CONFIG)
    lines = text.splitlines()
    assert lines[0] == "texts/en/summit.md"
    assert lines[1].startswith("  37: error [term-deprecated] 'Ozal' is a deprecated variant")
    assert "| In 1992, at the initiative of Turkish president Turgut Ozal" in lines[2]
    assert "found 'Ozal', expected 'Özal'" in lines[3]
    assert "39 (tu summit-12): info [quote-style]" in text
    assert lines.index("texts/en/other.md") > 3
    assert lines[-1] == "3 findings (1 error, 1 warning, 1 info) in 2 files"
    assert render([], "text", CONFIG) == "0 findings (0 errors, 0 warnings, 0 info) in 0 files\n"


def test_sarif_2_1_0_has_rules_uris_and_lines() -> None:
    sarif = json.loads(render(FINDINGS, "sarif", CONFIG))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "term-deprecated" in ids and all(r["shortDescription"]["text"] for r in rules)
    first = run["results"][0]
    assert first["ruleId"] == "term-deprecated"
    assert ids[first["ruleIndex"]] == "term-deprecated"
    assert first["level"] == "error"
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "texts/en/summit.md"
    assert physical["region"]["startLine"] == 37
    assert run["results"][1]["level"] == "note"
    # Fingerprints ignore the line: the same finding two lines lower keeps its identity.
    moved = replace(OZAL, location=Location("texts/en/summit.md", 39))
    again = json.loads(render([moved], "sarif", CONFIG))["runs"][0]["results"][0]
    assert again["partialFingerprints"] == first["partialFingerprints"]


def test_junit_has_a_case_per_rule_and_document_and_failures_for_findings() -> None:
    run = CheckRun(files=("texts/en/summit.md", "texts/en/other.md", "texts/ru/summit.md"))
    root = ElementTree.fromstring(render(FINDINGS, "junit", CONFIG, run, fail_on="warning"))
    suites = root.findall("testsuite")
    assert len(suites) == len(RULES)  # one a rule
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(RULES) * 3
    failed = [(c.get("classname"), c.get("name")) for c in cases if c.find("failure") is not None]
    assert sorted(failed) == [
        ("term-deprecated", "texts/en/summit.md"),
        ("term-missing", "texts/en/other.md"),
    ]
    assert root.get("failures") == "2"
    # the info finding is shown, below --fail-on, but fails no test case
    quote = root.find("testsuite/testcase[@classname='quote-style'][@name='texts/en/summit.md']")
    assert quote is not None and "info:" in quote.findtext("system-out", "")
    strict = ElementTree.fromstring(render(FINDINGS, "junit", CONFIG, run, fail_on="error"))
    assert strict.get("failures") == "1"


def test_github_annotations_are_workflow_commands() -> None:
    lines = render(FINDINGS, "github", CONFIG).splitlines()
    assert lines[0].startswith(
        "::error file=texts/en/summit.md,line=37,title=paralign term-deprecated::'Ozal' is"
    )
    assert "%0A" in lines[0]  # the sentence on its own line of the annotation
    assert lines[1].startswith("::notice file=texts/en/summit.md,line=39,")
    assert lines[2].startswith("::warning file=texts/en/other.md,line=5,")
    assert lines[-1].startswith("3 findings")


def test_baseline_outcome_shows_in_the_summary() -> None:
    run = CheckRun(baseline=BaselineOutcome("glossary/baseline.json", 4))
    data = json.loads(render([OZAL], "json", CONFIG, run))
    assert data["summary"]["baseline"] == {
        "file": "glossary/baseline.json",
        "baselined": 4,
        "fixed": 0,
        "stale": 0,
    }
    assert "baseline glossary/baseline.json: 4 known" in render([OZAL], "text", CONFIG, run)


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(ParalignError, match="unknown report format 'html'"):
        render(FINDINGS, "html", CONFIG)
