"""PDF-damage repair, each rule on the shapes the ARVAK English text really has."""

from __future__ import annotations

from pathlib import Path

from paralign.model import Block, BlockKind
from paralign.read import read_document
from paralign.read.markdown import parse_markdown
from paralign.read.repair import footnotes_last, join_blocks, repair_blocks
from paralign.read.text import parse_txt
from tests.conftest import STEM, TEXTS


def texts(blocks: tuple[Block, ...]) -> list[str]:
    return [b.text for b in blocks]


def test_cut_paragraph_continued_in_lower_case_is_rejoined() -> None:
    blocks = parse_txt("Alma-Ata saw the danger. At the\n\nsecond Istanbul Summit, it spoke.\n")
    assert texts(repair_blocks(blocks)) == [
        "Alma-Ata saw the danger. At the second Istanbul Summit, it spoke."
    ]


def test_cut_after_a_function_word_continues_in_upper_case() -> None:
    blocks = parse_txt("Only problems. A notable step by the\n\nRussian president may.\n")
    assert texts(repair_blocks(blocks)) == [
        "Only problems. A notable step by the Russian president may."
    ]


def test_cut_long_paragraph_continued_by_a_quoted_name() -> None:
    first = "On October 3, 2009, an agreement on the creation of the international organization"
    blocks = parse_txt(f"{first}\n\n“Turkic Council” was signed in Nakhchivan.\n")
    assert texts(repair_blocks(blocks)) == [f"{first} “Turkic Council” was signed in Nakhchivan."]


def test_footnote_and_rule_fallen_into_a_sentence_are_lifted_out() -> None:
    source = (
        "Experts suggest a significant diplomatic\n\n---\n\n"
        "<sup>1</sup> The original was posted on 30.05.2026.\n\n"
        "effect for the event. A meeting followed.\n\nNext paragraph.\n"
    )
    for blocks in (parse_markdown(source), parse_txt(source)):
        repaired = footnotes_last(repair_blocks(blocks))
        assert texts(repaired) == [
            "Experts suggest a significant diplomatic effect for the event. A meeting followed.",
            "Next paragraph.",
            "The original was posted on 30.05.2026.",
        ]
        assert repaired[-1].kind is BlockKind.FOOTNOTE


def test_never_joins_after_terminal_punctuation() -> None:
    for end in '.!?…;:)»”"':
        blocks = parse_txt(f"It ends here{end}\n\nand this starts in lower case.\n")
        assert len(repair_blocks(blocks)) == 2, end


def test_labels_and_headings_are_not_joined() -> None:
    blocks = parse_markdown(
        "*Abstract*\n\n*ARVAK analyzes the results.*\n\n## Title\n\nbody text.\n"
    )
    assert len(repair_blocks(blocks)) == 4
    short = parse_txt("Abstract\n\nARVAK analyzes the results.\n")
    assert len(repair_blocks(short)) == 2


def test_hyphenation_undone_for_words_kept_for_real_compounds() -> None:
    soft = parse_txt("The Kazakh elites feared a geo-\n\npolitical alliance.\n")
    assert texts(repair_blocks(soft)) == ["The Kazakh elites feared a geopolitical alliance."]
    real = parse_txt("Turkey promoted Pan-\n\nTurkism among elites.\n")
    assert texts(repair_blocks(real)) == ["Turkey promoted Pan-Turkism among elites."]
    known = parse_txt("A well-known case.\n\nIt was well-\n\nknown then.\n")
    assert texts(repair_blocks(known))[-1] == "It was well-known then."


def test_join_keeps_spans_and_source_lines() -> None:
    first = Block("A significant diplomatic", line=23, spans=())
    second = Block("effect for the *event*.", line=29, line_starts=(7,))
    joined = join_blocks(first, second)
    assert joined.text == "A significant diplomatic effect for the *event*."
    assert joined.line_at(0) == 23
    assert joined.line_at(joined.text.index("effect")) == 29
    assert joined.line_at(joined.text.index("the")) == 30


def test_no_repair_keeps_the_damage() -> None:
    path = TEXTS / "en" / f"{STEM}.md"
    repaired = read_document(path)
    raw = read_document(path, repair=False)
    assert len(raw.blocks) == len(repaired.blocks) + 5
    assert any(b.text.endswith("a significant diplomatic") for b in raw.blocks)
    assert raw.blocks[-1].kind is BlockKind.FOOTNOTE


def test_corpus_english_is_repaired_at_every_page_break(tmp_path: Path) -> None:
    document = read_document(TEXTS / "en" / f"{STEM}.md")
    body = " ".join(b.text for b in document.blocks)
    for seam in (
        "a significant diplomatic effect for the event.",
        "the international organization “Turkic Council” was signed",
        "At the second Istanbul Summit",
        "broad historical and cultural layers that allegedly",
        "A notable step by the Russian president",
    ):
        assert seam in body, seam
    assert "---" not in body
    assert document.blocks[-1].kind is BlockKind.FOOTNOTE
    assert document.blocks[-1].text.startswith("The original (in Rus.)")


def test_hyphenation_at_a_line_end_inside_a_paragraph() -> None:
    source = "Astana feared a geo-\npolitical bloc of Pan-\nTurkism with\nwell-\nknown aims.\n"
    blocks = parse_txt(source + "\nIts well-known aims.\n")
    block = repair_blocks(blocks)[0]
    assert block.text == "Astana feared a geopolitical bloc of Pan-Turkism with well-known aims."
    assert block.line_at(block.text.index("geo")) == 1
    assert block.line_at(block.text.index("political")) == 2
    assert block.line_at(block.text.index("bloc")) == 2
    assert block.line_at(block.text.index("Turkism")) == 3
    assert block.line_at(block.text.index("aims")) == 5


def test_hyphen_with_spaces_is_a_dash_and_stays() -> None:
    blocks = parse_txt("The bloc -\nan alliance - grew.\n")
    assert texts(repair_blocks(blocks)) == ["The bloc - an alliance - grew."]


def test_long_line_without_a_stop_before_a_capital_is_not_joined() -> None:
    caption = "Figure 1 shows the distribution of values across all the regions of the country"
    blocks = parse_txt(f"{caption}\n\nThe next paragraph starts here.\n")
    assert len(repair_blocks(blocks)) == 2
