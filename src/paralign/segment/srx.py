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
    """An SRX 2.0 document; anything else raises one line naming the file and the problem."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ParalignError(f"{path}: not XML: {error}") from None
    if root.tag != f"{_Q}srx" or root.get("version") != "2.0":
        raise ParalignError(
            f"{path}: not SRX 2.0 (root {etree.QName(root).localname!r}, "
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
            if not isinstance(child.tag, str):
                if child.tag is etree.Comment:
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


@dataclass(frozen=True, slots=True)
class _BreakRule:
    label: str
    before: Any  # compiled regex
    after: Any
    exceptions: Any  # one compiled alternation of the earlier no-break rules, or None


class Segmenter:
    """The compiled rules of one language: `breaks(text)` gives break positions in order."""

    def __init__(self, rules: tuple[SrxRule, ...], path: str) -> None:
        import regex

        def compile_(pattern: str, rule: SrxRule) -> Any:
            try:
                return regex.compile(translate(pattern), flags=regex.V1)
            except regex.error as error:
                raise ParalignError(
                    f"{path}: rule {rule.label}: invalid regex {pattern!r}: {error}"
                ) from None

        self.path = path
        self.rules = rules
        self._breaks: list[_BreakRule] = []
        guards: list[str] = []
        exceptions: _LazyPattern | None = None
        for rule in rules:
            before, after = compile_(rule.before, rule), compile_(rule.after, rule)
            if rule.is_break:
                if exceptions is None and guards:
                    exceptions = _LazyPattern("|".join(guards))
                self._breaks.append(
                    _BreakRule(rule.label, before if rule.before else None, after, exceptions)
                )
            else:
                lookbehind = translate(finitize(rule.before))
                guard = (f"(?<={lookbehind})" if rule.before else "") + (
                    f"(?={translate(rule.after)})" if rule.after else ""
                )
                guards.append(f"(?:{guard})")
                exceptions = None

    def breaks(self, text: str, limit: float | None = None) -> list[tuple[int, str]]:
        """(position, rule label) of every break, in order; positions are in 1..len(text)-1."""
        if not self._breaks or not text:
            return []
        budget = limit if limit is not None else TIME_LIMIT_BASE + TIME_LIMIT_PER_CHAR * len(text)
        deadline = time.monotonic() + budget
        size = len(text)
        # One live matcher per break rule: [break position, rule order, match start, resume at].
        live: list[list[int]] = []
        for order, rule in enumerate(self._breaks):
            found = self._find(rule, text, 0, size, deadline)
            if found is not None:
                live.append([found[0], order, found[1], found[2]])
        out: list[tuple[int, str]] = []
        start = 0
        while live:
            best = min(live, key=_position_order)
            position, order = best[0], best[1]
            rule = self._breaks[order]
            if position > start and position < size:
                exceptions = rule.exceptions
                if exceptions is None or not _match(
                    exceptions.get(), text, position, deadline, rule
                ):
                    out.append((position, rule.label))
                    start = position
                    for matcher in live:
                        if matcher[2] < position:
                            self._advance(matcher, text, position, size, deadline)
                    live = [m for m in live if m[0] >= 0]
            for matcher in live:
                while 0 <= matcher[0] <= position:
                    self._advance(matcher, text, matcher[3], size, deadline)
            live = [m for m in live if m[0] >= 0]
        return out

    def _advance(self, matcher: list[int], text: str, at: int, size: int, deadline: float) -> None:
        found = self._find(self._breaks[matcher[1]], text, at, size, deadline)
        if found is None:
            matcher[0] = -1
        else:
            matcher[0], matcher[2], matcher[3] = found

    @staticmethod
    def _find(
        rule: _BreakRule, text: str, position: int, size: int, deadline: float
    ) -> tuple[int, int, int] | None:
        """Java `find()` from `position`: (break, match start, where the next find resumes)."""
        before, after = rule.before, rule.after
        try:
            while position <= size:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                if before is None:
                    hit = after.search(text, position, timeout=remaining)
                    if hit is None:
                        return None
                    brk = hit.start()
                    return brk, brk, brk + 1
                hit = before.search(text, position, timeout=remaining)
                if hit is None:
                    return None
                brk = hit.end()
                position = brk + 1 if brk == hit.start() else brk
                if after.match(text, brk, timeout=remaining) is not None:
                    return brk, hit.start(), position
            return None
        except TimeoutError:
            raise _timeout(rule.label) from None


class _LazyPattern:
    """The alternation of no-break rules, compiled on first use (a break rule may never fire)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.compiled: Any = None

    def get(self) -> Any:
        if self.compiled is None:
            import regex

            self.compiled = regex.compile(self.source, flags=regex.V1)
        return self.compiled


def _position_order(matcher: list[int]) -> tuple[int, int]:
    return matcher[0], matcher[1]


def _match(pattern: Any, text: str, position: int, deadline: float, rule: _BreakRule) -> bool:
    remaining = deadline - time.monotonic()
    try:
        if remaining <= 0:
            raise TimeoutError
        return pattern.match(text, position, timeout=remaining) is not None
    except TimeoutError:
        raise _timeout(f"the no-break rules before {rule.label}") from None


def _timeout(label: str) -> ParalignError:
    return ParalignError(
        f"rule {label} ran past the time limit on one text (catastrophic backtracking?)"
    )
