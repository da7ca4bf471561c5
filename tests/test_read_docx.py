"""The .docx reader on files python-docx writes, plus the hostile ones."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from paralign.model import BlockKind, ParalignError, Span
from paralign.read import read_document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {W}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r>
<w:t>The original (in Rus.) was posted on 30.05.2026.</w:t></w:r></w:p>
</w:footnote></w:footnotes>"""
REL = (
    '<Relationship Id="rIdNotes" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
    'Target="footnotes.xml"/>'
)
OVERRIDE = (
    '<Override PartName="/word/footnotes.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
)


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("OTS summit in Turkestan", level=2)
    paragraph = document.add_paragraph("Dr. Smith came. ")
    paragraph.add_run("He").bold = True
    paragraph.add_run(" left.")
    document.add_paragraph("An item.", style="List Bullet")
    document.add_paragraph("A quotation.", style="Quote")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell one."
    table.cell(0, 1).text = "Cell two."
    plain = path.with_suffix(".plain.docx")
    document.save(str(plain))
    # python-docx cannot add a footnote: put the part in as Word would.
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", REL.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", OVERRIDE.encode() + b"</Types>")
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", FOOTNOTES)
    return path


def test_docx_structure_spans_tables_and_footnotes(tmp_path: Path) -> None:
    document = read_document(make_docx(tmp_path / "a.docx"))
    got = [(b.kind, b.text, b.level) for b in document.blocks]
    assert got == [
        (BlockKind.HEADING, "OTS summit in Turkestan", 2),
        (BlockKind.PARAGRAPH, "Dr. Smith came. He left.", 0),
        (BlockKind.LIST_ITEM, "An item.", 0),
        (BlockKind.QUOTE, "A quotation.", 0),
        (BlockKind.TABLE_CELL, "Cell one.", 0),
        (BlockKind.TABLE_CELL, "Cell two.", 0),
        (BlockKind.FOOTNOTE, "The original (in Rus.) was posted on 30.05.2026.", 0),
    ]
    assert document.blocks[1].spans == (Span(16, 18, "strong"),)
    assert [b.line for b in document.blocks[:4]] == [1, 2, 3, 4]


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("PK but not really a zip", encoding="utf-8")
    with pytest.raises(ParalignError, match=r"fake\.docx: not a \.docx"):
        read_document(path)


def test_zip_without_a_document_part(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ParalignError, match=r"no word/document\.xml"):
        read_document(path)


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * 40_000_000)
    assert path.stat().st_size < 200_000
    with pytest.raises(ParalignError, match="zip bomb"):
        read_document(path)


def test_damaged_document_xml_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    make_docx(tmp_path / "good.docx")
    with zipfile.ZipFile(tmp_path / "good.docx") as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    with pytest.raises(ParalignError, match=r"broken\.docx"):
        read_document(path)
