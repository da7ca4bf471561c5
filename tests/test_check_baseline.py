"""Baselines and configuration: the shipped corpus passes with its committed baseline, a
new deprecated term fails it, and fingerprints survive edits elsewhere in the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paralign.baseline import baseline_view, entries_of, fingerprint, loads
from paralign.cli import app
from paralign.model import Finding, Location, ParalignError, Severity, TermRef
from tests.conftest import ROOT, STEM

runner = CliRunner()
PYPROJECT = """[project]
name = "corpus"

[tool.paralign]
texts = "texts"
glossary = "glossary/arvak.tbx"

[tool.paralign.check]
baseline = "glossary/baseline.json"
"""


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's corpus, glossary and committed baseline, as the working dir."""
    shutil.copytree(ROOT / "texts", tmp_path / "texts")
    (tmp_path / "glossary").mkdir()
    for name in ("arvak.tbx", "baseline.json"):
        shutil.copy(ROOT / "glossary" / name, tmp_path / "glossary" / name)
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def english(root: Path) -> Path:
    return root / "texts" / "en" / f"{STEM}.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_corpus_passes_with_its_committed_baseline(checkout: Path) -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("0 findings")
    assert "0 stale" in result.output


def test_a_wrong_name_written_into_the_english_fails_the_baseline(checkout: Path) -> None:
    edit(
        english(checkout),
        "summit of the Organization of Turkic States (OTS) held",
        "summit of the Organization of Turkish States (OTS) held",
    )
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    new = [(f["rule"], f["term"]["found"]) for f in data["findings"] if f["severity"] == "error"]
    assert new == [("term-deprecated", "Organization of Turkish States")]


def test_pan_turanianism_is_a_synonym_not_a_finding(checkout: Path) -> None:
    """issue 13: Pan-Turanianism is the headword of major references; marking it deprecated
    again makes this fail."""
    path = english(checkout)
    text = path.read_text(encoding="utf-8")
    assert text.count("Pan-Turanism") == 3
    path.write_text(text.replace("Pan-Turanism", "Pan-Turanianism"), encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("0 findings")
    # Written one way here and the other way there, it is an inconsistency, never a status.
    edit(
        path,
        "Pan-Turkism and Pan-Turanianism, affiliated",
        "Pan-Turkism and Pan-Turanism, affiliated",
    )
    data = json.loads(runner.invoke(app, ["check", "--format", "json"]).output)
    assert [f["rule"] for f in data["findings"]] == ["term-inconsistent"]


def test_fingerprints_survive_edits_elsewhere_and_fixed_entries_are_reported(
    checkout: Path,
) -> None:
    # Lines shift (a new paragraph on top), and one known finding is fixed.
    path = english(checkout)
    path.write_text("Preface added later.\n\n" + path.read_text(encoding="utf-8"), "utf-8")
    edit(
        path,
        'the "Parliamentary Assembly of Turkic Countries"',
        "the “Parliamentary Assembly of Turkic Countries”",
    )
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # The shifted lines broke no fingerprint: the only new finding is the preface itself.
    assert [f["sentence"] for f in data["findings"] if f["rule"] == "unaligned"] == [
        "Preface added later."
    ]
    fixed = [(f["rule"], f["sentence"]) for f in data["baseline"]["fixed"]]
    assert any(r == "quote-style" and "Parliamentary Assembly" in s for r, s in fixed)


def test_write_baseline_records_paths_relative_to_the_config(checkout: Path) -> None:
    result = runner.invoke(app, ["check", "--write-baseline", "glossary/new.json"])
    assert result.exit_code == 0
    data = json.loads((checkout / "glossary/new.json").read_text(encoding="utf-8"))
    files = {entry["file"] for entry in data["findings"]}
    assert files <= {f"texts/en/{STEM}.md", f"texts/ru/{STEM}.md"}
    # The errors CI fails on are the committed ones (alignment-dependent warnings may move
    # as the aligner improves; they cannot fail the default run).
    committed = json.loads((ROOT / "glossary/baseline.json").read_text(encoding="utf-8"))
    errors = {"term-deprecated", "term-inconsistent", "term-variant"}
    assert [e for e in data["findings"] if e["rule"] in errors] == [
        e for e in committed["findings"] if e["rule"] in errors
    ]
    assert {e["rule"] for e in data["findings"] if e["rule"] in errors} == {"term-deprecated"}


def finding(sentence: str, line: int = 3, concept: str = "c-ozal") -> Finding:
    return Finding(
        "term-deprecated",
        Severity.ERROR,
        "'Ozal' is a deprecated variant",
        Location("texts/en/a.md", line),
        TermRef(concept, "", "Özal", "Ozal"),
        sentence,
    )


def test_fingerprint_ignores_line_spacing_and_quote_shape_but_not_words() -> None:
    a = finding('In 1992, Turgut Ozal came "home".')
    assert fingerprint(a) == fingerprint(finding("In  1992, Turgut Ozal came “home”.", line=9))
    assert fingerprint(a) != fingerprint(finding('In 1993, Turgut Ozal came "home".'))
    assert fingerprint(a) != fingerprint(finding(a.sentence, concept="c-erdogan"))


def test_baseline_counts_repeats_and_sorts_fixed_from_stale() -> None:
    same = finding("Ozal and Ozal.")
    entries = entries_of([same, same, finding("Gone.")])
    assert [e.count for e in entries] == [1, 2]
    stale_entry = entries_of([finding("Elsewhere.", concept="c-removed")])[0]
    view, outcome = baseline_view(
        [same, same, same],
        [*entries, stale_entry],
        path="b.json",
        files={"texts/en/a.md"},
        concepts={"c-ozal"},
        rules={"term-deprecated"},
    )
    assert list(view) == [same]
    assert list(view) == [same]  # a view: read again, the same findings are new
    assert outcome.baselined == 2
    assert [e.sentence for e in outcome.fixed] == ["Gone."]
    assert [e.sentence for e in outcome.stale] == ["Elsewhere."]


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"findings": []}',
        '{"tool": "paralign", "version": 9, "findings": []}',
        '{"tool": "paralign", "version": 1, "findings": [{"rule": "x"}]}',
    ],
)
def test_a_broken_baseline_is_a_one_line_error(text: str) -> None:
    with pytest.raises(ParalignError, match=r"b\.json"):
        loads(text, "b.json")


def test_paralign_toml_configures_a_corpus_that_is_no_python_project(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (checkout / "pyproject.toml").unlink()
    (checkout / "paralign.toml").write_text(
        'texts = "texts"\nglossary = "glossary/arvak.tbx"\n\n[check]\nfail-on = "never"\n'
        '[check.severities]\n"quote-style" = "off"\n',
        encoding="utf-8",
    )
    sub = checkout / "texts" / "en"
    monkeypatch.chdir(sub)  # run from below the root: paths stay relative to the config
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["findings"] and all(f["rule"] != "quote-style" for f in data["findings"])
    assert all(f["location"]["file"].startswith("texts/") for f in data["findings"])
