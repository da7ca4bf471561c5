"""Sentence pairs as plain text files: TSV, CSV and JSON lines, read and written.

The format of `tmx export` and `tmx import`: nothing here knows TMX, so the same rows can come
from a TM, an alignment or a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from paralign.lang import matches as lang_matches
from paralign.model import ParalignError

FORMATS = ("tsv", "csv", "jsonl")


def import_pairs(path: Path, langs: tuple[str, str] = ("", "")) -> Iterator[tuple[int, str, str]]:
    """(line, source, target) from a two-column TSV (tab) or CSV (comma) file, or JSON lines
    keyed by the two languages. A first CSV row naming the two languages (as `tmx export
    --to csv` writes) is a header."""
    from paralign.files import read_text

    text = read_text(path)
    if (aligned := aligned_pairs(path, text)) is not None:
        yield from aligned
        return
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _csv_pairs(path, text, langs)
    elif suffix == ".jsonl":
        yield from _jsonl_pairs(path, text, langs)
    else:
        yield from _tsv_pairs(path, text)


def _tsv_pairs(path: Path, text: str) -> Iterator[tuple[int, str, str]]:
    for line, fields in _tsv_rows(path, text, 2, "2 tab-separated fields"):
        yield line, fields[0], fields[1]


def _tsv_rows(path: Path, text: str, width: int, expected: str) -> Iterator[tuple[int, list[str]]]:
    """(line, fields) of each non-blank line of a TSV text with `width` fields; any other
    count is a one-line error saying what was `expected`."""
    for line, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        fields = raw.split("\t")
        if len(fields) != width:
            raise ParalignError(f"{path}:{line}: expected {expected}, found {len(fields)}")
        yield line, fields


def _csv_pairs(path: Path, text: str, langs: tuple[str, str]) -> Iterator[tuple[int, str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(row):
                continue
            if len(row) != 2:
                raise ParalignError(f"{path}:{line}: expected 2 columns, found {len(row)}")
            if line == 1 and all(
                lang and lang_matches(cell.strip(), lang)
                for cell, lang in zip(row, langs, strict=True)
            ):
                continue
            yield line, row[0], row[1]
    except csv.Error as error:
        raise ParalignError(f"{path}:{reader.line_num}: malformed CSV: {error}") from None


def _jsonl_pairs(path: Path, text: str, langs: tuple[str, str]) -> Iterator[tuple[int, str, str]]:
    """Objects as `tmx export --to jsonl` writes them: the two language codes as keys."""
    return json_pairs(path, text, langs)


def json_pairs(path: Path, text: str, keys: tuple[str, str]) -> Iterator[tuple[int, str, str]]:
    """(line, first, second) of JSON lines holding a string under each of the two keys."""
    for line, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            raise ParalignError(f"{path}:{line}: not JSON: {error.msg}") from None
        if not isinstance(record, dict):
            raise ParalignError(f"{path}:{line}: expected a JSON object")
        texts = []
        for key in keys:
            value = record.get(key)
            if not isinstance(value, str):
                raise ParalignError(f"{path}:{line}: no string under the key '{key}'")
            texts.append(value)
        yield line, texts[0], texts[1]


def pair_lines(
    rows: Iterable[tuple[str, str, str]], fmt: str, src_lang: str, tgt_lang: str
) -> Iterator[str]:
    """(id, source, target) rows as text lines: `tsv` (tab/newline in a text become a space,
    no header), `csv` (a header row with the two language codes) or `jsonl` (`tuid` and the
    two language codes as keys)."""
    line = pair_line(fmt, src_lang, tgt_lang)
    header = pair_header(fmt, src_lang, tgt_lang)
    if header:
        yield header
    for row in rows:
        yield line(row)


def pair_header(fmt: str, src_lang: str, tgt_lang: str) -> str:
    """What `pair_lines` writes before the rows: CSV's row of the two language codes."""
    return pair_line(fmt, src_lang, tgt_lang)(("", src_lang, tgt_lang)) if fmt == "csv" else ""


def pair_line(fmt: str, src_lang: str, tgt_lang: str) -> Callable[[tuple[str, str, str]], str]:
    """The line `pair_lines` makes of one row in `fmt`: rows can then be formatted where
    they are read (a worker of `tmx export` formats its own slices)."""
    if fmt == "tsv":
        return lambda row: f"{one_line(row[1])}\t{one_line(row[2])}\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")

        def csv_line(row: tuple[str, str, str]) -> str:
            writer.writerow(row[1:])
            text = buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            return text

        return csv_line
    if fmt == "jsonl":
        return lambda row: (
            json.dumps({"tuid": row[0], src_lang: row[1], tgt_lang: row[2]}, ensure_ascii=False)
            + "\n"
        )
    raise ParalignError(f"unknown export format {fmt!r}: use tsv, csv or jsonl")


_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""A tab, and every character `str.splitlines` breaks at."""


def one_line(text: str) -> str:
    """A text on one line: tabs and line breaks become spaces."""
    # The common case, unchanged by what follows (measured: 3x faster). Every break is a
    # character Python does not print, and asking that is cheaper than the search.
    if text.isprintable() or not _BREAKS.search(text):
        return text
    return " ".join(text.replace("\t", " ").splitlines())


# What `paralign align` writes, read back for `tmx import`: `--to tsv` writes
# `source<TAB>target<TAB>score<TAB>bead` under a header row naming the two languages, `--to
# jsonl` objects with `source` and `target` texts. A reviewer who fixes an alignment in a
# spreadsheet saves one of these and turns it into TMX again; rows with an empty side (1-0 and
# 0-1 beads) are left out, since a translation unit needs both.

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


def declared_languages(path: Path) -> tuple[str, str] | None:
    """The two languages the header of align's TSV names (`ru<TAB>en<TAB>score<TAB>bead`),
    so `tmx import` labels a de-fr alignment de-fr without being told; None for other files."""
    if path.suffix.lower() in (".csv", ".jsonl"):
        return None
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as stream:
            first = stream.readline().rstrip("\r\n")
    except OSError:
        return None  # the reader proper says what is wrong with the file
    fields = first.split("\t")
    if len(fields) == 4 and fields[2:] == ["score", "bead"] and fields[0] and fields[1]:
        return fields[0], fields[1]
    return None


def _is_row(fields: list[str]) -> bool:
    try:
        float(fields[2])
    except ValueError:
        return False
    return bool(_BEAD.fullmatch(fields[3]))


def _tsv(path: Path, text: str) -> Iterator[tuple[int, str, str]]:
    expected = "4 tab-separated fields (source, target, score, bead) as `align --to tsv` writes"
    for line, fields in _tsv_rows(path, text, 4, expected):
        if fields[2:] == ["score", "bead"]:
            continue
        if fields[0] and fields[1]:  # a 1-0 or 0-1 bead is no translation unit
            yield line, fields[0], fields[1]


def _jsonl(path: Path, text: str) -> Iterator[tuple[int, str, str]]:
    """`align --to jsonl` beads: a 1-0 or 0-1 bead is no translation unit."""
    for line, source, target in json_pairs(path, text, ("source", "target")):
        if source and target:
            yield line, source, target
