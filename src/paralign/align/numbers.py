"""Numbers, dates and ordinals as language-neutral tokens.

"15 мая 2026 г." and "May 15, 2026" both give n:15, n:2026 and month:5; "1990-х" and "1990s"
give n:1990; "2,5" and "2.5" both n:25 (separators dropped, so decimal comma and point agree,
as do "2 500" and "2,500"); Roman numerals (XX век) count as numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from paralign.align.channels import Channel

_NUMBER = re.compile(r"(?<![\d])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,:/]\d+)*)(?![\d])")
_ROMAN = re.compile(
    r"\b(?=[MDCLXVI]{2,}\b)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b"
)

# Month names by their shortest unambiguous prefix, for the languages we read most; other
# languages still get the day and the year.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "январ january jan januar janvier enero gennaio",
        "феврал february feb februar février fevrier febrero febbraio",
        "март march mar märz marz mars marzo",
        "апрел april apr avril abril aprile",
        "мая май мае may mai maggio",
        "июн june jun juni juin junio giugno",
        "июл july jul juli juillet julio luglio",
        "август august aug août aout agosto",
        "сентябр september sep sept septembre septiembre settembre",
        "октябр october oct oktober octobre octubre ottobre",
        "ноябр november nov novembre noviembre",
        "декабр december dec dezember décembre decembre diciembre dicembre",
    ),
    1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH_FORMS = sorted(
    {f for name in _MONTHS for f in (name[:3], name[:3].capitalize(), name[:3].upper())},
    key=len,
    reverse=True,
)
# The lookahead on the first letter lets the engine skip most word starts quickly (three
# times faster than one case-insensitive alternation on 100,000 sentences).
_MONTH_WORD = re.compile(
    r"\b(?=["
    + "".join(sorted({f[0] for f in _MONTH_FORMS}))
    + r"])(?:"
    + "|".join(_MONTH_FORMS)
    + r")\w*"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _roman(text: str) -> int:
    values = [_ROMAN_VALUES[ch] for ch in text]
    return sum(-v if k + 1 < len(values) and values[k + 1] > v else v for k, v in enumerate(values))


def _month(word: str) -> int | None:
    lower = word.lower()
    if lower in _MONTHS:
        return _MONTHS[lower]
    if len(lower) >= 4:
        for length in (6, 5, 4):
            if lower[:length] in _MONTHS and len(lower[:length]) == length:
                return _MONTHS[lower[:length]]
    return None


def number_features(text: str) -> list[str]:
    """Language-neutral number tokens of a sentence (repeats kept)."""
    return number_features_of([text])[0]


def number_features_of(texts: Sequence[str]) -> list[list[str]]:
    """number_features of many sentences, each pattern run once over all of them."""
    joined = "\n".join(texts)
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    out: list[list[str]] = [[] for _ in texts]

    def owner(offset: int) -> list[str]:
        return out[bisect_right(starts, offset) - 1]

    for match in _NUMBER.finditer(joined):
        raw = match.group(1)
        features = owner(match.start())
        digits = re.sub(r"\D", "", raw)
        features.append(Channel.NUMBER.token(digits.lstrip("0") or "0"))
        parts = re.split(r"[.:/]", raw)
        if len(parts) >= 3:  # 15.05.2026 also says 15, 5 and 2026
            features.extend(
                Channel.NUMBER.token(p.lstrip("0") or "0") for p in parts if p.isdigit()
            )
    for match in _ROMAN.finditer(joined):
        owner(match.start()).append(Channel.NUMBER.token(_roman(match.group(0))))
    for match in _MONTH_WORD.finditer(joined):
        word = match.group(0)
        # short Latin forms (may, mar, mai) are months only when capitalised
        if len(word) <= 4 and word.isascii() and not word[0].isupper():
            continue
        month = _month(word)
        if month is not None:
            owner(match.start()).append(Channel.MONTH.token(month))
    return out
