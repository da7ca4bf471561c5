"""`paralign glossary convert|lint`: round trips, findings with lines, exit codes."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from typer.testing import CliRunner

from paralign.cli import app
from paralign.glossary_files import LintSettings, lint_glossary, load_glossary
from tests.test_tbx import BASIC

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def test_convert_chain_keeps_concepts_and_statuses(tmp_path: Path) -> None:
    source = tmp_path / "g.tbx"
    source.write_text(BASIC, encoding="utf-8")
    chain = [source, tmp_path / "g.csv", tmp_path / "g.tsv", tmp_path / "back.tbx"]
    for a, b in itertools.pairwise(chain):
        result = runner.invoke(app, ["glossary", "convert", str(a), str(b)])
        assert result.exit_code == 0, result.output
    original, final = load_glossary(source), load_glossary(chain[-1])
    assert [(c.id, [(t.lang, t.text, t.status) for t in c.terms]) for c in final.concepts] == [
        (c.id, [(t.lang, t.text, t.status) for t in c.terms]) for c in original.concepts
    ]


def test_shipped_glossary_converts_and_lints_clean(tmp_path: Path) -> None:
    shipped = ROOT / "glossary" / "arvak.tbx"
    csv_path = tmp_path / "arvak.csv"
    assert runner.invoke(app, ["glossary", "convert", str(shipped), str(csv_path)]).exit_code == 0
    assert len(load_glossary(csv_path).concepts) == len(load_glossary(shipped).concepts)
    result = runner.invoke(app, ["glossary", "lint", str(shipped)])
    assert result.exit_code == 0, result.stdout


LINTY = """id,en,ru
c1,Turkic Council; !Turkic Council,Тюркский совет
c2,Turkic Council,
c2,OTS;  ; !OTS states,ОТГ
"""


def test_lint_findings_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(LINTY, encoding="utf-8")
    found = {(f.rule, f.location.line, f.location.tu) for f in lint_glossary(path)}
    assert found == {
        ("deprecated-is-preferred", 2, "c1"),
        ("term-in-two-concepts", 3, "c2"),
        ("missing-language", 3, "c2"),
        ("duplicate-id", 4, "c2"),
        ("empty-term", 4, "c2"),
    }
    # requiring a language no concept has flags every concept
    missing = lint_glossary(path, LintSettings(("en", "ru", "kk")))
    assert sum(f.rule == "missing-language" for f in missing) == 4


def test_lint_cli_exit_codes_and_json(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(LINTY, encoding="utf-8")
    result = runner.invoke(app, ["glossary", "lint", str(path), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert {f["rule"] for f in data["findings"]} >= {"duplicate-id", "empty-term"}
    never = runner.invoke(app, ["glossary", "lint", str(path), "--fail-on", "never"])
    assert never.exit_code == 0
    clean = tmp_path / "clean.csv"
    clean.write_text("id,en,ru\nc1,Turkestan,Туркестан\n", encoding="utf-8")
    assert runner.invoke(app, ["glossary", "lint", str(clean)]).exit_code == 0
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("id,en,ru\nc1,a\n", encoding="utf-8")
    bad = runner.invoke(app, ["glossary", "lint", str(ragged)])
    assert bad.exit_code == 2 and "ragged.csv:2: row has 2 cells" in bad.stderr


def test_lint_tbx_basic_rules(tmp_path: Path) -> None:
    text = (
        BASIC.replace('type="partOfSpeech">noun', 'type="partOfSpeech">substantive')
        .replace('<descrip type="subjectField">', '<descrip type="topic">')
        .replace(
            '<term>OTS</term>\n          <termNote type="termType">acronym</termNote>',
            '<termNote type="termType">acronym</termNote>\n          <term>OTS</term>',
        )
    )
    path = tmp_path / "g.tbx"
    path.write_text(text, encoding="utf-8")
    messages = [(f.rule, f.message) for f in lint_glossary(path)]
    assert (
        "tbx-basic",
        "c-ots: partOfSpeech 'substantive' is not in the TBX-Basic picklist "
        "(adjective, adverb, noun, other, properNoun, verb)",
    ) in messages
    assert any('<descrip type="topic"> is not a TBX-Basic data category' in m for _, m in messages)
    assert any("<term> out of TBX-Core order" in m for _, m in messages)
    result = runner.invoke(app, ["glossary", "lint", str(path)])
    assert result.exit_code == 1


def test_convert_bad_input_leaves_no_output(tmp_path: Path) -> None:
    source = tmp_path / "dup.tbx"
    source.write_text(
        BASIC.replace("</body>", '<conceptEntry id="c-ots"/></body>'), encoding="utf-8"
    )
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["glossary", "convert", str(source), str(out)])
    assert result.exit_code == 2 and "duplicate concept id 'c-ots'" in result.stderr
    assert not out.exists()


def test_lint_root_element_and_termsec_rules(tmp_path: Path) -> None:
    from tests.test_tbx import MARTIF

    old = tmp_path / "old.tbx"
    old.write_text(MARTIF, encoding="utf-8")
    assert any("TBX v2 <martif> layout" in f.message for f in lint_glossary(old))
    text = BASIC.replace('style="dca" ', "").replace(
        "<term>OTS</term>", "<term>OTS</term><term>O.T.S.</term>"
    )
    path = tmp_path / "g.tbx"
    path.write_text(text, encoding="utf-8")
    messages = {(f.location.line, f.message) for f in lint_glossary(path)}
    assert (2, '<tbx style="None">, TBX-Basic needs style="dca"') in messages
    assert any(m.endswith("second <term> in one termSec") for _, m in messages)


def test_rows_without_ids_are_info_only(tmp_path: Path) -> None:
    path = tmp_path / "noid.csv"
    path.write_text("en,ru\nTurkestan,Туркестан\nAnkara,Анкара\n", encoding="utf-8")
    findings = lint_glossary(path)
    assert [(f.rule, f.severity.value, f.location.tu) for f in findings] == [
        ("missing-id", "info", "c1"),
        ("missing-id", "info", "c2"),
    ]
    assert runner.invoke(app, ["glossary", "lint", str(path)]).exit_code == 0
    assert [c.id for c in load_glossary(path).concepts] == ["c1", "c2"]
