"""How strongly a Russian candidate and an English one go together across the aligned TUs.

- Dice: 2·joint / (ru TUs + en TUs): 1 when the two always occur together.
- Log-likelihood ratio (Dunning 1993), G² over the 2×2 table of TUs: how surprising the
  joint count is by chance; what the note reports beside the counts.
- Lexical support: how much of each side the other explains, by IBM Model 1 over
  SentencePiece pieces learned from the corpus itself (`align/lexicon.py`), and for names
  by transliteration (Токаев ≈ Tokayev).

Dice picks a rendering and LLR is reported, not the other way round: on a corpus of a few
hundred TUs every pair seen twice together has about the same G², while Dice still tells
"Цифровой коридор"–"Digital Corridor" (always together) from "Цифровой коридор"–"Turkic".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


def dice(joint: int, left: int, right: int) -> float:
    return 2.0 * joint / (left + right) if left + right else 0.0


def llr(joint: int, left: int, right: int, total: int) -> float:
    """Dunning's G² for a pair seen together in `joint` of `total` units."""
    k11 = joint
    k12 = max(left - joint, 0)
    k21 = max(right - joint, 0)
    k22 = max(total - left - right + joint, 0)

    def h(*counts: int) -> float:
        n = sum(counts)
        return sum(c * math.log(c / n) for c in counts if c > 0)

    value = 2.0 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))
    return max(value, 0.0)


def transliteration(ru: str, en: str) -> float:
    """0..1: how alike the two look once the Russian is in Latin letters."""
    from rapidfuzz import fuzz

    from paralign.align.names import transliterate

    left = " ".join(transliterate(w) for w in ru.split())
    right = " ".join(transliterate(w) for w in en.split())
    if not left or not right:
        return 0.0
    return float(fuzz.ratio(left, right)) / 100.0


@dataclass
class Lexicon:
    """IBM Model 1 both ways over SentencePiece pieces, trained on a sample of the TUs."""

    # SentencePiece processors: sentencepiece ships no type hints
    ru_pieces: Any = None
    en_pieces: Any = None
    forward: dict[tuple[int, int], float] = field(default_factory=dict)  # (ru, en) → t(en|ru)
    backward: dict[tuple[int, int], float] = field(default_factory=dict)  # (en, ru) → t(ru|en)
    # (Russian side?, text) → piece ids: "BBC" is encoded once by each side's model
    cache: dict[tuple[bool, str], list[int]] = field(default_factory=dict)

    @classmethod
    def train(cls, pairs: Sequence[tuple[str, str]]) -> Lexicon:
        from paralign.align.lexicon import encode, model1, train_side

        if len(pairs) < 10:
            return cls()
        ru_pieces = train_side([p[0] for p in pairs])
        en_pieces = train_side([p[1] for p in pairs])
        ru = encode(ru_pieces, [p[0] for p in pairs])
        en = encode(en_pieces, [p[1] for p in pairs])
        rows = [(ru.sentence(k), en.sentence(k)) for k in range(len(pairs))]
        forward = model1(rows, ru.vocab, en.vocab)
        backward = model1([(b, a) for a, b in rows], en.vocab, ru.vocab)
        return cls(ru_pieces, en_pieces, _as_dict(forward), _as_dict(backward))

    def _encoded(self, russian: bool, text: str) -> list[int]:
        found = self.cache.get((russian, text))
        if found is None:
            pieces = self.ru_pieces if russian else self.en_pieces
            found = pieces.encode_ids([text])[0]
            self.cache[(russian, text)] = found
        return found

    def prepare(self, ru_texts: Iterable[str], en_texts: Iterable[str]) -> None:
        """Encode the candidates' texts in one call per side: SentencePiece's per-call cost
        was most of the pairing's time when each text went alone."""
        for russian, texts in ((True, ru_texts), (False, en_texts)):
            pieces = self.ru_pieces if russian else self.en_pieces
            if pieces is None:
                continue
            fresh = sorted({t for t in texts if (russian, t) not in self.cache})
            if fresh:
                encoded = pieces.encode_ids(fresh)
                self.cache.update(
                    ((russian, t), ids) for t, ids in zip(fresh, encoded, strict=True)
                )

    def support(self, ru: str, en: str) -> float:
        """0..1: the geometric mean of the share of English pieces the Russian explains and
        the share of Russian pieces the English explains (each piece by its best partner)."""
        if self.ru_pieces is None or self.en_pieces is None:
            return 0.0
        ru_ids = self._encoded(True, ru)
        en_ids = self._encoded(False, en)
        if not ru_ids or not en_ids:
            return 0.0
        forward = sum(max(self.forward.get((r, e), 0.0) for r in ru_ids) for e in en_ids)
        backward = sum(max(self.backward.get((e, r), 0.0) for e in en_ids) for r in ru_ids)
        return math.sqrt(forward / len(en_ids) * backward / len(ru_ids))


def _as_dict(table: Any) -> dict[tuple[int, int], float]:  # model1's table of arrays
    found: dict[tuple[int, int], float] = {}
    targets = table.targets
    probs = table.probs
    for source in range(targets.shape[0]):
        for target, prob in zip(targets[source], probs[source], strict=True):
            if target >= 0:
                found[(source, int(target))] = float(prob)
    return found
