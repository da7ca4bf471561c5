"""SentencePiece models trained in-process on the texts at hand: nothing is downloaded.

Used by the aligner's learned lexicon (Russian inflections share pieces) and by the
`spm` command and the `spm:` tokenizer of `score`.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from paralign.model import ParalignError


@dataclass(frozen=True)
class Pieces:
    """A trained SentencePiece model, held as its serialized bytes."""

    model: bytes

    @cached_property
    def _processor(self) -> Any:
        import sentencepiece as spm

        return spm.SentencePieceProcessor(model_proto=self.model)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.model).hexdigest()

    @property
    def vocab_size(self) -> int:
        return int(self._processor.get_piece_size())

    def encode(self, text: str) -> list[str]:
        return list(self._processor.encode(text, out_type=str))

    def encode_ids(self, texts: Sequence[str]) -> list[list[int]]:
        return [list(ids) for ids in self._processor.encode(list(texts), out_type=int)]

    def decode(self, pieces: Sequence[str]) -> str:
        return str(self._processor.decode_pieces(list(pieces)))

    def vocab_text(self) -> str:
        """The `.vocab` file SentencePiece's trainer writes beside a model: piece TAB score."""
        processor = self._processor
        return "".join(
            f"{processor.id_to_piece(i)}\t{processor.get_score(i):g}\n"
            for i in range(processor.get_piece_size())
        )


def load_pieces(path: Path) -> Pieces:
    """A model file written by `save_pieces` or by `spm_train`; a bad file is one-line error."""
    from paralign.files import read_bytes

    pieces = Pieces(read_bytes(path))
    try:
        pieces.vocab_size  # noqa: B018 - parsing the proto is the check
    except RuntimeError:
        raise ParalignError(f"{path}: not a SentencePiece model") from None
    return pieces


def save_pieces(pieces: Pieces, prefix: Path) -> tuple[Path, Path]:
    """Write PREFIX.model and PREFIX.vocab, each atomically; returns both paths."""
    from paralign.files import atomic_output

    model, vocab = Path(f"{prefix}.model"), Path(f"{prefix}.vocab")
    with atomic_output(model, "wb") as model_out, atomic_output(vocab) as vocab_out:
        vocab_out.write(pieces.vocab_text())
        model_out.write(pieces.model)
    return model, vocab


def train_pieces(
    lines: Iterable[str],
    vocab_size: int = 8000,
    model_type: str = "unigram",
    *,
    character_coverage: float = 1.0,
) -> Pieces:
    """Train on `lines` in memory. A corpus too small for `vocab_size` lowers it, with a warning."""
    import sentencepiece as spm

    sentences = [line for line in (s.strip() for s in lines) if line]
    if not sentences:
        raise ParalignError("cannot train a SentencePiece model on an empty corpus")
    if model_type not in {"unigram", "bpe", "char", "word"}:
        raise ParalignError(f"unknown SentencePiece model type {model_type!r}")
    size = vocab_size
    for _attempt in range(4):
        model = io.BytesIO()
        try:
            spm.SentencePieceTrainer.train(
                sentence_iterator=iter(sentences),
                model_writer=model,
                vocab_size=size,
                model_type=model_type,
                character_coverage=character_coverage,
                hard_vocab_limit=False,
                num_threads=1,
                minloglevel=2,
            )
        except RuntimeError as error:
            lower = _suggested_size(str(error), size)
            if lower is None:
                raise ParalignError(f"SentencePiece training failed: {error}") from None
            size = lower
            continue
        pieces = Pieces(model.getvalue())
        if pieces.vocab_size < vocab_size:
            warnings.warn(
                f"corpus too small for a vocabulary of {vocab_size}: "
                f"trained {pieces.vocab_size} pieces",
                stacklevel=2,
            )
        return pieces
    raise ParalignError(
        f"SentencePiece training found no workable vocabulary size near {vocab_size}"
    )


def _suggested_size(message: str, size: int) -> int | None:
    """SentencePiece says 'Vocabulary size is smaller than required_chars. N vs M' or
    'Vocabulary size too high (N). Please set it to a value <= M.': retry below the limit."""
    import re

    if match := re.search(r"value <= (\d+)", message):
        return max(int(match.group(1)), 4) if int(match.group(1)) < size else None
    if "required_chars" in message and (match := re.search(r"(\d+) vs (\d+)", message)):
        return int(match.group(2)) + 4
    return None
