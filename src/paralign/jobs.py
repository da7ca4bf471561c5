"""The jobs the commands run, as library calls: `check` a project's inputs, `run` the main job.

Each reads its inputs, calls the pure stages, writes its outputs atomically and returns what
the command prints; the CLI only parses options and echoes. Paths given by a caller are
relative to the working directory; those from the configuration to the project root.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO, cast, overload

from paralign.checks import CheckSettings
from paralign.config import Config
from paralign.model import Bitext, Finding, Glossary, ParalignError, Severity
from paralign.progress import progress, stage, tu_total
from paralign.settings import Settings
from paralign.urls import Location, Url

if TYPE_CHECKING:
    from paralign.baseline import BaselineEntry
    from paralign.report import CheckRun
    from paralign.tmx.slices import Slice


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """A check's one-line summary (the report itself was written as the findings streamed
    out), the number of findings before the baseline, and whether the exit code is 1."""

    summary: str
    total: int
    failed: bool


_NOT_TMX = {
    ".md": "a Markdown file",
    ".markdown": "a Markdown file",
    ".txt": "a text file",
    ".html": "an HTML file",
    ".htm": "an HTML file",
    ".docx": "a Word document",
}


def refuse_not_tmx(path: Location, src_lang: str, tgt_lang: str) -> None:
    """A document given where a TMX belongs: say what to give instead."""
    kind = _NOT_TMX.get(path.suffix.lower())
    if kind is not None and not (isinstance(path, Path) and path.is_dir()):
        raise ParalignError(
            f"{path}: {kind} is not a TMX; give a TMX file, or a corpus folder with "
            f"{src_lang}/ and {tgt_lang}/ inside (or align first: paralign align SRC TGT -o X.tmx)"
        )


@overload
def input_pieces(
    path: Location,
    src_lang: str,
    tgt_lang: str,
    unpaired: list[tuple[Path, Path]] | None = None,
    encoding: str = "auto",
    sliced: Literal[False] = False,
) -> Callable[[], Iterator[Bitext]]: ...


@overload
def input_pieces(
    path: Location,
    src_lang: str,
    tgt_lang: str,
    unpaired: list[tuple[Path, Path]] | None = None,
    encoding: str = "auto",
    *,
    sliced: bool,
) -> Callable[[], Iterator[Bitext | Slice]]: ...


def input_pieces(
    path: Location,
    src_lang: str,
    tgt_lang: str,
    unpaired: list[tuple[Path, Path]] | None = None,
    encoding: str = "auto",
    sliced: bool = False,
) -> Callable[[], Iterator[Bitext | Slice]]:
    """A callable streaming the aligned Bitexts of one input: a TMX file a few thousand TUs at
    a time, or a corpus folder with src/ and tgt/ inside (read, in `encoding`, and aligned
    once). Files of a corpus folder without a partner go to `unpaired` (with the other
    side's folder). A URL names a TMX file or a folder of them. With `sliced`, a TMX file on
    this machine comes as Slices, for the process that checks them to read."""
    if isinstance(path, Url):
        return _url_pieces(path, src_lang, tgt_lang)
    if not path.exists():
        raise ParalignError(f"{path}: no such file or folder")
    if path.is_dir():
        if (path / src_lang).is_dir() or (path / tgt_lang).is_dir():
            from paralign.corpus import AlignJob, ReadOptions, align_pairs, pair_files

            if not (path / src_lang).is_dir() or not (path / tgt_lang).is_dir():
                raise ParalignError(
                    f"{path}: a corpus folder needs {src_lang}/ and {tgt_lang}/ inside"
                )
            pairing = pair_files(path / src_lang, path / tgt_lang)
            for file in pairing.unpaired:
                assert isinstance(file, Path)  # a folder on this disk lists paths
                other = path / (tgt_lang if file.parent.name == src_lang else src_lang)
                if unpaired is not None:
                    unpaired.append((file, other))
            job = AlignJob(src_lang, tgt_lang, ReadOptions(encoding=encoding))
            aligned = align_pairs(list(pairing.pairs), job)
            return lambda: iter(aligned)
        tmx_files = sorted(path.glob("*.tmx"))
        if not tmx_files:
            raise ParalignError(
                f"{path}: neither a corpus folder ({src_lang}/ and {tgt_lang}/) nor TMX files"
            )
        return _each_tmx(tmx_files, src_lang, tgt_lang, sliced)
    return _tmx_input(path, src_lang, tgt_lang, sliced)


def _url_pieces(url: Url, src_lang: str, tgt_lang: str) -> Callable[[], Iterator[Bitext | Slice]]:
    """`input_pieces` of a URL: a TMX file, or the TMX files of a folder. Documents to
    align are read from a path on this machine, or aligned first (`align` reads URLs)."""
    from paralign.urls import kind, list_files

    found = kind(url)
    if found is None:
        raise ParalignError(f"{url}: no such file or folder")
    if found == "file":
        return _tmx_input(url, src_lang, tgt_lang)
    tmx_files = [file for file in list_files(url) if file.suffix.lower() == ".tmx"]
    if not tmx_files:
        raise ParalignError(
            f"{url}: no TMX files in this folder (a corpus folder of documents is checked "
            "from a path on this machine, or aligned first)"
        )
    return _each_tmx(tmx_files, src_lang, tgt_lang)


def _each_tmx(
    files: Sequence[Location], src_lang: str, tgt_lang: str, sliced: bool = False
) -> Callable[[], Iterator[Bitext | Slice]]:
    each = [_tmx_input(file, src_lang, tgt_lang, sliced) for file in files]
    return lambda: (b for pieces in each for b in pieces())


def _tmx_input(
    path: Location, src_lang: str, tgt_lang: str, sliced: bool = False
) -> Callable[[], Iterator[Bitext | Slice]]:
    from paralign.files import check_readable
    from paralign.tmx import resolve_pair, tmx_pieces
    from paralign.tmx.views import tmx_slices

    refuse_not_tmx(path, src_lang, tgt_lang)
    check_readable(path)
    src, tgt = resolve_pair(path, src_lang, tgt_lang)
    if sliced:
        return lambda: tmx_slices(path, src, tgt)
    return lambda: tmx_pieces(path, src, tgt)


def run_check(
    config: Config,
    settings: CheckSettings,
    *,
    inputs: Sequence[Location] | None = None,
    glossary: Path | None = None,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
    fmt: str = "text",
    output: Path | None = None,
    encoding: str = "auto",
) -> CheckOutcome:
    """Read, check, compare with the baseline, write the report to `output` (atomically)
    or to standard output.

    Findings go to a spill on disk as they are made and stream from it into the report:
    what stays in memory is counts and fingerprints, whatever the number of findings."""
    from paralign.baseline import read_baseline
    from paralign.checks import FindingSpill, check_into
    from paralign.checks.documents import unpaired_findings
    from paralign.checks.settings import check_signature
    from paralign.glossary_files import load_glossary
    from paralign.report import CheckRun

    paths = list(inputs) if inputs else [config.root / p for p in settings.inputs]
    baseline_path = (
        None if write_baseline is not None else _baseline_path(config, settings, baseline)
    )
    # read first: a broken baseline is refused before minutes of checking, not after
    entries = read_baseline(baseline_path) if baseline_path is not None else []
    for path in paths:
        refuse_not_tmx(path, settings.src_lang, settings.tgt_lang)
    terms = load_glossary(glossary or _configured_glossary(config, settings))
    unpaired: list[tuple[Path, Path]] = []
    # in slices with one process too: a slice's plain TUs are read by pattern (tmx/plain.py)
    sources = [
        input_pieces(p, settings.src_lang, settings.tgt_lang, unpaired, encoding, sliced=True)
        for p in paths
    ]
    seen: set[str] = set()
    pieces = partial(_noting, sources, seen, tu_total(paths))
    with FindingSpill() as findings:
        with stage("read and check"):
            check_into(findings, pieces, terms, settings, settings.jobs)
        for finding in unpaired_findings(unpaired, settings.relative):
            if settings.keeps(finding):
                findings.add(settings.with_severity(finding))
        seen.update(str(file) for file, _ in unpaired)
        files = tuple(sorted({settings.relative(p) for p in seen}))
        run = CheckRun(files=files, signature=str(check_signature(settings, terms)))
        shown: Iterable[Finding] = findings
        if write_baseline is not None:
            from paralign.baseline import write_baseline as save_baseline

            save_baseline(write_baseline, findings)
        elif baseline_path is not None:
            shown, run = _against_baseline(findings, entries, baseline_path, run, terms, settings)
        report = _Report(fmt, config, run, settings.fail_on, output)
        with stage("write the report"):
            return _reported(shown, report, len(findings), gate=write_baseline is None)


def _noting(
    sources: list[Callable[[], Iterator[Bitext | Slice]]], seen: set[str], total: int | None
) -> Iterator[Bitext | Slice]:
    """The documents of every input, each one's files noted in `seen` as it is read, and a
    bar of their TUs (`total` of them, when known) on a terminal."""
    documents = (piece for each in sources for piece in each())
    for piece in progress(documents, total, "check", "TUs", size=_tus):
        seen.update(p for p in (piece.src_path, piece.tgt_path) if p)
        yield piece


def _tus(piece: Bitext | Slice) -> int:
    return len(piece.links) if isinstance(piece, Bitext) else piece.tus


def _baseline_path(config: Config, settings: CheckSettings, given: Path | None) -> Path | None:
    """The baseline to compare with: the one given, else the configured one, else none."""
    return given or (config.root / settings.baseline if settings.baseline else None)


@dataclass(frozen=True, slots=True)
class _Report:
    """Where and how a check's findings are written."""

    fmt: str
    config: Config
    run: CheckRun
    fail_on: str
    output: Path | None


def _against_baseline(
    findings: Iterable[Finding],
    entries: list[BaselineEntry],
    path: Path,
    run: CheckRun,
    terms: Glossary,
    settings: CheckSettings,
) -> tuple[Iterable[Finding], CheckRun]:
    """The findings the baseline does not hold, and the run with the comparison's outcome."""
    from paralign.baseline import baseline_view
    from paralign.checks import RULES

    shown, outcome = baseline_view(
        findings,
        entries,
        path=settings.relative(str(path)),
        files=run.files,
        concepts={c.id for c in terms.concepts},
        rules={r for r in RULES if settings.severity(r) is not None},
    )
    return shown, replace(run, baseline=outcome)


def _reported(shown: Iterable[Finding], report: _Report, found: int, gate: bool) -> CheckOutcome:
    """Write the report (atomically to a file, or to standard output) and say whether the
    findings fail the gate."""
    import sys

    from paralign.checks import severity_reaches
    from paralign.files import atomic_output
    from paralign.report import summary_line, write_report
    from paralign.report.findings import tally

    counted = tally(shown)
    failed = gate and any(
        severity_reaches(Severity(severity), report.fail_on)
        for severity, number in counted.severities.items()
        if number
    )
    write = (report.fmt, report.config, report.run, report.fail_on)
    if report.output is not None:
        with atomic_output(report.output) as out:
            write_report(cast(TextIO, out), shown, *write)
    else:
        write_report(sys.stdout, shown, *write)
        sys.stdout.flush()
    return CheckOutcome(summary_line(counted, report.run), found, failed)


def _configured_glossary(config: Config, settings: CheckSettings) -> Path:
    """The glossary the configuration names; with none named and none at the default place,
    say how to give one rather than name a default file the user never chose."""
    path = config.root / settings.glossary
    named = config.get("glossary") is not None or "glossary" in config.section("check")
    if not named and not path.exists():
        raise ParalignError(
            "no glossary configured: give --glossary FILE (TBX or CSV), or set "
            'glossary = "FILE" in [tool.paralign] of pyproject.toml or paralign.toml'
        )
    return path


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """What the main job made: the TMX and glossary CSV it wrote, the findings, the counts."""

    tmx: Path
    glossary_csv: Path
    findings: tuple[Finding, ...]
    translation_units: int
    concepts: int


def run_main(settings: Settings) -> RunOutcome:
    """The main job: align the corpus to TMX (with the aligner's signature in its header),
    export the glossary as CSV, check the terminology of the aligned corpus."""
    from paralign.align import AlignOptions
    from paralign.checks import check_bitexts
    from paralign.corpus import AlignJob, align_pairs, corpus_pairs
    from paralign.glossary_files import load_glossary, save_glossary
    from paralign.provenance import provenance_props
    from paralign.signature import align_signature
    from paralign.tmx import TmxOptions, write_tmx

    src, tgt = settings.src_lang, settings.tgt_lang
    glossary = load_glossary(settings.glossary)
    options = AlignOptions()
    bitexts = align_pairs(
        corpus_pairs(settings.texts, src, tgt), AlignJob(src, tgt, options=options)
    )
    tmx_path = settings.build / f"arvak.{src}-{tgt}.tmx"
    header = align_signature(options).header_props() + provenance_props(bitexts)
    csv_path = settings.build / "arvak.csv"
    with stage("write the TMX and the glossary"):
        write_tmx(bitexts, tmx_path, TmxOptions(header_props=header))
        save_glossary(glossary, csv_path)
    with stage("check"):
        findings = check_bitexts(bitexts, glossary, CheckSettings.from_config(settings.config))
    return RunOutcome(
        tmx_path,
        csv_path,
        tuple(findings),
        sum(len(b.links) for b in bitexts),
        len(glossary.concepts),
    )
