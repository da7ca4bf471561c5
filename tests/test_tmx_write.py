"""TMX 1.4b writer: DTD-valid, deterministic, atomic, one TU per Link with our props."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from paralign.model import Bitext, Link, Note, ParalignError, Sentence, Span
from paralign.tmx import TmxOptions, read_tmx, seg_text, write_tmx, write_tmx_to

DTD_PATH = Path(__file__).resolve().parents[1] / "src" / "paralign" / "data" / "tmx14.dtd"
FIXED = TmxOptions(creation_date="20260530T120000Z")


def dtd() -> etree.DTD:
    return etree.DTD(str(DTD_PATH))


def sample() -> Bitext:
    source = (
        Sentence("Саммит ОТГ.", block=0, line=1),
        Sentence("Он прошёл в Туркестане.", block=2, line=3, spans=(Span(12, 22, "em"),)),
        Sentence("Это было важно.", block=2, line=3),
        Sentence("Лишнее.", block=3, line=5),
    )
    target = (
        Sentence("OTS summit.", block=0, line=1),
        Sentence(
            "It was held in Turkestan, which mattered.",
            block=2,
            line=3,
            spans=(Span(15, 24, "strong"), Span(0, 2, "code")),
        ),
        Sentence("Only in English.", block=4, line=7),
    )
    links = (
        Link((0,), (0,), 0.98765),
        Link((1, 2), (1,), 0.5),
        Link((3,), (), 0.1),
        Link((), (2,), 0.2),
    )
    return Bitext("arvak", "ru", "en", source, target, links)


def written(tmp_path: Path, options: TmxOptions = FIXED) -> etree._ElementTree:
    out = tmp_path / "out.tmx"
    write_tmx([sample()], out, options)
    return etree.parse(str(out))


def test_valid_against_dtd_with_header_and_props(tmp_path: Path) -> None:
    tree = written(tmp_path)
    assert dtd().validate(tree), dtd().error_log
    root = tree.getroot()
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert dict(header.attrib) == {
        "creationtool": "paralign",
        "creationtoolversion": header.get("creationtoolversion"),
        "segtype": "sentence",
        "o-tmf": "paralign",
        "adminlang": "en",
        "srclang": "ru",
        "datatype": "plaintext",
        "creationdate": "20260530T120000Z",
    }
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == ["arvak-1", "arvak-2", "arvak-3", "arvak-4"]
    props = [{p.get("type"): p.text for p in tu.findall("prop")} for tu in tus]
    assert props[0] == {
        "x-document": "arvak",
        "x-paragraph": "0",
        "x-bead": "1-1",
        "x-score": "0.988",
    }
    assert props[1]["x-bead"] == "2-1" and props[1]["x-paragraph"] == "2"
    assert props[3] == {
        "x-document": "arvak",
        "x-paragraph": "4",
        "x-bead": "0-1",
        "x-score": "0.200",
    }
    langs = [
        [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tu]
        for tu in (t.findall("tuv") for t in tus)
    ]
    # a 0-1 TU keeps an empty source tuv: OmegaT skips a TU without one
    assert langs == [["ru", "en"], ["ru", "en"], ["ru"], ["ru", "en"]]
    assert tus[3].find("tuv/seg").text is None


def test_many_to_one_joins_with_space_and_emphasis_is_paired(tmp_path: Path) -> None:
    tu = written(tmp_path).getroot().findall("body/tu")[1]
    ru, en = (tuv.find("seg") for tuv in tu.findall("tuv"))
    assert seg_text(ru) == "Он прошёл в Туркестане. Это было важно."
    # the native code inside is the HTML the Markdown renders to, as CAT tools expect
    assert "".join(ru.itertext()) == "Он прошёл в <em>Туркестане</em>. Это было важно."
    bpt, ept = ru.find("bpt"), ru.find("ept")
    assert (bpt.get("i"), bpt.get("type"), ept.get("i")) == ("1", "italic", "1")
    assert bpt.tail == "Туркестане"
    # code spans are not emphasis: only the strong one becomes a pair
    assert [(e.tag, e.get("type")) for e in en] == [("bpt", "bold"), ("ept", None)]
    assert en.find("bpt").tail == "Turkestan"


def test_plain_option_leaves_inline_codes_out(tmp_path: Path) -> None:
    tree = written(tmp_path, TmxOptions(creation_date="20260530T120000Z", plain=True))
    assert tree.getroot().find(".//bpt") is None
    assert tree.getroot().findall("body/tu")[1].find("tuv/seg").text.startswith("Он прошёл")


def test_drop_unaligned_keeps_ids_stable(tmp_path: Path) -> None:
    tree = written(tmp_path, TmxOptions(creation_date="20260530T120000Z", drop_unaligned=True))
    assert [tu.get("tuid") for tu in tree.getroot().iter("tu")] == ["arvak-1", "arvak-2"]


def test_byte_identical_reruns_and_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    first, second = io.BytesIO(), io.BytesIO()
    write_tmx_to([sample()], first)
    write_tmx_to([sample()], second)
    assert first.getvalue() == second.getvalue()
    expected = datetime.fromtimestamp(1780000000, UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f'creationdate="{expected}"'.encode() in first.getvalue()
    # an explicit date wins over the environment
    third = io.BytesIO()
    write_tmx_to([sample()], third, FIXED)
    assert b'creationdate="20260530T120000Z"' in third.getvalue()


def test_forbidden_character_names_document_and_sentence_and_leaves_no_file(
    tmp_path: Path,
) -> None:
    bad = Bitext(
        "memo",
        "ru",
        "en",
        (Sentence("ok"), Sentence("bad\x01char", line=9)),
        (Sentence("ok"), Sentence("fine")),
        (Link((0,), (0,)), Link((1,), (1,))),
    )
    out = tmp_path / "memo.tmx"
    with pytest.raises(ParalignError, match=r"memo: source sentence 2 \(line 9\).*U\+0001"):
        write_tmx([bad], out, FIXED)
    assert list(tmp_path.iterdir()) == []


def test_mixed_source_languages_refused() -> None:
    other = Bitext("x", "de", "en", (Sentence("a"),), (Sentence("b"),), (Link((0,), (0,)),))
    with pytest.raises(ParalignError, match="one source language"):
        write_tmx_to([sample(), other], io.BytesIO(), FIXED)


def test_translate_toolkit_reads_source_target_and_texts(tmp_path: Path) -> None:
    from translate.storage.tmx import tmxfile

    out = tmp_path / "tt.tmx"
    write_tmx([sample()], out, FIXED)
    store = tmxfile.parsefile(str(out))
    units = [u for u in store.units]
    assert store.sourcelanguage == "ru"
    assert (units[0].source, units[0].target) == ("Саммит ОТГ.", "OTS summit.")
    # translate-toolkit takes the native code inside <bpt>/<ept> as text
    assert units[1].source == "Он прошёл в <em>Туркестане</em>. Это было важно."
    assert units[1].target == "It was held in <strong>Turkestan</strong>, which mattered."


_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_text, _text), min_size=1, max_size=6))
def test_written_texts_read_back_exactly(tmp_path_factory, pairs) -> None:
    source = tuple(Sentence(s) for s, _ in pairs)
    target = tuple(Sentence(t) for _, t in pairs)
    links = tuple(Link((i,), (i,)) for i in range(len(pairs)))
    out = tmp_path_factory.mktemp("p") / "p.tmx"
    write_tmx([Bitext("d", "ru", "en", source, target, links)], out, FIXED)
    read = [(u.variants["ru"], u.variants["en"]) for u in read_tmx(out, "ru", "en")]
    assert read == pairs


def test_inline_codes_of_one_unit_do_not_leak_into_the_next(tmp_path: Path) -> None:
    source = (Sentence("Раз *два*.", spans=(Span(4, 9, "em"),)), Sentence("Три."))
    target = (Sentence("One *two*.", spans=(Span(4, 9, "em"),)), Sentence("Three."))
    bitext = Bitext("d", "ru", "en", source, target, (Link((0,), (0,)), Link((1,), (1,))))
    out = tmp_path / "d.tmx"
    write_tmx([bitext], out, FIXED)
    first, second = etree.parse(str(out)).getroot().iter("tu")
    assert len(first.findall(".//bpt")) == 2
    assert second.find(".//bpt") is None
    assert [seg.text for seg in second.iter("seg")] == ["Три.", "Three."]
    assert [tu.get("tuid") for tu in (first, second)] == ["d-1", "d-2"]


@st.composite
def _sentence_with_spans(draw: st.DrawFn) -> Sentence:
    text = draw(_text)
    spans = draw(
        st.lists(
            st.tuples(
                st.integers(-2, len(text) + 2),
                st.integers(-2, len(text) + 2),
                st.sampled_from(["em", "strong", "code"]),
            ),
            max_size=4,
        )
    )
    return Sentence(text, spans=tuple(Span(a, b, kind) for a, b, kind in spans))


@settings(max_examples=40, deadline=None)
@given(st.lists(_sentence_with_spans(), min_size=1, max_size=3))
def test_any_spans_give_valid_paired_codes_and_exact_text(tmp_path_factory, sentences) -> None:
    from paralign.tmx import validate_tmx

    target = (Sentence("x"),)
    link = Link(tuple(range(len(sentences))), (0,))
    out = tmp_path_factory.mktemp("s") / "s.tmx"
    write_tmx([Bitext("d", "ru", "en", tuple(sentences), target, (link,))], out, FIXED)
    assert validate_tmx(out) == []
    (unit,) = read_tmx(out, "ru", "en")
    assert unit.variants["ru"] == " ".join(s.text for s in sentences)


def _marked_bitext() -> Bitext:
    """A footnote marker as the readers keep it: a Note with its label."""
    source = (
        Sentence("Комментарий, 30.05.2026", spans=(Span(0, 23, "strong"), Note(23, 23, label="1"))),
        Sentence("Он прошёл.", block=1, spans=(Span(3, 9, "em"), Note(10, 10, label="2"))),
        Sentence("Далее.", block=1, spans=(Span(0, 5, "em"),)),
        Sentence("Комментарий размещён.", block=2, spans=(Note(0, 0, label="1 "),)),
    )
    target = (
        Sentence("Comment, 30.05.2026", spans=(Span(0, 19, "strong"), Note(19, 19, label="1"))),
        Sentence("He went. Then.", block=1, spans=(Span(3, 7, "em"),)),
        Sentence("It was posted.", block=2, spans=(Note(0, 0, label="1 "),)),
    )
    links = (Link((0,), (0,)), Link((1, 2), (1,)), Link((3,), (2,)))
    return Bitext("d", "ru", "en", source, target, links)


def test_footnote_markers_become_sup_codes_and_are_no_text(tmp_path: Path) -> None:
    """As OmegaT's HTML filter sees `**…2026<sup>1</sup>**` and `<sup>1</sup> Комментарий`:
    the bold around the whole paragraph left out, the marker `<s0>1</s0>`, numbered with the
    paragraph's other codes (`x`), the space after a leading marker outside its codes."""
    out = tmp_path / "m.tmx"
    write_tmx([_marked_bitext()], out, FIXED)
    tus = etree.parse(str(out)).getroot().findall("body/tu")
    first = tus[0].find("tuv/seg")
    assert etree.tostring(first, encoding="unicode") == (
        '<seg>Комментарий, 30.05.2026<bpt i="1" x="1" type="x-footnote">&lt;sup&gt;</bpt>1'
        '<ept i="1">&lt;/sup&gt;</ept></seg>'
    )
    merged = tus[1].find("tuv/seg")
    assert [(c.tag, c.get("x"), c.get("type")) for c in merged if c.tag == "bpt"] == [
        ("bpt", "1", "italic"),
        ("bpt", "2", "x-footnote"),
        ("bpt", "3", "italic"),
    ]
    note = tus[2].find("tuv/seg")
    assert note.text is None and note[1].tail == " Комментарий размещён."
    assert dtd().validate(etree.parse(str(out)))
    texts = [unit.variants for unit in read_tmx(out, "ru", "en")]
    assert texts[0] == {"ru": "Комментарий, 30.05.2026", "en": "Comment, 30.05.2026"}
    assert texts[1]["ru"] == "Он прошёл. Далее."
    assert texts[2] == {"ru": "Комментарий размещён.", "en": "It was posted."}


