"""Glossary files by extension: TBX (.tbx, .xml) and the spreadsheets editors keep (.csv, .tsv).

The spreadsheet layout (README, "Glossaries in spreadsheets"): a header row, one concept a
row; a column per language (`en`, `ru`, `en-US`…), several terms in a cell separated by `;`;
optional `id`, `subject`, `definition` and `note` columns. A term's status is its prefix:
none on the first term of a cell means preferred and on later terms admitted; `*` preferred,
`+` admitted, `!` deprecated, `~` superseded anywhere. `\\` escapes a `;`, a `\\` or a leading
marker that belongs to the term. Term-level details (part of speech, gender, term type,
context, customer) live only in TBX.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from paralign.files import read_text, write_text_atomic
from paralign.lang import primary
from paralign.model import (
    Concept,
    Finding,
    Glossary,
    Location,
    ParalignError,
    Severity,
    Status,
    Term,
    TermRef,
)
from paralign.tbx import Entry, Problem, entries, read_tbx, write_tbx

TBX_SUFFIXES = {".tbx", ".xml"}
TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}
FIELD_COLUMNS = {
    "id": "id",
    "subject": "subject",
    "subjectfield": "subject",
    "definition": "definition",
    "note": "note",
}
_LANG_COLUMN = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_MARKERS = {
    "*": Status.PREFERRED,
    "+": Status.ADMITTED,
    "!": Status.DEPRECATED,
    "~": Status.SUPERSEDED,
}
_MARK_OF = {status: mark for mark, status in _MARKERS.items()}


def load_glossary(path: Path) -> Glossary:
    """Read a glossary by extension; bad input raises a one-line ParalignError."""
    suffix = _suffix(path)
    if suffix in TBX_SUFFIXES:
        return read_tbx(path)
    records = table_entries(path)
    first: dict[str, int] = {}
    for entry in records:
        if entry.concept.id in first:
            raise ParalignError(
                f"{path}:{entry.line}: duplicate concept id "
                f"'{entry.concept.id}' (first at line {first[entry.concept.id]})"
            )
        first[entry.concept.id] = entry.line
    concepts = tuple(e.concept for e in records if e.concept.terms)
    return Glossary(concepts, str(path))


def save_glossary(glossary: Glossary, path: Path) -> None:
    """Write a glossary by extension (.tbx/.xml, .csv, .tsv), atomically."""
    suffix = _suffix(path)
    if suffix in TBX_SUFFIXES:
        write_tbx(glossary, path)
        return
    write_text_atomic(path, table_text(glossary, TABLE_SUFFIXES[suffix]))


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in TBX_SUFFIXES and suffix not in TABLE_SUFFIXES:
        raise ParalignError(
            f"{path}: unknown glossary format '{suffix or '(none)'}' (use .tbx, .xml, .csv or .tsv)"
        )
    return suffix


# ------------------------------------------------------------------------------ spreadsheets


def table_entries(path: Path) -> list[Entry]:
    """The concepts of a CSV/TSV glossary with their lines. A ragged row or an unknown
    column raises: a shifted cell would put a term under the wrong language."""
    delimiter = TABLE_SUFFIXES[_suffix(path)]
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        header_line = reader.line_num
        columns = _columns(path, header, header_line)
        records: list[Entry] = []
        start = reader.line_num + 1
        for row in reader:
            line = start
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise ParalignError(
                    f"{path}:{line}: row has {len(row)} cells, the header "
                    f"(line {header_line}) has {len(header)}"
                )
            records.append(_row_entry(row, columns, line, len(records) + 1))
    except csv.Error as error:
        raise ParalignError(
            f"{path}:{reader.line_num}: malformed {delimiter!r}-separated row: {error}"
        ) from None
    return records


def _columns(path: Path, header: Sequence[str], line: int) -> list[tuple[str, str]]:
    """(kind, name) per column: kind is a field name or 'lang'."""
    columns: list[tuple[str, str]] = []
    for name in (cell.strip() for cell in header):
        key = name.lower().replace(" ", "").replace("_", "")
        if key in FIELD_COLUMNS:
            columns.append((FIELD_COLUMNS[key], name))
        elif _LANG_COLUMN.match(name):
            columns.append(("lang", name))
        else:
            raise ParalignError(
                f"{path}:{line}: column '{name}' is neither a language code "
                "nor one of id, subject, definition, note"
            )
    if not any(kind == "lang" for kind, _ in columns):
        raise ParalignError(f"{path}:{line}: no language column in the header (such as en, ru)")
    return columns


def _row_entry(row: Sequence[str], columns: Sequence[tuple[str, str]], line: int, n: int) -> Entry:
    fields: dict[str, str] = {}
    terms: list[Term] = []
    problems: list[Problem] = []
    for (kind, name), cell in zip(columns, row, strict=True):
        if kind != "lang":
            fields[kind] = cell.strip()
            continue
        for index, raw in enumerate(_split_cell(cell)):
            text, status = _parse_term(raw, index)
            if not text:
                problems.append(Problem(line, "empty-term", f"empty {name} term"))
                continue
            terms.append(Term(text=text, lang=name, status=status))
    cid = fields.get("id") or f"c{n}"
    if not fields.get("id"):
        problems.append(Problem(line, "missing-id", f"concept without an id (named {cid})"))
    concept = Concept(
        cid,
        tuple(terms),
        fields.get("subject", ""),
        fields.get("definition", ""),
        fields.get("note", ""),
    )
    return Entry(line, concept, tuple(problems))


def _split_cell(cell: str) -> list[str]:
    if not cell.strip():
        return []
    parts, current, escaped = [], [], False
    for char in cell:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current) + ("\\" if escaped else ""))
    return parts


def _parse_term(raw: str, index: int) -> tuple[str, Status]:
    raw = raw.strip()
    status = Status.PREFERRED if index == 0 else Status.ADMITTED
    if raw[:1] in _MARKERS:
        status = _MARKERS[raw[0]]
        raw = raw[1:].lstrip()
    return re.sub(r"\\(.)", r"\1", raw), status


def _format_term(term: Term, index: int) -> str:
    text = term.text.replace("\\", "\\\\").replace(";", "\\;")
    if text[:1] in _MARKERS:
        text = "\\" + text
    default = Status.PREFERRED if index == 0 else Status.ADMITTED
    return text if term.status == default else _MARK_OF[term.status] + text


def table_text(glossary: Glossary, delimiter: str) -> str:
    """The spreadsheet form: languages in order of first use, then subject/definition/note."""
    langs = list(dict.fromkeys(t.lang for c in glossary.concepts for t in c.terms))
    extra = [
        name
        for name in ("subject", "definition", "note")
        if any(getattr(c, name) for c in glossary.concepts)
    ]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["id", *langs, *extra])
    for concept in glossary.concepts:
        cells = [concept.id]
        for lang in langs:
            terms = [t for t in concept.terms if t.lang == lang]
            cells.append("; ".join(_format_term(t, i) for i, t in enumerate(terms)))
        cells.extend(getattr(concept, name) for name in extra)
        writer.writerow(cells)
    return out.getvalue()


# ------------------------------------------------------------------------------------ lint


@dataclass(frozen=True, slots=True)
class LintSettings:
    languages: tuple[str, ...] = ()  # every concept needs a term in each; () = all seen


def glossary_entries(path: Path) -> list[Entry]:
    if _suffix(path) in TBX_SUFFIXES:
        return list(entries(path))
    return table_entries(path)


def lint_glossary(
    path: Path, settings: LintSettings | None = None, shown_path: str | None = None
) -> list[Finding]:
    """Everything that makes a glossary ambiguous or breaks TBX-Basic, as Findings in file
    order. Unreadable files raise ParalignError (exit 2), findings are exit 1."""
    settings = settings or LintSettings()
    report = _Report(shown_path or str(path))
    records = glossary_entries(path)
    langs = settings.languages or tuple(
        dict.fromkeys(primary(t.lang) for e in records for t in e.concept.terms)
    )
    # one rule family after the other; the stable sort keeps that order within a line
    findings = [
        *_entry_problems(records, report),
        *_duplicate_ids(records, report),
        *(found for entry in records for found in _concept_findings(entry, langs, report)),
        *_shared_terms(records, report),
    ]
    findings.sort(key=lambda pair: pair[0])
    return [finding for _, finding in findings]


_Found = tuple[int, Finding]  # (file line, finding): sorted by line at the end


@dataclass(frozen=True, slots=True)
class _Report:
    file: str

    def __call__(
        self, line: int, rule: str, severity: Severity, message: str, concept: str, found: str = ""
    ) -> _Found:
        term = TermRef(concept=concept, found=found) if concept else None
        return line, Finding(rule, severity, message, Location(self.file, line, concept), term)


def _entry_problems(records: Sequence[Entry], report: _Report) -> Iterator[_Found]:
    """What the readers found in each entry (TBX-Basic, ids, statuses, empty terms)."""
    for entry in records:
        for problem in entry.problems:
            severity = Severity.INFO if problem.rule == "missing-id" else Severity.ERROR
            if problem.line < entry.line:  # about the file (its root), not this concept
                yield report(problem.line, problem.rule, severity, problem.message, "")
                continue
            cid = entry.concept.id
            message = f"{cid}: {problem.message}"
            yield report(problem.line, problem.rule, severity, message, cid)


def _duplicate_ids(records: Sequence[Entry], report: _Report) -> Iterator[_Found]:
    first: dict[str, int] = {}
    for entry in records:
        cid = entry.concept.id
        if cid in first:
            message = f"concept id '{cid}' also at line {first[cid]}"
            yield report(entry.line, "duplicate-id", Severity.ERROR, message, cid)
        else:
            first[cid] = entry.line


def _concept_findings(entry: Entry, langs: Sequence[str], report: _Report) -> Iterator[_Found]:
    """missing-language and no-preferred per language, then deprecated-is-preferred."""
    concept = entry.concept
    for lang in langs:
        terms = concept.terms_in(lang)
        if not terms:
            message = f"{concept.id}: no {lang} term"
            yield report(entry.line, "missing-language", Severity.WARNING, message, concept.id)
        elif not any(t.status == Status.PREFERRED for t in terms):
            message = f"{concept.id}: no preferred {lang} term"
            yield report(entry.line, "no-preferred", Severity.WARNING, message, concept.id)
    by_text: dict[tuple[str, str], set[Status]] = defaultdict(set)
    for term in concept.terms:
        by_text[(primary(term.lang), term.text.casefold())].add(term.status)
    for (lang, folded), statuses in by_text.items():
        if Status.DEPRECATED in statuses and Status.PREFERRED in statuses:
            text = next(
                t.text
                for t in concept.terms
                if t.text.casefold() == folded and t.status == Status.DEPRECATED
            )
            message = f"{concept.id}: {lang} '{text}' is both preferred and deprecated"
            rule = "deprecated-is-preferred"
            yield report(entry.line, rule, Severity.ERROR, message, concept.id, text)


def _shared_terms(records: Sequence[Entry], report: _Report) -> Iterator[_Found]:
    """term-in-two-concepts: one (language, case-folded text) in several concepts."""
    owners: dict[tuple[str, str], list[tuple[Entry, Term]]] = defaultdict(list)
    for entry in records:
        for term in entry.concept.terms:
            owners[(primary(term.lang), term.text.casefold())].append((entry, term))
    for (lang, _), users in owners.items():
        ids = list(dict.fromkeys(entry.concept.id for entry, _term in users))
        if len(ids) > 1:
            entry, term = users[-1]
            message = f"{lang} term '{term.text}' is in concepts {', '.join(ids)}"
            cid = entry.concept.id
            yield report(
                entry.line, "term-in-two-concepts", Severity.WARNING, message, cid, term.text
            )


def convert_glossary(source: Path, target: Path) -> Glossary:
    glossary = load_glossary(source)
    save_glossary(glossary, target)
    return glossary
