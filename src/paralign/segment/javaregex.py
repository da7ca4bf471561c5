"""Java regular expressions (the dialect of SRX files) as patterns of the `regex` module.

The `regex` module already speaks most of Java: `\\p{Lu}`, possessive quantifiers, atomic
groups, variable-length lookbehind and, with V1, class intersection `[\\p{L}&&[^a]]`. What
differs is rewritten here, token by token so an escaped backslash is never misread.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\\Q.*?(?:\\E|\Z)|\\p\{[^}]*\}|\\P\{[^}]*\}|\\.|\(\?U\)|[^\\(]+|\(", re.S)
_PROPERTIES = {
    "javaLowerCase": "Ll",
    "javaUpperCase": "Lu",
    "javaWhitespace": "White_Space",
    "javaLetter": "L",
    "javaDigit": "Nd",
    "javaLetterOrDigit": "Alnum",
    "IsAlphabetic": "Alphabetic",
    "IsLetter": "L",
    "IsDigit": "Nd",
    "IsUppercase": "Uppercase",
    "IsLowercase": "Lowercase",
    "IsWhite_Space": "White_Space",
    "IsPunctuation": "P",
    "Punct": "Punct",
}
_SIMPLE = {
    r"\h": r"\p{H}",
    r"\v": r"\p{V}",
    r"\z": r"\Z",
    r"\Z": r"(?=\n?\Z)",
    "(?U)": "",
}


def translate(pattern: str) -> str:
    """The `regex`-module (V1) spelling of a Java pattern."""
    out: list[str] = []
    for token in _TOKEN.findall(pattern):
        if token.startswith(r"\Q"):
            body = token[2:]
            body = body.removesuffix(r"\E")
            out.append("".join("\\" + c if not c.isalnum() else c for c in body))
        elif token[:3] in (r"\p{", r"\P{"):
            name = token[3:-1]
            out.append(f"{token[:2]}{{{_PROPERTIES.get(name, name)}}}")
        else:
            out.append(_SIMPLE.get(token, token))
    return "".join(out)
