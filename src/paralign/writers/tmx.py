"""TMX 1.4b output (the writer itself is `paralign.tmx.write`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from paralign.model import Bitext
from paralign.tmx.write import write_tmx_to
from paralign.writers.options import OutputOptions


def write(bitexts: Iterable[Bitext], stream: IO[bytes], options: OutputOptions) -> None:
    write_tmx_to(bitexts, stream, options.tmx)
