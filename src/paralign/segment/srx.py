"""SRX 2.0: the rule files, and the engine that finds sentence breaks with them.

Semantics follow the reference implementation behind OmegaT and LanguageTool (loomchild's
`segment`, whose Python port choppa-srx our tests use as an oracle):

* `maprules` picks the `languagerule`s whose `languagepattern` matches the language code:
  the first one, or all of them in order when the header says `cascade="yes"`.
* Only break rules propose positions. Each scans the text like Java's `Matcher.find()`:
  the next match of `beforebreak`, kept when `afterbreak` matches right after it.
* The earliest position wins (the earlier rule on a tie), and it breaks unless one of the
  no-break rules listed *before* that break rule matches there: first match decides.

Rules compile once per file and language (cached), so a caller may segment block by block.
A rule that backtracks catastrophically meets a per-text time limit and an error naming it;
one whose bounded repeats multiply past `MAX_REPEAT` (the regex engine unrolls them, so
`(?:a{1000}){1000}` costs seconds and hundreds of MB before it matches anything) is refused
when the rules compile, naming it.
"""

from __future__ import annotations

import heapq
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from paralign.model import ParalignError
from paralign.segment.javaregex import finitize, translate
from paralign.segment.required import Gate, class_end, needs

SRX_NS = "http://www.lisa.org/srx20"
_Q = f"{{{SRX_NS}}}"
# A budget against hangs, not a speed target: generous, growing with the text.
TIME_LIMIT_BASE = 5.0
TIME_LIMIT_PER_CHAR = 2e-5
# The largest product of nested {n,m} bounds in one rule: paralign's own rules need 400,
# a finitized no-break lookbehind `(\w+\s?)*` 10,000.
MAX_REPEAT = 100_000
_BOUND = re.compile(r"\{(\d+)(?:,(\d*))?\}")


@dataclass(frozen=True, slots=True)
class SrxRule:
    """One `<rule>`: `label` says where it is (`English #12`) and what its comment says."""

    is_break: bool
    before: str
    after: str
    label: str


@dataclass(frozen=True, slots=True)
class SrxDocument:
    path: str
    cascade: bool
    language_rules: tuple[tuple[str, tuple[SrxRule, ...]], ...]
    maps: tuple[tuple[str, str], ...]

    def rules_for(self, lang: str) -> tuple[SrxRule, ...]:
        import regex

        by_name = dict(self.language_rules)
        rules: list[SrxRule] = []
        for pattern, name in self.maps:
            try:
                matched = regex.fullmatch(translate(pattern), lang, flags=regex.V1)
            except regex.error as error:
                raise ParalignError(
                    f"{self.path}: languagemap {pattern!r}: invalid regex: {error}"
                ) from None
            if matched:
                rules.extend(by_name[name])
                if not self.cascade:
                    break
        return tuple(rules)


def parse_srx(data: bytes, path: str) -> SrxDocument:
    """An SRX 2.0 document; anything else raises one line naming the file and the problem.

    The standard library's expat parser: rule files are small, their entities are refused
    before parsing and expat never fetches anything, and `paralign segment` starts faster
    without lxml. Comments are kept: they name the rules.
    """
    from xml.etree import ElementTree

    if b"<!ENTITY" in data:
        raise ParalignError(f"{path}: declares an XML entity; rule files may not (refused)")
    parser = ElementTree.XMLParser(target=ElementTree.TreeBuilder(insert_comments=True))
    try:
        parser.feed(data)
        root = parser.close()
    except ElementTree.ParseError as error:
        raise ParalignError(f"{path}: not XML: {error}") from None
    if root.tag != f"{_Q}srx" or root.get("version") != "2.0":
        from paralign.xmlsafe import local_name

        raise ParalignError(
            f"{path}: not SRX 2.0 (root {local_name(root.tag)!r}, "
            f'version {root.get("version")!r}; expected <srx version="2.0" xmlns="{SRX_NS}">)'
        )
    header = root.find(f"{_Q}header")
    cascade = header is not None and header.get("cascade", "no") == "yes"
    language_rules: list[tuple[str, tuple[SrxRule, ...]]] = []
    for element in root.iter(f"{_Q}languagerule"):
        name = element.get("languagerulename", "")
        rules: list[SrxRule] = []
        comment = ""
        for child in element:
            if child.tag is ElementTree.Comment:
                comment = " ".join((child.text or "").split())
                continue
            if child.tag != f"{_Q}rule":
                continue
            before = child.findtext(f"{_Q}beforebreak") or ""
            after = child.findtext(f"{_Q}afterbreak") or ""
            label = f"{name} #{len(rules) + 1}" + (f" ({comment})" if comment else "")
            rules.append(SrxRule(child.get("break", "yes") != "no", before, after, label))
            comment = ""
        language_rules.append((name, tuple(rules)))
    names = {name for name, _ in language_rules}
    maps: list[tuple[str, str]] = []
    for element in root.iter(f"{_Q}languagemap"):
        pattern, name = element.get("languagepattern", ""), element.get("languagerulename", "")
        if name not in names:
            raise ParalignError(f"{path}: languagemap {pattern!r} names no languagerule {name!r}")
        maps.append((pattern, name))
    return SrxDocument(path, cascade, tuple(language_rules), tuple(maps))


