"""Sentence segmentation: paralign against razdel, pySBD, syntok and choppa-srx.

Accuracy on ../shared/data/seg (errors per 1000 boundaries, golden rules, razdel's unit
cases), throughput in characters per second over the Russian dev texts, and the whole
`paralign segment` process on a 10 MB Russian text against a Python process running razdel
over the same paragraphs, side by side in one run (median of --repeat alternating runs).

Each dev set is split by a hash of the record id into FOLDS folds (segment/evaluate.py): the
rules are tuned on the folds other than --measure-fold and that fold is only measured. Both
parts are reported, and every fold in turn as the measure part (the rotation), for every
tool. --before FILE.srx adds a row for paralign with other rules (the rules before a change).

    .venv/bin/python benchmarks/segment.py [--repeat 3] [--measure-fold 0] [--before F.srx]
                                           [--before-label TEXT] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEG = ROOT.parent / "shared" / "data" / "seg"
LT_SRX = ROOT.parent / "shared" / "standards" / "srx" / "languagetool_segment.srx"
SETS = (("ru_ud_gsd", "ru"), ("ru_ud_taiga", "ru"), ("en_ud_ewt", "en"))
# pySBD runs at about 0.1 M chars/s: its throughput is measured on a sample.
SLOW_SAMPLE = 60
Splitter = Callable[[str], list[tuple[int, int]]]

sys.path.insert(0, str(ROOT / "src"))

from docs_section import machine, write_section  # noqa: E402
from paralign.segment.evaluate import (  # noqa: E402
    FOLDS,
    Record,
    boundaries_of_spans,
    fold_of,
    locate,
    read_cases,
    read_records,
    score,
)


def paralign_splitter(lang: str) -> Splitter:
    from paralign.segment import segment_spans

    return lambda text: [(a, b) for a, b, _ in segment_spans(text, lang)]


def razdel_splitter(lang: str) -> Splitter:
    import razdel

    return lambda text: [(s.start, s.stop) for s in razdel.sentenize(text)]


def pysbd_splitter(lang: str) -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language=lang, clean=False)
    return lambda text: list(locate(text, segmenter.segment(text)))


def syntok_splitter(lang: str) -> Splitter:
    from syntok import segmenter

    def split(text: str) -> list[tuple[int, int]]:
        spans = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                first, last = sentence[0], sentence[-1]
                spans.append((first.offset, last.offset + len(last.value)))
        return spans

    return split


def choppa_splitter(lang: str) -> Splitter:
    from choppa import SrxDocument, SrxTextIterator

    document = SrxDocument(ruleset=str(LT_SRX))

    def split(text: str) -> list[tuple[int, int]]:
        spans, position = [], 0
        for piece in SrxTextIterator(document, lang, text):
            spans.append((position, position + len(piece)))
            position += len(piece)
        return spans

    return split


TOOLS: dict[str, Callable[[str], Splitter]] = {
    "paralign": paralign_splitter,
    "razdel": razdel_splitter,
    "pysbd": pysbd_splitter,
    "syntok": syntok_splitter,
    "choppa-srx (LT rules)": choppa_splitter,
}
BEFORE = "paralign, rules before"


def add_before(rules: Path) -> None:
    """A row for paralign with `rules` (e.g. `git show REV:src/paralign/data/srx/paralign.srx`),
    next to paralign's own, so that a change of rules is measured in the same run."""
    from paralign.segment import segment_spans

    def splitter(lang: str) -> Splitter:
        return lambda text: [(a, b) for a, b, _ in segment_spans(text, lang, rules)]

    tools = dict(TOOLS)
    TOOLS.clear()
    TOOLS.update({"paralign": tools.pop("paralign"), BEFORE: splitter, **tools})


def _rate(records: list[Record], found: dict[str, set[int]]) -> float:
    return round(score(records, lambda record: found[record.id]).errors_per_1000, 1)


def accuracy(tool: str, measure: int) -> dict[str, object]:
    """Errors per 1000 on each set: all of it, the tune part, the measure part and each fold."""
    result: dict[str, object] = {}
    for name, lang in SETS:
        split = TOOLS[tool](lang)
        records = read_records(SEG / f"{name}.jsonl")
        found = {r.id: boundaries_of_spans(r.text, split(r.text)) for r in records}
        folds = [[r for r in records if fold_of(r.id) == k] for k in range(FOLDS)]
        tune = [r for k, part in enumerate(folds) if k != measure for r in part]
        result[name] = _rate(records, found)
        result[f"{name} tune"] = _rate(tune, found)
        result[f"{name} measure"] = _rate(folds[measure], found)
        result[f"{name} folds"] = [_rate(part, found) for part in folds]
    for name, lang in (("en_golden_rules", "en"), ("ru_razdel_unit", "ru")):
        split = TOOLS[tool](lang)
        cases = read_cases(SEG / f"{name}.tsv")
        passed = sum(
            [text[a:b].strip() for a, b in split(text) if text[a:b].strip()]
            == [e.strip() for e in expected]
            for _, _, text, expected, _ in cases
        )
        result[name] = f"{passed}/{len(cases)}"
    return result


