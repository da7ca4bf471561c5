"""The props paralign writes into a TMX, read back as hostile input.

A TMX that reaches `tmx stats` or `check` may come from anywhere: an `x-score` that is not a
finite number or an `x-paragraph` that is not a block index is one line naming the file, the
TU's line and the value, never a traceback or a silently wrong figure. Kept apart from the
TMX reader so that the checks survive its moves.
"""

from __future__ import annotations

import math

from paralign.model import ParalignError

MAX_PARAGRAPH = 10**9  # a block index beyond any document paralign can read


def read_score(text: str | None, where: str, default: float = 1.0) -> float:
    """The value of an `x-score` prop: a finite number; absent or empty gives `default`."""
    if text is None or not text.strip():
        return default
    try:
        value = float(text)
    except ValueError:
        raise ParalignError(f"{where}: x-score {text[:40]!r} is not a number") from None
    if not math.isfinite(value):
        raise ParalignError(f"{where}: x-score {text[:40]!r} is not a finite number")
    return value


def read_paragraph(text: str | None, where: str) -> int:
    """The value of an `x-paragraph` prop: a block index from 0; absent or empty gives 0."""
    if text is None or not text.strip():
        return 0
    stripped = text.strip()
    if not stripped.isascii() or not stripped.isdigit() or int(stripped) >= MAX_PARAGRAPH:
        raise ParalignError(
            f"{where}: x-paragraph {text[:40]!r} is not a paragraph index "
            f"(0 to {MAX_PARAGRAPH - 1})"
        )
    return int(stripped)
