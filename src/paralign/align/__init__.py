"""Sentence alignment: many-to-many beads from length, numbers, names, terms, structure and
a lexicon learned from the input, found by a banded dynamic-programming search.

    align(source, target, options, inputs) -> beads of one document pair
    align_corpus(bitexts, options, inputs)  -> the Bitexts with links (lexicon learned across all)

`inputs` holds the dictionary and the embedding model `options` name, already loaded
(`paralign.align_inputs.load_align_inputs`): this package reads no file.
"""

from __future__ import annotations

from collections.abc import Sequence

from paralign.align.beads import BEAD_TYPES, format_beads, parse_beads
from paralign.align.options import EVIDENCE, GALE_CHURCH_BEADS, AlignInputs, AlignOptions
from paralign.model import Bitext, Link, Sentence

__all__ = [
    "BEAD_TYPES",
    "EVIDENCE",
    "GALE_CHURCH_BEADS",
    "AlignInputs",
    "AlignOptions",
    "align",
    "align_corpus",
    "as_sentences",
    "format_beads",
    "gale_church_options",
    "parse_beads",
]


def gale_church_options() -> AlignOptions:
    """Plain Gale–Church: length only, the six classic bead types (the baseline).

    Its skip cost sits at the median of the sampled 1-1 costs: with length alone, wrong
    pairs of similar length are cheap, and a lower percentile skips far too often.
    """
    return AlignOptions(
        beads=GALE_CHURCH_BEADS, evidence=("length",), skip_percentile=50.0, length_weight=1.0
    )


def align_corpus(
    bitexts: Sequence[Bitext],
    options: AlignOptions | None = None,
    inputs: AlignInputs = AlignInputs(),
) -> list[Bitext]:
    """The Bitexts with their links; every sentence of both sides in exactly one bead."""
    from threadpoolctl import threadpool_limits

    from paralign.align.pipeline import align_bitexts

    # The products are many and small: OpenBLAS threads only fight each other (and other
    # processes) over them, which measured 20-80 times slower on two busy cores.
    with threadpool_limits(limits=1, user_api="blas"):
        return align_bitexts(bitexts, options or AlignOptions(), inputs)


def align(
    source: Sequence[Sentence] | Sequence[str],
    target: Sequence[Sentence] | Sequence[str],
    options: AlignOptions | None = None,
    inputs: AlignInputs = AlignInputs(),
) -> tuple[Link, ...]:
    """Beads of one document pair, in order, covering every sentence once; sentences may
    be plain strings."""
    bitext = Bitext("", "", "", as_sentences(source), as_sentences(target), ())
    return align_corpus([bitext], options, inputs)[0].links


def as_sentences(items: Sequence[Sentence] | Sequence[str]) -> tuple[Sentence, ...]:
    """Sentences as given, plain strings made Sentences (one block, no offsets kept)."""
    return tuple(s if isinstance(s, Sentence) else Sentence(s, end=len(s)) for s in items)
