"""`paralign check` end to end: TMX and corpus inputs, exit codes, formats, --output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paralign.cli import app
from tests.check_fixtures import bitext
from tests.conftest import ROOT, STEM, TEXTS
from tests.test_check import OZAL_EN, OZAL_RU, SUMMIT_EN, SUMMIT_RU

GLOSSARY = ROOT / "glossary" / "arvak.tbx"
runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project root (a pyproject.toml without settings) as the working directory."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_tmx(path: Path, pairs: list[tuple[str, str]]) -> Path:
    from paralign.tmx import write_tmx as write

    write([bitext(pairs, name="summit")], path)
    return path


def check(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.output


def test_tmx_with_a_deprecated_term_exits_1_and_names_file_line_and_tu(project: Path) -> None:
    tmx = write_tmx(
        project / "tm.tmx", [(SUMMIT_RU, SUMMIT_EN), (OZAL_RU, OZAL_EN.replace("Özal", "Ozal"))]
    )
    code, out = check("tm.tmx", "--glossary", str(GLOSSARY), "--format", "json")
    assert code == 1
    data = json.loads(out)
    deprecated = [f for f in data["findings"] if f["rule"] == "term-deprecated"]
    assert len(deprecated) == 1
    (finding,) = deprecated
    assert finding["location"]["file"] == "tm.tmx"
    assert finding["location"]["tu"] == "summit-2"
    lines = tmx.read_text(encoding="utf-8").splitlines()
    assert 'tuid="summit-2"' in lines[finding["location"]["line"] - 1]
    assert finding["term"] == {
        "concept": "c-ozal",
        "source": "Тургута Озала",
        "expected": "Turgut Özal",
        "found": "Turgut Ozal",
    }
    assert data["summary"]["error"] == 1


def test_clean_tmx_exits_0_and_fail_on_sets_the_threshold(project: Path) -> None:
    write_tmx(project / "tm.tmx", [(SUMMIT_RU, SUMMIT_EN), (OZAL_RU, OZAL_EN)])
    code, out = check("tm.tmx", "--glossary", str(GLOSSARY))
    assert code == 0, out
    # The English drops «неформальный саммит»'s rendering nowhere, so only warnings can fail.
    en = SUMMIT_EN.replace("an informal summit", "a meeting")
    write_tmx(project / "drift.tmx", [(SUMMIT_RU, en)])
    assert check("drift.tmx", "--glossary", str(GLOSSARY))[0] == 0
    code, out = check("drift.tmx", "--glossary", str(GLOSSARY), "--fail-on", "warning")
    assert code == 1
    assert "term-missing" in out and "informal summit" in out
    bad = OZAL_EN.replace("Özal", "Ozal")
    write_tmx(project / "bad.tmx", [(OZAL_RU, bad)])
    assert check("bad.tmx", "--glossary", str(GLOSSARY), "--fail-on", "never")[0] == 0


def test_output_writes_the_report_and_the_console_shows_the_summary(project: Path) -> None:
    write_tmx(project / "tm.tmx", [(OZAL_RU, OZAL_EN.replace("Özal", "Ozal"))])
    (project / "out").mkdir()  # a missing parent folder is refused, not guessed
    code, out = check(
        "tm.tmx", "--glossary", str(GLOSSARY), "--format", "sarif", "--output", "out/report.sarif"
    )
    assert code == 1
    assert "(1 error," in out.strip().splitlines()[-1]
    sarif = json.loads((project / "out/report.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "term-deprecated"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.tmx"], "missing.tmx: no such file"),
        (["tm.tmx", "--glossary", "nope.tbx"], "nope.tbx"),
        (["emptydir"], "neither a corpus folder"),
        (["tm.tmx", "--baseline", "nope.json"], "nope.json: no such file"),
        (["tm.tmx", "--output", "emptydir"], "emptydir: is a directory"),
        (["tm.tmx", "--write-baseline", "emptydir"], "emptydir: is a directory"),
        (["tm.tmx", "--baseline", "tm.tmx"], "tm.tmx: not a baseline"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(project: Path, args: list[str], message: str) -> None:
    write_tmx(project / "tm.tmx", [(SUMMIT_RU, SUMMIT_EN)])
    (project / "emptydir").mkdir()
    if "--glossary" not in args:
        args = [*args, "--glossary", str(GLOSSARY)]
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_unreadable_tmx_is_exit_2(project: Path) -> None:
    (project / "broken.tmx").write_bytes(b"<tmx version='1.4'><body><tu>")
    code, out = check("broken.tmx", "--glossary", str(GLOSSARY))
    assert code == 2
    assert "broken.tmx" in out


def test_corpus_folder_reports_ozal(project: Path) -> None:
    shutil.copytree(TEXTS, project / "texts")
    code, out = check("texts", "--glossary", str(GLOSSARY), "--format", "json")
    data = json.loads(out)
    ozal = [
        f for f in data["findings"] if f["term"] and f["term"]["found"] in ("Ozal", "Turgut Ozal")
    ]
    assert {f["rule"] for f in ozal} == {"term-deprecated"}
    assert {f["term"]["expected"] for f in ozal} == {"Özal", "Turgut Özal"}
    assert {(f["location"]["file"], f["location"]["line"]) for f in ozal} == {
        (f"texts/en/{STEM}.md", 37)
    }
    assert code == 1


def test_organisation_written_into_a_corpus_copy_fails(project: Path) -> None:
    corpus = project / "texts"
    shutil.copytree(TEXTS, corpus)
    english = corpus / "en" / f"{STEM}.md"
    text = english.read_text(encoding="utf-8")
    english.write_text(
        text.replace("Organization of Turkic States", "Organisation of Turkic States", 1),
        encoding="utf-8",
    )
    code, out = check("texts", "--glossary", str(GLOSSARY))
    assert code == 1
    assert "'Organisation of Turkic States' is a deprecated variant" in out


def test_json_and_sarif_carry_a_signature(project: Path) -> None:
    write_tmx(project / "tm.tmx", [(SUMMIT_RU, SUMMIT_EN)])
    _, out = check("tm.tmx", "--glossary", str(GLOSSARY), "--format", "json")
    signature = json.loads(out)["signature"]
    assert signature.startswith("paralign:") and "|glossary:sha256:" in signature
    assert "term-deprecated=error" in signature
    from paralign.glossary_files import load_glossary
    from paralign.signature import glossary_digest

    # One digest of a glossary, by content: the aligner's TMX header carries the same one.
    assert f"|glossary:{glossary_digest(load_glossary(GLOSSARY))}|" in signature
    _, out = check("tm.tmx", "--glossary", str(GLOSSARY), "--format", "sarif")
    assert json.loads(out)["runs"][0]["properties"]["signature"] == signature


TMX_VARIANTS = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>
<tu tuid="a"><prop type="x-document">one</prop><tuv xml:lang="ru"><seg>Озал, 1992.</seg></tuv>
<tuv xml:lang="en"><seg>Ozal, 1992.</seg></tuv></tu>
<tu><prop type="x-other">z</prop><prop type="x-document">one</prop>
<tuv xml:lang="RU-RU"><seg>Два</seg></tuv>
<tuv xml:lang="en-US"><seg>Two <bpt i="1">{b}</bpt>bold<ept i="1">{/b}</ept></seg></tuv>
<tuv xml:lang="en"><seg>second English, ignored</seg></tuv></tu>
<tu tuid="c"><prop type="x-document"></prop><tuv lang="ru"><seg>Только источник.</seg></tuv></tu>
<tu tuid="d"><prop type="x-document">two</prop><note>n</note>
<tuv xml:lang="en"><seg>Only target.</seg></tuv></tu>
<tu tuid="e"><tuv xml:lang=" ru "><seg>Пробелы.</seg></tuv>
<tuv xml:lang="en"><seg>Spaces.</seg></tuv></tu>
</body></tmx>
"""


