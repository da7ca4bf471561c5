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
    index, size, depth = 0, len(pattern), 0
    quantified = False  # the previous token was a quantifier (so `+` is possessive)
    while index < size:
        char = pattern[index]
        if char == "\\":
            if pattern.startswith("\\Q", index):
                end = pattern.find("\\E", index + 2)
                end = size if end < 0 else end + 2
                out.append(pattern[index:end])
                index = end
            else:
                out.append(pattern[index : index + 2])
                index += 2
            quantified = False
            continue
        if depth:
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
            out.append(char)
        elif char == "[":
            depth = 1
            out.append(char)
            # a leading `]` or `^]` is a literal inside the class
            for lead in ("^]", "]", "^"):
                if pattern.startswith(lead, index + 1):
                    out.append(lead)
                    index += len(lead)
                    break
        elif char == "*":
            out.append(f"{{0,{limit}}}")
            quantified = True
            index += 1
            continue
        elif char == "+":
            out.append("+" if quantified else f"{{1,{limit}}}")
            quantified = not quantified
            index += 1
            continue
        elif char == "{":
            close = pattern.find("}", index)
            body = pattern[index + 1 : close] if close > 0 else ""
            if close > 0 and body.endswith(",") and body[:-1].strip().isdigit():
                out.append(f"{{{body[:-1].strip()},{limit}}}")
            else:
                out.append(pattern[index : close + 1] if close > 0 else char)
            index = close + 1 if close > 0 else index + 1
            quantified = close > 0
            continue
        elif char == "?" and quantified:
            out.append(char)  # lazy marker
            quantified = False
            index += 1
            continue
        else:
            out.append(char)
            quantified = char == "?" and bool(out[:-1]) and out[-2] not in "(|"
            index += 1
            continue
        index += 1
        quantified = False
    return "".join(out)
