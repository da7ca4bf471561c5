"""XLIFF 1.2 / 2.1 out: OASIS schemas, translate-toolkit, states, one file a document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from paralign.model import Bitext, Link, Note, ParalignError, Sentence, Span
from paralign.tmx import TmxOptions, write_tmx
from paralign.xliff import XliffOptions, tmx_documents, validate_xliff, write_xliff, xliff_bytes
from tests.conftest import STEM, TEXTS, run_paralign

NS12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
NS2 = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


def bitext(name: str = "d") -> Bitext:
    source = (
        Sentence("Раз два.", block=0, spans=(Span(4, 7, "em"),)),
        Sentence("Три.", block=0),
        Sentence("Четыре.", block=1),
        Sentence("Пять.", block=2),
    )
    target = (
        Sentence("One two.", block=0, spans=(Span(4, 7, "em"),)),
        Sentence("Three, four.", block=1),
        Sentence("Only English.", block=3),
    )
    links = (
        Link((0,), (0,), 0.95),
        Link((1, 2), (1,), 0.5),
        Link((3,), (), 0.3),
        Link((), (2,), 0.2),
    )
    return Bitext(name, "ru", "en", source, target, links)


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_valid_against_the_oasis_schema(tmp_path: Path, version: str) -> None:
    out = tmp_path / "d.xlf"
    write_xliff([bitext()], out, XliffOptions(version=version))
    assert validate_xliff(out) == []
    broken = tmp_path / "broken.xlf"
    data = out.read_bytes()
    broken.write_bytes(data.replace(b'state="translated"', b'state="nearly"', 1))
    problems = validate_xliff(broken)
    assert problems and "state" in problems[0]


def test_units_states_notes_and_codes_in_1_2(tmp_path: Path) -> None:
    root = etree.fromstring(xliff_bytes(bitext()))
    file = root.find("x:file", NS12)
    assert (file.get("source-language"), file.get("target-language")) == ("ru", "en")
    units = file.findall("x:body/x:trans-unit", NS12)
    assert [u.get("id") for u in units] == ["d-1", "d-2", "d-3"]  # the 0-1 bead has no source
    states = [u.find("x:target", NS12) for u in units]
    assert [t.get("state") if t is not None else None for t in states] == [
        "translated",
        "needs-review-translation",
        None,
    ]
    assert units[1].find("x:source", NS12).text == "Три. Четыре."
    assert [u.find("x:note", NS12).text for u in units][:2] == [
        "score 0.950, bead 1-1",
        "score 0.500, bead 2-1",
    ]
    source = etree.tostring(units[0].find("x:source", NS12), encoding="unicode")
    assert '<bpt id="1" ctype="italic">&lt;em&gt;</bpt>два<ept id="1">&lt;/em&gt;</ept>' in source


def test_threshold_decides_the_state(tmp_path: Path) -> None:
    root = etree.fromstring(xliff_bytes(bitext(), XliffOptions(threshold=0.4)))
    states = [t.get("state") for t in root.iterfind(".//x:target", NS12)]
    assert states == ["translated", "translated"]


def test_2_1_units_substates_and_pc(tmp_path: Path) -> None:
    root = etree.fromstring(xliff_bytes(bitext(), XliffOptions(version="2.1")))
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "ru", "en")
    segments = root.findall(".//x:segment", NS2)
    assert [(s.get("state"), s.get("subState")) for s in segments] == [
        ("translated", None),
        ("translated", "paralign:needs-review"),
        (None, None),
    ]
    pc = segments[0].find("x:source/x:pc", NS2)
    assert (pc.get("type"), pc.get("subType"), pc.text) == ("fmt", "xlf:i", "два")
    assert root.find(".//x:note", NS2).get("category") == "paralign"


def test_translate_toolkit_reads_the_same_units_and_texts(tmp_path: Path) -> None:
    from translate.storage.xliff import xlifffile

    aligned = gold_bitext()
    out = tmp_path / f"{STEM}.xlf"
    write_xliff([aligned], out)
    assert validate_xliff(out) == []
    units = xlifffile.parsefile(str(out)).units
    links = [(n, lk) for n, lk in enumerate(aligned.links, 1) if lk.src]
    assert len(units) == len(links) == 99  # the gold's 100 beads but its one 0-1
    codes = re.compile(r"</?(?:em|strong)>")  # the native code inside bpt/ept is text to it
    for unit, (n, link) in zip(units, links, strict=True):
        assert unit.getid().endswith(f"{STEM}-{n}")
        assert codes.sub("", unit.source) == " ".join(aligned.source[i].text for i in link.src)
        assert codes.sub("", unit.target or "") == " ".join(
            aligned.target[i].text for i in link.tgt
        )


def test_tmx_export_to_xliff_writes_one_file_a_document(tmp_path: Path) -> None:
    tmx = tmp_path / "two.tmx"
    write_tmx([bitext("a"), bitext("b")], tmx, TmxOptions(creation_date="20260530T000000Z"))
    folder = tmp_path / "out"
    done = run_paralign("tmx", "export", tmx, "--to", "xliff2", "-o", folder)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["a.xlf", "b.xlf"]
    assert all(validate_xliff(p) == [] for p in folder.iterdir())
    (doc, _) = tmx_documents(tmx, "ru", "en")
    assert [lk.tuid for lk in doc.links] == ["a-1", "a-2", "a-3", "a-4"]
    assert doc.source[0].spans == (Span(4, 7, "em"),)  # emphasis comes back from bpt/ept
    single = tmp_path / "single.xlf"
    write_tmx([bitext("a")], tmp_path / "a.tmx", TmxOptions(creation_date="20260530T000000Z"))
    done = run_paralign("tmx", "export", tmp_path / "a.tmx", "--to", "xliff", "-o", single)
    assert done.returncode == 0, done.stderr
    assert validate_xliff(single) == []
    refused = run_paralign("tmx", "export", tmx, "--to", "xliff")
    assert refused.returncode == 2 and "needs -o" in refused.stderr
    clash = tmp_path / "file.xlf"
    clash.write_text("x")
    refused = run_paralign("tmx", "export", tmx, "--to", "xliff", "-o", clash)
    assert refused.returncode == 2 and "need a folder" in refused.stderr
    assert clash.read_text() == "x"


def test_align_to_xliff(tmp_path: Path) -> None:
    out = tmp_path / "a.xlf"
    src, tgt = tmp_path / "a.ru.md", tmp_path / "a.en.md"
    src.write_text("Саммит прошёл в *Туркестане*.\n\nВторой абзац.\n", encoding="utf-8")
    tgt.write_text("The summit was held in *Turkestan*.\n\nThe second paragraph.\n", "utf-8")
    done = run_paralign("align", src, tgt, "--to", "xliff", "-o", out)
    assert done.returncode == 0, done.stderr
    assert validate_xliff(out) == []
    units = etree.parse(str(out)).findall(".//x:trans-unit", NS12)
    assert [u.find("x:source", NS12).xpath("string()") for u in units] == [
        "Саммит прошёл в <em>Туркестане</em>.",
        "Второй абзац.",
    ]
    refused = run_paralign("align", src, tgt, "--to", "xliff2")
    assert refused.returncode == 2 and "XLIFF needs -o" in refused.stderr


def gold_bitext() -> Bitext:
    """The corpus's gold alignment as a Bitext: independent of the aligner, and fast."""
    import json

    gold = TEXTS / "gold"
    ru = (gold / f"{STEM}.ru.sents").read_text(encoding="utf-8").splitlines()
    en = (gold / f"{STEM}.en.sents").read_text(encoding="utf-8").splitlines()
    links = []
    for line in (gold / f"{STEM}.ru-en.align").read_text(encoding="utf-8").splitlines():
        left, right = line.split(":")[:2]
        links.append(Link(tuple(json.loads(left)), tuple(json.loads(right)), 0.95))
    source = tuple(Sentence(s) for s in ru)
    return Bitext(STEM, "ru", "en", source, tuple(Sentence(s) for s in en), tuple(links))


