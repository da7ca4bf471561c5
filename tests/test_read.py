"""Readers: structure, spans and lines from real files; encodings; every bad-input case."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

import pytest

from paralign.model import BlockKind, Note, ParalignError, Span
from paralign.read import format_of, read_blocks, read_document, read_presegmented
from tests.conftest import STEM, TEXTS, run_paralign

MD = """# Title with *emphasis*

**Comment, 30.05.2026<sup>1</sup>**

A paragraph that runs
over two lines.[^note]

- first item
- second item

> A quoted line.

| Head | Other |
| --- | --- |
| cell one | cell two |

<sup>1</sup> The note on the comment.

[^note]: The markdown-it footnote.
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_markdown_blocks_kinds_lines_and_footnotes_last(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "a.md", MD))
    got = [(b.kind, b.text, b.line) for b in document.blocks]
    assert got == [
        (BlockKind.HEADING, "Title with emphasis", 1),
        (BlockKind.PARAGRAPH, "Comment, 30.05.2026", 3),
        (BlockKind.PARAGRAPH, "A paragraph that runs over two lines.", 5),
        (BlockKind.LIST_ITEM, "first item", 8),
        (BlockKind.LIST_ITEM, "second item", 9),
        (BlockKind.QUOTE, "A quoted line.", 11),
        (BlockKind.TABLE_CELL, "Head", 13),
        (BlockKind.TABLE_CELL, "Other", 13),
        (BlockKind.TABLE_CELL, "cell one", 15),
        (BlockKind.TABLE_CELL, "cell two", 15),
        (BlockKind.FOOTNOTE, "The note on the comment.", 17),
        (BlockKind.FOOTNOTE, "The markdown-it footnote.", 19),
    ]
    heading, comment, paragraph = document.blocks[:3]
    assert heading.level == 1 and heading.spans == (Span(11, 19, "em"),)
    # the footnote marker is no text, but a Note where it stood (with the
    # space the trimmed block lost, in the note's own paragraph), for the bilingual writers
    assert comment.spans == (Span(0, 19, "strong"), Note(19, 19, label="1"))
    assert document.blocks[-2].spans == (Note(0, 0, label="1 "),)
    # the second source line starts at "over": offsets map back to editor lines
    assert paragraph.line_at(0) == 5 and paragraph.line_at(paragraph.text.index("over")) == 6


def test_txt_paragraphs_lines_and_line_paragraphs(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "One line\nand its second.\n\n\nNext paragraph.\n")
    blocks = read_blocks(path)
    assert [(b.text, b.line) for b in blocks] == [
        ("One line and its second.", 1),
        ("Next paragraph.", 5),
    ]
    assert blocks[0].line_at(9) == 2
    lines = read_blocks(path, line_paragraphs=True)
    assert [b.text for b in lines] == ["One line", "and its second.", "Next paragraph."]


def test_unknown_extension_reads_as_text_and_format_overrides(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.log", "# not a heading\n")
    assert format_of(path) == "txt"
    assert read_blocks(path)[0].text == "# not a heading"
    assert read_blocks(path, "md")[0].kind is BlockKind.HEADING
    with pytest.raises(ParalignError, match="unknown format"):
        read_blocks(path, "pdf")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Привет, мир.".encode(),
        "Привет, мир.".encode("utf-16"),
        codecs.BOM_UTF16_BE + "Привет, мир.".encode("utf-16-be"),
    ],
    ids=["utf8-bom", "utf16-le", "utf16-be"],
)
def test_txt_encodings_with_a_bom(tmp_path: Path, data: bytes) -> None:
    assert read_blocks(write(tmp_path, "a.txt", data))[0].text == "Привет, мир."


def test_txt_cp1251_is_read_with_a_warning(tmp_path: Path, caplog) -> None:
    path = write(tmp_path, "a.txt", "Организация тюркских государств.".encode("cp1251"))
    with caplog.at_level(logging.WARNING, logger="paralign"):
        assert read_blocks(path)[0].text == "Организация тюркских государств."
    assert "cp1251" in caplog.text


