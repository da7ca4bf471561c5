"""The lines `tmx export` and the pair writers make: one line a pair, and every line made
before an error written before it rises."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paralign.pairs import _BREAKS, one_line
from paralign.writers._text import write_lines


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_one_line_leaves_no_break_and_changes_a_text_without_one_not_at_all(text: str) -> None:
    flat = one_line(text)
    assert not _BREAKS.search(flat)
    assert flat.splitlines() in ([flat], [])
    if not _BREAKS.search(text):
        assert flat is text


@pytest.mark.parametrize("count", [0, 1, 9, 10, 11, 300])
def test_lines_made_before_an_error_are_written(count: int) -> None:
    def lines() -> Iterator[str]:
        for n in range(count):
            yield f"строка {n}\n"
        raise ValueError("the reader stopped")

    stream = io.BytesIO()
    with pytest.raises(ValueError, match="stopped"):
        write_lines(lines(), stream, batch=90)  # ten lines of nine characters a write
    assert stream.getvalue().decode("utf-8") == "".join(f"строка {n}\n" for n in range(count))


def test_bytes_a_worker_encoded_are_written_in_their_place() -> None:
    lines: list[str | bytes] = ["один\n", "два\n".encode(), "три\n", "четыре\n", "пять\n".encode()]
    stream = io.BytesIO()
    write_lines(lines, stream, batch=8)
    assert stream.getvalue().decode("utf-8") == "один\nдва\nтри\nчетыре\nпять\n"
