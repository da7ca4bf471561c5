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


BRIDGE = 2
"""Sentences without brackets a parenthesis may run over between its opening and its close
("( « Alpine Journal » No ." / "293 , Nov ." / "1956 , S. 340-343 ) ."): the cuts of a
segmenter at the abbreviations inside one reference."""


_BRACKET = re.compile(r"[()]")


def _bracket_ends(text: str) -> tuple[bool, bool, bool]:
    """(leaves a round bracket open, closes one it did not open, has none) for one sentence."""
    has_open, has_close = "(" in text, ")" in text
    if not (has_open and has_close):  # most sentences: no bracket, or of one kind only
        return has_open, has_close, not (has_open or has_close)
    depth = lowest = 0
    for mark in _BRACKET.findall(text):
        depth += 1 if mark == "(" else -1
        lowest = min(lowest, depth)
    # the depth at the end counted from the last point where nothing was open
    return depth - lowest > 0, lowest < 0, False


def parenthesis_cuts(texts: Sequence[str]) -> np.ndarray:
    """1.0 at each node k (the boundary before sentence k) that lies inside a parenthesis.

    When a sentence leaves a round bracket open and a sentence at most BRIDGE bracket-free
    sentences later closes one it did not open, the segmenter cut inside a parenthetical
    ("… in deutscher Fassung ( Zürich :" / "Orell Füssli 1956 ) vorliegt …"): for alignment
    they are one sentence, and a bead that ends between them cuts it. Quotes are left out on
    purpose: quoted speech runs over several real sentences (ntrex-dev's gold ends beads
    inside quotes 41 times in 43).
    """
    import numpy as np

    ends = [_bracket_ends(t) for t in texts]
    cuts = np.zeros(len(texts) + 1)
    for k in range(1, len(texts)):
        left = k - 1
        while left > 0 and ends[left][2] and k - 1 - left < BRIDGE:
            left -= 1
        right = k
        while right < len(texts) - 1 and ends[right][2] and right - k < BRIDGE:
            right += 1
        cuts[k] = float(ends[left][0] and ends[right][1] and right - left - 1 <= BRIDGE)
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
