"""Slices of a TMX (tmx/slices.py) read as the whole file reads: the same TUs, positions and
lines wherever the cuts fall; where a cut or a count goes wrong, a Misread, and `check` then
reads the file whole, with the same findings or the same error as one that never sliced.
The TMX texts are ours, written for these tests."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paralign.checks import CheckSettings, check_stream
from paralign.model import Bitext, Glossary, ParalignError
from paralign.pairs import pair_lines
from paralign.tmx import export_blocks, pair_rows, read_tmx, tmx_pieces, tmx_stats, units_stats
from paralign.tmx.read import Excerpt
from paralign.tmx.slices import Misread, Slice, cut
from paralign.tmx.views import read_slice, tmx_slices
from tests.check_fixtures import GLOSSARY
from tests.conftest import run_paralign
from tests.test_check import (
    AIR_DEFENSE,
    AIR_DEFENSE_EN,
    AIR_DEFENSE_RU,
    GOOD,
    SUMMIT_EN,
    SUMMIT_RU,
)
from tests.test_tmx_scan import HEAD, TAIL, UNITS

TEXT = st.text(st.characters(whitelist_categories=("L", "N", "Zs")), max_size=12)
UNIT = st.tuples(
    st.sampled_from(["", "d1", "d2"]), st.booleans(), TEXT, TEXT, st.sampled_from(["", "\n"])
)


def _unit(number: int, document: str, tuid: bool, ru: str, en: str, inside: str) -> str:
    prop = f'<prop type="x-document">{document}</prop>' if document else ""
    name = f' tuid="t{number}"' if tuid else ""
    return (
        f'<tu{name}>{prop}{inside}<tuv xml:lang="ru"><seg>{escape(ru)}{inside}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{escape(en)}</seg></tuv></tu>'
    )


def _write(path: Path, units: list[str], newline: str = "\n") -> Path:
    text = HEAD + "\n".join(units) + "\n" + TAIL
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def _slices(path: Path, size: int) -> list[Slice]:
    parts = list(tmx_slices(path, "ru", "en", size))
    assert all(isinstance(part, Slice) for part in parts)
    return [part for part in parts if isinstance(part, Slice)]


def _links(pieces: list[Bitext]) -> list[object]:
    """Each link with its sentences' texts and lines: what a piece's cut must not change."""
    return [
        (
            piece.name,
            link.tuid,
            link.score,
            [(piece.source[i].text, piece.source[i].line, piece.source[i].block) for i in link.src],
            [(piece.target[i].text, piece.target[i].line) for i in link.tgt],
        )
        for piece in pieces
        for link in piece.links
    ]


@settings(max_examples=60, deadline=None)
@given(st.lists(UNIT, max_size=25), st.integers(1, 600), st.sampled_from(["\n", "\r\n"]))
def test_slices_read_as_the_whole_file_reads(
    tmp_path_factory: pytest.TempPathFactory,
    units: list[tuple[str, bool, str, str, str]],
    size: int,
    newline: str,
) -> None:
    path = _write(
        tmp_path_factory.mktemp("slices") / "t.tmx",
        [_unit(n, *unit) for n, unit in enumerate(units)],
        newline,
    )
    parts = _slices(path, size)
    whole = list(read_tmx(path, "ru", "en"))
    excerpts = [Excerpt(part.document(), part.first, part.lines) for part in parts]
    assert [u for e in excerpts for u in read_tmx(path, "ru", "en", excerpt=e)] == whole
    assert sum(part.tus for part in parts) == len(whole)
    assert parts[-1].end is None and all(a.end == b.start for a, b in pairwise(parts))
    read = [piece for part in parts for piece in read_slice(part)]
    assert _links(read) == _links(list(tmx_pieces(path, "ru", "en")))


def test_a_comment_cdata_or_pi_is_a_misread_and_check_reads_the_file_whole(
    tmp_path: Path,
) -> None:
    bad = (SUMMIT_RU, SUMMIT_EN.replace("Organization", "Organisation"))
    pairs = [*GOOD, bad, *GOOD] * 20
    units = [_unit(n, "", True, ru, en, "") for n, (ru, en) in enumerate(pairs)]
    path = _write(tmp_path / "odd.tmx", units[:50] + UNITS + units[50:])
    parts = _slices(path, 2000)
    misread = []
    for part in parts:
        try:
            read_slice(part)
        except Misread:
            misread.append(part)
    assert misread, "the comment holding </tu> miscounts its slice"
    exact = check_stream(lambda: tmx_pieces(path, "ru", "en"), GLOSSARY, CheckSettings())
    assert {f.rule for f in exact} >= {"term-deprecated", "unaligned"}
    for jobs in (1, 2):
        sliced = check_stream(lambda: iter(parts), GLOSSARY, CheckSettings(), jobs=jobs)
        assert sliced == exact


def test_check_of_slices_is_check_of_the_file(tmp_path: Path) -> None:
    glossary = Glossary((*GLOSSARY.concepts, AIR_DEFENSE))
    pairs = [
        *GOOD,
        (SUMMIT_RU, SUMMIT_EN.replace("Organization", "Organisation")),
        (SUMMIT_RU, SUMMIT_RU),
        ("Непереведённое.", ""),
        (AIR_DEFENSE_RU, AIR_DEFENSE_EN),
        (AIR_DEFENSE_RU, AIR_DEFENSE_EN),
        (AIR_DEFENSE_RU, AIR_DEFENSE_EN.replace("Defense", "Defence")),
    ] * 30
    units = [_unit(n, f"d{n // 40}", n % 3 > 0, ru, en, "") for n, (ru, en) in enumerate(pairs)]
    path = _write(tmp_path / "t.tmx", units)
    parts = _slices(path, 3000)
    assert len(parts) > 5
    exact = check_stream(lambda: tmx_pieces(path, "ru", "en"), glossary, CheckSettings())
    expected = {"term-deprecated", "term-inconsistent", "untranslated", "unaligned"}
    assert {f.rule for f in exact} >= expected
    for jobs in (1, 2, 3):
        assert check_stream(lambda: iter(parts), glossary, CheckSettings(), jobs=jobs) == exact


def test_a_malformed_slice_gives_the_whole_file_s_error(tmp_path: Path) -> None:
    units = [_unit(n, "", True, ru, en, "") for n, (ru, en) in enumerate(GOOD * 40)]
    units[-5] = units[-5].replace("</seg></tuv></tu>", "</seg></tu>", 1)
    path = _write(tmp_path / "bad.tmx", units)
    with pytest.raises(ParalignError) as whole:
        check_stream(lambda: tmx_pieces(path, "ru", "en"), GLOSSARY, CheckSettings())
    assert f"bad.tmx:{HEAD.count(chr(10)) + len(units) - 4}:" in str(whole.value)
    for jobs in (1, 2):
        with pytest.raises(ParalignError) as sliced:
            check_stream(
                lambda: tmx_slices(path, "ru", "en", 2000), GLOSSARY, CheckSettings(), jobs=jobs
            )
        assert str(sliced.value) == str(whole.value)


def test_a_file_that_cannot_be_cut_is_read_whole(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.tmx"
    text = HEAD.replace("UTF-8", "UTF-16") + _unit(1, "", True, "а", "a", "") + TAIL
    utf16.write_bytes(text.encode("utf-16"))
    pieces = list(tmx_slices(utf16, "ru", "en", 10))
    assert pieces and all(isinstance(piece, Bitext) for piece in pieces)
    assert _links([p for p in pieces if isinstance(p, Bitext)]) == _links(
        list(tmx_pieces(utf16, "ru", "en"))
    )


def _big(tmp_path: Path, odd: str = "") -> Path:
    """A TM of three slices, `odd` in the middle of it."""
    scored = [
        _unit(n, f"d{n // 700}", n % 2 > 0, ru, en, "").replace(
            "<tuv",
            f'<prop type="x-score">{n % 97 / 97:.3f}</prop><prop type="x-bead">1-1</prop><tuv',
            1,
        )
        for n, (ru, en) in enumerate([*GOOD, (SUMMIT_RU, "")] * 1200)
    ]
    middle = len(scored) // 2
    return _write(tmp_path / "big.tmx", [*scored[:middle], odd, *scored[middle:]])


@pytest.mark.parametrize("odd", ["", "<!-- </tu> -->", "<tu/>"])
def test_stats_in_slices_are_the_whole_file_s(tmp_path: Path, odd: str) -> None:
    path = _big(tmp_path, odd)
    parts = cut(path)
    assert parts is not None and len(list(parts)) >= 3
    whole = units_stats(read_tmx(path), str(path), "ru")
    assert whole["scores"]["count"] == whole["beads"]["1-1"] == 6000
    assert tmx_stats(path, workers=2) == tmx_stats(path, workers=1) == whole


@pytest.mark.parametrize("odd", ["", "<!-- </tu> -->", "<tu/>"])
@pytest.mark.parametrize("fmt", ["tsv", "csv", "jsonl"])
def test_export_lines_in_slices_are_the_whole_file_s(tmp_path: Path, odd: str, fmt: str) -> None:
    path = _big(tmp_path, odd)
    rows = list(pair_rows(path, "ru", "en"))
    assert len(rows) == 4800
    expected = "".join(pair_lines(rows, fmt, "ru", "en"))
    tus = path.read_text(encoding="utf-8").count("</tu>")
    for workers in (1, 2, 3):
        blocks = list(export_blocks(path, "ru", "en", fmt, workers=workers))
        written = b"".join(t if isinstance(t, bytes) else t.encode() for t, _ in blocks)
        assert written.decode("utf-8") == expected
        # the bar's count: every TU read once, the one-sided and the self-closed too
        assert sum(count for _, count in blocks) == tus - odd.count("</tu>") + odd.count("<tu/>")


def test_an_export_stopped_by_an_error_prints_what_one_process_prints(tmp_path: Path) -> None:
    path = _big(tmp_path)
    text = path.read_text(encoding="utf-8")
    original = path.with_name("original.tmx")
    original.write_text(text, encoding="utf-8")
    at = text.index('<prop type="x-score">', len(text) * 3 // 4)
    path.write_text(text[:at] + '<prop type="x-score">high</prop>' + text[at:], encoding="utf-8")
    one, two = (run_paralign("tmx", "export", path, "--workers", n) for n in (1, 2))
    exact = run_paralign("tmx", "export", path, "--keep-inline")  # read_tmx alone
    assert one.returncode == two.returncode == exact.returncode == 2
    assert (two.stdout, two.stderr) == (one.stdout, one.stderr) == (exact.stdout, exact.stderr)
    # the lines of every TU before the one at fault, whatever read them
    units = list(read_tmx(original, "ru", "en"))[: text[:at].count("</tu>")]
    both = [u for u in units if u.variants.get("ru") and u.variants.get("en")]
    assert one.stdout.count("\n") == len(both) > 3000 and "x-score" in one.stderr
