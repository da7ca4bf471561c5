"""What every check shares: the rules, the settings, and a Corpus view with matches cached."""

from __future__ import annotations

import fnmatch
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from paralign.config import Config
from paralign.glossary import TermMatch, TermMatcher
from paralign.model import (
    Bitext,
    Finding,
    Glossary,
    Link,
    Location,
    ParalignError,
    Sentence,
    Severity,
)


@dataclass(frozen=True, slots=True)
class Rule:
    """A check's stable id (SARIF ruleId, baseline key), default severity and description."""

    id: str
    severity: Severity
    summary: str
    help: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "term-missing",
            Severity.WARNING,
            "A source term's concept has no admitted target term in the aligned target",
            "Use the glossary's preferred target term (or an admitted one) for the concept.",
        ),
        Rule(
            "term-deprecated",
            Severity.ERROR,
            "A deprecated or superseded variant of a glossary term is used",
            "Replace the variant with the glossary's preferred term.",
        ),
        Rule(
            "term-inconsistent",
            Severity.ERROR,
            "One concept is rendered with different terms across the corpus",
            "Use the rendering the rest of the corpus uses (the majority), or change them all.",
        ),
        Rule(
            "term-unexpected",
            Severity.INFO,
            "A target term's concept is absent from the aligned source",
            "Check the alignment, or whether the term was added in translation.",
        ),
        Rule(
            "number-mismatch",
            Severity.WARNING,
            "Numbers or dates differ between source and target",
            "Dates and numbers are compared after normalising Russian and English formats.",
        ),
        Rule(
            "untranslated",
            Severity.WARNING,
            "The target equals the source, or is written in the source's script",
            "Translate the segment.",
        ),
        Rule(
            "quote-style",
            Severity.INFO,
            "Quotation marks do not follow the house style of the language",
            "ru: «…» with „…“ inside; en: “…” with ‘…’ inside (configurable).",
        ),
        Rule(
            "unaligned",
            Severity.INFO,
            "A sentence has no counterpart in the other language",
            "An omission or an addition in translation, or an alignment error.",
        ),
        Rule(
            "language-mismatch",
            Severity.ERROR,
            "A segment is not written in the script of its declared language",
            "Swap the sides (align SRC TGT in the right order) or correct xml:lang.",
        ),
        Rule(
            "unpaired-document",
            Severity.ERROR,
            "A document of a corpus folder has no partner of the same stem in the other language",
            "Give the translation the original's file name (stem), or remove the stray file.",
        ),
    )
}

