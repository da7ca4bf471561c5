"""Baselines: today's findings recorded, so CI fails only on new ones.

A fingerprint hashes the rule, the concept, the document (its path relative to the project
root) and the sentence's normalised text: not line numbers, so edits elsewhere in a file
keep every fingerprint. The same fingerprint may occur several times; the baseline stores a
count and absorbs at most that many findings.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from paralign.model import Finding, ParalignError

FORMAT_VERSION = 1
# Regular expressions rather than str.translate and the regex module: a fingerprint is
# taken of every finding on every pass, and these cost a quarter as much on a Cyrillic sentence.
_DOUBLE_QUOTES = re.compile("[«»“”„‟″]")
_SINGLE_QUOTES = re.compile("[‘’‚‛′]")
# Unicode White_Space, as the regex module's \s (which baselines were first written with):
# re's \s and str.split add the information separators U+001C..U+001F.
_SPACE = re.compile(r"[^\S\x1c-\x1f]+")
_SEPARATORS = re.compile("[\x1c-\x1f]")


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """A finding recorded in a baseline file."""

    fingerprint: str
    rule: str
    concept: str
    file: str
    sentence: str
    count: int = 1


@dataclass(frozen=True, slots=True)
class BaselineOutcome:
    """What a baseline did to a run: findings it absorbed, entries fixed or stale."""

    path: str
    baselined: int = 0
    fixed: tuple[BaselineEntry, ...] = ()
    stale: tuple[BaselineEntry, ...] = ()


def normalise_sentence(text: str) -> str:
    text = _SINGLE_QUOTES.sub("'", _DOUBLE_QUOTES.sub('"', unicodedata.normalize("NFKC", text)))
    if _SEPARATORS.search(text):  # rare, and kept as they were
        return _SPACE.sub(" ", text).strip().casefold()
    return " ".join(text.split()).casefold()


def fingerprint(finding: Finding) -> str:
    concept = finding.term.concept if finding.term else ""
    key = "\x00".join(
        (finding.rule, concept, finding.location.file, normalise_sentence(finding.sentence))
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def entries_of(findings: Iterable[Finding]) -> list[BaselineEntry]:
    """One entry per fingerprint, from one pass over the findings (they may be streamed)."""
    counted: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for finding in findings:
        fp = fingerprint(finding)
        counted[fp] += 1
        first.setdefault(fp, finding)
    return sorted(
        (
            BaselineEntry(
                fp,
                f.rule,
                f.term.concept if f.term else "",
                f.location.file,
                f.sentence,
                counted[fp],
            )
            for fp, f in first.items()
        ),
        key=lambda e: (e.file, e.rule, e.concept, e.sentence, e.fingerprint),
    )


def dumps(findings: Iterable[Finding]) -> str:
    data = {
        "tool": "paralign",
        "version": FORMAT_VERSION,
        "findings": [
            {
                "fingerprint": e.fingerprint,
                "rule": e.rule,
                "concept": e.concept,
                "file": e.file,
                "count": e.count,
                "sentence": e.sentence,
            }
            for e in entries_of(findings)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: Path, findings: Iterable[Finding]) -> None:
    from paralign.files import write_text_atomic

    write_text_atomic(path, dumps(findings))


def loads(text: str, source: str) -> list[BaselineEntry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ParalignError(
            f"{source}: not a baseline: invalid JSON at line {error.lineno}"
        ) from None
    if not isinstance(data, dict) or data.get("tool") != "paralign" or "findings" not in data:
        raise ParalignError(f"{source}: not a paralign baseline (no tool/findings keys)")
    if data.get("version") != FORMAT_VERSION:
        raise ParalignError(f"{source}: baseline version {data.get('version')!r} is not supported")
    if not isinstance(data["findings"], list):
        raise ParalignError(f"{source}: baseline findings must be a list of entries")
    return [
        _entry(item, f"{source}: baseline entry {i + 1}") for i, item in enumerate(data["findings"])
    ]


_REQUIRED = ("fingerprint", "rule", "file")
_OPTIONAL = ("concept", "sentence")


def _entry(item: object, where: str) -> BaselineEntry:
    """One entry, every key of the type `dumps` writes, or one line naming the entry and key."""
    if not isinstance(item, dict):
        raise ParalignError(f"{where} must be an object, not {type(item).__name__}")
    for key in _REQUIRED:
        if key not in item:
            raise ParalignError(f"{where} lacks the key {key!r}")
    for key in (*_REQUIRED, *_OPTIONAL):
        if not isinstance(item.get(key, ""), str):
            raise ParalignError(f"{where}: {key} must be a string")
    count = item.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise ParalignError(f"{where}: count must be a positive whole number")
    return BaselineEntry(
        item["fingerprint"],
        item["rule"],
        item.get("concept", ""),
        item["file"],
        item.get("sentence", ""),
        count,
    )


def read_baseline(path: Path) -> list[BaselineEntry]:
    from paralign.files import read_text

    return loads(read_text(path), str(path))


class NewFindings:
    """The findings a baseline does not know, read again from `findings` at each iteration
    (they may be a spill on disk): a baseline absorbs, per fingerprint, the first `count`
    findings in report order, so every reading drops the same ones."""

    def __init__(self, findings: Iterable[Finding], entries: Sequence[BaselineEntry]) -> None:
        self._findings = findings
        self._counts = {e.fingerprint: e.count for e in entries}

    def left_after(self) -> dict[str, int]:
        """How much of each entry no finding matched, after one pass (only fingerprints)."""
        left = dict(self._counts)
        for _ in self._unknown(left):
            pass
        return left

    def __iter__(self) -> Iterator[Finding]:
        return self._unknown(dict(self._counts))

    def _unknown(self, left: dict[str, int]) -> Iterator[Finding]:
        """The findings no entry absorbs, counting each absorbed one off `left` as it goes."""
        for finding in self._findings:
            fp = fingerprint(finding)
            if left.get(fp, 0) > 0:
                left[fp] -= 1
            else:
                yield finding


def baseline_view(
    findings: Iterable[Finding],
    entries: Sequence[BaselineEntry],
    *,
    path: str,
    files: Collection[str],
    concepts: Collection[str],
    rules: Collection[str],
) -> tuple[NewFindings, BaselineOutcome]:
    """The findings the baseline does not know (a view, read again on each iteration), and
    what became of its entries, from one pass that keeps fingerprints and counts only.

    An entry is stale when this run could not have produced it (its file was not checked,
    its concept left the glossary, its rule is off); otherwise, unmatched, it was fixed.
    """
    if iter(findings) is findings:  # a one-shot iterator: the view reads it more than once
        findings = list(findings)
    view = NewFindings(findings, entries)
    left = view.left_after()
    baselined = sum(e.count for e in {e.fingerprint: e for e in entries}.values()) - sum(
        left.values()
    )
    fixed, stale = [], []
    for entry in entries:
        if left.get(entry.fingerprint, 0) <= 0:
            continue
        if (
            entry.file not in files
            or entry.rule not in rules
            or (entry.concept and entry.concept not in concepts)
        ):
            stale.append(entry)
        else:
            fixed.append(entry)
        left[entry.fingerprint] = 0
    return view, BaselineOutcome(path, baselined, tuple(fixed), tuple(stale))
