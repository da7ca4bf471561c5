"""Alignment quality without gold, on hand-built Bitexts and on the corpus's gold alignment."""

from __future__ import annotations

import json
import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from paralign.model import Bitext, Link, Sentence
from paralign.quality import (
    QualitySettings,
    confidence_summary,
    length_z_scores,
    quality_report,
)
from paralign.report.quality import quality_json, render_quality
from tests.conftest import STEM, TEXTS

RU = [
    "Саммит прошёл в Туркестане.",
    "Лидеры обсудили искусственный интеллект и цифровизацию.",
    "Главной темой стала интеграция.",
    "Казахстан стремится сохранить многовекторность внешней политики.",
    "Анкара предлагает военный союз.",
    "Пекин наблюдает за процессом.",
    "Эксперты отмечают особую торжественность встречи.",
    "Турецкого лидера встречали с почётным эскортом.",
    "Это не первая попытка.",
    "Итоги саммита противоречивы.",
    "Примечание переводчика.",
]
EN = [
    "The summit took place in Turkestan.",
    "The leaders discussed artificial intelligence and digitalization.",
    "Integration was the main topic.",
    "Kazakhstan seeks to preserve the multi-vector nature of its foreign policy.",
    # Far longer than its source: a sentence of the next paragraph glued on by mistake.
    "Ankara proposes a military alliance, and the rest of the paragraph that follows it in the "
    "original was also pasted into this segment by mistake during the conversion.",
    "Beijing is watching the process.",
    "Experts note the special solemnity of the meeting.",
    "The Turkish leader was met with an honour escort.",
    "This is not the first attempt.",
    "The results of the summit are contradictory.",
    "An inserted sentence with no Russian counterpart.",
]


def hand_built() -> Bitext:
    links = [Link((i,), (i,), 0.95) for i in range(10)]
    links[8] = Link((8,), (8,), 0.2)  # low confidence, normal length
    links.append(Link((10,), (), 0.95))  # 1-0: the translator's note was not translated
    # target 10 is covered by no bead at all
    return Bitext(
        name="summit",
        src_lang="ru",
        tgt_lang="en",
        source=tuple(Sentence(t, line=i + 3) for i, t in enumerate(RU)),
        target=tuple(Sentence(t, line=i + 5) for i, t in enumerate(EN)),
        links=tuple(links),
    )


def test_a_1_0_bead_and_a_length_outlier_are_listed() -> None:
    report = quality_report([hand_built()])
    assert dict(report.bead_types) == {"1-0": 1, "1-1": 10}
    assert [o.bead.index for o in report.outliers] == [4]
    assert report.outliers[0].z > 3 and report.outliers[0].bead.src_line == 7
    unaligned = {(u.side, u.sentence, u.line) for u in report.unaligned}
    assert unaligned == {("source", 10, 13), ("target", 10, 15)}
    review = [(r.bead.index, r.reasons) for r in report.review]
    assert review[0] == (10, ("source sentence with no translation",))
    assert {index for index, _ in review} == {10, 4, 8}
    assert any("length ratio z=+" in reason for _, reasons in review for reason in reasons)
    assert (8, ("confidence 0.20",)) in review


def test_the_document_ratio_is_its_own() -> None:
    bitext = hand_built()
    ratio, z_scores = length_z_scores(bitext)
    assert ratio is not None
    two_sided = [link for link in bitext.links if link.src and link.tgt]
    src = sum(len(RU[link.src[0]]) for link in two_sided)
    tgt = sum(len(EN[link.tgt[0]]) for link in two_sided)
    assert ratio.ratio == tgt / src and ratio.beads == 10
    # The outlier does not hide itself: all other beads stay well inside the threshold.
    assert max(abs(z) for i, z in z_scores.items() if i != 4) < 3


def test_rendered_report_names_what_to_fix() -> None:
    text = render_quality(quality_report([hand_built()]))
    assert text.splitlines()[1].startswith("signature: paralign:")
    assert "bead types: 1-1 10 (90.9%) · 1-0 1 (9.1%)" in text
    assert "length-ratio outliers (|z| ≥ 3): 1" in text
    assert re.search(
        r"z=\+\d+\.\d ratio \d\.\d\d  summit bead 4 \[4\]:\[4\] 1-1 \(lines 7/9\)", text
    )
    assert "summit source 10 (line 13): Примечание переводчика." in text
    assert "1. summit bead 10 [10]:[-] 1-0" in text
    assert "below 0.9: 1" in text


def test_json_is_valid_and_carries_the_signature() -> None:
    doc = quality_json(quality_report([hand_built()], QualitySettings(outlier_z=2.5)))
    text = json.dumps(doc, allow_nan=False)
    assert (
        "|outlier:2.5|low:0.9|review:20|min-beads:5|numbers:disjoint|"
        in json.loads(text)["signature"]
    )
    assert doc["outliers"][0]["index"] == 4 and doc["bead_types"] == {"1-1": 10, "1-0": 1}


def test_beads_whose_numbers_differ() -> None:
    pairs = [
        ("Саммит прошёл 15 мая 2026 года.", "The summit took place on May 15, 2026."),
        ("Рост составил 1,5 млн.", "Growth was 1.5 million."),
        ("Погибли 12 человек.", "Five people were injured in 2019."),  # wrongly paired
        ("Без чисел.", "Released 30 prisoners."),  # numbers on one side only
        ("Ничего.", "Nothing."),
    ]
    bitext = Bitext(
        "nums",
        "ru",
        "en",
        tuple(Sentence(ru) for ru, _ in pairs),
        tuple(Sentence(en) for _, en in pairs),
        tuple(Link((i,), (i,)) for i in range(len(pairs))),
    )
    report = quality_report([bitext])
    assert [(m.bead.index, m.source, m.target) for m in report.numbers] == [
        (2, ("12",), ("2019",)),
        (3, (), ("30",)),
    ]
    assert {r.bead.index: r.reasons for r in report.review} == {
        2: ("numbers differ",),
        3: ("numbers differ",),
    }
    assert "  12 ≠ 2019  nums bead 2 [2]:[2] 1-1" in render_quality(report)
    off = quality_report([bitext], QualitySettings(numbers=False))
    assert off.numbers == () and off.review == () and "|numbers:off|" in off.signature


