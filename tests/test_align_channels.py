"""Evidence channels: a token's prefix names its channel, and an unknown one is an error."""

from __future__ import annotations

from collections import Counter

import pytest

from paralign.align.channels import WEIGHTS, Channel
from paralign.align.numbers import number_features
from paralign.align.structure import punctuation_features
from paralign.align.vectors import embed


def test_every_channel_has_a_weight_and_tokens_name_their_channel() -> None:
    assert set(WEIGHTS) == set(Channel)
    assert Channel.of(Channel.COGNATE.token("tokayev")) is Channel.COGNATE
    assert {Channel.of(t) for t in number_features("15 мая 2026 г.")} == {
        Channel.NUMBER,
        Channel.MONTH,
    }
    assert {Channel.of(t) for t in punctuation_features("Почему?")} == {Channel.PUNCTUATION}


def test_a_misspelt_channel_is_an_error_not_a_silent_zero() -> None:
    good = embed([Counter({Channel.NUMBER.token(15): 1})], {})
    assert abs(good).sum() > 0
    with pytest.raises(ValueError):
        embed([Counter({"num:15": 1})], {})
