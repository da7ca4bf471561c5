"""Light, offline language identification, and well-formed BCP 47 tags.

Two tests, cheapest first. The script: Russian and English are written in two scripts, so a
text's script tells whether a side is swapped (`align EN_FILE RU_FILE` with no flags) or a
TU's `xml:lang` is wrong, without a model; a text is judged only when it has enough letters
and one script holds a clear majority of them, so names and numbers in the other script stay
below that. Where the script is shared (English and German, Russian and Ukrainian), the
words: py3langid's byte n-gram model (Naive Bayes over 140 language labels, shipped in its
wheel, no download) judges texts of at least NGRAM_MIN_LETTERS letters, and a text counts
as not in its declared language only when the model gives that language less than UNLIKELY.
The choice and its accuracy on short sentences: docs/reliability.md, benchmarks/langid.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from paralign.lang import primary
from paralign.memo import repeated
from paralign.model import ParalignError

if TYPE_CHECKING:
    from paralign.urls import Location

SCRIPT_OF_LANGUAGE = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "kk", "ky", "sr", "mk", "tg", "mn"), "Cyrillic"),
    "el": "Greek",
    **dict.fromkeys(("ar", "fa", "ur"), "Arabic"),
    "he": "Hebrew",
    **dict.fromkeys(("zh", "ja"), "Han"),
    "ko": "Hangul",
    "hy": "Armenian",
    "ka": "Georgian",
}
# Runs of each script's letters: counting their lengths makes one string per word, not one
# per letter, and most texts hold only Latin and Cyrillic, so the other scripts are counted
# only when one search finds a letter of theirs (check runs this on both sides of every TU).
_RANGES = {
    "Latin": re.compile("[A-Za-z\u00c0-\u024f]+"),
    "Cyrillic": re.compile("[\u0400-\u052f]+"),
    "Greek": re.compile("[\u0370-\u03ff]+"),
    "Arabic": re.compile("[\u0600-\u06ff]+"),
    "Hebrew": re.compile("[\u0590-\u05ff]+"),
    "Han": re.compile("[\u3040-\u30ff\u4e00-\u9fff]+"),
    "Hangul": re.compile("[\uac00-\ud7af]+"),
    "Armenian": re.compile("[\u0530-\u058f]+"),
    "Georgian": re.compile("[\u10a0-\u10ff]+"),
}
_OTHER_SCRIPTS = tuple((name, pattern) for name, pattern in _RANGES.items())[2:]
_ANY_OTHER = re.compile(
    "[\u0370-\u03ff\u0530-\u06ff\u10a0-\u10ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"
)
MIN_LETTERS = 12  # fewer letters than this ("ОТГ", "2026", a name) decide nothing
MAJORITY = 0.8  # the share of letters one script needs for the text to count as written in it
# Set on one half of ../shared/data's en/de/fr sentences, measured on the other
# (benchmarks/langid.py): below 40 letters an n-gram model misreads one sentence in a hundred.
NGRAM_MIN_LETTERS = 40
UNLIKELY = 1e-3
# Written standards so close that a character model cannot (and a reader need not) tell
# them apart: a Bosnian text under xml:lang="hr" is not a mistake worth a finding.
_KIN = (
    frozenset({"no", "nb", "nn", "da"}),
    frozenset({"bs", "hr", "sr", "sh", "cnr"}),
    frozenset({"ms", "id"}),
    frozenset({"gl", "pt"}),
)
# BCP 47 (RFC 5646) language tags as paralign meets them: language, script, region,
# variants, extensions, private use. Grandfathered tags are not accepted.
_TAG = re.compile(
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"  # language (and extlang)
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|\d{3}))?"  # region
    r"(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*"  # variants
    r"(?:-[0-9A-WYZa-wyz](?:-[A-Za-z\d]{2,8})+)*"  # extensions
    r"(?:-[Xx](?:-[A-Za-z\d]{1,8})+)?"  # private use
)


_SCRIPT_SUBTAGS = {"latn": "Latin", "cyrl": "Cyrillic", "grek": "Greek", "arab": "Arabic"}


@cache  # check asks it for both sides of every TU, of a handful of codes
def expected_script(lang: str) -> str:
    """The script `lang` is written in: its script subtag when it has one (sr-Latn), else
    its language's usual script."""
    subtags = lang.lower().split("-")
    named = next((_SCRIPT_SUBTAGS[t] for t in subtags[1:] if t in _SCRIPT_SUBTAGS), None)
    return named or SCRIPT_OF_LANGUAGE.get(subtags[0], "Latin")