@lru_cache(maxsize=16)
def _load(path: str, mtime: float) -> SrxDocument:
    # mtime is only part of the cache key: a rules file edited since is read afresh
    from paralign.files import read_bytes

    return parse_srx(read_bytes(Path(path)), path)


def load_srx(path: Path) -> SrxDocument:
    from paralign.files import check_readable

    check_readable(path)
    return _load(str(path), path.stat().st_mtime)


_OK = "paralign_ok"


def _compile_parts(rule: SrxRule, path: str) -> None:
    import regex

    for pattern in (rule.before, rule.after):
        try:
            regex.compile(translate(pattern), flags=regex.V1)
        except regex.error as error:
            raise ParalignError(
                f"{path}: rule {rule.label}: invalid regex {pattern!r}: {error}"
            ) from None


def repeat_bound(pattern: str) -> int:
    """The largest product of nested bounded repeats (`{n}`, `{n,m}`) in a regex: what the
    engine may unroll. Escapes and character classes are atoms; unbounded `*`/`+` count 1
    (their cost is time, which the time limit bounds)."""
    worst = [1]  # per open group: the largest product inside it so far
    atom = 1  # the product inside the atom just read, which a following bound multiplies
    index, size = 0, len(pattern)
    while index < size:
        char = pattern[index]
        if char == "\\":
            index, atom = index + 2, 1
            continue
        if char == "[":
            index, atom = class_end(pattern, index), 1
            continue
        bound = _BOUND.match(pattern, index) if char == "{" else None
        if bound:
            atom *= int(bound.group(2) or bound.group(1))
            worst[-1] = max(worst[-1], atom)
            index = bound.end()
            continue
        if char == "(":
            worst.append(1)
        elif char == ")" and len(worst) > 1:
            atom = worst.pop()
            worst[-1] = max(worst[-1], atom)
        else:
            atom = 1
        index += 1
    return max(worst)


_MULTILINE = re.compile(r"\(\?[a-zA-Z]*m")


def anchored(pattern: str) -> bool:
    """Whether every match of `pattern` starts at the start of the text: it opens with `^`,
    has no alternative beside it (no `|` outside groups) and no multiline flag (with which
    `^` would match after every newline). Such a rule is tried once, not at every position."""
    if not pattern.startswith("^") or _MULTILINE.search(pattern):
        return False
    depth, index = 0, 1
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = class_end(pattern, index)
            continue
        if char == "|" and not depth:
            return False
        depth += (char == "(") - (char == ")")
        index += 1
    return True


def _guard(groups: dict[str, list[str]]) -> str:
    """The alternation of the no-break rules so far, matched at a break position."""
    alternatives = []
    for after, befores in groups.items():
        ahead = f"(?={after})" if after else ""
        behind = "" if "" in befores else "(?<=" + "|".join(f"(?:{b})" for b in befores) + ")"
        alternatives.append(f"(?:{ahead}{behind})")
    return "|".join(alternatives)


_BACKREFERENCE = re.compile(r"(?<!\\)(?:\\\\)*\\(?:[1-9]|k<)")  # not an escaped backslash


@dataclass(frozen=True, slots=True)
class _BreakRule:
    label: str
    before: str  # translated patterns
    after: str
    exceptions: str  # the alternation of the earlier no-break rules ("" when none)

    def scanner(self) -> Any:
        """One pattern that finds `before` and, in the same pass, says whether `after` matches
        at its end. The optional group never consumes, so the `before` match is exactly the
        one Java's `find()` would see. Exceptions are checked apart, and only where a break
        is decided, as most candidates never need them."""
        import regex

        if not self.before:  # every position is a candidate: let the regex find the good ones
            return regex.compile(f"(?={self.after})(?P<{_OK}>)", flags=regex.V1)
        return regex.compile(f"(?:{self.before})(?:(?={self.after})(?P<{_OK}>)|)", flags=regex.V1)

    def guard(self) -> Any:
        """The earlier no-break rules as one pattern matched at a break, or None."""
        import regex

        return regex.compile(self.exceptions, flags=regex.V1) if self.exceptions else None


