"""issue 2: `paralign segment` on the corpus agrees with the gold sentences."""

from __future__ import annotations

import re

import pytest

from tests.conftest import STEM, TEXTS, run_paralign


def boundaries(sentences: list[str]) -> tuple[str, set[int]]:
    """The whitespace-free concatenation and the offsets in it where a sentence starts."""
    joined, starts, offset = [], set(), 0
    for sentence in sentences:
        squashed = re.sub(r"\s+", "", sentence)
        if not squashed:
            continue
        if offset:
            starts.add(offset)
        joined.append(squashed)
        offset += len(squashed)
    return "".join(joined), starts


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_segment_agrees_with_gold_boundaries(lang: str) -> None:
    gold_path = TEXTS / "gold" / f"{STEM}.{lang}.sents"
    assert gold_path.exists(), f"the gold sentences {gold_path} are part of the repository"
    result = run_paralign("segment", TEXTS / lang / f"{STEM}.md")
    assert result.returncode == 0, result.stderr
    got_text, got = boundaries(result.stdout.splitlines())
    gold_text, gold = boundaries(gold_path.read_text(encoding="utf-8").splitlines())
    assert got_text == gold_text
    agreement = len(got & gold) / len(got | gold)
    assert agreement >= 0.95, sorted(got ^ gold)
    assert got == gold, sorted(got ^ gold)
