"""TMX reading: streaming units, language matching, inline codes, Bitexts, hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest

from paralign.model import ParalignError
from paralign.tmx import (
    canonical_lang,
    is_bcp47,
    lang_matches,
    read_tmx,
    tmx_to_bitexts,
)

HEADER = (
    '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
    'adminlang="en" srclang="{src}" datatype="plaintext"/>'
)


def tmx(tmp_path: Path, body: str, src: str = "ru", name: str = "t.tmx", head: str = "") -> Path:
    path = tmp_path / name
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'{head}<tmx version="1.4">\n{HEADER.format(src=src)}\n<body>\n{body}\n</body>\n</tmx>\n',
        encoding="utf-8",
    )
    return path


def tu(ru: str, en: str, extra: str = "", tuid: str = "") -> str:
    attr = f' tuid="{tuid}"' if tuid else ""
    return (
        f'<tu{attr}>{extra}<tuv xml:lang="ru"><seg>{ru}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'
    )


def test_units_carry_position_line_props_and_notes(tmp_path: Path) -> None:
    body = "\n".join(
        [
            tu("Один.", "One.", '<note>checked</note><prop type="x-document">a</prop>', "a-1"),
            "",
            tu("Два.", "Two."),
        ]
    )
    units = list(read_tmx(tmx(tmp_path, body), "ru", "en"))
    assert [(u.tuid, u.position, u.line, u.key) for u in units] == [
        ("a-1", 1, 5, "a-1"),
        ("", 2, 7, "2"),
    ]
    assert units[0].variants == {"ru": "Один.", "en": "One."}
    assert units[0].props == (("x-document", "a"),) and units[0].notes == ("checked",)
    assert units[0].prop("x-document") == "a" and units[1].prop("x-document", "-") == "-"


def test_inline_codes_dropped_hi_text_kept_or_kept_on_request(tmp_path: Path) -> None:
    seg = (
        'Это <bpt i="1" x="1">&lt;b&gt;</bpt>важно<ept i="1">&lt;/b&gt;</ept>'
        '<ph x="2">{1}</ph>, <hi type="x">очень</hi>.'
    )
    path = tmx(tmp_path, tu(seg, 'It <it pos="begin">&lt;i&gt;</it>matters.'))
    (unit,) = read_tmx(path, "ru", "en")
    assert unit.variants == {"ru": "Это важно, очень.", "en": "It matters."}
    (raw,) = read_tmx(path, "ru", "en", keep_inline=True)
    assert raw.variants["ru"].startswith('Это <bpt i="1" x="1">&lt;b&gt;</bpt>важно')


def test_region_and_case_variants_match_requested_codes(tmp_path: Path) -> None:
    body = (
        '<tu><tuv xml:lang="RU-RU"><seg>Да</seg></tuv><tuv lang="en_US"><seg>Yes</seg></tuv></tu>'
    )
    (unit,) = read_tmx(tmx(tmp_path, body, src="RU-RU"), "ru", "en")
    assert unit.variants == {"ru": "Да", "en": "Yes"}
    assert lang_matches("en-GB", "en") and not lang_matches("en-GB", "en-US")
    assert canonical_lang("sr_latn_rs") == "sr-Latn-RS" and canonical_lang("EN-us") == "en-US"
    assert is_bcp47("ru-RU") and is_bcp47("zh-Hant-TW") and not is_bcp47("russian!")


def test_bitexts_group_by_document_with_tmx_lines(tmp_path: Path) -> None:
    body = "\n".join(
        [
            tu("А.", "A.", '<prop type="x-document">one</prop><prop type="x-score">0.25</prop>'),
            tu("Б.", "B.", '<prop type="x-document">two</prop>'),
            '<tu><prop type="x-document">one</prop><tuv xml:lang="en"><seg>C.</seg></tuv></tu>',
        ]
    )
    one, two = tmx_to_bitexts(tmx(tmp_path, body))
    assert (one.name, one.src_lang, one.tgt_lang) == ("one", "ru", "en")
    assert [s.text for s in one.source] == ["А."] and [s.text for s in one.target] == ["A.", "C."]
    assert [(lk.src, lk.tgt, lk.score) for lk in one.links] == [((0,), (0,), 0.25), ((), (1,), 1.0)]
    assert [s.line for s in one.target] == [5, 7]
    assert two.source[0].line == 6


def test_target_language_inferred_or_ambiguous(tmp_path: Path) -> None:
    path = tmx(tmp_path, tu("А", "A") + '<tu><tuv xml:lang="de"><seg>X</seg></tuv></tu>')
    with pytest.raises(ParalignError, match="cannot tell the target language"):
        tmx_to_bitexts(path)
    assert tmx_to_bitexts(tmx(tmp_path, tu("А", "A"), name="ok.tmx"))[0].tgt_lang == "en"


def test_doctype_line_is_read_past_without_fetching(tmp_path: Path) -> None:
    # the SYSTEM id points nowhere: loading it would fail, so success proves no fetch
    head = '<!DOCTYPE tmx SYSTEM "http://unreachable.invalid/tmx14.dtd">\n'
    (unit,) = read_tmx(tmx(tmp_path, tu("Да", "Yes"), head=head), "ru", "en")
    assert unit.variants["en"] == "Yes"


BOMB = """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&e;&e;&e;&e;&e;&e;&e;</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BOMB, "declares the entity 'a'"),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;'
            "</seg></tuv></tu></body></tmx>",
            "declares the entity 'x'",
        ),
        (
            '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>cut',
            r"bad\.tmx:1: not well-formed XML",
        ),
        (
            '<tmx version="1.4"><header srclang="ru"/><body>\n<tu><tuv><seg>x</seg></tuv></tu>'
            "</body></tmx>",
            r"bad\.tmx:2: <tuv> without xml:lang or lang",
        ),
        (
            '<tmx version="1.4"><header srclang="ru"/><body>\n\n'
            + tu("а", "b").replace('lang="en"', 'lang="de"')
            + "</body></tmx>",
            r"bad\.tmx:3: TU 1 has language 'de', neither source 'ru' nor target 'en'",
        ),
        ("<tbx><text/></tbx>", r"bad\.tmx: not a TMX file"),
        ("", r"bad\.tmx: empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"bad\.tmx: binary file \(NUL byte at offset 8\)"),
        (
            '<?xml version="1.0"?><tmx version="1.4"><body>ОТГ</body></tmx>'.encode("cp1251"),
            r"bad\.tmx:1: not UTF-8: invalid byte 0xce at offset 46",
        ),
    ],
    ids=[
        "billion-laughs",
        "xxe",
        "truncated",
        "tuv-no-lang",
        "third-language",
        "not-tmx",
        "empty",
        "binary",
        "cp1251",
    ],
)
def test_hostile_and_broken_files_are_one_line_errors(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.tmx"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(ParalignError, match=message) as error:
        list(read_tmx(path, "ru", "en"))
    assert "\n" not in str(error.value)


def test_bitexts_keep_tuids_and_a_rewrite_keeps_them(tmp_path: Path) -> None:
    from paralign.tmx import TmxOptions, write_tmx

    path = tmx(tmp_path, tu("А.", "A.", tuid="memo-17") + tu("Б.", "B."))
    bitexts = tmx_to_bitexts(path)
    assert [link.tuid for link in bitexts[0].links] == ["memo-17", "2"]
    out = tmp_path / "again.tmx"
    write_tmx(bitexts, out, TmxOptions(creation_date="20260101T000000Z"))
    assert [u.tuid for u in read_tmx(out, "ru", "en")] == ["memo-17", "2"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_entity_used_before_any_streamed_element_is_refused_first(
    tmp_path: Path, encoding: str
) -> None:
    """The reference sits in the header, which the TBX reader never streams: the DOCTYPE is
    refused from the file's head before libxml2 parses that far."""
    from paralign.tbx import read_tbx

    bomb = BOMB.replace('<header srclang="en"/>', '<header srclang="en"><note>&e;</note></header>')
    path = tmp_path / "bomb.tbx"
    path.write_bytes(bomb.replace('<?xml version="1.0"?>', "").encode(encoding))
    with pytest.raises(ParalignError, match="declares the entity 'a'"):
        read_tbx(path)
    with pytest.raises(ParalignError, match="declares the entity 'a'"):
        list(read_tmx(path))


def test_sentence_init_takes_its_fields_defaults_and_stays_frozen() -> None:
    """Sentence has a hand-written __init__ (faster than dataclasses'): its parameters must
    be the fields, in order, with the fields' defaults, and the instance stays frozen."""
    import dataclasses
    import inspect

    from paralign.model import Sentence

    parameters = list(inspect.signature(Sentence).parameters.values())
    fields = dataclasses.fields(Sentence)
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, field in zip(parameters, fields, strict=True):
        expected = (
            inspect.Parameter.empty if field.default is dataclasses.MISSING else field.default
        )
        assert parameter.default == expected, field.name
    sentence = Sentence("Текст.", 2, 5, 11, line=7)
    assert (sentence.text, sentence.block, sentence.start, sentence.end, sentence.line) == (
        "Текст.",
        2,
        5,
        11,
        7,
    )
    assert sentence == dataclasses.replace(sentence) and hash(sentence) == hash(
        Sentence("Текст.", 2, 5, 11, line=7)
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(sentence, "text", "other")  # noqa: B010 (the frozen guard is what is tested)
