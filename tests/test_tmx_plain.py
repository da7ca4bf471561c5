"""Plain TUs read by pattern (tmx/plain.py) are read_tmx's TUs: the same fields, positions
and lines, or `Unsupported` and the exact reader reads them. Generated TMX documents mix
plain TUs with what the patterns must leave alone (inline codes, comments, CDATA, entities,
attribute values XML would normalise, a third language, malformed XML). The TMX texts are
ours, written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from paralign.model import ParalignError
from paralign.tmx import read_tmx
from paralign.tmx.plain import plain_units
from paralign.tmx.read import Excerpt, TranslationUnit
from paralign.tmx.scan import Unsupported
from paralign.tmx.slices import cut, plain_slice
from tests.test_tmx_scan import HEAD, TAIL

PATH = Path("plain.tmx")

SPACE = st.sampled_from(["", " ", "\n  ", "\t"])
TEXT = st.lists(
    st.sampled_from(
        [
            "Привет",
            "world",
            " ",
            "&amp;",
            "&lt;b&gt;",
            "&#x41;",
            "&#1071;",
            ">",
            "'",
            '"',
            "\t",
            "\n",
            "\r\n",
            "&quot;",
            "&apos;",
            "]]",
        ],
    ),
    max_size=5,
).map("".join)
ODD_TEXT = st.sampled_from(
    ["a<bpt i='1'>x</bpt>b", "<![CDATA[c <x>]]>", "a<!-- c -->b", "&foo;", "a<?pi x?>", "\r"]
)
TU_ATTRIBUTES = st.sampled_from(
    [
        "",
        ' tuid="t1"',
        " tuid='t2'",
        ' tuid = "t3"',
        '\n  tuid="t4" creationid="me"',
        ' creationid="x"',
        ' tuid="a&amp;b"',
        ' tuid="t\nN"',
        ' xml:lang="ru"',
        ' x:y="1"',
    ],
)
LANG = st.sampled_from(
    [
        ' xml:lang="ru"',
        ' xml:lang="RU-RU"',
        " lang=' ru '",
        ' xml:lang="en"',
        ' xml:lang="en-GB"',
        ' xml:lang="de"',
        "",
        ' xml:lang=""',
        ' xml:lang="ru" creationid="me"',
    ],
)
PROP_TYPE = st.sampled_from(
    ['type="x-document"', 'type="x-score"', "type='x-bead'", "", 'type="a&amp;b"']
)


@st.composite
def field(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(["prop", "note"]))
    kind = draw(PROP_TYPE)
    text = draw(st.one_of(TEXT, ODD_TEXT)) if draw(st.booleans()) else draw(TEXT)
    return f"<{name}{' ' + kind if kind else ''}>{text}</{name}>"


@st.composite
def tuv(draw: st.DrawFn) -> str:
    inside = draw(st.lists(field(), max_size=1))
    if draw(st.integers(0, 9)) == 0:
        seg = draw(st.sampled_from(["<seg/>", "<seg></seg><note>n</note>"]))
    else:
        text = draw(st.one_of(ODD_TEXT, TEXT)) if draw(st.integers(0, 4)) == 0 else draw(TEXT)
        seg = f"<seg{draw(st.sampled_from(['', ' ']))}>{text}</seg>"
    space = draw(SPACE)
    return f"<tuv{draw(LANG)}>{space}{''.join(inside)}{seg}{space}</tuv>"


@st.composite
def unit(draw: st.DrawFn) -> str:
    children = draw(st.lists(st.one_of(field(), tuv(), tuv()), max_size=5))
    space = draw(SPACE)
    return f"<tu{draw(TU_ATTRIBUTES)}>{space}{space.join(children)}{space}</tu >"


def _document(units: list[str], gaps: list[str], newline: str) -> bytes:
    body = "".join(gap + tu for gap, tu in zip(gaps, units, strict=False)) + "\n"
    return (HEAD + body + TAIL).replace("\n", newline).encode("utf-8")


def _exact(excerpt: Excerpt, wanted: tuple[str, ...]) -> list[TranslationUnit] | None:
    try:
        return list(read_tmx(PATH, *wanted, excerpt=excerpt))
    except ParalignError:
        return None


def _plain(excerpt: Excerpt, wanted: tuple[str, ...]) -> list[TranslationUnit] | None:
    try:
        return plain_units(PATH, excerpt, wanted)
    except Unsupported:
        return None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(unit(), max_size=6),
    st.lists(st.sampled_from(["\n", "", "\n\n  ", " <!-- c --> "]), min_size=6, max_size=6),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from([(), ("ru", "en")]),
    st.integers(1, 500),
    st.integers(0, 500),
)
def test_what_the_patterns_read_is_what_read_tmx_reads(
    units: list[str],
    gaps: list[str],
    newline: str,
    wanted: tuple[str, ...],
    first: int,
    lines: int,
) -> None:
    excerpt = Excerpt(_document(units, gaps, newline), first, lines)
    plain = _plain(excerpt, wanted)
    event("read by pattern" if plain is not None else "left to the exact reader")
    if plain is not None:
        assert plain == _exact(excerpt, wanted)


PLAIN = [
    '<tu tuid="a" creationid="me">\n  <prop type="x-document">d1</prop>\n'
    "  <prop type='x-score'>0.5</prop><note>a &amp; note</note>\n"
    '  <tuv xml:lang="RU-RU"><prop type="p">x</prop><seg>Привет &lt;мир&gt; &#x41;&#1071;</seg>'
    '</tuv>\n  <tuv\n     xml:lang="en"><seg >Hello\tworld\n"and" \'more\'</seg></tuv>\n</tu>',
    '<tu><tuv lang=" ru "><seg>  пробелы  </seg></tuv><tuv xml:lang="en-GB"><seg>first en'
    '</seg></tuv><tuv xml:lang="en"><seg>second en</seg></tuv></tu>',
    '<tu tuid = "c"><prop type="x-paragraph">3</prop><tuv xml:lang="ru"><seg></seg></tuv>'
    '<tuv xml:lang="en"><seg>only en</seg></tuv></tu>',
    "<tu tuid='d'/>".replace("/>", "></tu>"),
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("wanted", [(), ("ru", "en")])
def test_plain_tus_are_read_by_pattern(newline: str, wanted: tuple[str, ...]) -> None:
    excerpt = Excerpt(_document(PLAIN, ["\n"] * 4, newline), 7, 40)
    plain = plain_units(PATH, excerpt, wanted)
    assert plain == _exact(excerpt, wanted)
    assert [u.line for u in plain] == [49, 57, 58, 59]  # where each start tag ends
    assert [u.position for u in plain] == [7, 8, 9, 10]
    assert plain[0].variants["ru" if wanted else "RU-RU"] == "Привет <мир> AЯ"


@pytest.mark.parametrize(
    ("where", "odd"),
    [
        ('xml:lang="en"><seg>second', 'xml:lang="de"><seg>second'),  # a third language
        ("<seg>  пробелы", "<seg>&nbsp; пробелы"),  # an entity the DOCTYPE may declare
        ('<tu tuid = "c">', '<tu tuid = "c&amp;">'),  # a reference in an attribute
        ("<tu><tuv", "<tu><!-- c --><tuv"),  # a comment
        ("<tu tuid='d'></tu>", "<tu tuid='d'/>"),  # an empty-element TU
        ("<tu tuid='d'></tu>", "<tu tuid='d'><tuv xml:lang='ru'><seg>x<!--c--></seg></tuv></tu>"),
        ("<tu><tuv", '<tu xmlns:x="urn:x"><tuv'),  # a namespace
        ("<tu><tuv", '<tu xmlns="urn:x"><tuv'),  # a default one
        ('<tuv xml:lang="en-GB">', '<tuv xmlns="urn:x" xml:lang="en-GB">'),
        ("<tmx ", '<tmx xmlns="urn:x" '),
        ("first en", "first\ren"),  # a carriage return alone
        ("first en</seg>", "first en</sag>"),  # not well-formed
        ("first en", "first \x01en"),  # a character XML forbids
        ("&#x41;", "&#0;"),  # a reference to one
    ],
)
def test_what_is_not_plain_is_left_to_the_exact_reader(where: str, odd: str) -> None:
    data = _document(PLAIN, ["\n"] * 4, "\n")
    assert where.encode() in data
    excerpt = Excerpt(data.replace(where.encode(), odd.encode(), 1), 1, 0)
    with pytest.raises(Unsupported):
        plain_units(PATH, excerpt, ("ru", "en"))


@pytest.mark.parametrize(
    ("where", "odd"),
    [
        ("<seg>second en</seg>", "<seg>second <ph>x</ph> en</seg>"),  # an inline code
        ("<seg>only en</seg>", '<seg>only <bpt i="1">&lt;b&gt;</bpt>en<ept i="1"/></seg>'),
        ("<seg>  пробелы  </seg>", "<seg/>"),
        ("<seg>  пробелы  </seg></tuv>", "<seg>x</seg><note>after</note></tuv>"),
    ],
)
def test_a_tu_no_pattern_takes_is_parsed_alone(where: str, odd: str) -> None:
    data = _document(PLAIN, ["\n"] * 4, "\n")
    assert where.encode() in data
    excerpt = Excerpt(data.replace(where.encode(), odd.encode(), 1), 3, 10)
    assert plain_units(PATH, excerpt, ("ru", "en")) == _exact(excerpt, ("ru", "en"))


@pytest.mark.parametrize("mark", [b"", b"\xef\xbb\xbf"])
def test_a_byte_order_mark_and_a_declared_utf_8_are_read_by_pattern(mark: bytes) -> None:
    excerpt = Excerpt(mark + _document(PLAIN, ["\n"] * 4, "\r\n"), 1, 0)
    assert b'encoding="UTF-8"' in excerpt.data
    assert plain_units(PATH, excerpt, ("ru", "en")) == _exact(excerpt, ("ru", "en"))


@pytest.mark.parametrize("mark", ["", "\ufeff"])
def test_another_encoding_is_left_to_the_exact_reader(mark: str) -> None:
    text = HEAD.replace("UTF-8", "windows-1251") + PLAIN[2] + "\n" + TAIL
    data = mark.encode("utf-8") + text.encode("cp1251")
    with pytest.raises(Unsupported):
        plain_units(PATH, Excerpt(data, 1, 0), ("ru", "en"))


def test_slices_of_a_file_are_read_by_pattern_as_read_tmx_reads_them(tmp_path: Path) -> None:
    units = [
        f'<tu tuid="t{n}"><prop type="x-document">d{n // 50}</prop>'
        f'<tuv xml:lang="ru"><seg>Предложение {n} &amp; ещё</seg></tuv>\n'
        f'<tuv xml:lang="en"><seg>Sentence {n}</seg></tuv></tu>'
        for n in range(400)
    ]
    path = tmp_path / "t.tmx"
    path.write_text(HEAD + "\n".join(units) + "\n" + TAIL, encoding="utf-8")
    parts = list(cut(path, "ru", "en", size=4096))
    assert len(parts) > 5
    read = [u for part in parts for u in plain_slice(("ru", "en"), part, part.excerpt()) or []]
    assert read == list(read_tmx(path, "ru", "en"))


def test_lines_past_libxml2_s_short_count_are_left_to_the_exact_reader() -> None:
    # libxml2 keeps an element's line in 16 bits and finds a larger one its own way
    text = HEAD + "\n" * 70_000 + PLAIN[2] + "\n" + TAIL
    with pytest.raises(Unsupported):
        plain_units(PATH, Excerpt(text.encode(), 1, 0), ("ru", "en"))


def test_a_slice_of_many_inline_codes_is_left_to_the_tree() -> None:
    plain = PLAIN[2]
    coded = plain.replace("only en</seg>", "only <ph>x</ph> en</seg>")
    many = Excerpt(_document([coded] * 40, ["\n"] * 40, "\n"), 1, 0)
    with pytest.raises(Unsupported):
        plain_units(PATH, many, ("ru", "en"))
    few = Excerpt(_document([plain] * 100 + [coded] * 17, ["\n"] * 117, "\n"), 1, 0)
    assert plain_units(PATH, few, ("ru", "en")) == _exact(few, ("ru", "en"))
