"""What the aligner needs from disk besides the texts, read here at the edge and handed in.

A bilingual dictionary (hunalign's `target @ source`, a TSV file, or a dictd dictionary such
as mueller7) becomes its (source, target) entries; an embedding model folder becomes an
encoder. `paralign.align` never opens a file: it receives an `AlignInputs`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from paralign.align.embeddings import Encoder
from paralign.align.options import AlignInputs, AlignOptions
from paralign.model import ParalignError


def load_align_inputs(options: AlignOptions, src_lang: str) -> AlignInputs:
    """The dictionary and the embedding model `options` name, loaded (nothing when they name
    none; the dictionary only when terms are part of the evidence, as only they use it)."""
    dictionary: tuple[tuple[str, str], ...] = ()
    if options.dictionary is not None and "terms" in options.evidence:
        dictionary = tuple(load_dictionary(options.dictionary, src_lang))
    encode = load_encoder(options.embeddings) if options.embeddings is not None else None
    return AlignInputs(dictionary, encode)


def load_dictionary(path: Path, src_lang: str) -> list[tuple[str, str]]:
    """hunalign or TSV text, or a dictd dictionary (`.index`, `.dict`, `.dict.dz`)."""
    from paralign.align.terms import parse_dictionary
    from paralign.files import read_text

    if path.name.endswith((".index", ".dict", ".dict.dz")):
        return _load_dictd(path, src_lang)
    return parse_dictionary(read_text(path), path)


def _load_dictd(path: Path, src_lang: str) -> list[tuple[str, str]]:
    import gzip

    from paralign.align.dictd import orient, parse_dictd
    from paralign.files import read_bytes, read_text

    stem = path.name.removesuffix(".dz").removesuffix(".dict").removesuffix(".index")
    index = path.with_name(stem + ".index")
    data_path = next(
        (
            p
            for p in (path.with_name(stem + ".dict.dz"), path.with_name(stem + ".dict"))
            if p.exists()
        ),
        path.with_name(stem + ".dict"),
    )
    data = read_bytes(data_path)
    if data_path.name.endswith(".dz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise ParalignError(f"{data_path}: not a dictzip file ({error})") from None
    pairs = orient(parse_dictd(read_text(index), data), src_lang)
    if not pairs:
        raise ParalignError(f"{index}: no dictionary entries")
    return pairs


def load_encoder(path: Path) -> Encoder:
    """A function from sentences to an (n, d) float32 array, from a local model folder
    (sentence-transformers format), offline only."""
    if not path.is_dir():
        raise ParalignError(
            f"{path}: an embedding model is a folder (sentence-transformers format)"
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise ParalignError(
            "--embeddings needs sentence-transformers: pip install 'paralign[embeddings]'"
        ) from None
    try:
        model = SentenceTransformer(str(path), device="cpu")
    except Exception as error:  # the library raises many kinds; the user needs one line
        raise ParalignError(f"{path}: cannot load the embedding model: {error}") from None

    def encode(texts: Sequence[str]) -> np.ndarray:
        vectors = model.encode(list(texts), batch_size=64, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    return encode
