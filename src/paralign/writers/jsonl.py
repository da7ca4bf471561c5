"""JSON lines: per bead, document, sentence ids, bead type, score and both texts (align);
per sentence pair, `{"tuid", <src>: …, <tgt>: …}` (export)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

from paralign.model import Bitext
from paralign.pairs import pair_lines
from paralign.writers._text import sentence_pairs, side, write_lines
from paralign.writers.options import OutputOptions


def _bead_lines(bitexts: Iterable[Bitext]) -> Iterator[str]:
    for bitext in bitexts:
        for link in bitext.links:
            record = {
                "document": bitext.name,
                "src": list(link.src),
                "tgt": list(link.tgt),
                "bead": link.kind,
                "score": round(link.score, 3),
                "source": side(bitext.source, link.src),
                "target": side(bitext.target, link.tgt),
            }
            yield json.dumps(record, ensure_ascii=False) + "\n"


def _pair_lines(bitexts: Iterable[Bitext], options: OutputOptions) -> Iterator[str]:
    for bitext in bitexts:
        src = options.src_lang or bitext.src_lang
        tgt = options.tgt_lang or bitext.tgt_lang
        yield from pair_lines(sentence_pairs([bitext]), "jsonl", src, tgt)


def write(bitexts: Iterable[Bitext], stream: IO[bytes], options: OutputOptions) -> None:
    lines = _pair_lines(bitexts, options) if options.pairs else _bead_lines(bitexts)
    write_lines(lines, stream)