_SEVERITY_WORDS = {
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
    return _RANK[severity] >= _RANK[_SEVERITY_WORDS[fail_on]]


@dataclass(frozen=True)
class CheckSettings:
    """What `[tool.paralign.check]` sets; every path relative to `root`.

    `severities` maps a rule id to error, warning, info or off; `ignore` maps a glob of
    report paths (`texts/en/*.md`) to the rule ids not reported for those files; `jobs` is
    the number of worker processes for large inputs (0: one per core).
    """

    root: Path | None = None
    inputs: tuple[str, ...] = ()
    glossary: str = ""
    baseline: str = ""
    src_lang: str = "ru"
    tgt_lang: str = "en"
    fail_on: str = "error"
    severities: Mapping[str, str] = field(default_factory=dict)
    ignore: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    quotes: Mapping[str, tuple[str, str, str, str]] = field(default_factory=dict)
    jobs: int = 0

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON:
            raise ParalignError(f"check: fail-on must be one of {', '.join(FAIL_ON)}")
        for rule, word in self.severities.items():
            if rule not in RULES:
                raise ParalignError(f"check: unknown rule {rule!r} in severities")
            if word not in (*_SEVERITY_WORDS, "off"):
                raise ParalignError(
                    f"check: severity of {rule} must be error, warning, info or off"
                )
        for pattern, rules in self.ignore.items():
            for rule in rules:
                if rule not in RULES:
                    raise ParalignError(f"check: unknown rule {rule!r} ignored for {pattern}")

    @classmethod
    def from_config(cls, config: Config) -> CheckSettings:
        """`[tool.paralign.check]`, falling back on the top-level `texts` and `glossary`."""
        section = config.section("check")

        def get(key: str, default: Any = None) -> Any:
            for name in (key, key.replace("-", "_")):
                if name in section:
                    return section[name]
            return default

        inputs = get("inputs")
        if inputs is None:
            inputs = [config.get("texts", "texts")]
        elif isinstance(inputs, str):
            inputs = [inputs]
        if not isinstance(inputs, list) or not all(isinstance(i, str) for i in inputs):
            raise ParalignError(
                f"{config.file}: [tool.paralign.check] inputs must be a list of paths"
            )
        severities = get("severities", get("severity", {}))
        ignore = get("ignore", get("per-file-ignores", {}))
        quotes = get("quotes", {})
        if not all(isinstance(v, Mapping) for v in (severities, ignore, quotes)):
            raise ParalignError(
                f"{config.file}: [tool.paralign.check] severities, ignore and quotes must be tables"
            )
        try:
            return cls(
                root=config.root,
                inputs=tuple(inputs),
                glossary=str(get("glossary", config.get("glossary", "glossary/arvak.tbx"))),
                baseline=str(get("baseline", "")),
                src_lang=str(get("src-lang", config.get("src-lang", "ru"))),
                tgt_lang=str(get("tgt-lang", config.get("tgt-lang", "en"))),
                fail_on=str(get("fail-on", "error")),
                severities={str(k): str(v).lower() for k, v in severities.items()},
                ignore={str(k): _rule_list(v) for k, v in ignore.items()},
                quotes={str(k): _quote_set(k, v) for k, v in quotes.items()},
                jobs=_jobs(get("jobs", 0)),
            )
        except ParalignError as error:
            raise ParalignError(f"{config.file}: {error}") from None

    def severity(self, rule: str) -> Severity | None:
        word = self.severities.get(rule)
        if word is None:
            return RULES[rule].severity
        return None if word == "off" else _SEVERITY_WORDS[word]

    def keeps(self, finding: Finding) -> bool:
        if self.severity(finding.rule) is None:
            return False
        return not any(
            finding.rule in rules and fnmatch.fnmatch(finding.location.file, pattern)
            for pattern, rules in self.ignore.items()
        )

    def with_severity(self, finding: Finding) -> Finding:
        severity = self.severity(finding.rule)
        return (
            finding if severity in (None, finding.severity) else replace(finding, severity=severity)
        )

    def relative(self, path: str) -> str:
        if not path:
            return ""
        return Config(self.root).relative(path) if self.root else Path(path).as_posix()

    def quote_style(self, lang: str) -> tuple[str, str, str, str] | None:
        primary = lang.split("-")[0].lower()
        return self.quotes.get(primary) or DEFAULT_QUOTES.get(primary)


def _jobs(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ParalignError("check: jobs must be a whole number (0: one per core)")
    return value


def _rule_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    raise ParalignError("check: ignore values must be rule ids or lists of them")


def _quote_set(lang: str, value: Any) -> tuple[str, str, str, str]:
    text = "".join(value) if isinstance(value, list) else str(value)
    if len(text) != 4:
        raise ParalignError(
            f"check: quotes.{lang} must be four characters: open, close, inner open, inner close"
        )
    return (text[0], text[1], text[2], text[3])


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


class Corpus:
    """Bitexts seen as a sequence of Units, term matches computed once per side."""

    def __init__(self, bitexts: Sequence[Bitext], glossary: Glossary, settings: CheckSettings):
        self.bitexts = bitexts
        self.glossary = glossary
        self.settings = settings
        self.matcher = TermMatcher(glossary)
        from paralign.checks import FAMILY_RULES

        # Families whose rules are all off are skipped, term matching with them.
        self.families = tuple(
            name
            for name, rules in FAMILY_RULES.items()
            if any(settings.severity(rule) is not None for rule in rules)
        )
        self.match_terms = "terms" in self.families
        from paralign.checks import alignment, language, numbers, terms, text

        modules = {"terms": terms, "numbers": numbers, "text": text, "alignment": alignment}
        modules["language"] = language
        self.unit_checks = tuple(modules[name].check_unit for name in self.families)
        self._quote_styles: dict[str, tuple[str, str, str, str] | None] = {}

    def quote_style(self, lang: str) -> tuple[str, str, str, str] | None:
        """`settings.quote_style`, looked up once per language."""
        if lang not in self._quote_styles:
            self._quote_styles[lang] = self.settings.quote_style(lang)
        return self._quote_styles[lang]

    @cached_property
    def units(self) -> list[Unit]:
        return [unit for bitext in self.bitexts for unit in self.units_of(bitext)]

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
        return Finding(rule, RULES[rule].severity, message, location, term, sentence)


def tu_ids(bitext: Bitext) -> list[str]:
    """TU ids for a Bitext read from a TMX (one link per TU): each link's tuid, else its
    1-based position. A Bitext read from a TMX has one path for both sides; a corpus
    folder's Bitexts have none."""
    if not bitext.src_path or bitext.src_path != bitext.tgt_path:
        return []
    return [link.tuid or str(i + 1) for i, link in enumerate(bitext.links)]
