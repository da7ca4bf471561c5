"""Punctuation and document structure.

Question and exclamation marks, quotes, brackets, colons and dashes mostly survive
translation, so they are tokens like any other evidence. Structure is a penalty instead: a
bead that pairs a heading with body text, or that runs across a paragraph boundary on either
side, costs extra (it stays possible: translators do merge paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from paralign.align.channels import Channel

if TYPE_CHECKING:
    import numpy as np

_MARKS = {
    "?": Channel.PUNCTUATION.token("?"),
    "!": Channel.PUNCTUATION.token("!"),
    ":": Channel.PUNCTUATION.token(":"),
    ";": Channel.PUNCTUATION.token(";"),
    "(": Channel.PUNCTUATION.token("("),
    "[": Channel.PUNCTUATION.token("["),
    "«": Channel.PUNCTUATION.token("q"),
    "“": Channel.PUNCTUATION.token("q"),
    "„": Channel.PUNCTUATION.token("q"),
    '"': Channel.PUNCTUATION.token("q"),
    "‹": Channel.PUNCTUATION.token("q"),
    "—": Channel.PUNCTUATION.token("-"),
    "–": Channel.PUNCTUATION.token("-"),
    "%": Channel.PUNCTUATION.token("%"),
    "$": Channel.PUNCTUATION.token("$"),
    "€": Channel.PUNCTUATION.token("€"),
    "£": Channel.PUNCTUATION.token("£"),
    "§": Channel.PUNCTUATION.token("§"),
    "…": Channel.PUNCTUATION.token("…"),
}


_MARK = re.compile("[" + re.escape("".join(_MARKS)) + "]")


def punctuation_features(text: str) -> list[str]:
    """One token a mark of the kinds above (opening quotes and brackets only: pairs count once)."""
    return [_MARKS[ch] for ch in _MARK.findall(text)]


def parenthesis_cuts(texts: Sequence[str]) -> np.ndarray:
    """1.0 at each node k (the boundary before sentence k) that lies inside a parenthesis.

    When one sentence opens more round brackets than it closes and the next closes more than
    it opens, the segmenter cut inside a parenthetical ("… in deutscher Fassung ( Zürich :" /
    "Orell Füssli 1956 ) vorliegt …"): for alignment the two are one sentence, and a bead that
    ends between them cuts it. Quotes are left out on purpose: quoted speech runs over several
    real sentences (ntrex-dev's gold ends beads inside quotes 41 times in 43).
    """
    import numpy as np

    opened = np.array([t.count("(") - t.count(")") for t in texts], dtype=np.int64)
    cuts = np.zeros(len(texts) + 1)
    if len(texts) > 1:
        cuts[1:-1] = (opened[:-1] > 0) & (opened[1:] < 0)
    return cuts


def crossing_penalty(blocks: np.ndarray, ends: np.ndarray, size: int, penalty: float) -> np.ndarray:
    """`penalty` for each span of `size` sentences ending before `ends` that spans two blocks."""
    import numpy as np

    if size <= 1 or len(blocks) == 0:
        return np.zeros(len(ends))
    last = np.clip(ends - 1, 0, len(blocks) - 1)
    first = np.clip(ends - size, 0, len(blocks) - 1)
    return np.where(blocks[last] != blocks[first], penalty, 0.0)


def heading_mismatch(
    src_headings: np.ndarray,
    tgt_headings: np.ndarray,
    src_ends: np.ndarray,
    tgt_ends: np.ndarray,
    src_size: int,
    tgt_size: int,
    penalty: float,
) -> np.ndarray:
    """`penalty` where one side of the bead holds a heading and the other none, and again
    where a side mixes a heading with body text (headings align with headings)."""
    import numpy as np

    def count(headings: np.ndarray, ends: np.ndarray, size: int) -> np.ndarray:
        if len(headings) == 0:
            return np.zeros(len(ends), dtype=np.int64)
        prefix = np.concatenate(([0], np.cumsum(headings)))
        ends = np.clip(ends, 0, len(headings))
        return prefix[ends] - prefix[np.clip(ends - size, 0, None)]

    src = count(src_headings, src_ends, src_size)
    tgt = count(tgt_headings, tgt_ends, tgt_size)
    mixed = ((src > 0) & (src < src_size)) | ((tgt > 0) & (tgt < tgt_size))
    return np.where((src > 0) != (tgt > 0), penalty, 0.0) + np.where(mixed, penalty, 0.0)
