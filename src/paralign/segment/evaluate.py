"""Scoring a segmenter on the shared dev data (../shared/data/seg, see its README).

A boundary is the start offset of every sentence but the first, after stripping
whitespace; errors per 1000 = (false positives + false negatives) / (gold boundaries + 1).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

Splitter = Callable[[str], list[str]]


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Score:
    gold: int
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def errors_per_1000(self) -> float:
        return (self.false_positives + self.false_negatives) / (self.gold + 1) * 1000

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0


def read_records(path: Path) -> list[Record]:
    records = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                data = json.loads(line)
                spans = tuple((int(a), int(b)) for a, b in data["spans"])
                records.append(Record(str(data["id"]), data["text"], spans))
    return records


# The tune/measure discipline: a record's fold comes from a hash of its id, so the split is
# the same on every machine and does not move when records are added. The rules are tuned
# on the folds other than `measure`, and the measure fold is only scored, never looked into;
# rotating `measure` over 0..FOLDS-1 shows whether a rule fitted its tune part only.
FOLDS = 4


def fold_of(record_id: str, folds: int = FOLDS) -> int:
    """The fold (0..folds-1) of a record, from the SHA-256 of its id."""
    return int.from_bytes(hashlib.sha256(record_id.encode("utf-8")).digest()[:4], "big") % folds


def split_records(
    records: Iterable[Record], measure: int = 0, folds: int = FOLDS
) -> tuple[list[Record], list[Record]]:
    """(tune part, measure-only part): the records of fold `measure` are the measure part."""
    tune: list[Record] = []
    held: list[Record] = []
    for record in records:
        (held if fold_of(record.id, folds) == measure else tune).append(record)
    return tune, held


def boundaries_of_spans(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Start offsets (whitespace stripped) of every span but the first."""
    starts = []
    for start, end in spans:
        piece = text[start:end]
        if piece.strip():
            starts.append(start + len(piece) - len(piece.lstrip()))
    return set(sorted(starts)[1:])


def locate(text: str, pieces: Iterable[str]) -> Iterator[tuple[int, int]]:
    position = 0
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        start = text.find(stripped, position)
        if start < 0:  # a splitter that rewrote the text: match its first word instead
            head = stripped.split()[0]
            start = text.find(head, position)
            if start < 0:
                continue
        yield start, start + len(stripped)
        position = start + 1


def score(records: Iterable[Record], found: Callable[[Record], set[int]]) -> Score:
    gold_total = tp = fp = fn = 0
    for record in records:
        gold = boundaries_of_spans(record.text, record.spans)
        got = found(record)
        gold_total += len(gold)
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    return Score(gold_total, tp, fp, fn)


def read_cases(path: Path) -> list[tuple[str, str, str, list[str], str]]:
    """(id, name, text, expected sentences, flags) of a golden-rules or unit-case .tsv."""
    cases = []
    with path.open(encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            if not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            fields += [""] * (5 - len(fields))
            case_id, name, text, expected, flags = fields[:5]
            cases.append((case_id, name, json.loads(text), json.loads(expected), flags))
    return cases
