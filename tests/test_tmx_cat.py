"""The TMX shaped for CAT tools: DOCTYPE, inline codes as OmegaT codes them, 0-1 units."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from paralign.model import Bitext, Link, Sentence, Span
from paralign.tmx import TmxOptions, export_rows, tmx_to_bitexts, write_tmx

DTD = Path(__file__).resolve().parents[1] / "src" / "paralign" / "data" / "tmx14.dtd"
FIXED = TmxOptions(creation_date="20260530T120000Z")


def bitext() -> Bitext:
    source = (
        # a heading in bold as a whole: the paragraph's formatting, not inline
        Sentence("Заголовок", block=0, spans=(Span(0, 9, "strong"),)),
        Sentence("Раз два.", block=1, spans=(Span(4, 7, "em"),)),
        Sentence("Три четыре и пять.", block=1, spans=(Span(4, 10, "strong"), Span(13, 17, "em"))),
        Sentence("Шесть.", block=2),
    )
    target = (
        Sentence("Heading", block=0, spans=(Span(0, 7, "strong"),)),
        Sentence("One two.", block=1, spans=(Span(4, 7, "em"),)),
        Sentence("Three four and five.", block=1, spans=(Span(6, 10, "strong"),)),
        Sentence("English only.", block=2),
    )
    links = (
        Link((0,), (0,)),
        Link((1,), (1,)),
        Link((2,), (2,)),
        Link((3,), ()),
        Link((), (3,)),
    )
    return Bitext("d", "ru", "en", source, target, links)


@pytest.fixture
def written(tmp_path: Path) -> Path:
    out = tmp_path / "d.tmx"
    write_tmx([bitext()], out, FIXED)
    return out


def segs(path: Path) -> list[list[str]]:
    return [
        [etree.tostring(seg, encoding="unicode", with_tail=False) for seg in tu.iter("seg")]
        for tu in etree.parse(str(path)).iter("tu")
    ]


def test_doctype_line_and_xmllint_valid(written: Path) -> None:
    head = written.read_bytes().splitlines()[:2]
    assert head[1] == b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        if os.environ.get("CI") == "true":
            pytest.fail("xmllint missing: .ci/run installs libxml2-utils")
        pytest.skip("xmllint (libxml2-utils) is not installed")
    shutil.copy(DTD, written.parent / "tmx14.dtd")
    done = subprocess.run(
        [xmllint, "--valid", "--noout", str(written)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    broken = written.parent / "broken.tmx"
    broken.write_bytes(written.read_bytes().replace(b"<header ", b"<header x-bad='1' "))
    refused = subprocess.run([xmllint, "--valid", "--noout", str(broken)], capture_output=True)
    assert refused.returncode != 0


def test_doctype_can_be_turned_off(tmp_path: Path) -> None:
    out = tmp_path / "plain.tmx"
    write_tmx([bitext()], out, TmxOptions(creation_date="20260530T120000Z", doctype=False))
    assert b"<!DOCTYPE" not in out.read_bytes()
    assert out.read_bytes().splitlines()[1].startswith(b"<tmx ")


def test_whole_paragraph_formatting_is_left_out(written: Path) -> None:
    heading = segs(written)[0]
    assert heading == ["<seg>Заголовок</seg>", "<seg>Heading</seg>"]


def test_codes_hold_html_and_are_numbered_through_the_paragraph(written: Path) -> None:
    first, second = segs(written)[1:3]
    assert first[0] == (
        '<seg>Раз <bpt i="1" x="1" type="italic">&lt;em&gt;</bpt>два<ept i="1">&lt;/em&gt;'
        "</ept>.</seg>"
    )
    # OmegaT numbers a paragraph's tags: <e0> in the first sentence, <s1>, <e2> in the next
    assert 'x="2" type="bold">&lt;strong&gt;</bpt>четыре' in second[0]
    assert '<bpt i="2" x="3" type="italic">&lt;em&gt;</bpt>пять' in second[0]
    assert '<bpt i="1" x="2" type="bold">' in second[1]


def test_zero_one_unit_has_an_empty_source_and_reads_back_one_sided(written: Path) -> None:
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    last = list(etree.parse(str(written)).iter("tu"))[-1]
    assert [(tuv.get(lang), tuv.find("seg").text) for tuv in last.iter("tuv")] == [
        ("ru", None),
        ("en", "English only."),
    ]
    (read,) = tmx_to_bitexts(written, "ru", "en")
    assert [link.kind for link in read.links] == ["1-1", "1-1", "1-1", "1-0", "0-1"]
    assert len(read.source) == 4 and len(read.target) == 4
    assert [row[1] for row in export_rows(written, "ru", "en")] == [
        "Заголовок",
        "Раз два.",
        "Три четыре и пять.",
    ]
