"""SentencePiece trained in-process on the corpus itself."""

from __future__ import annotations

import pytest

from paralign.model import ParalignError
from paralign.pieces import Pieces, train_pieces
from tests.conftest import STEM, TEXTS


def test_trains_on_the_corpus_and_round_trips() -> None:
    lines = (TEXTS / "ru" / f"{STEM}.md").read_text(encoding="utf-8").splitlines()
    with pytest.warns(UserWarning, match="corpus too small for a vocabulary of 8000"):
        pieces = train_pieces(lines)
    assert 100 < pieces.vocab_size < 8000
    text = "Организацией тюркских государств"
    assert pieces.decode(pieces.encode(text)) == text
    again = Pieces(pieces.model)
    assert again.encode(text) == pieces.encode(text)
    assert len(pieces.sha256) == 64


def test_empty_corpus_is_an_input_error() -> None:
    with pytest.raises(ParalignError, match="empty corpus"):
        train_pieces(["", "  "])
