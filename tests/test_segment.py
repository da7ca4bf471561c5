"""Segmentation: paralign's rules on hand-made cases, the SRX engine's semantics, its errors,
the lossless property, and the `segment` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from paralign.cli import app
from paralign.model import Block, BlockKind, Document, ParalignError, Span
from paralign.segment import segment_document, segment_spans
from paralign.segment.javaregex import translate
from paralign.segment.srx import Segmenter, anchored, parse_srx
from tests.conftest import ROOT

LT_SRX = ROOT.parent / "shared" / "standards" / "srx" / "languagetool_segment.srx"

# One case a string; `|` marks each break (the whitespace beside it belongs to no sentence).
RU = [
    "15 мая 2026 г. в Туркестане прошёл саммит ОТГ.| Его итоги подвели позже.",
    "Ещё в 1990-х гг. Алма-Ата видела в этом опасность.",
    "В 1992 г. Турция предложила идею.| Её поддержали не все.",
    "Речь о К.-Ж. Токаеве и Р. Т. Эрдогане.| Оба выступили.",
    "Это т. е. главное, т. к. важно.| Далее и т. д.| Потом и т. п.| Конец.",
    "Он жил в XIX в. и умер в г. Москве на ул. Ленина.| Проф. Иванов, им. Ленина, см. ниже.",
    "Ср. с выводом выше.| Др. авторы спорят.",
    "Цена выросла на 2.5 %.| Затем упала.",
    "Он сказал: «Всё кончено.»| Потом ушёл.",
    "— Ты придёшь? — спросил он.| — Приду.",
    "Он спросил «зачем?» и замолчал.",
    "Это „цитата“.| Вторая фраза.",
    "Это „цитата.“| Вторая фраза.",
    "Комментарий Центра АРВАК, 30.05.2026.<sup>1</sup>| Далее текст.",
    "Конец фразы (см. рис. 2).| Новая фраза.",
    "Подробнее на https://example.org/a.html.| Пишите на info@example.org.| Спасибо.",
    "Итог подведён.[1]| Следующее предложение.",
    "1. Введение",
    "Если бы… не тот широко.",
    "Ура!| Мы победили?| Да.",
    "Смешно :)| А теперь серьёзно.",
]
EN = [
    "R. T. Erdoğan met V. Putin.| They talked.",
    "Dr. Smith and Mr. Jones arrived.| Prof. Lee did not.",
    "Use e.g. this or i.e. that, etc. and more.| Then stop.",
    "I live in the U.S.| How about you?",
    "I work for the U.S. Government in Virginia.",
    "See No. 5 and p. 55.| Also vs. the rest.",
    "Acme Inc. was founded in 1990.| It grew.",
    "She paid $2.5 million.| It was a lot.",
    "On May 15, 2026, a summit took place.| It was the 3rd one.",
    "He said, “It is over.”| Then he left.",
    "Visit https://www.example.com/page.html.| Mail jane.doe@example.com.| Thanks.",
    "He left (as planned).| She stayed.",
    "Wait... what?| Nothing.",
    "It ended.[2]| The next one began.",
    "The original (in Rus.) was posted on our website on 30.05.2026.",
    "1. Turkestan summit: the technological dimension of Turkic integration",
]


def cases(lang: str, raw: list[str]) -> list[tuple[str, str, list[str]]]:
    return [(lang, case.replace("|", ""), [p.strip() for p in case.split("|")]) for case in raw]


@pytest.mark.parametrize(("lang", "text", "expected"), cases("ru", RU) + cases("en", EN))
def test_paralign_rules(lang: str, text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b, _ in segment_spans(text, lang)] == expected


TOKENS = [*'аБ aZ.!?…«»“”"()[]-—:;,1)(\n\t\u00a0', "т. е.", "U.S.", "г.", "Mr.", "1.", ":)", "—"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(TOKENS), max_size=60).map("".join),
    st.sampled_from(["ru", "en"]),
)
def test_sentences_cover_the_block_in_order_with_whitespace_between(text: str, lang: str) -> None:
    spans = segment_spans(text, lang)
    position = 0
    for start, end, _ in spans:
        assert position <= start < end <= len(text)
        assert text[position:start].strip() == ""
        assert text[start:end] == text[start:end].strip()
        position = end
    assert text[position:].strip() == ""
    assert "".join("".join(text[a:b].split()) for a, b, _ in spans) == "".join(text.split())


def test_segment_document_offsets_lines_and_spans() -> None:
    block = Block(
        "First one. Second *one*.", BlockKind.PARAGRAPH, 10, 0, (Span(7, 20, "em"),), (11,)
    )
    note = Block("A note.", BlockKind.FOOTNOTE, 40)
    sentences = segment_document(Document("x.md", (block, note)), "en")
    assert [(s.text, s.block, s.start, s.end, s.line, s.kind) for s in sentences] == [
        ("First one.", 0, 0, 10, 10, BlockKind.PARAGRAPH),
        ("Second *one*.", 0, 11, 24, 11, BlockKind.PARAGRAPH),
        ("A note.", 1, 0, 7, 40, BlockKind.FOOTNOTE),
    ]
    assert sentences[0].spans == (Span(7, 10, "em"),)
    assert sentences[1].spans == (Span(0, 9, "em"),)


def srx(
    rules: str,
    maps: str = '<languagemap languagepattern=".*" languagerulename="A"/>',
    cascade: str = "no",
) -> bytes:
    return f"""<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header cascade="{cascade}"/><body><languagerules>{rules}</languagerules>
