"""An optional multilingual sentence-embedding model (LaBSE and the like) the user has on disk.

Loaded with sentence-transformers (`pip install paralign[embeddings]`), offline only: the path
must be a model folder, and the Hugging Face libraries are told not to touch the network.
The embeddings join the evidence vectors as one more channel, so the search is unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from paralign.model import ParalignError

Encoder = Callable[[Sequence[str]], np.ndarray]


def load_encoder(path: Path) -> Encoder:
    """A function from sentences to an (n, d) float32 array, from a local model folder."""
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


def combine(evidence: np.ndarray, embedded: np.ndarray, weight: float) -> np.ndarray:
    """Both parts scaled to unit length per sentence, the embedding part by `weight`, side by
    side: a pair's cosine becomes the weighted mean of the two cosines."""

    def unit(x: np.ndarray) -> np.ndarray:
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        return np.where(norms > 0, x / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)

    return np.hstack((unit(evidence), weight * unit(embedded)))
