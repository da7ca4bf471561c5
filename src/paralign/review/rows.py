"""`tmx import` of what `paralign align` writes: its TSV (`--to tsv`) and JSON lines (`--to jsonl`).

`align --to tsv` writes `source<TAB>target<TAB>score<TAB>bead` under a header row naming the two
languages (`ru<TAB>en<TAB>score<TAB>bead`); `--to jsonl` writes objects with `source` and
`target` texts (and document, ids, bead, score). A reviewer who fixes an alignment in a
spreadsheet saves one of these and turns it into TMX again. Rows with an empty side (1-0 and
0-1 beads) are left out: a translation unit needs both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from paralign.model import ParalignError

_BEAD = re.compile(r"\d+-\d+")


def aligned_pairs(path: Path, text: str) -> Iterator[tuple[int, str, str]] | None:
    """(line, source, target) when `text` is align's TSV or JSON lines, else None."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if path.suffix.lower() == ".jsonl":
        try:
            record = json.loads(first)
        except json.JSONDecodeError:
            return None
        if isinstance(record, dict) and "source" in record and "target" in record:
            return _jsonl(path, text)
        return None
    fields = first.split("\t")
    if len(fields) == 4 and (fields[2:] == ["score", "bead"] or _is_row(fields)):
        return _tsv(path, text)
    return None


def _is_row(fields: list[str]) -> bool:
    try:
        float(fields[2])
    except ValueError:
        return False
    return bool(_BEAD.fullmatch(fields[3]))


def _tsv(path: Path, text: str) -> Iterator[tuple[int, str, str]]:
    for line, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        fields = raw.split("\t")
        if len(fields) != 4:
            raise ParalignError(
                f"{path}:{line}: expected 4 tab-separated fields (source, target, score, bead) "
                f"as `align --to tsv` writes, found {len(fields)}"
            )
        if fields[2:] == ["score", "bead"]:
            continue
        if fields[0] and fields[1]:  # a 1-0 or 0-1 bead is no translation unit
            yield line, fields[0], fields[1]


def _jsonl(path: Path, text: str) -> Iterator[tuple[int, str, str]]:
    """`align --to jsonl` beads: a 1-0 or 0-1 bead is no translation unit."""
    from paralign.pairs import json_pairs

    for line, source, target in json_pairs(path, text, ("source", "target")):
        if source and target:
            yield line, source, target
