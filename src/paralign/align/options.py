"""What the aligner can be told; every field that changes output is in the signature."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from paralign.align.beads import BEAD_TYPES
from paralign.model import Glossary, ParalignError

if TYPE_CHECKING:
    from paralign.align.embeddings import Encoder

EVIDENCE = ("length", "numbers", "names", "terms", "punctuation", "structure", "lexicon")
"""Every kind of evidence the aligner knows; ("length",) alone is plain Gale–Church."""

MAX_SIDE = 5
"""The widest bead side: textberg-dev's gold has 1-5 and 2-5 beads (a long German sentence the
translator cut into five), nothing wider."""

GALE_CHURCH_BEADS = ((0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2))


@dataclass(frozen=True)
class AlignOptions:
    beads: tuple[tuple[int, int], ...] = BEAD_TYPES
    evidence: tuple[str, ...] = EVIDENCE
    skip_percentile: float = 8.0
    """The skip (1-0, 0-1) cost as a percentile of the document's sampled 1-1 costs."""
    similarity_weight: float = 10.0
    length_weight: float = 0.75
    share_weight: float = 5.0
    """The cost of the unexplained part of a merged side (a sentence that shares no evidence
    with the other side, such as a translator's addition), on the scale of the similarity
    cost: a wholly unexplained sentence costs half what a wholly dissimilar pair costs."""
    glossary: Glossary | None = None
    dictionary: Path | None = None
    embeddings: Path | None = None
    """A local sentence-transformers model folder (LaBSE …): its cosines join the evidence."""
    embedding_weight: float = 1.0
    threshold: float = 0.9
    """Beads whose confidence is below this are the ones to review first."""
    radius: int = 8
    full_cells: int = 300_000

    def __post_init__(self) -> None:
        object.__setattr__(self, "beads", tuple((int(a), int(b)) for a, b in self.beads))
        object.__setattr__(self, "evidence", tuple(self.evidence))
        unknown = set(self.evidence) - set(EVIDENCE)
        if unknown:
            raise ParalignError(f"unknown alignment evidence: {', '.join(sorted(unknown))}")
        for a, b in self.beads:
            if a < 0 or b < 0 or a + b == 0 or a > MAX_SIDE or b > MAX_SIDE:
                raise ParalignError(f"bead type {a}-{b} is not supported")
        if (1, 0) not in self.beads or (0, 1) not in self.beads:
            raise ParalignError("the bead types must include 1-0 and 0-1")

    def signature(self) -> dict[str, str]:
        """Every setting that changes the alignment, as strings (for TMX and JSON headers);
        `paralign.signature.align_signature` adds the SRX rules and the dictionary's content."""
        from paralign.signature import glossary_digest
        from paralign.version import __version__

        glossary = glossary_digest(self.glossary)
        return {
            "aligner": f"paralign {__version__}",
            "beads": ",".join(f"{a}-{b}" for a, b in self.beads),
            "evidence": ",".join(self.evidence),
            "skip-percentile": f"{self.skip_percentile:g}",
            "similarity-weight": f"{self.similarity_weight:g}",
            "length-weight": f"{self.length_weight:g}",
            "share-weight": f"{self.share_weight:g}",
            "glossary": glossary,
            "dictionary": str(self.dictionary or ""),
            "embeddings": str(self.embeddings or ""),
            "embedding-weight": f"{self.embedding_weight:g}" if self.embeddings else "",
            "threshold": f"{self.threshold:g}",
            "radius": str(self.radius),
            "full-cells": str(self.full_cells),
        }


@dataclass(frozen=True)
class AlignInputs:
    """What the aligner is handed already loaded, for the files `AlignOptions` names: the
    dictionary's (source, target) entries and the embedding model's encoder. The edges load
    them (`paralign.align_inputs.load_align_inputs`); the aligner never opens a file."""

    dictionary: tuple[tuple[str, str], ...] = ()
    encode: Encoder | None = None

    def check_against(self, options: AlignOptions) -> None:
        """Refuse options that name a dictionary or a model this does not hold: aligning
        without them would silently differ from what the signature says."""
        if options.dictionary is not None and "terms" in options.evidence and not self.dictionary:
            raise ParalignError(
                f"{options.dictionary}: the dictionary was not loaded "
                "(paralign.align_inputs.load_align_inputs loads it)"
            )
        if options.embeddings is not None and self.encode is None:
            raise ParalignError(
                f"{options.embeddings}: the embedding model was not loaded "
                "(paralign.align_inputs.load_align_inputs loads it)"
            )