@st.composite
def _marked_sentence(draw: st.DrawFn) -> Sentence:
    """A sentence as the segmenter makes it (no outer space) with emphasis and markers."""
    text = draw(_text.map(str.strip).filter(bool))
    spans = [
        Span(a, b, kind)
        for a, b, kind in draw(
            st.lists(
                st.tuples(
                    st.integers(0, len(text)),
                    st.integers(0, len(text)),
                    st.sampled_from(["em", "strong"]),
                ),
                max_size=3,
            )
        )
        if a < b
    ]
    for at in draw(st.lists(st.integers(0, len(text)), max_size=3, unique=True)):
        label = draw(st.sampled_from(["1", "12", "*", "†"]))
        if at == 0 and draw(st.booleans()):
            label += " "  # a leading marker the block's trimming parted from the text
        spans.append(Note(at, at, label=label, after=draw(st.booleans())))
    return Sentence(text, spans=tuple(sorted(spans, key=lambda s: (s.start, -s.end))))


@settings(max_examples=60, deadline=None)
@given(st.lists(_marked_sentence(), min_size=1, max_size=3))
def test_footnote_markers_round_trip_with_any_emphasis(tmp_path_factory, sentences) -> None:
    from paralign.tmx import validate_tmx
    from paralign.xliff import tmx_documents

    links = tuple(Link((i,), (i,)) for i in range(len(sentences)))
    target = tuple(Sentence(f"t{i}") for i in range(len(sentences)))
    out = tmp_path_factory.mktemp("m") / "m.tmx"
    write_tmx([Bitext("d", "ru", "en", tuple(sentences), target, links)], out, FIXED)
    assert validate_tmx(out) == []
    assert [u.variants["ru"] for u in read_tmx(out, "ru", "en")] == [s.text for s in sentences]
    (document,) = tmx_documents(out, "ru", "en")
    for written, read in zip(sentences, document.source, strict=True):
        notes = sorted((s.start, s.label) for s in written.spans if isinstance(s, Note))
        assert sorted((s.start, s.label) for s in read.spans if isinstance(s, Note)) == notes
