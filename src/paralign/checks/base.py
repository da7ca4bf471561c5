"""What every check shares: a Rule's declaration, severities, and the Corpus view of links
(Units, their Sides and term matches computed once).

Imports nothing of `paralign.checks`: the family modules import it, the registry imports the
families, the settings import the registry, and the engine all of them."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from paralign.glossary import TermMatch, TermMatcher
from paralign.glossary_near import near_terms
from paralign.memo import repeated
from paralign.model import Bitext, Finding, Glossary, Link, Location, Sentence, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """A check's stable id (SARIF ruleId, baseline key), default severity and description."""

    id: str
    severity: Severity
    summary: str
    help: str


SEVERITY_WORDS = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "note": Severity.INFO,
}
FAIL_ON = ("error", "warning", "never")
_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}

DEFAULT_QUOTES = {"ru": ("«", "»", "„", "“"), "en": ("“", "”", "‘", "’")}


def severity_reaches(severity: Severity, fail_on: str) -> bool:
    """Whether a finding of `severity` fails a run with `--fail-on fail_on`."""
    if fail_on == "never":
        return False
    return _RANK[severity] >= _RANK[SEVERITY_WORDS[fail_on]]


@dataclass(frozen=True, slots=True)
class Side:
    """The sentences of one side of a link, as one text, with their term matches."""

    sentences: tuple[Sentence, ...]
    lang: str
    file: str
    matches: tuple[TermMatch, ...]
    text: str = ""

    @property
    def line(self) -> int:
        return self.sentences[0].line if self.sentences else 0

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding character `offset` of `text`."""
        pos = 0
        for sentence in self.sentences:
            pos += len(sentence.text) + 1
            if offset < pos:
                return sentence
        return self.sentences[-1]


@dataclass(frozen=True, slots=True)
class Unit:
    """One link of one Bitext: the place a finding points to."""

    bitext: Bitext
    index: int
    link: Link
    source: Side
    target: Side
    tu: str

    def location(self, side: Side, sentence: Sentence | None = None) -> Location:
        line = sentence.line if sentence is not None else side.line
        return Location(side.file, line, self.tu)


class Settings(Protocol):
    """What a check reads of its settings (`paralign.checks.settings.CheckSettings`)."""

    @property
    def tgt_lang(self) -> str: ...

    def relative(self, path: str) -> str: ...

    def quote_style(self, lang: str) -> tuple[str, str, str, str] | None: ...


UnitCheck = Callable[["Corpus", "Unit"], Iterable[Finding]]
"""A family's check of one link alone: Findings about that Unit."""


class Corpus:
    """What the checks of a run share: the glossary's matcher, the settings, the rules, and
    the Units of each Bitext with term matches computed once per side.

    `checks` are the per-link checks of the enabled families; `match_terms` is False when no
    enabled family needs term matches (the costliest part of a Unit); `enabled` the rules
    not turned off (all when None), for a check that costs something only one rule needs."""

    def __init__(
        self,
        glossary: Glossary,
        settings: Settings,
        rules: Mapping[str, Rule],
        checks: Sequence[UnitCheck] = (),
        match_terms: bool = True,
        enabled: Collection[str] | None = None,
    ):
        self.glossary = glossary
        self.settings = settings
        self.rules = rules
        self.enabled = frozenset(rules if enabled is None else enabled)
        self.matcher = TermMatcher(glossary)
        # The costliest search, answered once per target text and concept seen lately
        # (`paralign.memo`). Its span arguments are tuples, to be hashable.
        self.near_terms = repeated(4096)(partial(near_terms, self.matcher))
        self.unit_checks = tuple(checks)
        self.match_terms = match_terms
        self._quote_styles: dict[str, tuple[str, str, str, str] | None] = {}

    def quote_style(self, lang: str) -> tuple[str, str, str, str] | None:
        """`settings.quote_style`, looked up once per language."""
        if lang not in self._quote_styles:
            self._quote_styles[lang] = self.settings.quote_style(lang)
        return self._quote_styles[lang]

    def units_of(self, bitext: Bitext, wanted: Collection[int] | None = None) -> Iterator[Unit]:
        """The Units of one Bitext (only the links at `wanted` indices, when given)."""
        src_file = self.settings.relative(bitext.src_path) or bitext.name
        tgt_file = self.settings.relative(bitext.tgt_path) or bitext.name
        tuids = tu_ids(bitext)
        for index, link in enumerate(bitext.links):
            if wanted is not None and index not in wanted:
                continue
            yield Unit(
                bitext,
                index,
                link,
                self._side(bitext.source, link.src, bitext.src_lang, src_file),
                self._side(bitext.target, link.tgt, bitext.tgt_lang, tgt_file),
                tuids[index] if tuids else "",
            )

    def check_unit(self, unit: Unit) -> list[Finding]:
        """The findings of every enabled rule that looks at one link alone."""
        found: list[Finding] = []
        for check in self.unit_checks:
            found.extend(check(self, unit))
        return found

    def _side(
        self, sentences: Sequence[Sentence], ids: Sequence[int], lang: str, file: str
    ) -> Side:
        if len(ids) == 1:  # the usual link, and every TU of a TMX
            chosen: tuple[Sentence, ...] = (sentences[ids[0]],)
            text = chosen[0].text
        else:
            chosen = tuple(sentences[i] for i in ids)
            text = " ".join(s.text for s in chosen)
        matches = tuple(self.matcher.find(text, lang)) if text and self.match_terms else ()
        return Side(chosen, lang, file, matches, text)

    def finding(
        self,
        rule: str,
        message: str,
        location: Location,
        sentence: str,
        term: Any = None,
    ) -> Finding:
        return Finding(rule, self.rules[rule].severity, message, location, term, sentence)


def tu_ids(bitext: Bitext) -> list[str]:
    """TU ids for a Bitext read from a TMX (one link per TU): each link's tuid, else its
    1-based position. A Bitext read from a TMX has one path for both sides; a corpus
    folder's Bitexts have none."""
    if not bitext.src_path or bitext.src_path != bitext.tgt_path:
        return []
    return [link.tuid or str(i + 1) for i, link in enumerate(bitext.links)]
