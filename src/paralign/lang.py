"""BCP 47 language tags, the one place they are taken apart.

The primary subtag (`ru` of `RU-ru`), whether a tag matches a requested one (`en-GB` matches
`en`, not `en-US`), the case BCP 47 recommends, and which script a language is written in.
Every module that asks "is this Russian?" or "is this a Cyrillic-script language?" asks here,
so that `sr-Latn` or `RU_RU` is understood the same way everywhere. Imports nothing of
paralign's: every layer may use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SHAPE = re.compile(
    r"^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[A-WY-Za-wy-z0-9](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$"
)

CYRILLIC = frozenset(("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"))
"""Languages written in Cyrillic by default (a `-Latn` script subtag says otherwise)."""

_SCRIPTS = {
    **dict.fromkeys(CYRILLIC, "Cyrillic"),
    "el": "Greek",
    "ar": "Arabic",
    "he": "Hebrew",
}
_SCRIPT_SUBTAGS = {"cyrl": "Cyrillic", "latn": "Latin", "grek": "Greek", "arab": "Arabic"}


@lru_cache(maxsize=256)
def primary(code: str) -> str:
    """The primary language subtag, lower case: `RU-ru` → `ru`, `sr_Latn` → `sr`."""
    return code.replace("_", "-").split("-")[0].strip().lower()


def is_bcp47(code: str) -> bool:
    """Well-formed BCP 47 language tag (language[-script][-region][-variant]…), `_` refused."""
    return bool(_SHAPE.match(code)) or code.lower() in {"*all*"}


def canonical(code: str) -> str:
    """Case as BCP 47 recommends: `RU-ru` → `ru-RU`, `sr-latn-rs` → `sr-Latn-RS`."""
    parts = code.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def matches(code: str, wanted: str) -> bool:
    """`RU-RU` matches `ru`; `en-GB` matches `en` and `en-gb`, not `en-US`."""
    have = code.replace("_", "-").lower()
    want = wanted.replace("_", "-").lower()
    if have == want:
        return True
    if "-" in want and "-" in have:
        return False
    return have.split("-")[0] == want.split("-")[0]


def same_language(a: str, b: str) -> bool:
    """Whether two tags name one language, regions and scripts aside."""
    return primary(a) == primary(b)


@lru_cache(maxsize=256)
def script_of(code: str) -> str:
    """The script a language is written in: a script subtag (`sr-Latn`) when present, else
    the language's usual one; `Latin` for the languages not listed."""
    for part in code.replace("_", "-").split("-")[1:]:
        if len(part) == 4 and part.lower() in _SCRIPT_SUBTAGS:
            return _SCRIPT_SUBTAGS[part.lower()]
    return _SCRIPTS.get(primary(code), "Latin")


def is_cyrillic(code: str) -> bool:
    """Whether the language of `code` is written in Cyrillic (ru, uk, sr, kk …)."""
    return script_of(code) == "Cyrillic"
