"""The characters a regex cannot match without: a cheap test that skips a rule on a text.

`needs(pattern)` reads a pattern of the `regex` module (V1, as `javaregex.translate` writes
it) and gives clauses, each a set of characters: any match (the text its lookarounds look
at included) holds at least one character of every clause. A text that lacks every
character of some clause cannot match, so the rule need not run there (`str.__contains__`
is a fast search). The analysis is conservative: what it cannot read (classes like `\\p{L}`
or `\\d`, case-insensitive groups, backreferences, fuzzy matching) asks for nothing, and a
construct it does not know at all (verbose mode, conditionals, inline flags) makes the
whole pattern ask for nothing. So a rule is skipped only where it could never match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

Clauses = tuple[frozenset[str], ...]

# A clause with more characters than this is nearly always satisfied: not worth testing.
MAX_CLAUSE = 8
_BOUND = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_LITERAL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}
_ZERO_WIDTH_ESCAPES = set("bBAZzGKm")
_CLASS_ESCAPES = set("dDwWsShHvVNRXpPx0123456789kgueafQE")


class _Unknown(Exception):
    """A construct the analysis does not read: the pattern asks for nothing."""


def needs(pattern: str) -> Clauses:
    """The clauses every match of `pattern` satisfies (empty: no requirement known)."""
    try:
        clauses, index = _alternation(pattern, 0)
    except (_Unknown, IndexError):
        return ()
    if index != len(pattern):  # an unbalanced ')': not ours to judge
        return ()
    return tuple(sorted(set(clauses), key=lambda clause: (len(clause), sorted(clause))))


def satisfied(clauses: Clauses, text: str) -> bool:
    """Whether `text` holds a character of every clause (so the rule may match it)."""
    return all(any(char in text for char in clause) for clause in clauses)


@dataclass(frozen=True, slots=True)
class Gate:
    """Which of several patterns a text may match; a clause several of them share (the full
    stop, most often) is tested once a text."""

    clauses: tuple[str, ...]  # the distinct clauses, each as a string of its characters
    uses: tuple[tuple[int, ...], ...]  # per pattern, the indices of the clauses it needs

    @classmethod
    def of(cls, needed: Sequence[Clauses]) -> Gate:
        distinct: dict[str, int] = {}
        uses = tuple(
            tuple(distinct.setdefault("".join(sorted(c)), len(distinct)) for c in clauses)
            for clauses in needed
        )
        return cls(tuple(distinct), uses)

    def open(self, text: str) -> list[bool]:
        """Per pattern, whether `text` holds what it needs (False: it cannot match)."""
        held = [any(map(text.__contains__, clause)) for clause in self.clauses]
        return [all(map(held.__getitem__, use)) for use in self.uses]


def _alternation(pattern: str, index: int) -> tuple[list[frozenset[str]], int]:
    """The branches from `index` to the closing `)` (not consumed) or the end."""
    branches: list[list[frozenset[str]]] = []
    while True:
        clauses, index = _sequence(pattern, index)
        branches.append(clauses)
        if index < len(pattern) and pattern[index] == "|":
            index += 1
            continue
        break
    if len(branches) == 1:
        return branches[0], index
    # Some branch matches: the union of one clause of each branch (their smallest) holds.
    if any(not clauses for clauses in branches):
        return [], index
    union = frozenset().union(*(min(clauses, key=len) for clauses in branches))
    return ([union] if len(union) <= MAX_CLAUSE else []), index


def _sequence(pattern: str, index: int) -> tuple[list[frozenset[str]], int]:
    clauses: list[frozenset[str]] = []
    while index < len(pattern) and pattern[index] not in "|)":
        atom, index = _atom(pattern, index)
        least, index = _quantifier(pattern, index)
        if least >= 1:
            clauses.extend(atom)
    return clauses, index


def _quantifier(pattern: str, index: int) -> tuple[int, int]:
    """The least number of repetitions the quantifier at `index` allows (1 if none)."""
    if index >= len(pattern):
        return 1, index
    char = pattern[index]
    if char in "*?":
        least, index = 0, index + 1
    elif char == "+":
        least, index = 1, index + 1
    elif char == "{":
        bound = _BOUND.match(pattern, index)
        if bound is None or not (bound.group(1) or bound.group(2)):
            raise _Unknown  # fuzzy matching {e<=1} or something else we do not read
        least, index = int(bound.group(1) or 0), bound.end()
    else:
        return 1, index
    if index < len(pattern) and pattern[index] in "?+":  # lazy or possessive
        index += 1
    return least, index


def _atom(pattern: str, index: int) -> tuple[list[frozenset[str]], int]:
    char = pattern[index]
    if char == "\\":
        return _escape(pattern, index)
    if char == "[":
        return _class(pattern, index)
    if char == "(":
        return _group(pattern, index)
    if char in ".^$":
        return [], index + 1
    if char in "*+?{":
        raise _Unknown  # a quantifier with nothing before it
    return [frozenset(char)], index + 1


def _escape(pattern: str, index: int) -> tuple[list[frozenset[str]], int]:
    char = pattern[index + 1]
    if char in "pPN" and pattern.startswith("{", index + 2):
        return [], pattern.index("}", index) + 1
    if char in _LITERAL_ESCAPES:
        return [frozenset(_LITERAL_ESCAPES[char])], index + 2
    if char in _ZERO_WIDTH_ESCAPES or char in _CLASS_ESCAPES:
        if char in "QExuk0123456789g":
            raise _Unknown  # quoting, code points, backreferences: not read here
        return [], index + 2
    if char.isalnum():
        raise _Unknown
    return [frozenset(char)], index + 2


def _class(pattern: str, index: int) -> tuple[list[frozenset[str]], int]:
    """A class of literal characters and small ranges; anything richer asks for nothing."""
    end = class_end(pattern, index)
    if end > len(pattern):
        raise _Unknown  # an unclosed class: the pattern asks nothing
    body = pattern[index + 1 : end - 1]
    chars: set[str] = set()
    position = 0
    readable = not body.startswith("^") and not any(op in body for op in ("&&", "||", "--", "~~"))
    while readable and position < len(body):
        char = body[position]
        if char == "[":
            readable = False
            break
        if char == "\\":
            escaped = body[position + 1]
            if escaped.isalnum() and escaped not in _LITERAL_ESCAPES:
                readable = False
                break
            char = _LITERAL_ESCAPES.get(escaped, escaped)
            position += 2
        else:
            position += 1
        if body.startswith("-", position) and position + 1 < len(body):
            last = body[position + 1]
            if last in "\\[" or ord(last) - ord(char) > 64 or ord(last) < ord(char):
                readable = False
                break
            chars.update(chr(code) for code in range(ord(char), ord(last) + 1))
            position += 2
        else:
            chars.add(char)
    if not readable or not chars or len(chars) > MAX_CLAUSE:
        return [], end
    return [frozenset(chars)], end


def class_end(pattern: str, index: int) -> int:
    """The index after the character class opening at `index` (nested classes of V1 too);
    past the end of `pattern` when the class is never closed."""
    depth, index = 1, index + 1
    if pattern.startswith("^", index):
        index += 1
    if pattern.startswith("]", index):
        index += 1
    while depth:
        if index >= len(pattern):
            return len(pattern) + 1
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        depth += char == "["
        depth -= char == "]"
        index += 1
    return index


_GROUP = re.compile(r"\(\?(?:P?<(?![=!])\w+>|:|>|<?[=!]|([a-zA-Z-]*)(:|\)))")


def _group(pattern: str, index: int) -> tuple[list[frozenset[str]], int]:
    opening = _GROUP.match(pattern, index)
    if opening is None:  # (?|, (?(, (?#, (?R, (?P=name) …
        if pattern.startswith("(?", index):
            raise _Unknown
        opening_end, kind = index + 1, "("
    else:
        opening_end, kind = opening.end(), opening.group(0)
        if opening.group(2) == ")":
            raise _Unknown  # an inline flag changes how the rest reads
        if opening.group(2) == ":" and opening.group(1):
            flags = opening.group(1)
            if "x" in flags:
                raise _Unknown
            if "i" in flags.split("-")[0] or "f" in flags:
                _, end = _alternation(pattern, opening_end)
                return [], end + 1
    clauses, end = _alternation(pattern, opening_end)
    if pattern[end] != ")":
        raise _Unknown
    if kind in ("(?!", "(?<!"):
        return [], end + 1
    return clauses, end + 1
