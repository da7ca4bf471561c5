"""The vecalign bead format with confidences (`[0]:[0,1]:0.912`), all documents in turn."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from paralign.align.beads import format_beads
from paralign.model import Bitext
from paralign.writers._text import write_lines
from paralign.writers.options import OutputOptions


def write(bitexts: Iterable[Bitext], stream: IO[bytes], options: OutputOptions) -> None:
    write_lines((format_beads(b.links, with_scores=True) for b in bitexts), stream)