<maprules>{maps}</maprules></body></srx>""".encode()


def breaks(data: bytes, lang: str, text: str) -> list[int]:
    document = parse_srx(data, "t.srx")
    return [p for p, _ in Segmenter(document.rules_for(lang), "t.srx").breaks(text)]


RULE_A = """<languagerule languagerulename="A">
<rule break="no"><beforebreak>Mr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>"""
RULE_B = """<languagerule languagerulename="B">
<rule break="yes"><beforebreak>,</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>"""


def test_srx_first_match_wins_and_only_earlier_exceptions_count() -> None:
    text = "Hi Mr. Smith. Bye."
    assert breaks(srx(RULE_A), "en", text) == [13]
    later = RULE_A.replace('<rule break="no">', "<!-- x -->\n<rule break='no'>")
    swapped = """<languagerule languagerulename="A">
<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
<rule break="no"><beforebreak>Mr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>"""
    assert breaks(srx(later), "en", text) == [13]
    assert breaks(srx(swapped), "en", text) == [6, 13]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("^a", True),
        ("^(?:a|b)c", True),
        ("^[|]x", True),
        ("^\\|x", True),  # an escaped bar
        ("^a|b", False),  # b matches anywhere
        ("a^", False),
        ("(?m)^a", False),
        ("^(?im)a", False),  # ^ after every newline
    ],
)
def test_anchored_only_when_every_match_starts_the_text(pattern: str, expected: bool) -> None:
    assert anchored(pattern) is expected


def test_a_rule_anchored_at_the_start_breaks_there_only_even_after_a_cut() -> None:
    # The ^ rule is tried once, not scanned: a break earlier in the text (the cut that makes
    # the other rules look again from it) must not let it match later.
    rules = """<languagerule languagerulename="A">
<rule break="yes"><beforebreak>^\\w+</beforebreak><afterbreak>\\s</afterbreak></rule>
<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>"""
    assert breaks(srx(rules), "en", "Title one. Two three. Four") == [5, 10, 21]
    assert breaks(srx(rules), "en", " Title one. Two") == [11]


def test_srx_maprules_first_match_or_cascade() -> None:
    maps = (
        '<languagemap languagepattern="en.*" languagerulename="B"/>'
        '<languagemap languagepattern=".*" languagerulename="A"/>'
    )
    text = "One, two. Three"
    assert breaks(srx(RULE_A + RULE_B, maps), "en", text) == [4]
    assert breaks(srx(RULE_A + RULE_B, maps, "yes"), "en", text) == [4, 9]
    assert breaks(srx(RULE_A + RULE_B, maps, "yes"), "ru", text) == [9]


def test_java_regex_translation() -> None:
    assert translate(r"\p{javaLowerCase}\h\Qa.b\E\z") == r"\p{Ll}\p{H}a\.b\Z"
    assert translate(r"(?U)[\p{L}&&[^x]]++") == r"[\p{L}&&[^x]]++"
    rules = """<languagerule languagerulename="A">
<rule break="yes"><beforebreak>\\p{javaLowerCase}++\\.</beforebreak>
<afterbreak>\\h\\p{Lu}</afterbreak></rule></languagerule>"""
    assert breaks(srx(rules), "en", "abc. Def. ghi") == [4]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<srx", "not XML"),
        (b'<srx xmlns="http://www.lisa.org/srx10" version="1.0"/>', "not SRX 2.0"),
        (srx(RULE_A.replace("Mr\\.", "Mr(")), "rule A #1: invalid regex"),
        (srx(RULE_A, '<languagemap languagepattern=".*" languagerulename="Z"/>'), "names no"),
        (b'<?xml version="1.0"?><!DOCTYPE srx [<!ENTITY a "aaaa">]><srx/>', "XML entity"),
        (srx(RULE_A, '<languagemap languagepattern="xx" languagerulename="A"/>'), "no languagemap"),
        (srx(RULE_A.replace("Mr\\.", "(M)\\1r\\.")), "rule A #1: backreferences"),
    ],
    ids=["not-xml", "srx-1", "bad-regex", "missing-rule", "entity", "no-map-for-lang", "backref"],
)
def test_bad_srx_files_get_one_line_naming_the_problem(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "bad.srx"
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["segment", str(write_en(tmp_path)), "--rules", str(path)])
    assert result.exit_code == 2
    assert message in result.output and "bad.srx" in result.output


def test_catastrophic_rule_meets_the_time_limit_and_is_named() -> None:
    rules = """<languagerule languagerulename="Slow">
