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


def finitize(pattern: str, limit: int = 100) -> str:
    """Unbounded repetition made bounded, as Java needs inside lookbehind (and as segment does).

    `a*` → `a{0,100}`, `a+` → `a{1,100}`, `a{2,}` → `a{2,100}`; a `+` after another quantifier
    is possessive and stays. Character classes and escapes are left alone. Besides matching
    the reference, the bound keeps a lookbehind from scanning back over a whole long text.
    """
    out: list[str] = []
    index, depth = 0, 0
    quantified = False  # the previous token was a quantifier (so `+` is possessive)
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            token, index = _escaped(pattern, index)
            quantified = False
        elif depth or char == "[":
            token, index, depth = _in_class(pattern, index, depth)
            quantified = False
        else:
            previous = out[-1] if out else None
            token, index, quantified = _outside(pattern, index, limit, quantified, previous)
        out.append(token)
    return "".join(out)


def _escaped(pattern: str, index: int) -> tuple[str, int]:
    """An escape (`\\x`) or a quoted run (`\\Q…\\E`), whole, and where the next token starts."""
    if pattern.startswith("\\Q", index):
        end = pattern.find("\\E", index + 2)
        end = len(pattern) if end < 0 else end + 2
        return pattern[index:end], end
    return pattern[index : index + 2], index + 2


def _in_class(pattern: str, index: int, depth: int) -> tuple[str, int, int]:
    """One character of a character class (or its opening, with a leading literal `]`),
    the next index, and the nesting depth after it."""
    char = pattern[index]
    if depth:
        return char, index + 1, depth + (char == "[") - (char == "]")
    for lead in ("^]", "]", "^"):  # a leading `]` or `^]` is a literal inside the class
        if pattern.startswith(lead, index + 1):
            return char + lead, index + 1 + len(lead), 1
    return char, index + 1, 1


def _outside(
    pattern: str, index: int, limit: int, quantified: bool, previous: str | None
) -> tuple[str, int, bool]:
    """One token outside a class, bounded if it is an unbounded quantifier; the next index,
    and whether the token is a quantifier (a `?` is one unless it opens the pattern, a
    group or an alternative)."""
    char = pattern[index]
    if char == "*":
        return f"{{0,{limit}}}", index + 1, True
    if char == "+":
        return ("+" if quantified else f"{{1,{limit}}}"), index + 1, not quantified
    if char == "{":
        close = pattern.find("}", index)
        body = pattern[index + 1 : close] if close > 0 else ""
        if close > 0 and body.endswith(",") and body[:-1].strip().isdigit():
            return f"{{{body[:-1].strip()},{limit}}}", close + 1, True
        if close > 0:
            return pattern[index : close + 1], close + 1, True
        return char, index + 1, False
    if char == "?" and quantified:
        return char, index + 1, False  # lazy marker
    return char, index + 1, char == "?" and previous is not None and previous not in "(|"
