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
A rule that backtracks catastrophically meets a per-text time limit and an error naming it.
"""

from __future__ import annotations

import heapq
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from paralign.model import ParalignError
from paralign.segment.javaregex import finitize, translate

SRX_NS = "http://www.lisa.org/srx20"
_Q = f"{{{SRX_NS}}}"
# A budget against hangs, not a speed target: generous, growing with the text.
TIME_LIMIT_BASE = 5.0
TIME_LIMIT_PER_CHAR = 2e-5


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
        local = root.tag.rsplit("}", 1)[-1]
        raise ParalignError(
            f"{path}: not SRX 2.0 (root {local!r}, "
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


def _guard(groups: dict[str, list[str]]) -> str:
    """The alternation of the no-break rules so far, matched at a break position."""
    alternatives = []
    for after, befores in groups.items():
        ahead = f"(?={after})" if after else ""
        behind = "" if "" in befores else "(?<=" + "|".join(f"(?:{b})" for b in befores) + ")"
        alternatives.append(f"(?:{ahead}{behind})")
    return "|".join(alternatives)


_BACKREFERENCE = re.compile(r"\\(?:[1-9]|k<)")


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


class Segmenter:
    """The compiled rules of one language: `breaks(text)` gives break positions in order."""

    def __init__(self, rules: tuple[SrxRule, ...], path: str) -> None:
        import regex

        self.path = path
        self.rules = rules
        self._breaks: list[_BreakRule] = []
        self._scanners: list[Any] = []
        # No-break rules grouped by their afterbreak: one lookahead, then one lookbehind
        # alternation, instead of a lookahead and a lookbehind per rule. The guard is an OR
        # of conditions, so grouping changes nothing but speed.
        guards: dict[str, list[str]] = {}
        unused: list[SrxRule] = []  # no-break rules after the last break rule
        for rule in rules:
            before, after = translate(rule.before), translate(rule.after)
            if _BACKREFERENCE.search(after):
                # One combined pattern would renumber the groups a backreference names.
                raise ParalignError(
                    f"{path}: rule {rule.label}: backreferences in afterbreak are not supported"
                )
            if rule.is_break:
                self._breaks.append(_BreakRule(rule.label, before, after, _guard(guards)))
                unused = []
            else:
                guards.setdefault(after, []).append(translate(finitize(rule.before)))
                unused.append(rule)
        # Compiled once, together: a broken rule is looked for one by one only on failure,
        # which keeps start-up short (compiling every part twice would double it).
        try:
            self._scanners = [(rule.scanner(), rule.guard()) for rule in self._breaks]
            for rule in unused:
                _compile_parts(rule, path)
        except regex.error as error:
            for rule in rules:
                _compile_parts(rule, path)
            raise ParalignError(f"{path}: the rules do not compile together: {error}") from None

    def _scanner(self, order: int) -> tuple[Any, Any]:
        return self._scanners[order]

    def breaks(self, text: str, limit: float | None = None) -> list[tuple[int, str]]:
        """(position, rule label) of every break, in order; positions are in 1..len(text)-1.

        Each break rule's candidates come from one `finditer` pass; a heap replays them in
        the order Java's iterator visits its matchers: the earliest position first, the
        earlier rule on a tie, everything at or before a decided position passed over.
        """
        if not self._breaks or not text:
            return []
        budget = limit if limit is not None else TIME_LIMIT_BASE + TIME_LIMIT_PER_CHAR * len(text)
        deadline = time.monotonic() + budget
        size = len(text)
        heap: list[tuple[int, int, int, int]] = []
        # A candidate whose match began before its break can be cut by an earlier break
        # inside it: such matches are indexed by the positions they span.
        spanning: dict[int, list[tuple[int, int, int, int]]] = {}
        generation = [0] * len(self._breaks)
        for order in range(len(self._breaks)):
            self._candidates(order, text, 0, budget, 0, heap, spanning)
        guards = [self._scanner(order)[1] for order in range(len(self._breaks))]
        if heap and heap[0][1] == heap[-1][1] and all(c[1] == heap[0][1] for c in heap):
            # One rule found everything (the common case): its matches come in order and
            # cannot span its own breaks, so they are replayed without the heap.
            return self._single_rule(heap, guards[heap[0][1]], text, budget, deadline)
        heapq.heapify(heap)
        out: list[tuple[int, str]] = []
        start = last = 0
        popped = 0
        while heap:
            position, order, _, version = heapq.heappop(heap)
            if position <= last or version != generation[order]:
                continue
            last = position
            popped += 1
            if not popped & 255 and time.monotonic() > deadline:
                raise _timeout(self.path, self._breaks[order].label)
            if (
                position >= size
                or position <= start
                or (
                    guards[order] is not None
                    and self._excepted(guards[order], order, text, position, budget)
                )
            ):
                continue
            out.append((position, self._breaks[order].label))
            start = position
            # Java's cut: a rule whose current match spans the break looks again from it.
            for other, other_begin, other_end, other_version in spanning.get(position, ()):
                if other_version == generation[other] and other_begin < position < other_end:
                    generation[other] += 1
                    fresh: list[tuple[int, int, int, int]] = []
                    self._candidates(
                        other, text, position, budget, generation[other], fresh, spanning
                    )
                    for item in fresh:
                        heapq.heappush(heap, item)
        return out

    def _single_rule(
        self,
        candidates: list[tuple[int, int, int, int]],
        guard: Any,
        text: str,
        budget: float,
        deadline: float,
    ) -> list[tuple[int, str]]:
        size, order = len(text), candidates[0][1]
        label = self._breaks[order].label
        out: list[tuple[int, str]] = []
        start = last = 0
        for count, (position, _, _, _) in enumerate(candidates):
            if position <= last:
                continue
            last = position
            if not count & 255 and time.monotonic() > deadline:
                raise _timeout(self.path, label)
            if position >= size or position <= start:
                continue
            if guard is not None and self._excepted(guard, order, text, position, budget):
                continue
            out.append((position, label))
            start = position
        return out

    def _candidates(
        self,
        order: int,
        text: str,
        at: int,
        limit: float,
        version: int,
        out: list[tuple[int, int, int, int]],
        spanning: dict[int, list[tuple[int, int, int, int]]],
    ) -> None:
        """The rule's matches from `at` in Java `find()` order, kept where `after` holds."""
        scanner, _ = self._scanner(order)
        restart = bool(self._breaks[order].before)
        try:
            matches = scanner.finditer(text, at, timeout=limit)
            while True:
                for match in matches:
                    begin, end = match.span()
                    if match.group(_OK) is not None:
                        out.append((end, order, begin, version))
                        if end - begin > 1:
                            for inside in range(begin + 1, end):
                                spanning.setdefault(inside, []).append((order, begin, end, version))
                    if begin == end and restart:
                        # Java's find() resumes one character past an empty match.
                        matches = scanner.finditer(text, end + 1, timeout=limit)
                        break
                else:
                    return
        except TimeoutError:
            raise _timeout(self.path, self._breaks[order].label) from None

    def _excepted(self, guard: Any, order: int, text: str, position: int, limit: float) -> bool:
        """Whether a no-break rule listed before the break rule matches at its break."""
        try:
            return guard.match(text, position, timeout=limit) is not None
        except TimeoutError:
            label = f"the no-break rules before {self._breaks[order].label}"
            raise _timeout(self.path, label) from None


def _timeout(path: str, label: str) -> ParalignError:
    return ParalignError(
        f"{path}: rule {label} ran past the time limit on one text (catastrophic backtracking?)"
    )
