"""XLIFF 1.2 (`xliff`) and 2.1 (`xliff2`): one document a file, so a stream takes one Bitext;
several documents go to a folder (`align DIR DIR -o FOLDER`, `tmx export -o FOLDER`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO

from paralign.model import Bitext, ParalignError
from paralign.writers.options import OutputOptions


# writers.WriteFunction, spelled out: that module imports this one
def _writer(version: str) -> Callable[[Iterable[Bitext], IO[bytes], OutputOptions], None]:
    def write(bitexts: Iterable[Bitext], stream: IO[bytes], options: OutputOptions) -> None:
        from paralign.xliff import XliffOptions, xliff_bytes

        documents = iter(bitexts)
        first = next(documents, None)
        if first is None:
            return
        if next(documents, None) is not None:
            raise ParalignError("an XLIFF file holds one document: give -o FOLDER")
        stream.write(xliff_bytes(first, XliffOptions(version, options.threshold)))

    return write


write_12 = _writer("1.2")
write_21 = _writer("2.1")