def test_latin1_is_not_mistaken_for_cp1251(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Le café est très naïf à côté.".encode("latin-1"))
    with pytest.raises(ParalignError, match=r"not UTF-8: invalid byte 0xe9 at offset 6"):
        read_blocks(path)


def test_presegmented_keeps_every_line_as_an_id(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "First. Still first.\n\nThird\r\n")
    sentences = read_presegmented(path)
    assert [(s.text, s.line, s.block) for s in sentences] == [
        ("First. Still first.", 1, 0),
        ("", 2, 0),
        ("Third", 3, 0),
    ]


def test_presegmented_gold_has_one_sentence_a_line() -> None:
    gold = TEXTS / "gold" / f"{STEM}.en.sents"
    assert len(read_presegmented(gold)) == len(gold.read_text(encoding="utf-8").splitlines())


HTML = b"""<!doctype html><html><head><title>Not text</title>
<style>p { color: red }</style><script>var s = "Not. Text.";</script></head>
<body><nav><a href="/">Home. Menu.</a></nav>
<h2>The <em>heading</em></h2>
<p>First sentence.<sup><a href="#fn1">1</a></sup> Second
   one<br>goes on. <strong>Bold</strong> end.</p>
<ul><li>Item.</li></ul>
<table><tr><td>Cell.</td></tr></table>
<blockquote>Quoted.</blockquote>
<div class="footnotes"><p id="fn1">The note.</p></div>
<p>After the notes.</p>
</body></html>"""


def test_html_blocks_skip_script_style_nav_and_keep_spans(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "a.html", HTML))
    got = [(b.kind, b.text) for b in document.blocks]
    assert got == [
        (BlockKind.HEADING, "The heading"),
        (BlockKind.PARAGRAPH, "First sentence. Second one goes on. Bold end."),
        (BlockKind.LIST_ITEM, "Item."),
        (BlockKind.TABLE_CELL, "Cell."),
        (BlockKind.QUOTE, "Quoted."),
        (BlockKind.PARAGRAPH, "After the notes."),
        (BlockKind.FOOTNOTE, "The note."),
    ]
    assert document.blocks[0].level == 2
    assert Span(36, 40, "strong") in document.blocks[1].spans


def test_html_of_50_mb_on_one_line_is_read(tmp_path: Path) -> None:
    # one line, 50 MB, a tag every 4 KB or so: the reader must stay linear
    chunk = b"<b>Word</b> and more words in a sentence. " + b"Plain words in a sentence. " * 150
    path = write(tmp_path, "big.html", b"<p>" + chunk * (50_000_000 // len(chunk)) + b"</p>")
    blocks = read_blocks(path)
    assert len(blocks) == 1 and blocks[0].text.startswith("Word and more words")


BAD = {
    "missing": (None, "no such file"),
    "directory": ("DIR", "is a directory"),
    "empty": (b"", "empty file"),
    "blank": (b"  \n\n ", "empty file"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    "not-utf8": (b"caf\xe9 \xff", "not UTF-8: invalid byte 0xe9 at offset 3"),
}


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, kind: str, suffix: str) -> None:
    content, message = BAD[kind]
    path = tmp_path / f"bad{suffix}"
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ParalignError) as error:
        read_document(path)
    assert str(path) in str(error.value) and message in str(error.value)
    assert "\n" not in str(error.value)


def test_cli_bad_input_exit_2_without_traceback(tmp_path: Path) -> None:
    result = run_paralign("segment", tmp_path / "nope.md")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr


def test_markdown_raw_html_block_is_read_as_html(tmp_path: Path) -> None:
    source = "# T\n\n<div>\n<p>Raw <b>HTML</b> text.</p>\n</div>\n\n<!-- note -->\n\nAfter.\n"
    blocks = read_blocks(write(tmp_path, "a.md", source))
    assert [(b.text, b.line) for b in blocks] == [("T", 1), ("Raw HTML text.", 4), ("After.", 9)]
    assert blocks[1].spans == (Span(4, 8, "strong"),)


def test_footnote_markers_are_kept_aside_as_note_spans_of_one_sentence(tmp_path: Path) -> None:
    from paralign.segment import segment_document

    html = "<p><strong>Comment<sup>1</sup></strong></p><p><sup>2</sup> The note.</p>"
    blocks = read_blocks(write(tmp_path, "a.html", html))
    assert [(b.text, b.spans) for b in blocks] == [
        ("Comment", (Span(0, 7, "strong"), Note(7, 7, label="1"))),
        ("The note.", (Note(0, 0, label="2 "),)),
    ]
    md = "First.<sup>3</sup> Second. <sup>4</sup>Third. Fourth <sup>5</sup> five.\n"
    document = read_document(write(tmp_path, "b.md", md))
    sentences = segment_document(document, "en")
    # each marker in exactly one sentence: the one it follows, or the one it opens
    assert [(s.text, [(n.start, n.label) for n in s.spans]) for s in sentences] == [
        ("First.", [(6, "3")]),
        ("Second.", []),
        ("Third.", [(0, "4")]),
        ("Fourth  five.", [(7, "5")]),
    ]