@dataclass(slots=True)
class _Walk:
    """Where a walk over one text stands: the last candidate passed, the last break."""

    text: str
    deadline: float
    last: int = 0
    start: int = 0
    seen: int = 0


class Segmenter:
    """The compiled rules of one language: `breaks(text)` gives break positions in order."""

    def __init__(self, rules: tuple[SrxRule, ...], path: str) -> None:
        import regex

        self.path = path
        self.rules = rules
        self._breaks: list[_BreakRule] = []
        self._scanners: list[Any] = []
        self._anchored: list[bool] = []
        self._gate = Gate((), ())
        # No-break rules grouped by their afterbreak: one lookahead, then one lookbehind
        # alternation, instead of a lookahead and a lookbehind per rule. The guard is an OR
        # of conditions, so grouping changes nothing but speed.
        guards: dict[str, list[str]] = {}
        unused: list[SrxRule] = []  # no-break rules after the last break rule
        for rule in rules:
            before, after = translate(rule.before), translate(rule.after)
            if _BACKREFERENCE.search(after) or (
                not rule.is_break and _BACKREFERENCE.search(before)
            ):
                # Combined patterns renumber the groups a backreference names.
                raise ParalignError(
                    f"{path}: rule {rule.label}: backreferences are supported only in the "
                    "beforebreak of a break rule"
                )
            if not rule.is_break:
                before = translate(finitize(rule.before))
            _check_repeats(rule, (before, after), path)
            if rule.is_break:
                self._breaks.append(_BreakRule(rule.label, before, after, _guard(guards)))
                unused = []
            else:
                guards.setdefault(after, []).append(before)
                unused.append(rule)
        # Compiled once, together: a broken rule is looked for one by one only on failure,
        # which keeps start-up short (compiling every part twice would double it).
        try:
            self._scanners = [(rule.scanner(), rule.guard()) for rule in self._breaks]
            self._anchored = [anchored(rule.before) for rule in self._breaks]
            # A candidate needs both parts to match: what they need, the text must hold.
            self._gate = Gate.of([needs(f"(?:{r.before})(?={r.after})") for r in self._breaks])
            for rule in unused:
                _compile_parts(rule, path)
        except regex.error as error:
            for rule in rules:
                _compile_parts(rule, path)
            raise ParalignError(f"{path}: the rules do not compile together: {error}") from None

    def breaks(self, text: str, limit: float | None = None) -> list[tuple[int, str]]:
        """(position, rule label) of every break, in order; positions are in 1..len(text)-1."""
        return list(self.iter_breaks(text, limit))

    def iter_breaks(self, text: str, limit: float | None = None) -> Iterator[tuple[int, str]]:
        """The breaks one by one (a block of 50 MB never holds all of them at once).

        Each break rule streams its candidates from one `finditer` pass; a heap holding one
        head per rule replays them in the order Java's iterator visits its matchers: the
        earliest position first, the earlier rule on a tie, everything at or before a
        decided position passed over. Memory stays constant whatever the text's length.
        Once a single rule has candidates left (in most texts, from the start: only the
        sentence-end rule matches), its stream is read on its own, without the heap.
        """
        if not self._breaks or not text:
            return
        budget = limit if limit is not None else TIME_LIMIT_BASE + TIME_LIMIT_PER_CHAR * len(text)
        walk = _Walk(text, time.monotonic() + budget)
        # A rule the text lacks a needed character for has no candidate: it is not run.
        streams = [
            self._stream(order, text, 0, walk.deadline) if live else iter(())
            for order, live in enumerate(self._gate.open(text))
        ]
        heads: list[tuple[int, int] | None] = [next(stream, None) for stream in streams]
        heap = [(head[1], order) for order, head in enumerate(heads) if head is not None]
        heapq.heapify(heap)
        while len(heap) > 1:
            position, order = heap[0]
            head = heads[order] = next(streams[order], None)
            if head is None:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (head[1], order))
            if not self._decide(walk, order, position):
                continue
            yield position, self._breaks[order].label
            # Java's cut: a rule whose current match spans the break looks again from it.
            cut = False
            for other, current in enumerate(heads):
                if current is not None and current[0] < position < current[1]:
                    streams[other] = self._stream(other, text, position, walk.deadline)
                    heads[other] = next(streams[other], None)
                    cut = True
            if cut:
                heap = [(h[1], o) for o, h in enumerate(heads) if h is not None]
                heapq.heapify(heap)
        if heap:
            yield from self._alone(walk, heap[0][1], heap[0][0], streams[heap[0][1]])

    def _alone(
        self, walk: _Walk, order: int, position: int, stream: Iterator[tuple[int, int]]
    ) -> Iterator[tuple[int, str]]:
        """The breaks of the one rule left with candidates, from its head at `position` on.
        No cut can happen: a rule's next match never starts before its previous one ends.
        `_decide` written out in one frame: most of a text's candidates pass here, and a call
        per candidate cost more than the guard's match did."""
        label = self._breaks[order].label
        guard = self._scanners[order][1]
        text, deadline, size = walk.text, walk.deadline, len(walk.text)
        last, start, seen = walk.last, walk.start, walk.seen
        while True:
            if position > last:
                last, seen = position, seen + 1
                if not seen & 255 and time.monotonic() > deadline:
                    raise _timeout(self.path, label)
                if start < position < size and (
                    guard is None or not self._blocked(guard, text, position, deadline, order)
                ):
                    start = position
                    yield position, label
            head = next(stream, None)
            if head is None:
                return
            position = head[1]

    def _blocked(self, guard: Any, text: str, position: int, deadline: float, order: int) -> bool:
        """Whether a no-break rule before rule `order` matches at `position`."""
        try:
            # positional arguments: the regex module parses keywords slowly (about 1 µs)
            return guard.match(text, position, None, None, False, _left(deadline)) is not None
        except TimeoutError:
            label = f"the no-break rules before {self._breaks[order].label}"
            raise _timeout(self.path, label) from None

    def _decide(self, walk: _Walk, order: int, position: int) -> bool:
        """Whether the candidate of rule `order` at `position` breaks; it records the walk."""
        if position <= walk.last:
            return False
        walk.last = position
        walk.seen += 1
        if not walk.seen & 255 and time.monotonic() > walk.deadline:
            raise _timeout(self.path, self._breaks[order].label)
        if position >= len(walk.text) or position <= walk.start:
            return False
        guard = self._scanners[order][1]
        if guard is not None and self._blocked(guard, walk.text, position, walk.deadline, order):
            return False
        walk.start = position
        return True

    def _stream(self, order: int, text: str, at: int, deadline: float) -> Iterator[tuple[int, int]]:
        """The rule's matches from `at` in Java `find()` order, kept where `after` holds:
        (start of the match, break position). One deadline holds for the whole text, however
        often an empty match makes the scan start again."""
        scanner = self._scanners[order][0]
        restart = bool(self._breaks[order].before)
        try:
            if self._anchored[order]:  # `^` matches at 0 only, whatever `at` is
                match = (
                    scanner.match(text, 0, None, None, False, _left(deadline)) if at == 0 else None
                )
                if match is not None and match.group(_OK) is not None:
                    yield match.span()
                return
            matches = scanner.finditer(text, at, None, False, None, False, _left(deadline))
            while True:
                for match in matches:
                    begin, end = match.span()
                    if match.group(_OK) is not None:
                        yield begin, end
                    if begin == end and restart:
                        if end >= len(text):  # an empty match at the end: nothing is past it
                            return
                        # Java's find() resumes one character past an empty match.
                        matches = scanner.finditer(
                            text, end + 1, None, False, None, False, _left(deadline)
                        )
                        break
                else:
                    return
        except TimeoutError:
            raise _timeout(self.path, self._breaks[order].label) from None


def _left(deadline: float) -> float:
    """The seconds left before `deadline`; a spent budget still gives the engine an instant,
    so that the timeout, not a negative value, ends the match."""
    return max(deadline - time.monotonic(), 1e-3)


def _check_repeats(rule: SrxRule, patterns: tuple[str, ...], path: str) -> None:
    for pattern in patterns:
        bound = repeat_bound(pattern)
        if bound > MAX_REPEAT:
            raise ParalignError(
                f"{path}: rule {rule.label}: nested repeats allow {bound:,} repetitions "
                f"(limit {MAX_REPEAT:,}); refused, as matching it could take gigabytes"
            )


def _timeout(path: str, label: str) -> ParalignError:
    return ParalignError(
        f"{path}: rule {label} ran past the time limit on one text (catastrophic backtracking?)"
    )
