"""Numbers, dates and ordinals as language-neutral tokens.

"15 мая 2026 г." and "May 15, 2026" both give n:15, n:2026 and month:5; "1990-х" and "1990s"
give n:1990; "2,5" and "2.5" both n:25 (separators dropped, so decimal comma and point agree,
as do "2 500" and "2,500"); Roman numerals (XX век) count as numbers.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(?<![\d])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,:/]\d+)*)(?![\d])")
_ROMAN = re.compile(
    r"\b(?=[MDCLXVI]{2,}\b)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b"
)
_WORD = re.compile(r"[^\W\d_]+")

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
_MONTH_STARTS = {name[:3] for name in _MONTHS}
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
    features = []
    for match in _NUMBER.finditer(text):
        raw = match.group(1)
        digits = re.sub(r"\D", "", raw)
        features.append("n:" + (digits.lstrip("0") or "0"))
        parts = re.split(r"[.:/]", raw)
        if len(parts) >= 3:  # 15.05.2026 also says 15, 5 and 2026
            features.extend("n:" + (p.lstrip("0") or "0") for p in parts if p.isdigit())
    for match in _ROMAN.finditer(text):
        features.append(f"n:{_roman(match.group(0))}")
    for word in _WORD.findall(text):
        if word[:3].lower() in _MONTH_STARTS:
            # short Latin forms (may, mar, mai) are months only when capitalised
            if len(word) <= 4 and word.isascii() and not word[0].isupper():
                continue
            month = _month(word)
            if month is not None:
                features.append(f"month:{month}")
    return features
