"""Light, offline language identification by script, and well-formed BCP 47 tags.

paralign's texts are Russian and English: written in two scripts, so a text's script tells
whether a side is swapped (`align EN_FILE RU_FILE` with no flags) or a TU's `xml:lang` is
wrong, without a model. A text is judged only when it has enough letters and one script
holds a clear majority of them; names and numbers in the other script stay below that.
Languages sharing a script (English and German) are not told apart: see docs/reliability.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paralign.model import ParalignError

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


def expected_script(lang: str) -> str:
    return SCRIPT_OF_LANGUAGE.get(lang.split("-")[0].lower(), "Latin")


def detect_script(text: str) -> str | None:
    """The script holding a clear majority of the letters of `text`, or None (too few
    letters, or no clear majority)."""
    counts = {
        "Latin": sum(map(len, _RANGES["Latin"].findall(text))),
        "Cyrillic": sum(map(len, _RANGES["Cyrillic"].findall(text))),
    }
    if _ANY_OTHER.search(text):
        for name, pattern in _OTHER_SCRIPTS:
            counts[name] = sum(map(len, pattern.findall(text)))
    total = sum(counts.values())
    if total < MIN_LETTERS:
        return None
    script, count = max(counts.items(), key=lambda kv: kv[1])
    return script if count >= MAJORITY * total else None


@dataclass(frozen=True, slots=True)
class Mismatch:
    declared: str
    expected: str
    detected: str

    def describe(self) -> str:
        return (
            f"declared {self.declared} ({self.expected} script) but written in "
            f"{self.detected} script"
        )


def script_mismatch(text: str, lang: str) -> Mismatch | None:
    """How `text` contradicts its declared language `lang`, or None."""
    detected = detect_script(text)
    expected = expected_script(lang)
    if detected is None or detected == expected:
        return None
    return Mismatch(lang, expected, detected)


def check_tag(tag: str, where: str = "language") -> str:
    """`tag` when it is a well-formed BCP 47 language tag; else one line naming it."""
    if not isinstance(tag, str) or not _TAG.fullmatch(tag):
        raise ParalignError(
            f"{where} {tag!r} is not a BCP 47 language tag (like ru, en, en-GB, sr-Latn)"
        )
    return tag


def tmx_language_problems(path: object) -> list[tuple[int, str]]:
    """(line, message) for each tuv of a TMX whose text contradicts its xml:lang: what
    `tmx validate` adds to the DTD's verdict."""
    from paralign.tmx import iter_tu_elements, seg_text, tuv_lang

    problems: list[tuple[int, str]] = []
    for _, tu in iter_tu_elements(path):  # type: ignore[arg-type]
        for tuv in tu.iter("tuv"):
            seg = tuv.find("seg")
            lang = tuv_lang(tuv)
            if seg is None or not lang:
                continue
            mismatch = script_mismatch(seg_text(seg), lang)
            if mismatch is not None:
                problems.append(
                    (tuv.sourceline or 0, f"language-mismatch: tuv {mismatch.describe()}")
                )
    return problems
