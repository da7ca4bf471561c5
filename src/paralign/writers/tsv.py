"""TSV: `source<TAB>target<TAB>score<TAB>bead` a bead (align), or `source<TAB>target` a
sentence pair (export). Tabs and line breaks inside a text become spaces, so a row stays
one row."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from paralign.model import Bitext
from paralign.pairs import one_line, pair_lines
from paralign.writers._text import sentence_pairs, side, write_lines
from paralign.writers.options import OutputOptions


def _bead_lines(bitexts: Iterable[Bitext]) -> Iterator[str]:
    """Under a header row naming the languages (`ru<TAB>en<TAB>score<TAB>bead`), which
    `tmx import` reads back."""
    for number, bitext in enumerate(bitexts):
        if number == 0:
            yield f"{bitext.src_lang}\t{bitext.tgt_lang}\tscore\tbead\n"
        for link in bitext.links:
            source = one_line(side(bitext.source, link.src))
            target = one_line(side(bitext.target, link.tgt))
            yield f"{source}\t{target}\t{link.score:.3f}\t{link.kind}\n"


def write(bitexts: Iterable[Bitext], stream: IO[bytes], options: OutputOptions) -> None:
    if options.pairs:
        write_lines(pair_lines(sentence_pairs(bitexts), "tsv", "", ""), stream)
    else:
        write_lines(_bead_lines(bitexts), stream)
