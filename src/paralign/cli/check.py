"""`paralign check`: terminology and translation QA of TMX files or corpus folders."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paralign.cli.app import FailOn, app, config_of
from paralign.config import Config
from paralign.model import Bitext, ParalignError

if TYPE_CHECKING:
    from paralign.checks import CheckSettings


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


@app.command()
def check(
    ctx: typer.Context,
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(help="TMX files or corpus folders holding ru/ and en/ (default: config)."),
    ] = None,
    glossary: Annotated[Path | None, typer.Option(help="TBX or CSV glossary.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.text,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Lowest severity that makes the exit code 1. Default: config fail-on, else error."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option(help="Write the report here; the console shows the summary.")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option(help="Fail only on findings this baseline does not hold.")
    ] = None,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Ignore the configured baseline: every finding.")
    ] = False,
    write_baseline: Annotated[
        Path | None, typer.Option(help="Record today's findings as the baseline and exit 0.")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option(min=0, help="Worker processes for large TMX (0: one per core).")
    ] = None,
) -> None:
    """Check translations against the glossary.

    Exit 0 clean, 1 when a finding reaches --fail-on, 2 on bad usage or unreadable input.
    """
    from paralign.checks import CheckSettings
    from paralign.files import check_output

    for target in (output, write_baseline):
        if target is not None:
            check_output(target, inputs=[*(inputs or ()), *([glossary] if glossary else [])])
    config = config_of(ctx)
    settings = CheckSettings.from_config(config)
    if fail_on is not None:
        settings = replace(settings, fail_on=fail_on.value)
    if jobs is not None:
        settings = replace(settings, jobs=jobs)
    if no_baseline or (baseline is not None and str(baseline) in ("", ".")):
        settings, baseline = replace(settings, baseline=""), None  # `--baseline ""` is off too
    outcome = run_check(
        config,
        settings,
        inputs=inputs or None,
        glossary=glossary,
        baseline=baseline,
        write_baseline=write_baseline,
        fmt=fmt.value,
    )
    if output is not None:
        from paralign.files import write_text_atomic

        write_text_atomic(output, outcome.report)
        typer.echo(outcome.summary)
    else:
        typer.echo(outcome.report, nl=False)
    if write_baseline is not None:
        typer.echo(f"wrote baseline {write_baseline} ({outcome.total} findings)", err=True)
    raise typer.Exit(1 if outcome.failed else 0)


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    report: str
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
            from paralign.align import align_corpus
            from paralign.corpus import pair_files, read_bitexts

            if not (path / src_lang).is_dir() or not (path / tgt_lang).is_dir():
                raise ParalignError(
                    f"{path}: a corpus folder needs {src_lang}/ and {tgt_lang}/ inside"
                )
            pairing = pair_files(path / src_lang, path / tgt_lang)
            for file in pairing.unpaired:
                other = path / (tgt_lang if file.parent.name == src_lang else src_lang)
                if unpaired is not None:
                    unpaired.append((file, other))
            pairs = list(pairing.pairs)
            aligned = list(align_corpus(read_bitexts(pairs, src_lang, tgt_lang)))
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
) -> CheckOutcome:
    """Read, check, compare with the baseline, render. Paths given on the command line are
    relative to the working directory; those from the configuration to its directory."""
    from paralign.baseline import apply_baseline, read_baseline
    from paralign.baseline import write_baseline as save_baseline
    from paralign.checks import RULES, check_stream
    from paralign.checks.base import severity_reaches
    from paralign.glossary_files import load_glossary
    from paralign.report import CheckRun, render, summary_line

    paths = list(inputs) if inputs else [config.root / p for p in settings.inputs]
    baseline_path = baseline or (config.root / settings.baseline if settings.baseline else None)
    if write_baseline is not None:
        baseline_path = None
    # read first: a broken baseline is refused before minutes of checking, not after
    entries = read_baseline(baseline_path) if baseline_path is not None else []
    for path in paths:
        refuse_not_tmx(path, settings.src_lang, settings.tgt_lang)
    glossary_path = glossary or _configured_glossary(config, settings)
    terms = load_glossary(glossary_path)
    unpaired: list[tuple[Path, Path]] = []
    sources = [input_pieces(p, settings.src_lang, settings.tgt_lang, unpaired) for p in paths]
    seen: set[str] = set()

    def pieces() -> Iterator[Bitext]:
        for each in sources:
            for bitext in each():
                seen.update(p for p in (bitext.src_path, bitext.tgt_path) if p)
                yield bitext

    findings = check_stream(pieces, terms, settings, settings.jobs)
    if unpaired:
        from paralign.checks import settle
        from paralign.checks.documents import unpaired_findings

        findings = settle([*findings, *unpaired_findings(unpaired, settings)], settings)
        seen.update(str(file) for file, _ in unpaired)
    files = tuple(sorted({settings.relative(p) for p in seen}))
    run = CheckRun(files=files, signature=signature(settings, glossary_path))
    shown = findings
    if write_baseline is not None:
        save_baseline(write_baseline, findings)
    elif baseline_path is not None:
        shown, outcome = apply_baseline(
            findings,
            entries,
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
        render(shown, fmt, config, run, settings.fail_on),
        summary_line(shown, run),
        len(findings),
        failed,
    )


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


def signature(settings: CheckSettings, glossary: Path) -> str:
    """Everything that changes the findings: versions, the glossary's digest, the rules."""
    import hashlib
    from importlib.metadata import version

    from paralign import __version__
    from paralign.checks import RULES

    digest = hashlib.sha256(glossary.read_bytes()).hexdigest()[:12]
    rules = ",".join(f"{rule}={(settings.severity(rule) or 'off')}" for rule in sorted(RULES))
    return (
        f"paralign {__version__}|glossary sha256:{digest}|pymorphy3 {version('pymorphy3')}"
        f"|pymorphy3-dicts-ru {version('pymorphy3-dicts-ru')}"
        f"|snowballstemmer {version('snowballstemmer')}|{settings.src_lang}-{settings.tgt_lang}"
        f"|rules {rules}|ignore {len(settings.ignore)}"
    )
