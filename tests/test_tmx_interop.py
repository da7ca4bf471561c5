"""Files in the shapes other CAT tools write are read, exported and round-tripped; our TMX
opens in translate-toolkit.

The OmegaT, Trados and memoQ fixtures below are written by hand for these tests from the
tools' documented conventions (no tool output is copied): OmegaT's TMX 1.1 with the `lang`
attribute, upper-case codes, `tmx11.dtd` DOCTYPE and x- props; SDL Trados Studio's
"SDL Language Platform" header with `x-` props, tu `creationid`/`changedate`/`usagecount`
and UTF-16 files (Trados 2007 wrote UTF-16 TMX); memoQ's `creationid`/`changeid` on TUs and
its own header props (`defclient`, `defproject`, `targetlang`, `name`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from paralign.cli import app
from paralign.tmx import (
    TmxOptions,
    export_rows,
    import_tmx,
    merge_tmx,
    read_tmx,
    tmx_to_bitexts,
    validate_tmx,
)

OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
      creationtoolversion="6.0.0_0_1bf1729" segtype="sentence" srclang="RU-RU"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv lang="RU-RU">
        <seg>Саммит ОТГ прошёл в Туркестане.</seg>
      </tuv>
      <tuv lang="EN-GB" changeid="editor" changedate="20260531T101500Z"
          creationid="editor" creationdate="20260531T101500Z">
        <seg>The OTS summit was held in Turkestan.</seg>
      </tuv>
    </tu>
<!-- Alternative translations -->
    <tu>
      <prop type="file">texts/ru/summit.md</prop>
      <prop type="x-prev">Предыдущее предложение.</prop>
      <prop type="x-next">Следующее предложение.</prop>
      <tuv lang="RU-RU">
        <seg>Цифровой коридор <bpt i="1" x="0">&lt;i0&gt;</bpt>важен<ept i="1"
          >&lt;/i0&gt;</ept>.</seg>
      </tuv>
      <tuv lang="EN-GB" changeid="editor" changedate="20260531T101600Z">
        <seg>The Digital Corridor is <bpt i="1" x="0">&lt;i0&gt;</bpt>important<ept i="1"
          >&lt;/i0&gt;</ept>.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""

TRADOS = """<?xml version="1.0" encoding="utf-16"?>
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format"
      datatype="xml" segtype="sentence" adminlang="en-US" srclang="ru-RU"
      creationdate="20260520T081500Z" creationid="ARVAK\\translator">
    <prop type="x-Recognizers">RecognizeAll</prop>
    <prop type="x-TMName">arvak-ru-en</prop>
    <prop type="x-Client:MultipleString"></prop>
  </header>
  <body>
    <tu creationdate="20260520T081600Z" creationid="ARVAK\\translator"
        changedate="20260521T120000Z" changeid="ARVAK\\reviewer"
        lastusagedate="20260522T090000Z" usagecount="3">
      <prop type="x-Client:MultipleString">ARVAK</prop>
      <prop type="x-ConfirmationLevel">ApprovedSignOff</prop>
      <prop type="x-Origin">TM</prop>
      <tuv xml:lang="ru-RU">
        <seg>Встреча прошла <bpt i="1" type="1" x="1" />неформально<ept i="1" />.</seg>
      </tuv>
      <tuv xml:lang="en-US">
        <seg>The meeting was <bpt i="1" type="1" x="1" />informal<ept i="1" />.</seg>
      </tuv>
    </tu>
    <tu creationdate="20260520T081700Z" creationid="ARVAK\\translator"
        changedate="20260520T081700Z" changeid="ARVAK\\translator" usagecount="0">
      <prop type="x-ConfirmationLevel">Translated</prop>
      <tuv xml:lang="ru-RU"><seg>Стороны подписали <ph x="2" type="0" />декларацию.</seg></tuv>
      <tuv xml:lang="en-US"><seg>The parties signed <ph x="2" type="0" />a declaration.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

MEMOQ = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="MemoQ" creationtoolversion="9.14.11" segtype="sentence"
      o-tmf="MemoQTM" adminlang="en-us" srclang="ru" datatype="unknown">
    <prop type="defclient">ARVAK</prop>
    <prop type="defproject">OTS summit</prop>
    <prop type="defdomain">politics</prop>
    <prop type="defsubject"></prop>
    <prop type="description">Translation memory exported from memoQ</prop>
    <prop type="targetlang">en-gb</prop>
    <prop type="name">ARVAK_ru-en</prop>
  </header>
  <body>
    <tu changedate="20260525T140000Z" creationdate="20260525T135000Z"
        creationid="reviewer" changeid="reviewer">
      <prop type="client">ARVAK</prop>
      <prop type="project">OTS summit</prop>
      <prop type="x-context-pre">Введение.</prop>
      <prop type="x-context-post">Заключение.</prop>
      <tuv xml:lang="ru"><seg>Алма-Ата остаётся финансовым центром.</seg></tuv>
      <tuv xml:lang="en-gb"><seg>Alma-Ata remains the financial centre.</seg></tuv>
    </tu>
    <tu changedate="20260525T140100Z" creationdate="20260525T140100Z"
        creationid="translator" changeid="translator">
      <tuv xml:lang="ru"><seg>Эрдоган <ph>{1}</ph>выступил.</seg></tuv>
      <tuv xml:lang="en-gb"><seg>Erdoğan <ph>{1}</ph>spoke.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