def test_bad_version_is_refused() -> None:
    with pytest.raises(ParalignError, match=r"use 1\.2 or 2\.1"):
        xliff_bytes(bitext(), XliffOptions(version="1.1"))


def marked_bitext() -> Bitext:
    source = (
        Sentence("Комментарий, 30.05.2026", spans=(Span(0, 23, "strong"), Note(23, 23, label="1"))),
        Sentence("Комментарий размещён.", block=1, spans=(Note(0, 0, label="1 "),)),
    )
    target = (
        Sentence("Comment, 30.05.2026", spans=(Span(0, 19, "strong"), Note(19, 19, label="1"))),
        Sentence("It was posted.", block=1, spans=(Note(0, 0, label="1 "),)),
    )
    return Bitext("m", "ru", "en", source, target, (Link((0,), (0,)), Link((1,), (1,))))


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_footnote_markers_are_codes_holding_their_label(tmp_path: Path, version: str) -> None:
    out = tmp_path / "m.xlf"
    write_xliff([marked_bitext()], out, XliffOptions(version=version))
    assert validate_xliff(out) == []
    ns = NS12 if version == "1.2" else NS2
    sources = [
        etree.tostring(s, encoding="unicode")
        for s in etree.parse(str(out)).iterfind(".//x:source", ns)
    ]
    if version == "1.2":  # as in the TMX: OmegaT's XLIFF filter makes it `<s0>1</s0>`
        assert (
            '30.05.2026<bpt id="1" ctype="x-footnote">&lt;sup&gt;</bpt>1<ept id="1">' in sources[0]
        )
        assert "&lt;/sup&gt;</ept> Комментарий размещён.</source>" in sources[1]
    else:
        assert (
            '30.05.2026<pc id="1" type="fmt" subType="paralign:footnote">1</pc></source>'
            in sources[0]
        )
        assert '">1</pc> Комментарий размещён.</source>' in sources[1]


def test_tmx_footnote_markers_come_back_into_the_xliff(tmp_path: Path) -> None:
    tmx = tmp_path / "m.tmx"
    write_tmx([marked_bitext()], tmx, TmxOptions(creation_date="20260530T000000Z"))
    (document,) = tmx_documents(tmx, "ru", "en")
    assert [(s.text, s.spans) for s in document.source] == [
        ("Комментарий, 30.05.2026", (Note(23, 23, label="1"),)),
        ("Комментарий размещён.", (Note(0, 0, label="1 "),)),
    ]