def _pieces_via_read_tmx(path: Path, src: str, tgt: str) -> list[tuple]:
    """What tmx_pieces gave when it read TranslationUnits: the reference for its fast path."""
    from paralign.tmx import read_tmx

    return [
        (
            unit.prop("x-document") or path.stem,
            unit.variants.get(src, ""),
            unit.variants.get(tgt, ""),
            unit.tuid or str(unit.position),
            unit.line,
        )
        for unit in read_tmx(path, src, tgt)
    ]


def test_tmx_pieces_read_the_elements_as_read_tmx_does(tmp_path: Path) -> None:
    from paralign.tmx import tmx_pieces

    path = tmp_path / "tm.tmx"
    path.write_text(TMX_VARIANTS, encoding="utf-8")
    rows = []
    for piece in tmx_pieces(path, "ru", "en", size=2):
        for link in piece.links:
            src = piece.source[link.src[0]] if link.src else None
            tgt = piece.target[link.tgt[0]] if link.tgt else None
            line = (src or tgt).line  # type: ignore[union-attr]
            texts = (src.text if src else "", tgt.text if tgt else "")
            rows.append((piece.name, *texts, link.tuid, line))
    assert rows == _pieces_via_read_tmx(path, "ru", "en")
    assert rows[1][1:3] == ("Два", "Two bold")  # region codes, inline codes dropped
    assert [r[0] for r in rows] == ["one", "one", "tm", "two", "tm"]


def test_tmx_pieces_refuse_a_third_language_with_its_line(tmp_path: Path) -> None:
    from paralign.model import ParalignError
    from paralign.tmx import tmx_pieces

    path = tmp_path / "tm.tmx"
    third = '<tuv xml:lang="de"><seg>Zwei</seg></tuv></tu>\n<tu tuid="c">'
    path.write_text(TMX_VARIANTS.replace('</tu>\n<tu tuid="c">', third, 1), encoding="utf-8")
    with pytest.raises(ParalignError, match=r"tm\.tmx:\d+: TU 2 has language 'de'"):
        list(tmx_pieces(path, "ru", "en"))
