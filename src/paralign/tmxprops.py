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


def read_score(text: str | None, file: object, line: int = 0, default: float = 1.0) -> float:
    """The value of an `x-score` prop: a finite number; absent or empty gives `default`.
    An error names `file` and, when not 0, `line` (put together only then: this runs once
    a TU)."""
    if text is None or not text.strip():
        return default
    try:
        value = float(text)
    except ValueError:
        raise _bad(file, line, f"x-score {text[:40]!r} is not a number") from None
    if not math.isfinite(value):
        raise _bad(file, line, f"x-score {text[:40]!r} is not a finite number")
    return value


def read_paragraph(text: str | None, file: object, line: int = 0) -> int:
    """The value of an `x-paragraph` prop: a block index from 0; absent or empty gives 0."""
    if text is None or not text.strip():
        return 0
    stripped = text.strip()
    if not stripped.isascii() or not stripped.isdigit() or int(stripped) >= MAX_PARAGRAPH:
        raise _bad(
            file,
            line,
            f"x-paragraph {text[:40]!r} is not a paragraph index (0 to {MAX_PARAGRAPH - 1})",
        )
    return int(stripped)


def _bad(file: object, line: int, problem: str) -> ParalignError:
    return ParalignError(f"{file}:{line}: {problem}" if line else f"{file}: {problem}")
