"""CSV of sentence pairs, a header row naming the two languages (`ru,en`)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import IO

from paralign.model import Bitext
from paralign.pairs import pair_lines
from paralign.writers._text import sentence_pairs, write_lines
from paralign.writers.options import OutputOptions


def write(bitexts: Iterable[Bitext], stream: IO[bytes], options: OutputOptions) -> None:
    stream_of = iter(bitexts)
    first = next(stream_of, None)
    src = options.src_lang or (first.src_lang if first else "")
    tgt = options.tgt_lang or (first.tgt_lang if first else "")
    rows = sentence_pairs(itertools.chain([first] if first else [], stream_of))
    write_lines(pair_lines(rows, "csv", src, tgt), stream)