<!-- nested quantifiers -->
<rule break="yes"><beforebreak>(a|aa)+b</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>"""
    maps = '<languagemap languagepattern=".*" languagerulename="Slow"/>'
    document = parse_srx(srx(rules, maps), "s")
    segmenter = Segmenter(document.rules_for("en"), "s.srx")
    with pytest.raises(
        ParalignError, match=r"s.srx: rule Slow #1 \(nested quantifiers\).*time limit"
    ):
        # the text holds a `b`: without one the rule cannot match and is not run at all
        segmenter.breaks("a" * 60 + "c b", limit=0.2)
    assert segmenter.breaks("a" * 60 + "c", limit=0.2) == []


def write_en(tmp_path: Path) -> Path:
    path = tmp_path / "doc.md"
    path.write_text(
        "# A title\n\nDr. Smith came. He left.\n\n- Item one. Item two.\n", encoding="utf-8"
    )
    return path


def test_cli_text_output_blank_line_between_blocks(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["segment", str(write_en(tmp_path))])
    assert result.exit_code == 0, result.output
    assert result.output == "A title\n\nDr. Smith came.\nHe left.\n\nItem one.\nItem two.\n"


def test_cli_jsonl_and_explain(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["segment", str(write_en(tmp_path)), "--jsonl", "--explain"])
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records[1] == {
        "block": 1,
        "kind": "paragraph",
        "line": 3,
        "start": 0,
        "end": 15,
        "text": "Dr. Smith came.",
        "rule": records[1]["rule"],
    }
    assert records[1]["rule"].startswith("Common breaks")
    assert records[2]["rule"] == "end of block"
    kinds = ["heading", "paragraph", "paragraph", "list_item", "list_item"]
    assert [r["kind"] for r in records] == kinds


def test_cli_guesses_russian_from_the_script(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text("Это т. е. важно. Далее.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["segment", str(path)])
    assert result.output == "Это т. е. важно.\nДалее.\n"


@pytest.mark.skipif(not LT_SRX.exists(), reason="../shared/standards is not present")
def test_cli_rules_option_uses_another_srx_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Hello world. My name is Jonas.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["segment", str(path), "--rules", str(LT_SRX), "--explain"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Hello world.\t# English #")


def test_cli_names_file_line_and_rule_of_a_runaway_rule(tmp_path: Path, monkeypatch) -> None:
    import paralign.segment.srx as srx_module

    monkeypatch.setattr(srx_module, "TIME_LIMIT_BASE", 0.2)
    rules = tmp_path / "slow.srx"
    rules.write_bytes(
        srx(
            """<languagerule languagerulename="Slow">
<rule break="yes"><beforebreak>(a|aa)+b</beforebreak><afterbreak>\\s</afterbreak></rule>
</languagerule>""",
            '<languagemap languagepattern=".*" languagerulename="Slow"/>',
        )
    )
    text = tmp_path / "a.txt"
    text.write_text("Fine.\n\n" + "a" * 60 + "c b\n", encoding="utf-8")  # b: the rule runs
    result = CliRunner().invoke(app, ["segment", str(text), "--rules", str(rules)])
    assert result.exit_code == 2
    assert f"{text}:3: {rules}: rule Slow #1 ran past the time limit" in result.output


LINES = [
    "",
    "  ",
    "It was a",
    "long day.",
    "Dr. Smith came. He left.",
    "geo-",
    "political",
    "---",
    "<sup>1</sup> A note.",
    "Т. е. так. Да!",
    "1. Item",
    "«Цитата.» Далее",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14).map("\n".join), st.booleans())
def test_documents_sentences_point_into_their_blocks(source: str, repair: bool) -> None:
    from paralign.read.repair import footnotes_last, repair_blocks
    from paralign.read.text import parse_txt

    blocks = parse_txt(source)
    blocks = footnotes_last(repair_blocks(blocks) if repair else blocks)
    document = Document("x.txt", blocks)
    lines = source.count("\n") + 1
    sentences = segment_document(document, "ru")
    for sentence in sentences:
        block = blocks[sentence.block]
        assert sentence.text == block.text[sentence.start : sentence.end]
        assert sentence.text.strip() == sentence.text != ""
        assert 1 <= sentence.line <= lines
    # and nothing is lost: the sentences hold every block's text, in order, but whitespace
    squeezed = "".join("".join(s.text.split()) for s in sentences)
    assert squeezed == "".join("".join(b.text.split()) for b in blocks)
