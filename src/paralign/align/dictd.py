"""dictd dictionaries (such as Debian's mueller7-dict, English→Russian) as phrase pairs.

A dictd dictionary is an index (`headword<TAB>offset<TAB>length`, the numbers in dictd's
base64) and a text file, often dictzip-compressed (`.dict.dz`, readable as gzip). From each
entry we keep the headword and the short phrases of the other script in its definition
(transcriptions, grammar labels and examples fall away), pairing the Cyrillic side with the
language whose script it is.
"""

from __future__ import annotations

import re

from paralign.lang import is_cyrillic

_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_VALUE = {ch: n for n, ch in enumerate(_DIGITS)}
_CYRILLIC_PHRASE = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё\-]*(?: [А-Яа-яЁё][А-Яа-яЁё\-]*){0,2}")
_LATIN_PHRASE = re.compile(r"[A-Za-z][A-Za-z\-']*(?: [A-Za-z][A-Za-z\-']*){0,2}")
PHRASES_PER_ENTRY = 6


def decode_number(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + _VALUE[ch]
    return value


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def parse_dictd(index: str, data: bytes) -> list[tuple[str, str]]:
    """(headword, translation phrase) pairs, headword first, as the dictionary gives them."""
    pairs: list[tuple[str, str]] = []
    for line in index.splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00-database"):
            continue
        headword = parts[0].strip()
        try:
            start, size = decode_number(parts[1]), decode_number(parts[2])
        except KeyError:
            continue
        body = data[start : start + size].decode("utf-8", errors="replace")
        body = body.split("\n", 1)[1] if "\n" in body else ""
        body = re.sub(r"\[[^\]]*\]", " ", body)  # transcriptions
        pattern = _LATIN_PHRASE if _is_cyrillic(headword) else _CYRILLIC_PHRASE
        seen: dict[str, None] = {}
        for match in pattern.finditer(body):
            seen.setdefault(match.group(0).strip(), None)
            if len(seen) >= PHRASES_PER_ENTRY:
                break
        pairs.extend((headword, phrase) for phrase in seen)
    return pairs


def orient(pairs: list[tuple[str, str]], src_lang: str) -> list[tuple[str, str]]:
    """(source, target) pairs: the Cyrillic phrase goes to the side whose language is Russian
    (or another Cyrillic-script language: `paralign.lang.CYRILLIC`)."""
    cyrillic_source = is_cyrillic(src_lang)
    out = []
    for a, b in pairs:
        cyrillic, other = (a, b) if _is_cyrillic(a) else (b, a)
        out.append((cyrillic, other) if cyrillic_source else (other, cyrillic))
    return out
