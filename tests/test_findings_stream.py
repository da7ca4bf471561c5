"""Findings stream through a spill on disk: the same report, byte for byte, whether they fit
in one sorted run or in many, and the spill never holds more than a run in memory."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from paralign.checks import spill
from paralign.checks.spill import FindingSpill, order
from paralign.cli import app
from paralign.model import Finding, Location, Severity, TermRef
from paralign.report.findings import indented_json
from tests.check_fixtures import bitext
from tests.conftest import ROOT

runner = CliRunner()


def finding(i: int, file: str) -> Finding:
    return Finding(
        rule=("number-mismatch", "quote-style", "term-missing")[i % 3],
        severity=(Severity.ERROR, Severity.WARNING, Severity.INFO)[i % 3],
        message=f"message {i % 4}",
        location=Location(file, i % 9, f"tu-{i}"),
        term=TermRef("c-1", "источник", "expected", f"found {i}") if i % 2 else None,
        sentence=f"Sentence «{i}».",
    )


def test_spill_gives_the_stable_sorted_order_again_and_again() -> None:
    rng = random.Random(3)
    findings = [finding(i, rng.choice(["b.tmx", "a.tmx", "c/d.md"])) for i in range(250)]
    with FindingSpill(run=7) as spilled:
        for f in findings:
            spilled.add(f)
            assert len(spilled._filling) < 7  # at most one run in memory while adding
        expected = sorted(findings, key=order)  # stable: ties keep the order of adding
        assert list(spilled) == expected
        assert list(spilled) == expected
        assert len(spilled) == 250


def test_small_spill_kept_in_memory_is_sorted() -> None:
    with FindingSpill() as spilled:
        spilled.extend([finding(5, "b"), finding(1, "a"), finding(2, "a")])
        assert [f.location.file for f in spilled] == ["a", "a", "b"]


def faulty_tmx(path: Path, seed: int) -> Path:
    from paralign.tmx import write_tmx

    rng = random.Random(seed)
    pairs = []
    for i in range(40):
        ru = f"В {1990 + i} г. Организация тюркских государств провела {i + 2} саммита."
        en = f'In {1990 + i + rng.randrange(2)}, the "Organisation" of Turkic States held summits.'
        pairs.append((ru, en if i % 5 else ru))
    write_tmx([bitext(pairs, name=path.stem)], path)
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_report_is_the_same_from_one_run_or_many(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    inputs = [str(faulty_tmx(tmp_path / name, seed)) for seed, name in ((1, "b.tmx"), (2, "a.tmx"))]
    glossary = str(ROOT / "glossary" / "arvak.tbx")
    reports = []
    for run_size in (1_000_000, 5):
        monkeypatch.setattr(spill, "_RUN", run_size)
        out = tmp_path / f"report-{run_size}.{fmt}"
        args = ["check", *inputs, "--glossary", glossary, "--format", fmt, "--output", str(out)]
        result = runner.invoke(app, [*args, "--fail-on", "never", "--workers", "1"])
        assert result.exit_code == 0, result.output
        reports.append(out.read_bytes())
        on_stdout = runner.invoke(app, [*args[:-2], "--fail-on", "never", "--workers", "1"])
        assert on_stdout.stdout.encode() == reports[-1]
    assert reports[0] == reports[1]
    # Many findings, so many runs to merge (junit names a rule once per case and, with
    # --fail-on never, lists the findings in its system-out, one a line).
    assert max(reports[0].count(b"number-mismatch"), reports[0].count(b"\n")) > 20


_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text())
_JSON = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(), st.integers(), st.booleans()), inner),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_JSON, st.integers(0, 3))
def test_streamed_items_are_written_as_json_dumps_writes_them(value: object, level: int) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    assert indented_json(value, level) == expected
