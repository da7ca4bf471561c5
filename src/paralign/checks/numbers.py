"""number-mismatch: the numbers and dates of a source and its target must agree.

Dates are rewritten to ISO form first (15 мая 2026 г., May 15, 2026, 15 May 2026 and
15.05.2026 all become 2026-05-15; «в мае 2026 г.» and "in May 2026" become 2026-05), then
numbers are read with the language's separators (1 000 000,5 in Russian, 1,000,000.5 in
English) and compared as sets of values. Numbers written in words are not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from paralign.checks.base import Corpus, Unit
from paralign.model import Finding

_RU_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_RU_MONTH = (
    r"(?P<month>январ[ьяеюё]|феврал[ьяеюё]|март[аеу]?|апрел[ьяеюё]|ма[йяеюё]|июн[ьяеюё]|"
    r"июл[ьяеюё]|август[аеу]?|сентябр[ьяеюё]|октябр[ьяеюё]|ноябр[ьяеюё]|декабр[ьяеюё])"
)
_EN_MONTHS = {
    m: i + 1
    for i, m in enumerate(
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
        )
    )
}
_EN_MONTH = r"(?P<month>" + "|".join(m.capitalize() for m in _EN_MONTHS) + r")"
_DAY = r"(?P<day>[0-3]?\d)"
_YEAR = r"(?P<year>\d{4})"

_DATES = [
    regex.compile(rf"\b{_DAY}\s+{_RU_MONTH}\s+{_YEAR}(?:\s*(?:г\.|года|год)(?!\w))?", regex.I),
    regex.compile(rf"\b{_DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH}\s*,?\s+{_YEAR}\b"),
    regex.compile(rf"\b{_EN_MONTH}\s+{_DAY}(?:st|nd|rd|th)?\s*,\s*{_YEAR}\b"),
    regex.compile(rf"\b{_EN_MONTH}\s+{_DAY}(?:st|nd|rd|th)?\s+{_YEAR}\b"),
    regex.compile(r"\b(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)[./](?P<year>\d{4})\b"),
    regex.compile(r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    regex.compile(
        rf"(?<!\p{{L}})(?<!\d\s){_RU_MONTH}\s+{_YEAR}(?:\s*(?:г\.|года|год)(?!\w))?", regex.I
    ),
    regex.compile(rf"(?<!\d\s){_EN_MONTH}\s*,?\s+{_YEAR}\b"),
]
_NUMBER = {
    "en": regex.compile(r"(?<![\p{L}\d])\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"),
    "ru": regex.compile(r"(?<![\p{L}\d])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"),
}
_ISO = regex.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")


def _month(name: str) -> int:
    lower = name.lower()
    if lower in _EN_MONTHS:
        return _EN_MONTHS[lower]
    if lower.isdigit():
        return int(lower)
    for stem, number in sorted(_RU_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if lower.startswith(stem):
            return number
    return 0


def _iso(match: regex.Match) -> str:
    groups = match.groupdict()
    month = _month(groups["month"])
    if not 1 <= month <= 12:
        return match.group()
    day = groups.get("day")
    if day is None:
        return f" {groups['year']}-{month:02d} "
    if not 1 <= int(day) <= 31:
        return match.group()
    return f" {groups['year']}-{month:02d}-{int(day):02d} "


@lru_cache(maxsize=65536)
def numbers_in(text: str, lang: str) -> frozenset[str]:
    """The dates (ISO) and numbers (canonical decimal) a text mentions."""
    if not any(c.isdigit() for c in text):
        return frozenset()
    for pattern in _DATES:
        text = pattern.sub(_iso, text)
    found = set(_ISO.findall(text))
    rest = _ISO.sub(" ", text)
    primary = "ru" if lang.split("-")[0].lower() in ("ru", "uk", "be", "bg", "kk") else "en"
    for match in _NUMBER[primary].finditer(rest):
        raw = match.group()
        if primary == "ru":
            value = regex.sub(r"[ \u00a0\u202f]", "", raw).replace(",", ".")
        else:
            value = raw.replace(",", "")
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        found.add(value.lstrip("0") or "0")
    return frozenset(found)


def mismatch(source: str, src_lang: str, target: str, tgt_lang: str) -> tuple[list[str], list[str]]:
    """(in the source only, in the target only), sorted."""
    src, tgt = numbers_in(source, src_lang), numbers_in(target, tgt_lang)
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
