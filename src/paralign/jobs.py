"""The jobs the commands run, as library calls: `check` a project's inputs, `run` the main job.

Each reads its inputs, calls the pure stages, writes its outputs atomically and returns what
the command prints; the CLI only parses options and echoes. Paths given by a caller are
relative to the working directory; those from the configuration to the project root.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from paralign.checks import CheckSettings
from paralign.config import Config
from paralign.model import Bitext, Finding, ParalignError
from paralign.settings import Settings


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """A check's report (in the format asked for), its one-line summary, the number of
    findings before the baseline, and whether the exit code is 1."""

    report: str
    summary: str
    total: int
    failed: bool


def input_pieces(path: Path, src_lang: str, tgt_lang: str) -> Callable[[], Iterator[Bitext]]:
    """A callable streaming the aligned Bitexts of one input: a TMX file a few thousand TUs at
    a time, or a corpus folder with src/ and tgt/ inside (read and aligned once)."""
    if not path.exists():
        raise ParalignError(f"{path}: no such file or folder")
    if path.is_dir():
        if (path / src_lang).is_dir() or (path / tgt_lang).is_dir():
            from paralign.corpus import align_pairs, corpus_pairs

            aligned = align_pairs(corpus_pairs(path, src_lang, tgt_lang), src_lang, tgt_lang)
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
) -> CheckOutcome:
    """Read, check, compare with the baseline, render."""
    from paralign.baseline import apply_baseline, read_baseline
    from paralign.baseline import write_baseline as save_baseline
    from paralign.checks import RULES, check_stream, severity_reaches
    from paralign.checks.settings import check_signature
    from paralign.glossary_files import load_glossary
    from paralign.report import CheckRun, render, summary_line

    paths = list(inputs) if inputs else [config.root / p for p in settings.inputs]
    terms = load_glossary(glossary or config.root / settings.glossary)
    sources = [input_pieces(p, settings.src_lang, settings.tgt_lang) for p in paths]
    seen: set[str] = set()

    def pieces() -> Iterator[Bitext]:
        for each in sources:
            for bitext in each():
                seen.update(p for p in (bitext.src_path, bitext.tgt_path) if p)
                yield bitext

    findings = check_stream(pieces, terms, settings, settings.jobs)
    files = tuple(sorted({settings.relative(p) for p in seen}))
    run = CheckRun(files=files, signature=str(check_signature(settings, terms)))
    shown = findings
    if write_baseline is not None:
        save_baseline(write_baseline, findings)
    else:
        baseline_path = baseline or (config.root / settings.baseline if settings.baseline else None)
        if baseline_path is not None:
            shown, outcome = apply_baseline(
                findings,
                read_baseline(baseline_path),
                path=settings.relative(str(baseline_path)),
                files=files,
                concepts={c.id for c in terms.concepts},
                rules={r for r in RULES if settings.severity(r) is not None},
            )
            run = replace(run, baseline=outcome)
    failed = write_baseline is None and any(
        severity_reaches(f.severity, settings.fail_on) for f in shown
    )
    return CheckOutcome(
        render(shown, fmt, config, run), summary_line(shown, run), len(findings), failed
    )


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
    from paralign.corpus import align_pairs, corpus_pairs
    from paralign.glossary_files import load_glossary, save_glossary
    from paralign.provenance import provenance_props
    from paralign.signature import align_signature
    from paralign.tmx import TmxOptions, write_tmx

    src, tgt = settings.src_lang, settings.tgt_lang
    glossary = load_glossary(settings.glossary)
    options = AlignOptions()
    bitexts = align_pairs(corpus_pairs(settings.texts, src, tgt), src, tgt, options=options)
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
