"""The review page as a file, corrected beads back to TMX, align's TSV/JSONL into `tmx import`,
the JSON report, and the swallowed-sentence flag (the browser tests are in test_review_browser)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from paralign.align.beads import parse_beads
from paralign.corpus import ReadOptions, read_bitexts
from paralign.model import Bitext, Link, ParalignError, Sentence
from paralign.report.review import ReviewPage, render_review
from paralign.review.corrected import apply_corrected, format_corrected, parse_corrected
from paralign.review.evidence import sentence_anchors
from paralign.review.omission import swallowed_sentences
from tests.conftest import STEM, TEXTS, run_paralign

GOLD = TEXTS / "gold"


def _bitext(source: list[str], target: list[str], links: list[Link]) -> Bitext:
    return Bitext(
        "doc",
        "ru",
        "en",
        tuple(Sentence(t, block=0) for t in source),
        tuple(Sentence(t, block=0) for t in target),
        tuple(links),
    )


def _page_data(page: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script type="application/json" id="paralign-data">(.*?)</script>', page)
    assert match is not None
    return json.loads(match.group(1))


def test_the_page_is_self_contained_and_no_text_can_close_its_script() -> None:
    hostile = '</script><script>alert("x")</script> <!-- & \u2028'
    bitext = _bitext(
        [hostile, "Два."], ["One <b>bold</b>.", "Two."], [Link((0,), (0,)), Link((1,), (1,))]
    )
    page = render_review(ReviewPage([bitext], title="<title> & co", signature={"k": "<v>"}))
    assert "</script><script>alert" not in page
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "&lt;title&gt; &amp; co" in page and "&lt;v&gt;" in page
    data = _page_data(page)
    assert data["documents"][0]["src"][0][0] == hostile
    beads = data["documents"][0]["beads"]  # sentences, confidence, suspicion
    assert [b[:3] for b in beads] == [[[0], [0], 1.0], [[1], [1], 1.0]]
    assert all(0.0 < b[3] < 1.0 for b in beads) and data["suspect"] == max(b[3] for b in beads)


def _gold_bitext() -> Bitext:
    bitext = read_bitexts(
        [(STEM, GOLD / f"{STEM}.ru.sents", GOLD / f"{STEM}.en.sents")],
        "ru",
        "en",
        ReadOptions(presegmented=True),
    )[0]
    return replace(bitext, links=parse_beads((GOLD / f"{STEM}.ru-en.align").read_text("utf-8")))


def test_no_bead_of_the_gold_is_flagged_as_a_swallowed_sentence() -> None:
    gold = _gold_bitext()
    assert sum(len(k.src) > 1 or len(k.tgt) > 1 for k in gold.links) == 19
    assert swallowed_sentences(gold, *sentence_anchors(gold)) == []


def test_the_sentence_swallowed_into_a_merge_is_flagged() -> None:
    gold = _gold_bitext()
    # the aligner's error on the shipped corpus: gold [95]:[85] and [96]:[] as one 2-1 bead
    links = [k for k in gold.links if k.src not in ((95,), (96,))]
    at = next(i for i, k in enumerate(links) if k.tgt == (86,))
    links.insert(at, Link((95, 96), (85,), 0.9))
    wrong = replace(gold, links=tuple(links))
    flags = swallowed_sentences(wrong, *sentence_anchors(wrong))
    assert [(f.side, f.sentence, f.what) for f in flags] == [("source", 96, "possible omission")]
    assert flags[0].text.startswith("Подчеркнём:")


def test_corrected_beads_cover_both_sides_or_name_the_first_sentence_at_fault() -> None:
    bitext = _bitext(["А.", "Б.", "В."], ["A.", "B."], [])
    good = "# document: doc\n[0,1]:[0]\n[2]:[1]:0.5\n"
    (applied,) = apply_corrected([bitext], good, "c.beads")
    assert [(k.src, k.tgt, k.score) for k in applied.links] == [
        ((0, 1), (0,), 1.0),
        ((2,), (1,), 0.5),
    ]
    cases = {
        "[0]:[0]\n[2]:[1]\n": "source sentence 1 'Б.' is missing (bead 2 jumps to 2)",
        "[0,1]:[0]\n[1,2]:[1]\n": "source sentence 1 'Б.' is doubled or out of order (bead 2)",
        "[0,1,2]:[0]\n": "target sentence 1 'B.' is missing (no bead after the last)",
        "[0,1,2]:[0,1,2]\n": "bead 1 names target sentence 2, the document has 2 (0 to 1)",
        "[0,1,2]:[0,1]\n[]:[]\n": "bead 2 is empty on both sides",
    }
    for text, message in cases.items():
        with pytest.raises(ParalignError) as error:
            apply_corrected([bitext], text, "c.beads")
        assert str(error.value) == f"c.beads: doc: {message}"
    with pytest.raises(ParalignError, match=r"^c\.beads: line 2: not a bead"):
        apply_corrected([bitext], "[0]:[0]\ngarbage\n", "c.beads")
    with pytest.raises(ParalignError, match=r"^c\.beads: line 4: not a bead"):
        apply_corrected([bitext], "# x\n# document: doc\n[0]:[0]\n[1:[1]\n", "c.beads")
    with pytest.raises(ParalignError, match="no beads for document 'doc'"):
        apply_corrected([bitext], "# document: other\n[0,1,2]:[0,1]\n", "c.beads")
    assert parse_corrected(format_corrected([applied]))[0][0] == "doc"


def test_align_from_corrected_beads_writes_the_same_tmx_and_refuses_a_gap(
    tmp_path: Path,
) -> None:
    src, tgt = TEXTS / "ru" / f"{STEM}.md", TEXTS / "en" / f"{STEM}.md"
    env = {"SOURCE_DATE_EPOCH": "1780000000"}
    beads = tmp_path / "a.beads"
    made = run_paralign("align", src, tgt, "--to", "beads", "-o", beads, env=env)
    assert made.returncode == 0, made.stderr
    direct, again = tmp_path / "direct.tmx", tmp_path / "again.tmx"
    assert run_paralign("align", src, tgt, "-o", direct, env=env).returncode == 0
    made = run_paralign("align", src, tgt, "--from-beads", beads, "-o", again, env=env)
    assert made.returncode == 0, made.stderr

    def units(path: Path) -> list[bytes]:
        return [etree.tostring(tu) for tu in etree.parse(str(path)).getroot().find("body")]

    assert units(again) == units(direct)
    header = etree.parse(str(again)).getroot().find("header")
    assert header.find("prop[@type='x-align-corrected-beads']") is not None
    lines = beads.read_text("utf-8").splitlines()
    broken = tmp_path / "broken.beads"
    broken.write_text("\n".join(lines[:5] + lines[6:]) + "\n", "utf-8")
    out = tmp_path / "broken.tmx"
    made = run_paralign("align", src, tgt, "--from-beads", broken, "-o", out)
    assert made.returncode == 2
    assert made.stderr.count("\n") == 1 and "is missing" in made.stderr
    assert "Traceback" not in made.stderr and not out.exists()


def test_tmx_import_reads_what_align_writes(tmp_path: Path) -> None:
    src, tgt = TEXTS / "ru" / f"{STEM}.md", TEXTS / "en" / f"{STEM}.md"
    for to in ("tsv", "jsonl"):
        pairs = tmp_path / f"pairs.{to}"
        made = run_paralign("align", src, tgt, "--to", to, "-o", pairs)
        assert made.returncode == 0, made.stderr
        rows = pairs.read_text("utf-8").splitlines()
        if to == "tsv":
            assert rows[0] == "ru\ten\tscore\tbead"
        tmx = tmp_path / f"{to}.tmx"
        made = run_paralign("tmx", "import", pairs, "-o", tmx)
        assert made.returncode == 0, made.stderr
        body = etree.parse(str(tmx)).getroot().find("body")
        two_sided = sum(1 for r in rows if "\t1-0" not in r and "\t0-1" not in r)
        if to == "jsonl":
            two_sided = sum(
                1 for r in rows if '"bead": "1-0"' not in r and '"bead": "0-1"' not in r
            )
        else:
            two_sided -= 1  # the header
        assert len(body) == two_sided == 96
        first = [seg.text for seg in body[0].iter("seg")]
        assert first[1].startswith("OTS summit in Turkestan: the “Digital Corridor”")


def _sentences(side: str) -> list[str]:
    return (GOLD / f"{STEM}.{side}.sents").read_text("utf-8").splitlines()


def test_a_bead_corrected_in_align_tsv_or_jsonl_goes_back_into_a_valid_tmx(
    tmp_path: Path,
) -> None:
    """The spreadsheet loop as a reviewer runs it: align, fix the bead that swallowed
    «Подчеркнём: …» (give that sentence a row of its own, with no translation), import."""
    src, tgt = TEXTS / "ru" / f"{STEM}.md", TEXTS / "en" / f"{STEM}.md"
    ru, en = _sentences("ru"), _sentences("en")
    for to in ("tsv", "jsonl"):
        pairs = tmp_path / f"pairs.{to}"
        made = run_paralign("align", src, tgt, "--to", to, "-o", pairs)
        assert made.returncode == 0, made.stderr
        rows = pairs.read_text("utf-8").splitlines()
        (at,) = [n for n, r in enumerate(rows) if ru[96] in r]
        if to == "tsv":
            assert rows[at].split("\t")[:2] == [f"{ru[95]} {ru[96]}", en[85]]
            rows[at : at + 1] = [f"{ru[95]}\t{en[85]}\t1.000\t1-1", f"{ru[96]}\t\t1.000\t1-0"]
        else:
            bead = json.loads(rows[at])
            alone = {**bead, "src": [96], "tgt": [], "source": ru[96], "target": ""}
            bead.update(src=[95], source=ru[95], bead="1-1")
            rows[at : at + 1] = [json.dumps(bead, ensure_ascii=False), json.dumps(alone)]
        pairs.write_text("\n".join(rows) + "\n", "utf-8")
        tmx = tmp_path / f"{to}.tmx"
        made = run_paralign("tmx", "import", pairs, "-o", tmx)
        assert made.returncode == 0, made.stderr
        checked = run_paralign("tmx", "validate", tmx)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        root = etree.parse(str(tmx)).getroot()
        assert root.find("header").get("srclang") == "ru"
        units = [
            {
                tuv.get("{http://www.w3.org/XML/1998/namespace}lang"): tuv.findtext("seg")
                for tuv in tu.iter("tuv")
            }
            for tu in root.find("body")
        ]
        assert {"ru": ru[95], "en": en[85]} in units
        assert not any(ru[96] in u["ru"] for u in units)
        assert len(units) == 96  # the 1-0 row is no TU; the others are as aligned


def test_tmx_import_takes_the_languages_from_align_tsv_header(tmp_path: Path) -> None:
    pairs = tmp_path / "de-fr.tsv"
    pairs.write_text("de\tfr\tscore\tbead\nHallo.\tBonjour.\t0.990\t1-1\n", "utf-8")
    tmx = tmp_path / "de-fr.tmx"
    made = run_paralign("tmx", "import", pairs, "-o", tmx)
    assert made.returncode == 0, made.stderr
    langs = [
        tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
        for tuv in etree.parse(str(tmx)).iter("tuv")
    ]
    assert langs == ["de", "fr"]
    pairs.write_text("d e\tfr\tscore\tbead\nHallo.\tBonjour.\t0.990\t1-1\n", "utf-8")
    made = run_paralign("tmx", "import", pairs, "-o", tmp_path / "bad.tmx")
    assert made.returncode == 2 and made.stderr.count("\n") == 1
    assert "header's first language 'd e'" in made.stderr
    assert not (tmp_path / "bad.tmx").exists()


def test_align_report_as_json_with_threshold_and_no_cap(tmp_path: Path) -> None:
    src, tgt = TEXTS / "ru" / f"{STEM}.md", TEXTS / "en" / f"{STEM}.md"
    out = tmp_path / "a.tmx"
    made = run_paralign(
        "align", src, tgt, "-o", out, "--report", "--report-format", "json", "--threshold", "0.95"
    )
    assert made.returncode == 0, made.stderr
    report = json.loads(made.stdout)
    low = [r for r in report["review"] if any(x.startswith("confidence") for x in r["reasons"])]
    assert report["confidence"]["low"] == len(low) > 20  # more than the old cap of 20
    assert all(r["score"] < 0.95 for r in low)
    assert all(r["source"] or r["target"] for r in report["review"])
    swallowed = [(s["side"], s["sentence"], s["flag"]) for s in report["swallowed"]]
    assert swallowed == [("source", 96, "possible omission")]
    # at the default threshold (0.9) the swallowing bead, confidence 0.9004, is still listed
    made = run_paralign("align", src, tgt, "-o", out, "--report", "--report-format", "json")
    assert made.returncode == 0, made.stderr
    (listed,) = [r for r in json.loads(made.stdout)["review"] if 96 in r["src"]]
    assert listed["src"] == [95, 96] and listed["score"] >= 0.9
    assert listed["reasons"] == [
        "possible omission: source sentence 96",
        "among the 10% most suspicious beads",
    ]
    made = run_paralign("align", src, tgt, "-o", out, "--report", "--limit", "3")
    assert made.returncode == 0, made.stderr
    listed = re.findall(r"^  \d+\. ", made.stdout, re.MULTILINE)
    assert len(listed) == 3


def _shipped_alignment() -> Bitext:
    from paralign.align import align_corpus

    src, tgt = TEXTS / "ru" / f"{STEM}.md", TEXTS / "en" / f"{STEM}.md"
    (aligned,) = align_corpus(read_bitexts([(STEM, src, tgt)], "ru", "en"))
    return aligned


def test_suspicion_puts_the_bead_that_swallowed_a_sentence_in_the_top_tenth() -> None:
    from paralign.review.suspicion import corpus_suspicion, top_share

    aligned = _shipped_alignment()
    (scores,) = corpus_suspicion([aligned])
    (index,) = [i for i, k in enumerate(aligned.links) if 96 in k.src]
    assert aligned.links[index].src == (95, 96) and aligned.links[index].score >= 0.9
    assert scores[index] >= top_share([scores], 0.1)
    # the confidence alone leaves it outside: more than a tenth of the beads are below 0.9004
    below = sum(k.score < aligned.links[index].score for k in aligned.links)
    assert below > len(aligned.links) // 10


def test_the_suspicion_weights_table_is_whole_and_follows_its_signs() -> None:
    from paralign.review.suspicion import FEATURES, SIGNS, WEIGHTS, corpus_features

    assert set(WEIGHTS) == {*FEATURES, "bias"} and set(SIGNS) == set(FEATURES)
    assert all(WEIGHTS[name] * SIGNS[name] >= 0 for name in FEATURES)
    (features,) = corpus_features([_shipped_alignment()])
    assert features.shape[1] == len(FEATURES)


def test_align_report_lists_the_beads_most_suspicious_first(tmp_path: Path) -> None:
    src, tgt = TEXTS / "ru" / f"{STEM}.md", TEXTS / "en" / f"{STEM}.md"
    out = tmp_path / "a.tmx"
    made = run_paralign("align", src, tgt, "-o", out, "--report", "--report-format", "json")
    assert made.returncode == 0, made.stderr
    report = json.loads(made.stdout)
    order = [r["suspicion"] for r in report["review"]]
    assert order == sorted(order, reverse=True) and len(order) < report["links"]
    # the tenth of the beads a reviewer has time for: all on the list, before any other
    top = [r for r in report["review"] if "among the 10% most suspicious beads" in r["reasons"]]
    assert len(top) == report["links"] // 10
    assert report["review"][: len(top)] == top
    assert report["review"][0]["src"] == [95, 96]  # the bead that swallowed «Подчеркнём»
    made = run_paralign("align", src, tgt, "-o", out, "--report", "--limit", "2")
    assert made.returncode == 0, made.stderr
    first = re.findall(
        r"^  1\. .* bead (\d+) \[95,96\]:\[85\].*suspicion (\d\.\d\d)", made.stdout, re.M
    )
    assert first and first[0][1] == f"{order[0]:.2f}"


def test_the_loop_on_an_ntrex_dev_document(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "align" / "ntrex-dev"
    src, tgt = folder / "001_bbc.381790.ru", folder / "001_bbc.381790.en"
    page, beads = tmp_path / "page.html", tmp_path / "a.beads"
    made = run_paralign(
        "align", "--presegmented", src, tgt, "--to", "beads", "-o", beads, "--html", page
    )
    assert made.returncode == 0, made.stderr
    links = parse_beads(beads.read_text("utf-8"))
    document = _page_data(page.read_text("utf-8"))["documents"][0]
    assert [(tuple(b[0]), tuple(b[1])) for b in document["beads"]] == [
        (k.src, k.tgt) for k in links
    ]
    assert len(document["src"]) == len(src.read_text("utf-8").splitlines())
    tmx = tmp_path / "a.tmx"
    made = run_paralign("align", "--presegmented", src, tgt, "--from-beads", beads, "-o", tmx)
    assert made.returncode == 0, made.stderr
    assert len(etree.parse(str(tmx)).getroot().find("body")) == len(links)


def test_learned_lexicon_pairs_are_evidence_on_both_sides_of_their_bead() -> None:
    from paralign.review.lexicon import learn_pairs, lexicon_anchors

    # 50 beads of our own making: "кошки" and "cats" meet in four, "собака" and "dog",
    # "спят" and "sleep" in two
    pets = [("Кошки спят", "Cats sleep"), ("Кошки едят", "Cats eat")] * 2
    pets += [("Собака лает", "The dog barks"), ("Собака бежит", "The dog runs")]
    pets += [(f"Число {n} ровно", f"Number {n} exactly") for n in range(44)]
    source = [f"{ru}." for ru, _ in pets] + ["Кошки здесь."]
    target = [f"{en}." for _, en in pets] + ["Nothing."]
    links = [Link((i,), (i,), 0.95) for i in range(len(pets))]
    bitext = _bitext(source, target, [*links, Link((len(pets),), (len(pets),), 0.95)])
    pairs = learn_pairs([bitext])
    assert pairs.source["кошки"] == pairs.target["cats"]
    assert pairs.source["собака"] == pairs.target["dog"]
    src, tgt = lexicon_anchors(bitext, pairs)
    assert [source[0][a.start : a.end] for a in src[0]] == ["Кошки", "спят"]
    assert {a.key for a in src[0]} == {a.key for a in tgt[0]}
    assert [target[0][a.start : a.end] for a in tgt[0]] == ["Cats", "sleep"]
    # the last bead's "Кошки" has no "cats" in it or its neighbour: nothing to show
    assert src[-1] == []


def test_the_page_shows_lexicon_pairs_but_swallowed_sentences_ignore_them() -> None:
    from paralign.align import align_corpus

    bitexts = read_bitexts(
        [(STEM, TEXTS / "ru" / f"{STEM}.md", TEXTS / "en" / f"{STEM}.md")], "ru", "en"
    )
    aligned = align_corpus(bitexts)
    document = _page_data(render_review(ReviewPage(aligned, title="t")))["documents"][0]

    def keys(side: str, ids: list[int]) -> set[str]:
        flat = [n for i in ids for n in document["tokens"][side].get(str(i), [])]
        return {document["keys"][k] for k in flat[2::3]}  # start, end, key number

    shared = []
    for src, tgt, *_ in document["beads"]:
        shared += [k for k in keys("src", src) & keys("tgt", tgt) if k.startswith("l:")]
    assert len(shared) > 50  # most beads share learned words, besides names and numbers
    rules = [note[0] for notes in document["findings"]["src"].values() for note in notes]
    assert rules.count("possible-omission") == 1


def test_a_page_of_10000_beads_of_long_sentences_stays_under_10_mb() -> None:
    """The shipped corpus (long analytic sentences, Cyrillic at two bytes a letter) repeated to
    10,098 beads: the page grows linearly with the corpus and stays under 10 MB. The page's
    speed in chromium at this size is measured by benchmarks/review.py."""
    from paralign.align import align_corpus

    (aligned,) = align_corpus(
        read_bitexts([(STEM, TEXTS / "ru" / f"{STEM}.md", TEXTS / "en" / f"{STEM}.md")], "ru", "en")
    )

    def size(copies: int) -> int:
        bitexts = [replace(aligned, name=f"{STEM}-{k}") for k in range(copies)]
        return len(render_review(ReviewPage(bitexts, title="size")).encode("utf-8"))

    small, large = size(10), size(102)
    assert 102 * len(aligned.links) >= 10_000
    assert large < 10_000_000
    assert large / small < 10.2 * 1.05  # linear: no part grows faster than the beads
