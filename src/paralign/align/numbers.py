"""Numbers, dates and ordinals as evidence tokens: `paralign.numbers` reads them, this module
only names their channel (`n:2026`, `month:5`)."""

from __future__ import annotations

from collections.abc import Sequence

from paralign.align.channels import Channel
from paralign.numbers import readings_of


def number_features(text: str) -> list[str]:
    """Language-neutral number tokens of a sentence (repeats kept)."""
    return number_features_of([text])[0]


def number_features_of(texts: Sequence[str]) -> list[list[str]]:
    """number_features of many sentences, each pattern run once over all of them."""
    return readings_of(texts, Channel.NUMBER.token, Channel.MONTH.token)