EXPECTED = {
    "omegat": [
        ("Саммит ОТГ прошёл в Туркестане.", "The OTS summit was held in Turkestan."),
        ("Цифровой коридор важен.", "The Digital Corridor is important."),
    ],
    "trados": [
        ("Встреча прошла неформально.", "The meeting was informal."),
        ("Стороны подписали декларацию.", "The parties signed a declaration."),
    ],
    "memoq": [
        ("Алма-Ата остаётся финансовым центром.", "Alma-Ata remains the financial centre."),
        ("Эрдоган выступил.", "Erdoğan spoke."),
    ],
}
DTD = Path(__file__).resolve().parents[1] / "src" / "paralign" / "data" / "tmx14.dtd"


@pytest.fixture(params=["omegat", "trados", "memoq"])
def foreign(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    name = request.param
    path = tmp_path / f"{name}.tmx"
    text = {"omegat": OMEGAT, "trados": TRADOS, "memoq": MEMOQ}[name]
    path.write_bytes(text.encode("utf-16") if name == "trados" else text.encode("utf-8"))
    return name, path


def test_read_with_plain_ru_en_codes(foreign: tuple[str, Path]) -> None:
    name, path = foreign
    pairs = [(u.variants["ru"], u.variants["en"]) for u in read_tmx(path, "ru", "en")]
    assert pairs == EXPECTED[name]
    # languages inferred from the header and the one other language
    (bitext,) = tmx_to_bitexts(path)
    assert [s.text for s in bitext.source] == [p[0] for p in EXPECTED[name]]


def test_props_and_tool_attributes_are_read(tmp_path: Path) -> None:
    path = tmp_path / "memoq.tmx"
    path.write_text(MEMOQ, encoding="utf-8")
    first = next(read_tmx(path, "ru", "en"))
    assert first.prop("x-context-pre") == "Введение." and first.prop("client") == "ARVAK"
    assert first.attributes["creationid"] == "reviewer"
    assert first.attributes["changeid"] == "reviewer"


def test_export_then_import_round_trips_texts(foreign: tuple[str, Path], tmp_path: Path) -> None:
    name, path = foreign
    rows = list(export_rows(path, "ru", "en"))
    assert [(s, t) for _, s, t in rows] == EXPECTED[name]
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("".join(f"{s}\t{t}\n" for _, s, t in rows), encoding="utf-8")
    back = tmp_path / "back.tmx"
    assert import_tmx(tsv, back, "ru", "en", TmxOptions(creation_date="20260101T000000Z")) == 2
    assert [(u.variants["ru"], u.variants["en"]) for u in read_tmx(back, "ru", "en")] == (
        EXPECTED[name]
    )
    assert validate_tmx(back) == []


def test_merge_round_trip_keeps_props_codes_and_becomes_valid_1_4(
    foreign: tuple[str, Path], tmp_path: Path
) -> None:
    name, path = foreign
    out = tmp_path / "merged.tmx"
    assert merge_tmx([path, path], out, TmxOptions(creation_date="20260101T000000Z")) == 2
    assert etree.DTD(str(DTD)).validate(etree.parse(str(out)))
    original = list(read_tmx(path, "ru", "en"))
    merged = list(read_tmx(out, "ru", "en"))
    assert [u.variants for u in merged] == [u.variants for u in original]
    assert [u.props for u in merged] == [u.props for u in original]
    assert [u.attributes for u in merged] == [u.attributes for u in original]
    # the inline codes travel with the segment
    raw = [u.variants["en"] for u in read_tmx(out, "ru", "en", keep_inline=True)]
    if name != "memoq":
        assert any("<bpt" in text or "<ph" in text for text in raw)


def test_omegat_1_1_is_reported_by_validate_but_readable(tmp_path: Path) -> None:
    path = tmp_path / "omegat.tmx"
    path.write_text(OMEGAT, encoding="utf-8")
    messages = [p.message for p in validate_tmx(path)]
    assert any('version "1.4"' in m for m in messages)
    assert any("xml:lang" in m for m in messages)


def test_cli_exports_foreign_files(foreign: tuple[str, Path]) -> None:
    name, path = foreign
    result = CliRunner().invoke(
        app, ["tmx", "export", str(path), "--to", "tsv", "--src", "ru", "--tgt", "en"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"{s}\t{t}" for s, t in EXPECTED[name]]


def test_cli_export_keeps_inline_codes_on_request(tmp_path: Path) -> None:
    path = tmp_path / "trados.tmx"
    path.write_bytes(TRADOS.encode("utf-16"))
    result = CliRunner().invoke(app, ["tmx", "export", str(path), "--keep-inline"])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith('Встреча прошла <bpt i="1" type="1" x="1"/>неформально<ept i="1"/>.')


def test_merge_across_tools_matches_codes_and_keeps_header_props(tmp_path: Path) -> None:
    from paralign.tmx import iter_tu_elements

    omegat, memoq = tmp_path / "omegat.tmx", tmp_path / "memoq.tmx"
    omegat.write_text(OMEGAT, encoding="utf-8")
    memoq.write_text(MEMOQ, encoding="utf-8")
    out = tmp_path / "all.tmx"
    assert merge_tmx([omegat, memoq, memoq], out) == 4
    header, _ = next(iter_tu_elements(out))
    assert header.srclang == "ru-RU"
    assert ("defclient", "ARVAK") in header.props and ("targetlang", "en-gb") in header.props
    assert len(header.props) == len(set(header.props))
    assert validate_tmx(out) == []
