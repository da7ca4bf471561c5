"""How a writer writes: the layout, the TMX options, the languages naming pair columns."""

from __future__ import annotations

from dataclasses import dataclass, field

from paralign.tmx.write import TmxOptions


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """`pairs`: the `tmx export` layout (sentence pairs by TU id) instead of `align`'s
    (every bead with its score); `tmx`: what changes the bytes of a TMX; `src_lang` and
    `tgt_lang` name the columns of a pairs layout ('' : the Bitexts' own)."""

    pairs: bool = False
    tmx: TmxOptions = field(default_factory=TmxOptions)
    src_lang: str = ""
    tgt_lang: str = ""
    threshold: float = 0.9
    """XLIFF: units scoring below it are marked for review."""
