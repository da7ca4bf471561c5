"""TMX to and from sentence-pair files (`paralign.pairs`: TSV, CSV, JSON lines)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from paralign.files import atomic_output
from paralign.model import ParalignError
from paralign.pairs import import_pairs, pair_lines
from paralign.tmx.inline import XML_LANG
from paralign.tmx.views import export_rows
from paralign.tmx.write import TmxOptions, header_attributes, tmx_date, write_elements
from paralign.urls import Location
from paralign.xmlsafe import forbidden_char

if TYPE_CHECKING:
    from lxml import etree


def import_tmx(
    source: Path, out: Path, src_lang: str, tgt_lang: str, options: TmxOptions | None = None
) -> int:
    """A TSV/CSV of sentence pairs as TMX 1.4b: `tuid` `<stem>-<line>`, prop x-document."""
    from lxml import etree

    count = [0]

    def units() -> Iterator[etree._Element]:
        for line, src, tgt in import_pairs(source, (src_lang, tgt_lang)):
            tu = etree.Element("tu", tuid=f"{source.stem}-{line}")
            etree.SubElement(tu, "prop", type="x-document").text = source.stem
            for lang, text in ((src_lang, src), (tgt_lang, tgt)):
                bad = forbidden_char(text)
                if bad:
                    raise ParalignError(f"{source}:{line}: contains {bad}, which XML 1.0 forbids")
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = text
            count[0] += 1
            yield tu

    with atomic_output(out, "wb") as stream:
        write_elements(
            units(),
            stream,
            header_attributes(src_lang, tmx_date(options)),
            options.header_props if options else (),
        )
    return count[0]


def export_lines(
    path: Location, fmt: str, src_lang: str, tgt_lang: str, keep_inline: bool = False
) -> Iterator[str]:
    """The TUs holding both languages as pair lines (`paralign.pairs.pair_lines`)."""
    return pair_lines(export_rows(path, src_lang, tgt_lang, keep_inline), fmt, src_lang, tgt_lang)
