"""An optional multilingual sentence-embedding model (LaBSE and the like) the user has on disk.

`paralign.align_inputs.load_encoder` loads it (sentence-transformers, offline only) at the
edge; the aligner receives the encoder. The embeddings join the evidence vectors as one more
channel, so the search is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

Encoder = Callable[[Sequence[str]], np.ndarray]


def combine(evidence: np.ndarray, embedded: np.ndarray, weight: float) -> np.ndarray:
    """Both parts scaled to unit length per sentence, the embedding part by `weight`, side by
    side: a pair's cosine becomes the weighted mean of the two cosines."""

    def unit(x: np.ndarray) -> np.ndarray:
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        return np.where(norms > 0, x / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)

    return np.hstack((unit(evidence), weight * unit(embedded)))