def detect_script(text: str) -> str | None:
    """The script holding a clear majority of the letters of `text`, or None (too few
    letters, or no clear majority)."""
    return _majority(_letters_by_script(text))


def _letters_by_script(text: str) -> dict[str, int]:
    counts = {
        "Latin": sum(map(len, _RANGES["Latin"].findall(text))),
        "Cyrillic": sum(map(len, _RANGES["Cyrillic"].findall(text))),
    }
    if _ANY_OTHER.search(text):
        for name, pattern in _OTHER_SCRIPTS:
            counts[name] = sum(map(len, pattern.findall(text)))
    return counts


def _majority(counts: dict[str, int]) -> str | None:
    total = sum(counts.values())
    if total < MIN_LETTERS:
        return None
    script, count = max(counts.items(), key=lambda kv: kv[1])
    return script if count >= MAJORITY * total else None


@dataclass(frozen=True, slots=True)
class Mismatch:
    """How a text contradicts its declared language: written in another script, or, in the
    right script, reading as another language (`reads_as`, a primary subtag)."""

    declared: str
    expected: str
    detected: str
    reads_as: str | None = None

    def describe(self) -> str:
        if self.reads_as is not None:
            return f"declared {self.declared} but reads as {self.reads_as}"
        return (
            f"declared {self.declared} ({self.expected} script) but written in "
            f"{self.detected} script"
        )


def script_mismatch(text: str, lang: str) -> Mismatch | None:
    """How `text`'s script contradicts its declared language `lang`, or None."""
    return _by_script(_letters_by_script(text), lang)


def _by_script(counts: dict[str, int], lang: str) -> Mismatch | None:
    detected = _majority(counts)
    expected = expected_script(lang)
    if detected is None or detected == expected:
        return None
    return Mismatch(lang, expected, detected)


@repeated(4096)  # check asks it of both sides of every TU, and a TM repeats segments
def language_mismatch(text: str, lang: str) -> Mismatch | None:
    """How `text` contradicts its declared language `lang`, by script and, where the
    script is right, by its words; None when it does not, or when it is too short to say."""
    # Digits are no language's evidence: each ASCII digit as 0 (still a word character, in
    # no script's letters), so texts that differ in their numbers alone, as a TM's so often
    # do (report No. 8 of 1997, No. 16 of 2005…), are one question, answered once. Asked
    # after the text itself: a repeated text is then answered without being rewritten.
    return _mismatch(_ASCII_DIGIT.sub("0", text), lang)


_ASCII_DIGIT = re.compile("[0-9]")


@repeated(4096)
def _mismatch(text: str, lang: str) -> Mismatch | None:
    counts = _letters_by_script(text)
    by_script = _by_script(counts, lang)
    script = expected_script(lang)
    if by_script is not None or counts.get(script, 0) < NGRAM_MIN_LETTERS:
        return by_script
    reads_as = _reads_as_other(text, lang)
    return None if reads_as is None else Mismatch(lang, script, script, reads_as)


def _reads_as_other(text: str, lang: str) -> str | None:
    declared = primary(lang)
    if _plainly(text, declared):
        return None
    # Nor are digits other than ASCII's (the model is asked without any).
    return _model_reads_as_other(_DIGITS.sub("", text), declared)


