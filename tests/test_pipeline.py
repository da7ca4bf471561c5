"""End to end, as a user runs it: `paralign run` on a copy of the shipped corpus, in a real
process, and the one-line errors every command owes a user for bad input."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import ROOT, run_paralign

DTD = ROOT / "src" / "paralign" / "data" / "tmx14.dtd"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's corpus, glossary and configuration, outside the checkout."""
    root = tmp_path_factory.mktemp("project")
    for name in ("texts", "glossary"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture(scope="module")
def ran(project: Path) -> subprocess.CompletedProcess[str]:
    return run_paralign("run", cwd=project, env={"SOURCE_DATE_EPOCH": "1780000000"})


def test_run_succeeds_and_writes_both_outputs(ran, project: Path) -> None:
    assert ran.returncode == 0, ran.stderr
    assert (project / "build" / "arvak.ru-en.tmx").stat().st_size > 10_000
    header = (project / "build" / "arvak.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "en" in header and "ru" in header


def test_run_reports_what_the_english_really_does_wrong(ran) -> None:
    assert "Ozal" in ran.stdout
    assert "Özal" in ran.stdout


def test_tmx_is_valid_against_the_tmx14_dtd(ran, project: Path) -> None:
    dtd = etree.DTD(str(DTD))
    tree = etree.parse(str(project / "build" / "arvak.ru-en.tmx"))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    assert tree.getroot().get("version") == "1.4"
    assert tree.find("header").get("creationdate") == "20260528T202640Z"


def test_run_tmx_says_where_each_side_comes_from(ran, project: Path) -> None:
    """The header carries the corpus's own provenance entries (texts/provenance.toml)."""
    from paralign.provenance import read_manifest

    manifest = read_manifest(project / "texts" / "provenance.toml")
    header = etree.parse(str(project / "build" / "arvak.ru-en.tmx")).find("header")
    props = {p.get("type"): p.text for p in header.iter("prop")}
    assert props["x-provenance-ru"] == manifest["ru/*.md"]
    assert props["x-provenance-en"] == manifest["en/*.md"]


def test_translate_toolkit_reads_the_same_texts(ran, project: Path) -> None:
    from translate.storage.tmx import tmxfile

    path = project / "build" / "arvak.ru-en.tmx"
    ours = etree.parse(str(path)).findall(".//tu")
    with path.open("rb") as handle:
        theirs = tmxfile(handle, "ru", "en").units
    assert len(theirs) == len(ours) > 90
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    by_us = [
        {tuv.get(lang): "".join(tuv.find("seg").itertext()) for tuv in tu.iter("tuv")}
        for tu in ours
    ]
    both = [(unit.source or None, unit.target or None) for unit in theirs]
    # an empty source tuv (0-1 bead) is an empty source to translate-toolkit
    assert both == [(texts.get("ru") or None, texts.get("en") or None) for texts in by_us]
    assert sum(1 for source, target in both if source and target) > 90
    assert any("Организации тюркских государств" in (source or "") for source, _ in both)


def test_run_is_byte_identical_when_repeated(ran, project: Path) -> None:
    first = (project / "build" / "arvak.ru-en.tmx").read_bytes()
    again = run_paralign("run", cwd=project, env={"SOURCE_DATE_EPOCH": "1780000000"})
    assert again.returncode == 0
    assert (project / "build" / "arvak.ru-en.tmx").read_bytes() == first


# Every command that reads a text owes the same one-line answer to the same bad input.
BAD_INPUTS = {
    "missing": (None, "no such file"),
    "directory": ("DIR", "is a directory"),
    "empty": (b"", "empty file"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4, "binary file"),
    "not-utf8": ("Организация".encode("cp1251"), "UTF-8"),
}


def _bad_file(tmp_path: Path, kind: str, suffix: str) -> Path:
    content, _ = BAD_INPUTS[kind]
    if kind == "not-utf8" and suffix == ".tmx":
        content = '<?xml version="1.0"?><tmx version="1.4"><body>ОТГ</body></tmx>'.encode("cp1251")
    path = tmp_path / f"bad-{kind}{suffix}"
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    return path


# check and align take folders too: a folder beside a file is their own error, not this one.
@pytest.mark.parametrize(
    ("command", "kind"),
    [
        (command, kind)
        for command in ("segment", "align", "check", "score")
        for kind in sorted(BAD_INPUTS)
        if not (command in {"check", "align"} and kind == "directory")
    ],
)
def test_bad_input_gets_one_line_and_exit_2(tmp_path: Path, command: str, kind: str) -> None:
    bad = _bad_file(tmp_path, kind, ".tmx" if command == "check" else ".md")
    good = tmp_path / "good.md"
    good.write_text("Одно предложение.\n", encoding="utf-8")
    out = tmp_path / "out.tmx"
    args = {
        "segment": ["segment", bad, "--lang", "ru"],
        "align": ["align", bad, good, "-o", out],
        "check": ["check", bad, "--glossary", ROOT / "glossary" / "arvak.tbx"],
        "score": ["score", bad, good],
    }[command]
    result = run_paralign(*args, cwd=tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(bad.name) in lines[0] and BAD_INPUTS[kind][1] in lines[0]
    if kind == "not-utf8" and command != "check":
        assert "offset 0" in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()
