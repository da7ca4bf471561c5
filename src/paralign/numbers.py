"""Numbers and dates in text: the one module that reads them, for every part that asks.

Three questions are asked of the same text, and each has its answer here, drawn from one
table of month names:

- alignment (`readings_of`): language-neutral readings to share across a bead. "15 мая
  2026 г." and "May 15, 2026" both give the numbers 15 and 2026 and the month 5; "1990-х"
  and "1990s" give 1990; "2,5" and "2.5" both 25 (separators dropped, so decimal comma and
  point agree, as do "2 500" and "2,500"); Roman numerals (XX век) count as numbers;
- number-mismatch (`values_in`, `mismatch`): dates in ISO form (15 мая 2026 г., May 15,
  2026, 15 May 2026 and 15.05.2026 all become 2026-05-15; «в мае 2026 г.» and "in May 2026"
  become 2026-05) and numbers with the language's separators (1 000 000,5 in Russian,
  1,000,000.5 in English) as values; numbers written in words are not read;
- the quality report (`digit_runs`): runs of digits only, a cue that needs no language.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import partial
from itertools import accumulate
from typing import Literal, NamedTuple, TypeVar

from paralign.lang import is_cyrillic

T = TypeVar("T")

ENGLISH_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
"""English month names, January first."""

# Russian month stems, January first: the soft ones take ь/я/е/ю/ём/ем, март and август the
# hard endings, and май is spelled out (its stem, "ма", would start too many words).
_RU_STEMS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_RU_MAY = ("май", "мая", "мае", "маю", "маем")
_HARD = ("март", "август")

# What alignment reads besides the Russian stem and the English name: short English forms
# and the other languages we read most (their month names by the shortest unambiguous
# prefix); other languages still get the day and the year.
_OTHER_PREFIXES = (
    "jan januar janvier enero gennaio",
    "feb februar février fevrier febrero febbraio",
    "mar märz marz mars marzo",
    "apr avril abril aprile",
    "mai maggio",
    "jun juni juin junio giugno",
    "jul juli juillet julio luglio",
    "aug août aout agosto",
    "sep sept septembre septiembre settembre",
    "oct oktober octobre octubre ottobre",
    "nov novembre noviembre",
    "dec dezember décembre decembre diciembre dicembre",
)


def _prefix_table() -> dict[str, int]:
    """Month prefixes for alignment: a word starting with one names that month."""
    table: dict[str, int] = {}
    for number, (stem, english, others) in enumerate(
        zip(_RU_STEMS, ENGLISH_MONTHS, _OTHER_PREFIXES, strict=True), 1
    ):
        russian = _RU_MAY[:3] if stem == "ма" else (stem,)
        for name in (*russian, english, *others.split()):
            table[name] = number
    return table


def _form_table() -> dict[str, int]:
    """Whole month words for number-mismatch: Russian case forms and English names."""
    forms: dict[str, int] = {}
    for number, stem in enumerate(_RU_STEMS, 1):
        if stem in _HARD:
            forms.update({stem + end: number for end in ("", "а", "е", "у", "ом")})
        elif stem == "ма":
            forms.update({form: number for form in _RU_MAY})
        else:
            forms.update({stem + end: number for end in ("ь", "я", "е", "ю", "ём", "ем")})
    forms.update({name: number for number, name in enumerate(ENGLISH_MONTHS, 1)})
    return forms


class Reading(NamedTuple):
    """A number (its digits, leading zeros dropped) or a month (its number) in a text."""

    kind: Literal["number", "month"]
    value: str


# ---- alignment: readings shared across a bead ---------------------------------------------

_NUMBER = re.compile(r"(?<![\d])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,:/]\d+)*)(?![\d])")
_ROMAN = re.compile(
    r"\b(?=[MDCLXVI]{2,}\b)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b"
)

_PREFIXES = _prefix_table()
_MONTH_FORMS = sorted(
    {f for name in _PREFIXES for f in (name[:3], name[:3].capitalize(), name[:3].upper())},
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
    if lower in _PREFIXES:
        return _PREFIXES[lower]
    if len(lower) >= 4:
        for length in (6, 5, 4):
            if lower[:length] in _PREFIXES and len(lower[:length]) == length:
                return _PREFIXES[lower[:length]]
    return None


def readings(text: str) -> list[Reading]:
    """The numbers and months of one sentence, for alignment (repeats kept)."""
    return readings_of([text], partial(Reading, "number"), partial(Reading, "month"))[0]


def readings_of(
    texts: Sequence[str], number: Callable[[str], T], month: Callable[[str], T]
) -> list[list[T]]:
    """The readings of many sentences, each pattern run once over all of them: numbers in
    order, then Roman numerals, then months, each written down by `number` or `month` (the
    aligner makes its channel tokens directly, with no record in between)."""
    joined = "\n".join(texts)
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    out: list[list[T]] = [[] for _ in texts]

    def owner(offset: int) -> list[T]:
        return out[bisect_right(starts, offset) - 1]

    for match in _NUMBER.finditer(joined):
        raw = match.group(1)
        found = owner(match.start())
        digits = re.sub(r"\D", "", raw)
        found.append(number(digits.lstrip("0") or "0"))
        parts = re.split(r"[.:/]", raw)
        if len(parts) >= 3:  # 15.05.2026 also says 15, 5 and 2026
            found.extend(number(p.lstrip("0") or "0") for p in parts if p.isdigit())
    for match in _ROMAN.finditer(joined):
        owner(match.start()).append(number(str(_roman(match.group(0)))))
    for match in _MONTH_WORD.finditer(joined):
        word = match.group(0)
        # short Latin forms (may, mar, mai) are months only when capitalised
        if len(word) <= 4 and word.isascii() and not word[0].isupper():
            continue
        found_month = _month(word)
        if found_month is not None:
            owner(match.start()).append(month(str(found_month)))
    return out


# ---- number-mismatch: values compared between source and target --------------------------

_FORMS = _form_table()
_ANY_DIGIT = re.compile(r"\d")
# A value token: d.m.y and y-m-d dates first, then numbers with the language's separators.
_VALUE = {
    "en": re.compile(
        r"\d{1,2}[./]\d{1,2}[./]\d{4}(?!\d)|\d{4}-\d{2}-\d{2}(?!\d)"
        r"|(?<![^\W_])\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    ),
    "ru": re.compile(
        r"\d{1,2}[./]\d{1,2}[./]\d{4}(?!\d)|\d{4}-\d{2}-\d{2}(?!\d)"
        r"|(?<![^\W_])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)(?:,\d+)?|\d+(?:,\d+)?"
    ),
}
_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# After a day: "мая 2026", "May 2026", "th of May, 2026".
_MONTH_YEAR_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?([^\W\d_]+)\s*,?\s+(\d{4})(?!\d)")
# After "May 15": ", 2026" or " 2026".
_YEAR_AFTER = re.compile(r"(?:st|nd|rd|th)?\s*,?\s+(\d{4})(?!\d)")
_AFTER_DAY = frozenset(" \u00a0snrt")  # a space, or st/nd/rd/th
_SEPARATORS = str.maketrans("", "", " \u00a0\u202f")
_PRIMARY: dict[str, str] = {}


def _date(year: str | int, month: int, day: str | int | None = None) -> str:
    return f"{year}-{month:02d}" if day is None else f"{year}-{month:02d}-{int(day):02d}"


def values_in(text: str, lang: str) -> frozenset[str]:
    """The dates (ISO) and numbers (canonical decimal) a text mentions.

    One pass over the number tokens; a date is recognised from the words around a token
    (15 мая 2026 г., May 15, 2026, 15 May 2026, в мае 2026 г., 30.05.2026, 2026-05-30).
    """
    if not _ANY_DIGIT.search(text):
        return frozenset()
    primary = _PRIMARY.get(lang)
    if primary is None:
        primary = _PRIMARY[lang] = "ru" if is_cyrillic(lang) else "en"
    found: set[str] = set()
    skip_at = -1
    number = _VALUE[primary].match
    pos = 0
    while True:
        # Every number starts at a digit: jumping to the next digit and matching there gives
        # finditer's matches at a third of its cost (its alternation is tried at every
        # character, the lookbehind defeating the regex engine's first-character skip).
        digit = _ANY_DIGIT.search(text, pos)
        if digit is None:
            break
        match = number(text, digit.start())
        if match is None:  # cannot happen: the last alternative matches any digit
            break
        start, end = match.span()
        pos = end
        raw = match.group()
        if start == skip_at:
            continue
        whole = raw.isdigit()
        size = len(raw)
        if whole and (size == 3 or size > 4):  # neither a day nor a year: a plain number
            found.add(raw.lstrip("0") or "0")
            continue
        if not whole and size >= 8:
            dmy = _DMY.fullmatch(raw) or _YMD.fullmatch(raw)
            if dmy:
                a, b, c = dmy.groups()
                day, month, year = (a, int(b), c) if len(a) <= 2 else (c, int(b), a)
                if 1 <= month <= 12:
                    found.add(_date(year, month, day))
                    continue
        if whole:
            dated = _word_date(text, raw, start, end)
            if dated is None:
                found.add(raw.lstrip("0") or "0")
            else:
                found.add(dated[0])
                skip_at = dated[1] if dated[1] >= 0 else skip_at
            continue
        found.add(_decimal(raw, primary))
    return frozenset(found)


def _word_date(text: str, raw: str, start: int, end: int) -> tuple[str, int] | None:
    """The date the words around a whole number make (15 мая 2026, May 15, 2026, May 2026),
    as (ISO date, where the year it took in starts, or -1); None when they make none."""
    day_like = len(raw) <= 2 and 1 <= int(raw) <= 31
    if day_like and text[end : end + 1] in _AFTER_DAY:
        after = _MONTH_YEAR_AFTER.match(text, end)
        if after and after.group(1).lower() in _FORMS:
            return _date(after.group(2), _FORMS[after.group(1).lower()], raw), after.start(2)
    if not (day_like or len(raw) == 4) or not start or text[start - 1] != " ":
        return None
    words = text[max(0, start - 16) : start].split()  # a month name just before: "May 2026"
    month = _FORMS.get(words[-1].lower(), 0) if words else 0
    if not month:
        return None
    if not day_like:
        return _date(raw, month), -1
    year = _YEAR_AFTER.match(text, end)
    return (_date(year.group(1), month, raw), year.start(1)) if year else None


def _decimal(raw: str, primary: str) -> str:
    """A number with separators as a canonical decimal (1 000,50 and 1,000.50 → 1000.5)."""
    value = (
        raw.translate(_SEPARATORS).replace(",", ".") if primary == "ru" else raw.replace(",", "")
    )
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value.lstrip("0") or "0"


def mismatch(source: str, src_lang: str, target: str, tgt_lang: str) -> tuple[list[str], list[str]]:
    """(in the source only, in the target only), sorted."""
    src, tgt = values_in(source, src_lang), values_in(target, tgt_lang)
    if src == tgt:
        return [], []
    lost, added = set(src - tgt), set(tgt - src)
    # "January 2022 events" against «январские события 2022 года»: a month on one side
    # only, the year alone on the other, is the same date said less precisely.
    for one, other in ((lost, added), (added, lost)):
        for value in sorted(one):
            if len(value) == 7 and value[:4] in other:
                one.discard(value)
                other.discard(value[:4])
    return sorted(lost), sorted(added)


# ---- the quality report: digit runs -------------------------------------------------------

# "1,5 млн" and "1.5 million" both give {"1", "5"}, "2026 г." gives {"2026"}.
_DIGITS = re.compile(r"\d+")


def digit_runs(text: str) -> frozenset[str]:
    """The runs of digits of a text, as written."""
    return frozenset(_DIGITS.findall(text))
