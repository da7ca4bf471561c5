"""The jobs the commands run, as library calls: `check` a project's inputs, `run` the main job.

Each reads its inputs, calls the pure stages, writes its outputs atomically and returns what
the command prints; the CLI only parses options and echoes. Paths given by a caller are
relative to the working directory; those from the configuration to the project root.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO, cast

from paralign.checks import CheckSettings
from paralign.config import Config
from paralign.model import Bitext, Finding, ParalignError
from paralign.settings import Settings


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


def refuse_not_tmx(path: Path, src_lang: str, tgt_lang: str) -> None:
    """A document given where a TMX belongs: say what to give instead."""
    kind = _NOT_TMX.get(path.suffix.lower())
    if kind is not None and not path.is_dir():
        raise ParalignError(
            f"{path}: {kind} is not a TMX; give a TMX file, or a corpus folder with "
            f"{src_lang}/ and {tgt_lang}/ inside (or align first: paralign align SRC TGT -o X.tmx)"
        )


def input_pieces(
    path: Path, src_lang: str, tgt_lang: str, unpaired: list[tuple[Path, Path]] | None = None
) -> Callable[[], Iterator[Bitext]]:
    """A callable streaming the aligned Bitexts of one input: a TMX file a few thousand TUs at
    a time, or a corpus folder with src/ and tgt/ inside (read and aligned once). Files of a
    corpus folder without a partner go to `unpaired` (with the other side's folder)."""
    if not path.exists():
        raise ParalignError(f"{path}: no such file or folder")
    if path.is_dir():
        if (path / src_lang).is_dir() or (path / tgt_lang).is_dir():
            from paralign.corpus import AlignJob, align_pairs, pair_files

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
            aligned = align_pairs(list(pairing.pairs), AlignJob(src_lang, tgt_lang))
            return lambda: iter(aligned)
        tmx_files = sorted(path.glob("*.tmx"))
        if not tmx_files:
            raise ParalignError(
                f"{path}: neither a corpus folder ({src_lang}/ and {tgt_lang}/) nor TMX files"
            )
        each = [input_pieces(file, src_lang, tgt_lang) for file in tmx_files]
        return lambda: (b for pieces in each for b in pieces())
    from paralign.files import check_readable
    from paralign.tmx import resolve_pair, tmx_pieces

    refuse_not_tmx(path, src_lang, tgt_lang)
    check_readable(path)
    src, tgt = resolve_pair(path, src_lang, tgt_lang)
    return lambda: tmx_pieces(path, src, tgt)


def run_check(
    config: Config,
    settings: CheckSettings,
    *,
    inputs: Sequence[Path] | None = None,
    glossary: Path | None = None,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
    fmt: str = "text",
    output: Path | None = None,
) -> CheckOutcome:
    """Read, check, compare with the baseline, write the report to `output` (atomically)
    or to standard output.

    Findings go to a spill on disk as they are made and stream from it into the report:
    what stays in memory is counts and fingerprints, whatever the number of findings."""
    import sys

    from paralign.baseline import baseline_view, read_baseline
    from paralign.baseline import write_baseline as save_baseline
    from paralign.checks import RULES, FindingSpill, check_into, severity_reaches
    from paralign.checks.documents import unpaired_findings
    from paralign.checks.settings import check_signature
    from paralign.files import atomic_output
    from paralign.glossary_files import load_glossary
    from paralign.model import Severity
    from paralign.report import CheckRun, summary_line, write_report
    from paralign.report.findings import tally

    paths = list(inputs) if inputs else [config.root / p for p in settings.inputs]
    baseline_path = baseline or (config.root / settings.baseline if settings.baseline else None)
    if write_baseline is not None:
        baseline_path = None
    # read first: a broken baseline is refused before minutes of checking, not after
    entries = read_baseline(baseline_path) if baseline_path is not None else []
    for path in paths:
        refuse_not_tmx(path, settings.src_lang, settings.tgt_lang)
    terms = load_glossary(glossary or _configured_glossary(config, settings))
    unpaired: list[tuple[Path, Path]] = []
    sources = [input_pieces(p, settings.src_lang, settings.tgt_lang, unpaired) for p in paths]
    seen: set[str] = set()

    def pieces() -> Iterator[Bitext]:
        for each in sources:
            for bitext in each():
                seen.update(p for p in (bitext.src_path, bitext.tgt_path) if p)
                yield bitext

    with FindingSpill() as findings:
        check_into(findings, pieces, terms, settings, settings.jobs)
        for finding in unpaired_findings(unpaired, settings.relative):
            if settings.keeps(finding):
                findings.add(settings.with_severity(finding))
        seen.update(str(file) for file, _ in unpaired)
        files = tuple(sorted({settings.relative(p) for p in seen}))
        run = CheckRun(files=files, signature=str(check_signature(settings, terms)))
        shown: Iterable[Finding] = findings
        if write_baseline is not None:
            save_baseline(write_baseline, findings)
        elif baseline_path is not None:
            shown, outcome = baseline_view(
                findings,
                entries,
                path=settings.relative(str(baseline_path)),
                files=files,
                concepts={c.id for c in terms.concepts},
                rules={r for r in RULES if settings.severity(r) is not None},
            )
            run = replace(run, baseline=outcome)
        counted = tally(shown)
        failed = write_baseline is None and any(
            severity_reaches(Severity(severity), settings.fail_on)
            for severity, number in counted.severities.items()
            if number
        )
        if output is not None:
            with atomic_output(output) as out:
                write_report(cast(TextIO, out), shown, fmt, config, run, settings.fail_on)
        else:
            write_report(sys.stdout, shown, fmt, config, run, settings.fail_on)
            sys.stdout.flush()
        return CheckOutcome(summary_line(counted, run), len(findings), failed)


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
    write_tmx(bitexts, tmx_path, TmxOptions(header_props=header))
    csv_path = settings.build / "arvak.csv"
    save_glossary(glossary, csv_path)
    findings = check_bitexts(bitexts, glossary, CheckSettings.from_config(settings.config))
    return RunOutcome(
        tmx_path,
        csv_path,
        tuple(findings),
        sum(len(b.links) for b in bitexts),
        len(glossary.concepts),
    )
