"""Paragraph-level TUs beside the beads (`align --paragraph-units`)."""

from __future__ import annotations

import re

from paralign.model import Bitext, Link, Sentence
from paralign.paragraph_units import with_paragraph_units
from tests.conftest import run_paralign


def bitext() -> Bitext:
    source = tuple(
        Sentence(t, block=b)
        for t, b in (("А.", 0), ("Б.", 0), ("В.", 0), ("Г.", 1), ("Д.", 2), ("Е.", 2))
    )
    target = tuple(Sentence(t, block=b) for t, b in (("A, B.", 0), ("C.", 0), ("D.", 1), ("E.", 2)))
    links = (
        Link((0, 1), (0,), 0.8),
        Link((2,), (1,), 0.9),
        Link((3,), (2,), 0.95),
        Link((4,), (3,), 0.9),
        Link((5,), (), 0.4),
    )
    return Bitext("d", "ru", "en", source, target, links)


def test_a_paragraph_of_several_two_sided_beads_gets_one_more_unit() -> None:
    out = with_paragraph_units(bitext())
    assert [(lk.src, lk.tgt, lk.tuid) for lk in out.links] == [
        ((0, 1), (0,), "d-1"),
        ((2,), (1,), "d-2"),
        ((0, 1, 2), (0, 1), "d-p0"),  # weakest bead's score, after the paragraph's beads
        ((3,), (2,), "d-3"),  # a paragraph of one bead is its own paragraph unit
        ((4,), (3,), "d-4"),
        ((5,), (), "d-5"),  # a 1-0 bead: no paragraph unit, its translation is incomplete
    ]
    assert out.links[2].score == 0.8


RU = (
    "Саммит прошёл 15 мая в Туркестане. Он был неформальным. Лидеры обсудили искусственный "
    "интеллект, цифровизацию и сотрудничество в регионе.\n\nВторой абзац короткий.\n"
)
EN = (
    "The informal summit took place on May 15 in Turkestan. The leaders discussed artificial "
    "intelligence, digitalization and regional cooperation.\n\nThe second paragraph is short.\n"
)


def test_align_writes_them_on_request(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "ru").mkdir()
    (tmp_path / "en").mkdir()
    src, tgt = tmp_path / "ru" / "d.md", tmp_path / "en" / "d.md"
    src.write_text(RU, encoding="utf-8")
    tgt.write_text(EN, encoding="utf-8")
    out = tmp_path / "d.tmx"
    beads = "0-1,1-0,1-1,2-1,1-2"  # so that the first paragraph is two beads, not one 3-2
    done = run_paralign("align", src, tgt, "-o", out, "--paragraph-units", "--beads", beads)
    assert done.returncode == 0, done.stderr
    tuids = re.findall(r'tuid="([^"]+)"', out.read_text("utf-8"))
    assert tuids == ["d-1", "d-2", "d-p0", "d-3"]
