"""`paralign spm train`: in-process training, atomic PREFIX.model/.vocab, nothing else left."""

from __future__ import annotations

from pathlib import Path

import pytest
import sentencepiece as spm
from typer.testing import CliRunner

from paralign.cli import app
from paralign.model import ParalignError
from paralign.pieces import load_pieces, save_pieces, train_pieces
from tests.conftest import STEM, TEXTS

runner = CliRunner()
CORPUS = [TEXTS / "en" / f"{STEM}.md", TEXTS / "ru" / f"{STEM}.md"]


def _train(tmp_path: Path, *extra: str) -> tuple[Path, object]:
    out = tmp_path / "models"
    out.mkdir()  # the prefix's folder must exist: a missing one is refused, not created
    result = runner.invoke(
        app, ["spm", "train", *map(str, CORPUS), "-o", str(out / "ruen"), *extra]
    )
    assert result.exit_code == 0, result.output
    return out, result


def test_train_writes_model_and_vocab_and_nothing_else(tmp_path: Path) -> None:
    out, result = _train(tmp_path, "--vocab-size", "500")
    assert sorted(p.name for p in out.iterdir()) == ["ruen.model", "ruen.vocab"]
    pieces = load_pieces(out / "ruen.model")
    assert pieces.vocab_size == 500
    vocab = (out / "ruen.vocab").read_text(encoding="utf-8").splitlines()
    assert len(vocab) == 500 and vocab[0] == "<unk>\t0"
    # The vocab file is the one SentencePiece's own trainer writes: piece TAB score.
    processor = spm.SentencePieceProcessor(model_file=str(out / "ruen.model"))
    assert vocab[10] == f"{processor.id_to_piece(10)}\t{processor.get_score(10):g}"
    assert f"sha256:{pieces.sha256[:12]}" in result.stdout  # type: ignore[attr-defined]
    assert "type:unigram|vocab:500|" in result.stdout  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "Организация тюркских государств провела неформальный саммит в Туркестане.",
        "The OTS leaders recorded this postulate, expressing readiness to deepen integration.",
    ],
)
def test_round_trip_train_load_encode_decode(tmp_path: Path, text: str) -> None:
    out, _ = _train(tmp_path, "--vocab-size", "800", "--model-type", "bpe")
    pieces = load_pieces(out / "ruen.model")
    encoded = pieces.encode(text)
    assert len(encoded) > 3
    assert pieces.decode(encoded) == text
    # Another reader of the file (SentencePiece itself) sees the same model: the same
    # pieces, and the ids of encode_ids are its ids of those pieces.
    processor = spm.SentencePieceProcessor(model_file=str(out / "ruen.model"))
    assert pieces.encode_ids([text])[0] == [processor.piece_to_id(p) for p in encoded]
    assert processor.encode(text, out_type=str) == encoded
    assert processor.decode(processor.encode(text)) == text


def test_small_corpus_lowers_the_default_vocabulary_with_a_warning(tmp_path: Path) -> None:
    out, result = _train(tmp_path)
    warning = result.stderr  # type: ignore[attr-defined]
    assert warning.startswith("paralign: warning: corpus too small for a vocabulary of 8000")
    assert 100 < load_pieces(out / "ruen.model").vocab_size < 8000


def test_save_and_load_in_the_library(tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="corpus too small for a vocabulary of 30"):
        pieces = train_pieces(["один два три", "three two one", "раз два"] * 20, vocab_size=30)
    model, vocab = save_pieces(pieces, tmp_path / "tiny")
    assert load_pieces(model).model == pieces.model
    assert vocab.read_text(encoding="utf-8").count("\n") == pieces.vocab_size


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_text("\n  \n", encoding="utf-8")
    for args, message in (
        (
            [str(CORPUS[0]), "-o", str(tmp_path / "m"), "--model-type", "word2vec"],
            "unknown model type 'word2vec'",
        ),
        ([str(blank), "-o", str(tmp_path / "m")], "empty file"),
        ([str(tmp_path / "missing.txt"), "-o", str(tmp_path / "m")], "no such file"),
        ([str(CORPUS[0]), "-o", str(tmp_path / "m"), "--vocab-size", "0"], "must be positive"),
    ):
        result = runner.invoke(app, ["spm", "train", *args])
        assert result.exit_code == 2, result.output
        assert message in result.stderr and result.stderr.count("\n") == 1
    assert not list(tmp_path.glob("m*"))
    with pytest.raises(ParalignError, match="not a SentencePiece model"):
        (tmp_path / "x.model").write_bytes(b"\x00garbage")
        load_pieces(tmp_path / "x.model")
