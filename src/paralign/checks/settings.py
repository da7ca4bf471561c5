"""What `[tool.paralign.check]` sets: languages, inputs, severities, ignores, quotes, jobs."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from paralign.checks.base import DEFAULT_QUOTES, FAIL_ON, SEVERITY_WORDS
from paralign.checks.registry import RULES
from paralign.config import Config
from paralign.lang import primary
from paralign.model import Finding, Glossary, ParalignError, Severity
from paralign.settings import DEFAULTS
from paralign.signature import Signature, digest, glossary_digest


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
    src_lang: str = DEFAULTS["src-lang"]
    tgt_lang: str = DEFAULTS["tgt-lang"]
    fail_on: str = DEFAULTS["fail-on"]
    severities: Mapping[str, str] = field(default_factory=dict)
    ignore: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    quotes: Mapping[str, tuple[str, str, str, str]] = field(default_factory=dict)
    jobs: int = 0
    scheduler: str = ""
    """A Dask scheduler address, or `local`: the pieces are checked on that cluster."""

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON:
            raise ParalignError(f"check: fail-on must be one of {', '.join(FAIL_ON)}")
        for rule, word in self.severities.items():
            if rule not in RULES:
                raise ParalignError(f"check: unknown rule {rule!r} in severities")
            if word not in (*SEVERITY_WORDS, "off"):
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
            inputs = [config.get("texts", DEFAULTS["texts"])]
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
                glossary=str(get("glossary", config.get("glossary", DEFAULTS["glossary"]))),
                baseline=str(get("baseline", "")),
                src_lang=str(get("src-lang", config.get("src-lang", DEFAULTS["src-lang"]))),
                tgt_lang=str(get("tgt-lang", config.get("tgt-lang", DEFAULTS["tgt-lang"]))),
                fail_on=str(get("fail-on", DEFAULTS["fail-on"])),
                severities={str(k): str(v).lower() for k, v in severities.items()},
                ignore={str(k): _rule_list(v) for k, v in ignore.items()},
                quotes={str(k): _quote_set(k, v) for k, v in quotes.items()},
                jobs=_jobs(get("workers", get("jobs", 0))),
                scheduler=str(get("scheduler", "")),
            )
        except ParalignError as error:
            raise ParalignError(f"{config.file}: {error}") from None

    def severity(self, rule: str) -> Severity | None:
        word = self.severities.get(rule)
        if word is None:
            return RULES[rule].severity
        return None if word == "off" else SEVERITY_WORDS[word]

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
        code = primary(lang)
        return self.quotes.get(code) or DEFAULT_QUOTES.get(code)


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


def check_signature(settings: CheckSettings, glossary: Glossary) -> Signature:
    """What made a check's findings: versions (paralign and the morphology it leans on), the
    glossary by content, the language pair, each rule's severity, the ignores and quotes."""
    from importlib.metadata import version

    from paralign.version import __version__

    rules = ",".join(f"{rule}={(settings.severity(rule) or 'off')}" for rule in sorted(RULES))
    ignores = sorted(settings.ignore.items())
    ignore = ";".join(f"{glob}={','.join(ids)}" for glob, ids in ignores)
    quotes = ";".join(f"{lang}={''.join(q)}" for lang, q in sorted(settings.quotes.items()))
    return Signature(
        (
            ("paralign", __version__),
            ("glossary", glossary_digest(glossary)),
            ("pymorphy3", version("pymorphy3")),
            ("pymorphy3-dicts-ru", version("pymorphy3-dicts-ru")),
            ("snowballstemmer", version("snowballstemmer")),
            ("langs", f"{settings.src_lang}-{settings.tgt_lang}"),
            ("rules", rules),
            ("ignore", digest(ignore.encode("utf-8")) if ignore else ""),
            ("quotes", quotes),
        )
    )