def test_review_order_follows_the_weights_of_the_reasons() -> None:
    """Empty side > several sentences on both sides > numbers > length > low confidence."""
    sentences = tuple(Sentence(f"Sentence {chr(97 + i)} of some length here.") for i in range(9))
    links = (
        Link((0,), (0,), 0.4),  # low confidence only
        Link((1, 2), (1, 2), 0.9),  # 2-2
        Link((3,), (), 0.9),  # empty side
        Link((4,), (3,), 0.9),
        Link((5,), (4,), 0.9),
    )
    numbered = tuple(
        Sentence(t.text.replace("here", "in 1999") if i == 4 else t.text)
        for i, t in enumerate(sentences)
    )
    bitext = Bitext("order", "en", "en", sentences, numbered, links)
    report = quality_report([bitext])
    assert [r.bead.index for r in report.review] == [2, 1, 4, 0]
    assert report.review[1].reasons == ("2-2 bead: several sentences on both sides",)
    assert report.review[2].reasons == ("numbers differ",)


def test_few_beads_give_a_ratio_but_no_z_scores() -> None:
    bitext = hand_built()
    short = Bitext("tiny", "ru", "en", bitext.source[:3], bitext.target[:3], bitext.links[:3])
    report = quality_report([short])
    assert report.outliers == () and math.isnan(report.ratios[0].spread)
    assert "too few for z" in render_quality(report)
    empty = quality_report([Bitext("none", "ru", "en", (), (), ())])
    assert empty.links == 0 and "confidence: no beads" in render_quality(empty)
    json.dumps(quality_json(empty), allow_nan=False)


def test_confidence_summary() -> None:
    summary = confidence_summary([0.05, 0.5, 0.55, 0.95, 1.0], low=0.5)
    assert summary.histogram == (1, 0, 0, 0, 0, 2, 0, 0, 0, 2)
    assert (summary.minimum, summary.median, summary.maximum, summary.low) == (0.05, 0.55, 1.0, 1)
    assert summary.mean == sum([0.05, 0.5, 0.55, 0.95, 1.0]) / 5


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(5, 200), st.integers(5, 200)), min_size=6, max_size=30),
    st.integers(2, 4),
)
def test_z_scores_do_not_depend_on_the_languages_scale(
    lengths: list[tuple[int, int]], factor: int
) -> None:
    """A target language k times wordier gives the same z-scores (only the ratio moves)."""

    def bitext(k: int) -> Bitext:
        return Bitext(
            "doc",
            "ru",
            "en",
            tuple(Sentence("с" * a) for a, _ in lengths),
            tuple(Sentence("t" * (b * k)) for _, b in lengths),
            tuple(Link((i,), (i,)) for i in range(len(lengths))),
        )

    (ratio1, z1), (ratio2, z2) = length_z_scores(bitext(1)), length_z_scores(bitext(factor))
    assert ratio1 is not None and ratio2 is not None
    assert math.isclose(ratio2.ratio, factor * ratio1.ratio)
    # every bead is two-sided and at least min_beads of them: each one gets a z-score, so the
    # comparison below cannot pass over empty dicts
    assert z1.keys() == z2.keys() == set(range(len(lengths)))
    spread_floored = ratio1.spread <= 0.1 or ratio2.spread <= 0.1
    if not spread_floored:
        assert all(math.isclose(z1[i], z2[i], abs_tol=1e-9) for i in z1)


def test_gold_alignment_of_the_corpus() -> None:
    """The corpus's hand-checked alignment: its 1-0/0-1 beads are exactly the unaligned
    sentences, and few beads of a correct alignment are length outliers."""
    gold = TEXTS / "gold" / STEM
    ru = (gold.parent / f"{STEM}.ru.sents").read_text(encoding="utf-8").splitlines()
    en = (gold.parent / f"{STEM}.en.sents").read_text(encoding="utf-8").splitlines()
    links = []
    for line in (gold.parent / f"{STEM}.ru-en.align").read_text(encoding="utf-8").splitlines():
        src, tgt = (tuple(int(n) for n in re.findall(r"\d+", side)) for side in line.split(":"))
        links.append(Link(src, tgt))
    bitext = Bitext(
        STEM, "ru", "en", tuple(map(Sentence, ru)), tuple(map(Sentence, en)), tuple(links)
    )
    report = quality_report([bitext])
    empty_side = {(s, i) for link in links if not link.tgt for s, i in [("source", link.src[0])]}
    empty_side |= {("target", link.tgt[0]) for link in links if not link.src}
    covered_src = {i for link in links for i in link.src}
    covered_tgt = {j for link in links for j in link.tgt}
    uncovered = {("source", i) for i in range(len(ru)) if i not in covered_src}
    uncovered |= {("target", j) for j in range(len(en)) if j not in covered_tgt}
    assert {(u.side, u.sentence) for u in report.unaligned} == empty_side | uncovered
    assert sum(n for _, n in report.bead_types) == len(links)
    assert len(report.outliers) <= 0.05 * len(links)
    assert 0.9 < report.ratios[0].ratio < 1.3  # English runs slightly longer than Russian here
