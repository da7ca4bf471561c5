"""The parser-target pass (tmx/scan.py) reads what read_tmx reads, and whatever it leaves to
read_tmx gives read_tmx's results and errors: `tmx stats --json` and `tmx export` are the same
as the exact reader's on every case here. The TMX texts are ours, written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paralign.model import ParalignError
from paralign.pairs import pair_lines
from paralign.tmx import read_tmx, tmx_stats, units_stats
from paralign.tmx.read import read_header
from paralign.tmx.scan import Unsupported, scan_records
from paralign.tmx.views import units_to_pieces
from tests.conftest import run_paralign

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    '<tmx version="1.4">\n<header creationtool="t" creationtoolversion="1" '
    'segtype="sentence" o-tmf="t" adminlang="en" srclang="ru" datatype="plaintext">\n'
    '  <prop type="h">v</prop>\n</header>\n<body>\n'
)
TAIL = "</body>\n</tmx>\n"
UNITS = [
    '<tu tuid="a" creationid="me">\n  <prop type="x-document">d1</prop>\n'
    '  <prop type="x-score">0.5</prop><prop type="x-bead">1-1</prop><note>a note</note>\n'
    '  <tuv xml:lang="RU-RU"><prop type="p">x</prop><seg>Привет <bpt i="1" x="1" '
    'type="bold">&lt;b&gt;</bpt>мир<ept i="1">&lt;/b&gt;</ept> и <hi>выделено <ph>X</ph>'
    " тут</hi>!</seg></tuv>\n"
    '  <tuv xml:lang="en"><seg>Hello &amp; <hi>world<hi> nested</hi></hi> tail</seg></tuv>\n'
    "</tu>",
    '<tu><tuv lang=" ru "><seg>  пробелы  </seg></tuv><tuv xml:lang="en-GB"><seg>tab\there\n'
    'and line</seg></tuv><tuv xml:lang="en"><seg>second en</seg></tuv></tu>',
    '<tu tuid="c"><prop type="x-paragraph">3</prop><tuv xml:lang="ru"><seg></seg></tuv>'
    '<tuv xml:lang="en"><seg>only en</seg></tuv></tu>',
    '<tu tuid="d"><tuv xml:lang="ru"/><tuv xml:lang="en"><seg><![CDATA[cdata <x>]]></seg>'
    "</tuv></tu>",
    '<!-- a comment </tu> --><tu tuid="e"><tuv xml:lang="ru"><seg>а<?pi x?>б</seg></tuv>'
    '<tuv xml:lang="en"><seg>b</seg></tuv></tu>',
]


def _tmx(tmp_path: Path, units: list[str], name: str = "t.tmx") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + "\n".join(units) + "\n" + TAIL, encoding="utf-8")
    return path


def _records(path: Path, wanted: tuple[str, ...]) -> list[object]:
    return [
        (u.position, dict(u.attributes), dict(u.variants), list(u.props))
        for u in read_tmx(path, *wanted)
    ]


@pytest.mark.parametrize("wanted", [(), ("ru", "en")])
def test_records_are_read_tmx_s(tmp_path: Path, wanted: tuple[str, ...]) -> None:
    path = _tmx(tmp_path, UNITS)
    assert list(scan_records(path, wanted)) == _records(path, wanted)


def test_crlf_bom_and_a_declared_encoding(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.tmx"
    crlf.write_bytes(
        b'\xef\xbb\xbf<?xml version="1.0" encoding="UTF-8"?>\r\n<tmx version="1.4">\r\n'
        b'<header srclang="ru"/>\r\n<body>\r\n<tu tuid="1"><tuv xml:lang="ru"><seg>\xd0\xb0\r\n'
        b'b</seg></tuv><tuv xml:lang="en"><seg>a</seg></tuv></tu>\r\n</body></tmx>\r\n'
    )
    latin = tmp_path / "latin.tmx"
    latin.write_bytes(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<tmx version="1.4"><header srclang="en"/>'
        '<body><tu><tuv xml:lang="en"><seg>café</seg></tuv><tuv xml:lang="fr"><seg>thé</seg>'
        "</tuv></tu></body></tmx>\n".encode("latin-1")
    )
    for path in (crlf, latin):
        assert list(scan_records(path)) == _records(path, ())


LEFT_TO_THE_EXACT_READER = {
    "nested": ('<tu tuid="e">', '<tu tuid="e"><tu>'),
    "no-lang": ('<tuv xml:lang="ru"/>', "<tuv><seg>x</seg></tuv>"),
    "prop-element": (">d1</prop>", ">d<b>1</b>x</prop>"),
    "after-seg": ("<seg>b</seg></tuv>", "<seg>b</seg><note>n</note></tuv>"),
    "third-language": ('<tuv xml:lang="en"><seg>second', '<tuv xml:lang="de"><seg>zweite'),
    "bad-score": (">0.5</prop>", ">high</prop>"),
    "bad-paragraph": (">3</prop>", ">-1</prop>"),
    "truncated": ('<tu tuid="d">', '<tu tuid="d"><tuv'),
}


def _exact_rows(path: Path) -> str:
    """`tmx export --to jsonl` by the exact reader, a TU at a time: the lines of every TU
    before the one at fault, then its error."""
    out: list[str] = []
    try:
        for unit in read_tmx(path, "ru", "en"):
            for piece in units_to_pieces([unit], path, "ru", "en"):
                rows = [
                    (link.tuid, piece.source[link.src[0]].text, piece.target[link.tgt[0]].text)
                    for link in piece.links
                    if link.src and link.tgt
                ]
                out.extend(pair_lines(rows, "jsonl", "ru", "en"))
    except ParalignError as error:
        out.append(f"paralign: error: {error}\n")
    return "".join(out)


@pytest.mark.parametrize("case", sorted(LEFT_TO_THE_EXACT_READER))
def test_what_scan_leaves_gives_the_exact_results_and_errors(tmp_path: Path, case: str) -> None:
    old, new = LEFT_TO_THE_EXACT_READER[case]
    text = "\n".join(UNITS)
    assert old in text
    path = _tmx(tmp_path, [text.replace(old, new, 1)], f"{case}.tmx")
    try:
        expected: object = units_stats(read_tmx(path), str(path), read_header(path).srclang)
    except ParalignError as error:
        expected = str(error)
    try:
        got: object = tmx_stats(path)
    except ParalignError as error:
        got = str(error)
    assert got == expected
    done = run_paralign("tmx", "export", path, "--to", "jsonl", "--src", "ru", "--tgt", "en")
    assert done.stdout + done.stderr == _exact_rows(path)
    assert done.returncode == (2 if "error" in done.stderr else 0)


def test_the_cases_above_do_reach_the_fallback(tmp_path: Path) -> None:
    """(Else the test above would only compare the fast pass with itself.)"""
    for case, (old, new) in LEFT_TO_THE_EXACT_READER.items():
        if case.startswith("bad-"):
            continue  # read fine here: the caller's check of the prop fails
        path = _tmx(tmp_path, ["\n".join(UNITS).replace(old, new, 1)], f"{case}.tmx")
        with pytest.raises((Unsupported, SyntaxError)):
            list(scan_records(path, ("ru", "en")))


def test_stats_json_of_the_command_is_the_exact_readers(tmp_path: Path) -> None:
    path = _tmx(tmp_path, UNITS)
    done = run_paralign("tmx", "stats", "--json", path)
    assert done.returncode == 0, done.stderr
    exact = units_stats(read_tmx(path), str(path), "ru")
    assert json.loads(done.stdout) == json.loads(json.dumps(exact))


def test_a_footnote_marker_is_read_as_the_exact_reader_reads_it(tmp_path: Path) -> None:
    """A marker's label (and the space beside it) is not sentence text: the fast pass hands
    such a file to the exact reader, so stats count the same characters."""
    from paralign.tmx import tmx_stats, tmx_stats_and_bitexts

    tmx = tmp_path / "note.tmx"
    seg = (
        'Комментарий<bpt i="1" x="1" type="x-footnote">&lt;sup&gt;</bpt>1'
        '<ept i="1">&lt;/sup&gt;</ept>'
    )
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru"/>'
        f'<body><tu><tuv xml:lang="ru"><seg>{seg}</seg></tuv>'
        '<tuv xml:lang="en"><seg>Comment</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    stats = tmx_stats(tmx)
    assert stats == tmx_stats_and_bitexts(tmx)[0]
    assert stats["languages"]["ru"]["characters"] == len("Комментарий")