_DIGITS = re.compile(r"\d+")


# A TM repeats segments (headings, boilerplate, the same sentence in many documents or in
# TMs merged together), and the model costs a hundred times the cheap test.
@lru_cache(maxsize=8192)
def _model_reads_as_other(text: str, declared: str) -> str | None:
    identifier = _identifier()
    if declared not in identifier.nb_classes:
        return None  # a language the model was not trained on: no evidence either way
    ranked = identifier.rank(text)
    kin = next((group for group in _KIN if declared in group), frozenset({declared}))
    if sum(p for code, p in ranked if code in kin) >= UNLIKELY:
        return None
    return str(ranked[0][0])


# A cheap test first, since the model costs a hundred times more. Closed-class words of
# English and of Russian that are not words of the languages sharing their script (German,
# French, Dutch, Spanish, Italian; Ukrainian, Belarusian, Bulgarian, Serbian): one of them
# in a text with nothing but its language's letters makes the text plainly that language.
_ENGLISH_WORDS = """the of and that with which this from were have has been would their they
these those its than could should about into what when who"""
_RUSSIAN_WORDS = """что это как его был была было были который которая которое которые
также только уже если когда после этого этом более может году всё ещё"""
_OWN_WORD = {
    lang: re.compile(r"(?<!\w)(?:" + "|".join(words.split()) + r")(?!\w)")
    for lang, words in (("en", _ENGLISH_WORDS), ("ru", _RUSSIAN_WORDS))
}
# The letters of a script outside the language's own alphabet, in lower case: English has
# a-z; Russian а-я and ё, so a Ukrainian і ї є ґ, a Belarusian ў, a Kazakh ә қ… is foreign.
_FOREIGN_LETTER = {
    "en": re.compile("[\u00c0-\u024f]"),
    "ru": re.compile("[\u0400-\u042f\u0450\u0452-\u052f]"),
}
# ы э ё: Russian letters that Ukrainian and Bulgarian lack.
_RUSSIAN_ONLY_LETTER = re.compile("[ыэё]")


def _plainly(text: str, declared: str) -> bool:
    """Whether `text` is plainly in the declared language by a cheap linguistic test."""
    foreign = _FOREIGN_LETTER.get(declared)
    if foreign is None:
        return False
    lowered = text.lower()
    if foreign.search(lowered):
        return False
    if declared == "ru" and _RUSSIAN_ONLY_LETTER.search(lowered):
        return True
    return _OWN_WORD[declared].search(lowered) is not None


def load_model() -> None:
    """Load the model now (about a second) rather than when a text first needs it: for
    worker processes forked later to share it."""
    _identifier()


@cache
def _identifier() -> Any:
    """py3langid's model, loaded once (about a second) and only when a text needs it."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def check_tag(tag: str, where: str = "language") -> str:
    """`tag` when it is a well-formed BCP 47 language tag; else one line naming it."""
    if not isinstance(tag, str) or not _TAG.fullmatch(tag):
        raise ParalignError(
            f"{where} {tag!r} is not a BCP 47 language tag (like ru, en, en-GB, sr-Latn)"
        )
    return tag


def tmx_language_problems(path: Location) -> list[tuple[int, str]]:
    """(line, message) for each tuv of a TMX whose text contradicts its xml:lang: what
    `tmx validate` adds to the DTD's verdict."""
    from paralign.tmx import iter_tu_elements, seg_text, tuv_lang

    problems: list[tuple[int, str]] = []
    for _, tu in iter_tu_elements(path):
        for tuv in tu.iter("tuv"):
            seg = tuv.find("seg")
            lang = tuv_lang(tuv)
            if seg is None or not lang:
                continue
            mismatch = language_mismatch(seg_text(seg), lang)
            if mismatch is not None:
                problems.append(
                    (tuv.sourceline or 0, f"language-mismatch: tuv {mismatch.describe()}")
                )
    return problems