def throughput(records: list[Record], repeat: int) -> dict[str, tuple[float, bool]]:
    """Chars/s per tool, the median of `repeat` passes taken in turn (tool after tool), so
    that a change of load on the shared machine falls on every tool alike."""
    splits, texts = {}, {}
    for tool in TOOLS:
        sample = tool == "pysbd"
        texts[tool] = [r.text for r in (records[:SLOW_SAMPLE] if sample else records)]
        splits[tool] = TOOLS[tool]("ru")
        splits[tool](texts[tool][0])  # rules compiled, caches warm: steady-state speed
    rates: dict[str, list[float]] = {tool: [] for tool in TOOLS}
    for _ in range(repeat):
        for tool in TOOLS:
            start = time.process_time()
            for text in texts[tool]:
                splits[tool](text)
            elapsed = max(time.process_time() - start, 1e-9)
            rates[tool].append(sum(map(len, texts[tool])) / elapsed)
    return {tool: (statistics.median(rates[tool]), tool == "pysbd") for tool in TOOLS}


RAZDEL_PROCESS = """
import sys
from razdel import sentenize
text = open(sys.argv[1], encoding="utf-8").read()
out = []
for paragraph in text.split("\\n\\n"):
    out.extend(s.text for s in sentenize(paragraph))
sys.stdout.write("\\n".join(out))
"""


