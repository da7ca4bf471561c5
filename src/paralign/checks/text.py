"""Checks on the text of a segment itself: untranslated, quote-style."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from paralign.checks.base import Corpus, Rule, Side, Unit
from paralign.lang import script_of
from paralign.model import Finding, Severity

_LETTER = re.compile(r"[^\W\d_]")
_SPACE = re.compile(r"\s+")
_ANY_QUOTE = re.compile(r"[\"«»“”„‘’‚]")
_SCRIPT_LETTERS = {
    "Cyrillic": re.compile("[\u0400-\u052f]"),
    "Latin": re.compile("[A-Za-z\u00c0-\u024f]"),
    "Greek": re.compile("[\u0370-\u03ff]"),
    "Arabic": re.compile("[\u0600-\u06ff]"),
    "Hebrew": re.compile("[\u0590-\u05ff]"),
}


RULES = (
    Rule(
        "untranslated",
        Severity.WARNING,
        "The target equals the source, or is written in the source's script",
        "Translate the segment.",
    ),
    Rule(
        "quote-style",
        Severity.INFO,
        "Quotation marks do not follow the house style of the language",
        "ru: «…» with „…“ inside; en: “…” with ‘…’ inside (configurable).",
    ),
)
"""The rules this family reports."""


def _normal(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def untranslated(source: str, src_lang: str, target: str, tgt_lang: str) -> str:
    """Why a target looks untranslated, or "" when it does not."""
    src_script, tgt_script = script_of(src_lang), script_of(tgt_lang)
    in_script = _SCRIPT_LETTERS[src_script]
    if src_script != tgt_script and not in_script.search(target) and in_script.search(source):
        return ""  # the usual case, decided without counting letters
    letters = len(_LETTER.findall(target))
    if letters < 3:
        return ""
    # Normalising only changes spaces, case and compatibility forms: lengths stay close.
    close = abs(len(source) - len(target)) <= len(target) // 10 + 2
    if source == target or (close and _normal(source) == _normal(target)):
        return "the target is the source, unchanged"
    if src_script != tgt_script:
        in_source = len(in_script.findall(target))
        if in_source * 2 > letters:
            return f"the target is written in {src_script} script, the source's"
    return ""


def quote_problem(text: str, style: tuple[str, str, str, str]) -> str:
    """What breaks the house quote style (outer open, outer close, inner open, inner close)."""
    outer_open, outer_close, inner_open, inner_close = style
    marks = _ANY_QUOTE.findall(text)  # only quotation marks decide; most sentences have none
    if not marks:
        return ""
    if '"' in marks:
        return f"straight quotes; house style is {outer_open}…{outer_close}"
    foreign = {"«", "»", "“", "”", "„"} - set(style)
    depth = 0
    for char in marks:
        if char == outer_open and outer_open != outer_close:
            depth += 1
        elif char == outer_close and outer_open != outer_close:
            depth = max(0, depth - 1)
        elif char in (inner_open, inner_close) and char not in (outer_open, outer_close):
            if depth == 0 and char == inner_open:
                return (
                    f"{inner_open}…{inner_close} used as outer quotes; house style is "
                    f"{outer_open}…{outer_close}"
                )
        elif char in foreign:
            return f"{char} is not a quotation mark of the house style {outer_open}…{outer_close}"
    return ""


def check_unit(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    yield from _untranslated(corpus, unit)
    for side in (unit.source, unit.target):
        yield from _quotes(corpus, unit, side)


def _untranslated(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    if not unit.source.sentences or not unit.target.sentences:
        return
    why = untranslated(unit.source.text, unit.source.lang, unit.target.text, unit.target.lang)
    if why:
        yield corpus.finding("untranslated", why, unit.location(unit.target), unit.target.text)


def _quotes(corpus: Corpus, unit: Unit, side: Side) -> Iterator[Finding]:
    style = corpus.quote_style(side.lang)
    if style is None:
        return
    for sentence in side.sentences:
        problem = quote_problem(sentence.text, style)
        if problem:
            yield corpus.finding(
                "quote-style", problem, unit.location(side, sentence), sentence.text
            )
