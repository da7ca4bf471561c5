"""The labelled term-variant set (tests/fixtures/term-variants.tsv): its rows made into
sentence pairs, checked with the shipped glossary, and scored (precision, recall).

`python -m tests.term_variant_set` prints the table docs/checks.md reports, and every row the
rule gets wrong."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from paralign.checks import CheckSettings, check_bitexts
from paralign.model import Glossary
from paralign.tbx import read_tbx
from tests.check_fixtures import bitext
from tests.conftest import ROOT, SHARED_DATA, STEM

FIXTURE = Path(__file__).parent / "fixtures" / "term-variants.tsv"
NTREX = SHARED_DATA / "align" / "ntrex-dev"
_GOLD = ROOT / "texts" / "gold" / STEM


@dataclass(frozen=True)
class Row:
    id: str
    split: str
    origin: str
    kind: str
    edits: tuple[tuple[str, str, str], ...]
    """(side, old, new) each."""
    expected: frozenset[tuple[str, str]]
    """(concept, found) each."""


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int
    rows: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _pairs(items: list[str]) -> tuple[tuple[str, str, str], ...]:
    out = []
    for item in items:
        side, _, change = item.partition(": ")
        old, _, new = change.partition(" => ")
        out.append((side, old, new))
    return tuple(out)


def rows() -> list[Row]:
    out = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        rid, split, origin, kind, edits, expected = line.split("\t")
        found = [] if expected == "-" else expected.split(" ;; ")
        out.append(
            Row(
                rid,
                split,
                origin,
                kind,
                _pairs([] if edits == "-" else edits.split(" ;; ")),
                frozenset((e.split("=", 1)[0], e.split("=", 1)[1]) for e in found),
            )
        )
    return out


def _beads(ru: Path, en: Path, align: Path) -> list[tuple[str, str]]:
    ru_lines = ru.read_text(encoding="utf-8").splitlines()
    en_lines = en.read_text(encoding="utf-8").splitlines()
    beads = []
    for line in align.read_text(encoding="utf-8").splitlines():
        src, tgt = (ast.literal_eval(ids) for ids in line.split(":"))
        beads.append((" ".join(ru_lines[i] for i in src), " ".join(en_lines[i] for i in tgt)))
    return beads


@lru_cache(maxsize=64)
def _document(origin: str) -> list[tuple[str, str]]:
    if origin == "texts":
        return _beads(
            Path(f"{_GOLD}.ru.sents"), Path(f"{_GOLD}.en.sents"), Path(f"{_GOLD}.ru-en.align")
        )
    base = NTREX / origin
    return _beads(
        Path(f"{base}.ru"), Path(f"{base}.en"), base.with_name(f"{base.name}.ru-en.align")
    )


def available(row: Row) -> bool:
    """Rows from NTREX need ../shared/data; the shipped corpus's are always there."""
    return row.origin.startswith("texts:") or NTREX.is_dir()


def pair(row: Row) -> tuple[str, str]:
    """The row's sentence pair, its edits applied (each must find its text)."""
    if row.origin.startswith("texts:"):
        document, bead = "texts", row.origin.split(":")[1]
    else:
        _, document, bead = row.origin.split(":")
    ru, en = _document(document)[int(bead)]
    for side, old, new in row.edits:
        text = ru if side == "ru" else en
        if old not in text:
            raise ValueError(f"{row.id}: {old!r} is not in the {side} sentence")
        if side == "ru":
            ru = ru.replace(old, new, 1)
        else:
            en = en.replace(old, new, 1)
    return ru, en


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    return read_tbx(ROOT / "glossary" / "arvak.tbx")


def found(row: Row) -> set[tuple[str, str]]:
    """The term-variant findings of the row's pair, as (concept, found)."""
    findings = check_bitexts([bitext([pair(row)])], glossary(), CheckSettings())
    return {(f.term.concept, f.term.found) for f in findings if f.rule == "term-variant" and f.term}


def _hits(expected: frozenset[tuple[str, str]], got: set[tuple[str, str]]) -> int:
    """Expected findings the rule made: the same concept, and one found text holding the
    other ("Erdoan" for "Erdoan's" is a hit)."""
    return sum(
        1
        for concept, text in expected
        if any(c == concept and (text in g or g in text) for c, g in got)
    )


def outcomes(split: str) -> Iterator[tuple[Row, set[tuple[str, str]], int]]:
    """Each available row of a split ('' for all), what it found, and its hits."""
    for row in rows():
        if available(row) and (not split or row.split == split):
            got = found(row)
            yield row, got, _hits(row.expected, got)


def score(split: str) -> Score:
    tp = fp = fn = count = 0
    for row, got, hits in outcomes(split):
        count += 1
        tp += hits
        fn += len(row.expected) - hits
        fp += len(got) - min(hits, len(got))
    return Score(tp, fp, fn, count)


def main() -> None:
    for split in ("tune", "held", "fresh", ""):
        s = score(split)
        print(
            f"{split or 'all':5} rows {s.rows:3}  TP {s.tp:3} FP {s.fp:3} FN {s.fn:3}  "
            f"precision {s.precision:.3f}  recall {s.recall:.3f}"
        )
    # Only the tune part's misses: the held-out part is for reporting, not for looking at.
    for row, got, hits in outcomes("" if "--all" in sys.argv else "tune"):
        if hits != len(row.expected) or len(got) > hits:
            print(
                f"  {row.id} {row.split} {row.kind}: expected {sorted(row.expected)}, "
                f"found {sorted(got)}"
            )


if __name__ == "__main__":
    main()