def big_texts(folder: Path) -> dict[str, Path]:
    """Russian texts of 1 MB and 10 MB: dev paragraphs and the corpus text, repeated."""
    paragraphs = [
        r.text for name in ("ru_ud_gsd", "ru_ud_taiga") for r in read_records(SEG / f"{name}.jsonl")
    ]
    corpus = ROOT / "texts" / "ru" / "2026-05-30-ots-summit-turkestan.md"
    if corpus.exists():
        paragraphs += [p for p in corpus.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    paths = {}
    for label, size in (("1 MB", 1_000_000), ("10 MB", 10_000_000)):
        chosen, total, index = [], 0, 0
        while total < size:
            paragraph = paragraphs[index % len(paragraphs)]
            chosen.append(paragraph)
            total += len(paragraph.encode()) + 2
            index += 1
        path = folder / f"ru-{label.replace(' ', '')}.txt"
        path.write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
        paths[label] = path
    return paths


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def in_process(path: Path) -> float:
    """Read, repair and segment `path` in this process (CPU seconds): the part that scales."""
    from paralign.read import read_document
    from paralign.segment import segment_document

    start = time.process_time()
    segment_document(read_document(path), "ru")
    return time.process_time() - start


def processes(repeat: int) -> dict[str, object]:
    python = str(ROOT / ".venv" / "bin" / "python")
    # `python -m paralign.cli`, not .venv/bin/paralign: a worktree's console script may run
    # another checkout's interpreter (its shebang), and so time other rules
    paralign = [python, "-m", "paralign.cli"]
    with tempfile.TemporaryDirectory() as folder:
        texts = big_texts(Path(folder))
        script = Path(folder) / "razdel_paragraphs.py"
        script.write_text(RAZDEL_PROCESS, encoding="utf-8")
        inside = {label: in_process(path) for label, path in texts.items()}
        runs: dict[str, list[float]] = {}
        for _ in range(repeat):
            for label, path in texts.items():
                runs.setdefault(f"paralign {label}", []).append(
                    timed([*paralign, "segment", str(path), "--lang", "ru"])
                )
                runs.setdefault(f"razdel {label}", []).append(
                    timed([python, str(script), str(path)])
                )
        tiny = Path(folder) / "tiny.txt"
        tiny.write_text("Одно предложение.\n", encoding="utf-8")
        startup = [timed([*paralign, "segment", str(tiny), "--lang", "ru"]) for _ in range(repeat)]
    medians = {key: statistics.median(values) for key, values in runs.items()}
    start = statistics.median(startup)
    return {
        "medians": {key: round(value, 3) for key, value in medians.items()},
        "startup": round(start, 3),
        "ratio_10mb": round(medians["paralign 10 MB"] / medians["razdel 10 MB"], 3),
        "linearity": round(medians["paralign 10 MB"] / medians["paralign 1 MB"], 2),
        "in_process": {label: round(value, 3) for label, value in inside.items()},
        "linearity_in_process": round(inside["10 MB"] / inside["1 MB"], 2),
        "linearity_net": _net_ratio(medians["paralign 10 MB"], medians["paralign 1 MB"], start),
    }


def _net_ratio(big: float, small: float, start: float) -> float | None:
    """10 MB / 1 MB with the start-up taken off both; None when the 1 MB run is within 50 ms
    of the start-up (single runs on a loaded machine differ more than that: no ratio)."""
    if small - start < 0.05:
        return None
    return round((big - start) / (small - start), 2)


def _net_text(ratio: object) -> str:
    return (
        "not measurable (the 1 MB run within 50 ms of the start-up)"
        if ratio is None
        else str(ratio)
    )


SPEED_ANALYSIS = (
    "Where the time goes (profiled in issue 15's third round; docs/segmentation.md, *Speed, "
    "third round*, has the figures): the no-break rules, checked at each of the ~3,000 "
    "candidate breaks of the Russian dev texts in the regex engine, cost as much as "
    "everything else, and the break-rule scans alone take about razdel's whole time; Python "
    "around the regex calls is under a sixth. So no change of the engine that keeps the "
    "output reaches razdel; cheaper rules would, and each rule earns its cost in errors "
    "(the table above). Done: a rule whose text lacks a character it needs is not run, the "
    "sentence-end rules one pass tried only at a stop, a one-rule walk without the heap, "
    "anchored rules tried once. "
    "Tried and dropped (no gain or a loss, measured): the no-break rules inside each break "
    "rule's scan, the character test for the no-break groups, the lookbehind first, "
    "rewrites of the costliest rules with the same meaning."
)


def goals(acc: dict[str, dict[str, object]], speed: dict[str, tuple[float, bool]]) -> list[str]:
    """Issue 15's segmentation goals, each with the figures of this run and whether it is met:
    fewer errors than razdel on every Russian set and part, English ahead of pySBD, and the
    speed at or above razdel's."""

    def ratios(other: str, names: list[str]) -> list[tuple[float, str]]:
        found = []
        for name in names:
            for part in ("tune", "measure"):
                ours, theirs = acc["paralign"][f"{name} {part}"], acc[other][f"{name} {part}"]
                found.append((float(ours) / float(theirs), f"{name} {part}"))  # type: ignore[arg-type]
        return sorted(found)

    russian = ratios("razdel", [name for name, _ in SETS if name.startswith("ru_")])
    english = ratios("pysbd", [name for name, _ in SETS if name.startswith("en_")])
    ours, theirs = speed["paralign"][0], speed["razdel"][0]
    verdict = {True: "met", False: "**not met**"}
    return [
        "Against the goals of issue 15:",
        "",
        f"- fewer boundary errors than razdel on every Russian set and part: "
        f"{verdict[russian[-1][0] < 1]}, {russian[0][0]:.2f}–{russian[-1][0]:.2f}× razdel's "
        f"errors (the narrowest, {russian[-1][1]});",
        f"- English ahead of pySBD: {verdict[english[-1][0] < 1]}, "
        f"{english[0][0]:.2f}–{english[-1][0]:.2f}× pySBD's errors;",
        f"- speed at or above razdel's: {verdict[ours >= theirs]}, {ours / 1e6:.2f} M against "
        f"{theirs / 1e6:.2f} M chars/s ({ours / theirs:.2f}×).",
        "",
        SPEED_ANALYSIS,
        "",
    ]


def markdown(result: dict[str, object]) -> str:
    acc: dict[str, dict[str, object]] = result["accuracy"]  # type: ignore[assignment]
    speed: dict[str, tuple[float, bool]] = result["throughput"]  # type: ignore[assignment]
    proc: dict[str, object] = result["processes"]  # type: ignore[assignment]
    measure = result["measure_fold"]
    rows, rotation = [], []
    for tool, values in acc.items():
        rate, sampled = speed[tool]
        parts = " | ".join(
            f"{values[f'{name} tune']} | {values[f'{name} measure']}" for name, _ in SETS
        )
        rows.append(
            f"| {tool} | {parts} | {values['en_golden_rules']} | {values['ru_razdel_unit']} "
            f"| {rate / 1e6:.2f} M{' (sample)' if sampled else ''} |"
        )
        folds = " | ".join(" / ".join(str(x) for x in values[f"{name} folds"]) for name, _ in SETS)
        rotation.append(f"| {tool} | {folds} |")
    medians: dict[str, float] = proc["medians"]  # type: ignore[assignment]
    return "\n".join(
        [
            "## segmentation",
            "",
            f"Measured by `benchmarks/segment.py` on {result['machine']}, load average "
            f"{result['load_at_end']} at the end; every tool in the same run.",
            "",
            "Errors per 1000 gold boundaries on ../shared/data/seg (lower is better), "
            "the 52 English golden rules and razdel's 34 Russian unit cases (passed), "
            "and throughput over the Russian dev texts in the process "
            "(rules compiled, imports done). choppa-srx runs "
            "LanguageTool's segment.srx; pySBD's throughput is measured on a sample of "
            f"{SLOW_SAMPLE} texts.",
            "",
            f"Each set is split by a hash of the record id into {FOLDS} folds "
            "(`paralign.segment.evaluate.fold_of`); paralign's rules were tuned looking at "
            f"the errors of the tune part (folds other than {measure}) only; the measure part "
            f"(fold {measure}) was only scored. Throughput: CPU time, median of "
            f"{result['repeat']} passes taken tool after tool.",
            "",
            "| tool | ru_ud_gsd tune | ru_ud_gsd measure | ru_ud_taiga tune | ru_ud_taiga measure "
            "| en_ud_ewt tune | en_ud_ewt measure | golden rules | razdel unit | chars/s (ru) |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            *rows,
            "",
            f"The rotation: errors per 1000 on each fold 0 / 1 / … / {FOLDS - 1} taken alone "
            "(each fold in turn as the measure part):",
            "",
            "| tool | ru_ud_gsd | ru_ud_taiga | en_ud_ewt |",
            "| --- | --- | --- | --- |",
            *rotation,
            "",
            *(
                [
                    f'The row "{BEFORE}" runs the rules given with `--before` (for this run, '
                    f"{result['before_label']}) in the same run.",
                    "",
                ]
                if BEFORE in acc
                else []
            ),
            *goals(acc, speed),
            "paralign's two failed golden rules are the two whose expected output is not a "
            "substring of the input (a newline inside a sentence replaced by a space: cleaning, "
            "which paralign leaves to the reader, see docs/segmentation.md).",
            "",
            "Whole process from a cold start on a Russian text (dev paragraphs and the corpus "
            f"text repeated; blank lines between paragraphs), median of {result['repeat']} "
            "alternating runs, wall time in seconds:",
            "",
            "| command | 1 MB | 10 MB |",
            "| --- | --- | --- |",
            f"| `python -m paralign.cli segment FILE --lang ru` | {medians['paralign 1 MB']} "
            f"| {medians['paralign 10 MB']} |",
            f"| python: read, razdel over paragraphs, print | {medians['razdel 1 MB']} "
            f"| {medians['razdel 10 MB']} |",
            "",
            f"Ratio paralign/razdel at 10 MB: {proc['ratio_10mb']}. paralign 10 MB / 1 MB: "
            f"{proc['linearity']} as measured, {_net_text(proc['linearity_net'])} once start-up "
            f"is taken off (linear: about 10); in the process, read + repair + segment took "
            f"{proc['in_process']['1 MB']} s and {proc['in_process']['10 MB']} s of CPU "
            f"(ratio {proc['linearity_in_process']}). `paralign segment` on a one-line file takes "
            f"{proc['startup']} s: the CLI's start-up (Python, typer and the compiled rules), "
            "counted against paralign in every row.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure-fold", type=int, default=0, choices=range(FOLDS))
    parser.add_argument("--before", type=Path, help="paralign's rules before a change (.srx)")
    parser.add_argument(
        "--before-label",
        default="an earlier version of paralign.srx",
        help="what the --before rules are, for the docs (e.g. 'those of commit 46d1453')",
    )
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if args.before:
        add_before(args.before)
    if not SEG.is_dir():
        sys.exit(f"{SEG} is not present")
    ru_records = [
        r for name in ("ru_ud_gsd", "ru_ud_taiga") for r in read_records(SEG / f"{name}.jsonl")
    ]
    result: dict[str, object] = {"repeat": args.repeat, "measure_fold": args.measure_fold}
    result["before_label"] = args.before_label
    result["machine"] = machine()
    result["accuracy"] = {tool: accuracy(tool, args.measure_fold) for tool in TOOLS}
    result["throughput"] = throughput(ru_records, args.repeat)
    result["processes"] = processes(args.repeat)
    result["load_at_end"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.write_docs:
        write_section("segmentation", markdown(result))


if __name__ == "__main__":
    main()
