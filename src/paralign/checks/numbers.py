"""number-mismatch: the numbers and dates of a source and its target must agree.

Dates are read in ISO form (15 мая 2026 г., May 15, 2026, 15 May 2026 and
15.05.2026 all become 2026-05-15; «в мае 2026 г.» and "in May 2026" become 2026-05), then
numbers are read with the language's separators (1 000 000,5 in Russian, 1,000,000.5 in
English) and compared as sets of values. Numbers written in words are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from paralign.checks.base import Corpus, Rule, Unit
from paralign.lang import is_cyrillic
from paralign.model import Finding, Severity

RULES = (
    Rule(
        "number-mismatch",
        Severity.WARNING,
        "Numbers or dates differ between source and target",
        "Dates and numbers are compared after normalising Russian and English formats.",
    ),
)
"""The rules this family reports."""


def _ru_month_forms() -> dict[str, int]:
    forms: dict[str, int] = {}
    soft = (
        "январ",
        "феврал",
        None,
        "апрел",
        None,
        "июн",
        "июл",
        None,
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
    )
    for number, stem in enumerate(soft, 1):
        if stem:
            forms.update({stem + end: number for end in ("ь", "я", "е", "ю", "ём", "ем")})
    for number, stem in ((3, "март"), (8, "август")):
        forms.update({stem + end: number for end in ("", "а", "е", "у", "ом")})
    forms.update({form: 5 for form in ("май", "мая", "мае", "маю", "маем")})
    return forms


_MONTHS = {
    **_ru_month_forms(),
    **{
        name: number
        for number, name in enumerate(
            (
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
            ),
            1,
        )
    },
}
_ANY_DIGIT = re.compile(r"\d")
# A number token: d.m.y and y-m-d dates first, then numbers with the language's separators.
_NUMBER = {
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


def numbers_in(text: str, lang: str) -> frozenset[str]:
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
    number = _NUMBER[primary].match
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
        day_like = whole and len(raw) <= 2 and 1 <= int(raw) <= 31
        if day_like and text[end : end + 1] in _AFTER_DAY:
            after = _MONTH_YEAR_AFTER.match(text, end)
            if after and after.group(1).lower() in _MONTHS:
                found.add(_date(after.group(2), _MONTHS[after.group(1).lower()], raw))
                skip_at = after.start(2)
                continue
        if day_like or (whole and len(raw) == 4):
            month = 0
            if start and text[start - 1] == " ":  # a month name just before: "May 2026"
                words = text[max(0, start - 16) : start].split()
                month = _MONTHS.get(words[-1].lower(), 0) if words else 0
            if month and day_like:
                year = _YEAR_AFTER.match(text, end)
                if year:
                    found.add(_date(year.group(1), month, raw))
                    skip_at = year.start(1)
                    continue
            elif month:
                found.add(_date(raw, month))
                continue
        if whole:
            found.add(raw.lstrip("0") or "0")
            continue
        if primary == "ru":
            value = raw.translate(_SEPARATORS).replace(",", ".")
        else:
            value = raw.replace(",", "")
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        found.add(value.lstrip("0") or "0")
    return frozenset(found)


def mismatch(source: str, src_lang: str, target: str, tgt_lang: str) -> tuple[list[str], list[str]]:
    """(in the source only, in the target only), sorted."""
    src, tgt = numbers_in(source, src_lang), numbers_in(target, tgt_lang)
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


def check_unit(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    if not unit.source.sentences or not unit.target.sentences:
        return
    lost, added = mismatch(unit.source.text, unit.source.lang, unit.target.text, unit.target.lang)
    if not lost and not added:
        return
    parts = []
    if lost:
        parts.append(f"source has {', '.join(lost)} not in the target")
    if added:
        parts.append(f"target has {', '.join(added)} not in the source")
    yield corpus.finding(
        "number-mismatch", "; ".join(parts), unit.location(unit.target), unit.target.text
    )
