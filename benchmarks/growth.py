"""Growth curves: how alignment and check cost grows with their input, beside the peers.

Alignment: one pair of N sentences a side (N = 100, 1,000, 10,000 and, with --big, 100,000),
built like align.py's long pair (ntrex-dev documents in shuffled rounds, ~2% of the target
sentences dropped; written into build/, never committed), aligned by `paralign align
--presegmented --to beads` and by hunalign (`-realign` with its empty dictionary, built from
../shared/peers into build/hunalign).

Check: one TMX of N TUs (N = 10^4, 10^5, 10^6), built like check.py's (templates over real
glossary terms, planted faults, 200 concepts), checked by `paralign check` with all rules and
with the two rules pofilter also has (numbers, untranslated), both with the default workers,
and by translate-toolkit's `pofilter -t numbers -t untranslated` on the same file.

Every run is a whole process from a cold start, timed from outside: wall time, CPU time
(user + system, worker processes included) and the peak RSS of the process tree. Within a
round the tools run one after the other on the same input, and the rounds repeat (--repeat,
the 100,000-sentence pair --big-repeat), so ratios compare runs made side by side; the
machine's two cores are shared with other jobs, and `uptime` is recorded with each part.
The exponent k of time ∝ N^k is fitted by least squares on log-log medians, over all sizes
and between the two largest (start-up dominates the smallest sizes).

    .venv/bin/python benchmarks/growth.py --write-docs             # both parts, then the docs
    .venv/bin/python benchmarks/growth.py --parts align --big      # results to build/growth
    .venv/bin/python benchmarks/growth.py --parts check
    .venv/bin/python benchmarks/growth.py --render --write-docs    # tables, plot and docs
                                                                   # from the results kept
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align import hunalign_binary, hunalign_command, long_pair
from check import LAST_CPU, NOT_IN_POFILTER, POFILTER_OK, make_glossary, make_tmx, measure
from docs_section import machine, write_section

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "growth"
RESULTS = WORK / "results.json"
PLOT = ROOT / "docs" / "images" / "growth.png"
SCALE_DOC = ROOT / "docs" / "scale.md"
PARALIGN = [sys.executable, "-c", "from paralign.cli import main; main()"]
POFILTER = [sys.executable, "-c", "from translate.filters.pofilter import main; main()"]
POFILTER_CHECKS = ("-t", "numbers", "-t", "untranslated")


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def run_rounds(
    commands: dict[str, tuple[list[str], Path]], repeat: int, label: str
) -> dict[str, list[list[float]]]:
    """[wall, CPU, peak RSS MB] of each command per round, the commands alternating."""
    runs: dict[str, list[list[float]]] = {name: [] for name in commands}
    for round_ in range(repeat):
        for name, (command, cwd) in commands.items():
            wall, rss, _ = measure(command, cwd, ok=POFILTER_OK if "pofilter" in name else (0,))
            runs[name].append([wall, LAST_CPU[0], rss])
            print(
                f"{label} run {round_ + 1} {name}: {wall:.1f} s wall, {LAST_CPU[0]:.1f} s CPU, "
                f"{rss:.0f} MB | {uptime()}",
                flush=True,
            )
    return runs


def align_part(sizes: list[int], repeat: int, big_repeat: int) -> list[dict[str, object]]:
    binary = hunalign_binary()
    if binary is None:
        raise SystemExit("hunalign could not be built from ../shared/peers")
    rows: list[dict[str, object]] = []
    for size in sizes:
        folder = WORK / "pair" / str(size)
        folder.mkdir(parents=True, exist_ok=True)
        src, tgt, _, n, m = long_pair(folder, size=size)
        beads = [*PARALIGN, "align", "--presegmented", "--to", "beads", str(src), str(tgt)]
        commands = {
            "paralign align": (beads, folder),
            # in its folder: hunalign leaves a translate.txt where it runs
            "hunalign -realign": (hunalign_command(binary, src, tgt), folder),
        }
        before = uptime()
        runs = run_rounds(commands, big_repeat if size >= 100_000 else repeat, f"align {n}")
        rows += [
            {"size": size, "n": n, "m": m, "tool": tool, "runs": values}
            | {"uptime": [before, uptime()]}
            for tool, values in runs.items()
        ]
    return rows


def check_part(sizes: list[int], repeat: int, alone: bool = False) -> list[dict[str, object]]:
    """The check runs per size; `alone`: paralign with all rules only (the throughput goal)."""
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "pyproject.toml").write_text("[project]\nname = 'bench'\n", encoding="utf-8")
    glossary = WORK / "glossary.tbx"
    names = make_glossary(glossary, 200)
    two = WORK / "two-rules.toml"
    two.write_text(
        "[tool.paralign.check.severities]\n" + "".join(f'"{r}" = "off"\n' for r in NOT_IN_POFILTER),
        encoding="utf-8",
    )
    rows: list[dict[str, object]] = []
    for size in sizes:
        tmx = WORK / f"check-{size}.tmx"
        make_tmx(tmx, size, names)
        common = [str(tmx), "--glossary", str(glossary), "--format", "json"]
        common += ["--fail-on", "never", "--output"]
        out = str(WORK / "pofilter-out.tmx")
        commands = {
            "paralign check, all rules": (
                [*PARALIGN, "check", *common, str(WORK / "all.json")],
                WORK,
            ),
            "paralign check, numbers + untranslated": (
                [*PARALIGN, "--config", str(two), "check", *common, str(WORK / "two.json")],
                WORK,
            ),
            "pofilter -t numbers -t untranslated": (
                [*POFILTER, "--progress=none", *POFILTER_CHECKS, "-i", str(tmx), "-o", out],
                WORK,
            ),
        }
        if alone:
            commands = {"paralign check, all rules": commands["paralign check, all rules"]}
        before = uptime()
        runs = run_rounds(commands, repeat, f"check {size}")
        two_json = WORK / ("all.json" if alone else "two.json")
        summary = json.loads(two_json.read_text(encoding="utf-8"))["summary"]
        rows += [
            {"size": size, "n": size, "tool": tool, "runs": values, "uptime": [before, uptime()]}
            | ({"findings": summary["by_rule"]} if tool.endswith("untranslated") else {})
            for tool, values in runs.items()
        ]
        tmx.unlink()  # 390 MB at 10^6: not kept between parts
    return rows


def medians(row: dict[str, object]) -> tuple[float, float, float]:
    """(wall, CPU, peak RSS) medians of a row's runs."""
    runs = row["runs"]
    assert isinstance(runs, list)
    return tuple(statistics.median(r[k] for r in runs) for k in range(3))  # type: ignore[return-value]


def exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(value) against log(size): k in value ∝ size^k."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(v) for _, v in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def fits(rows: list[dict[str, object]], column: int) -> dict[str, tuple[float, float]]:
    """Per tool: (k over all sizes, k between the two largest) of the column's medians."""
    out = {}
    for tool in dict.fromkeys(str(r["tool"]) for r in rows):
        points = sorted((float(r["n"]), medians(r)[column]) for r in rows if r["tool"] == tool)  # type: ignore[arg-type]
        if len(points) >= 2:
            out[tool] = (exponent(points), exponent(points[-2:]))
    return out


def table(
    rows: list[dict[str, object]], unit: str, peer: str, mine: str, short: tuple[str, str]
) -> list[str]:
    """One line per size and tool, then the peer/paralign ratios per size (`short`: the two
    tools' names in the ratio table's header)."""
    lines = [
        f"| {unit} | tool | runs | wall (median) | CPU (median) | peak RSS (median) "
        "| each run, wall |",
        "| ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        wall, cpu, rss = medians(row)
        each = ", ".join(f"{r[0]:.1f}" for r in row["runs"])  # type: ignore[attr-defined]
        lines.append(
            f"| {row['n']:,} | {row['tool']} | {len(row['runs'])} | {wall:.2f} s | "  # type: ignore[arg-type]
            f"{cpu:.2f} s | {rss:.0f} MB | {each} s |"
        )
    lines += [
        "",
        f"| {unit} | wall, {short[0]} / {short[1]} | CPU | peak RSS |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for n in dict.fromkeys(int(r["n"]) for r in rows):  # type: ignore[call-overload]
        a = next((medians(r) for r in rows if r["n"] == n and r["tool"] == peer), None)
        b = next((medians(r) for r in rows if r["n"] == n and r["tool"] == mine), None)
        if a and b:
            lines.append(f"| {n:,} | {a[0] / b[0]:.2f} | {a[1] / b[1]:.2f} | {a[2] / b[2]:.2f} |")
    return lines


def exponents(rows: list[dict[str, object]]) -> list[str]:
    wall, cpu, rss = fits(rows, 0), fits(rows, 1), fits(rows, 2)
    lines = [
        "| tool | k, wall (all sizes / two largest) | k, CPU | k, peak RSS |",
        "| --- | ---: | ---: | ---: |",
    ]
    for tool in wall:
        cells = [f"{d[tool][0]:.2f} / {d[tool][1]:.2f}" for d in (wall, cpu, rss)]
        lines.append(f"| {tool} | {' | '.join(cells)} |")
    return lines


def plot(align: list[dict[str, object]], check: list[dict[str, object]], path: Path) -> None:
    """Log-log curves: time (wall solid, CPU dashed) and peak RSS, alignment and check."""
    import matplotlib

    matplotlib.use("Agg")  # a file, no display
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(2, 2, figsize=(11, 8.5))
    panels = (
        (align, "sentences a side", "alignment"),
        (check, "TUs", "check"),
    )
    for column, (rows, unit, title) in enumerate(panels):
        slopes = fits(rows, 0)
        for index, tool in enumerate(dict.fromkeys(str(r["tool"]) for r in rows)):
            points = sorted((int(r["n"]), medians(r)) for r in rows if r["tool"] == tool)  # type: ignore[call-overload]
            sizes = [n for n, _ in points]
            mine = [m for _, m in points]
            colour = f"C{index}"
            k = slopes.get(tool, (float("nan"),) * 2)
            label = f"{tool} (k = {k[0]:.2f})"
            axes[0][column].plot(sizes, [m[0] for m in mine], "o-", color=colour, label=label)
            axes[0][column].plot(sizes, [m[1] for m in mine], "x--", color=colour, alpha=0.6)
            axes[1][column].plot(sizes, [m[2] for m in mine], "o-", color=colour, label=tool)
        for row, quantity in ((0, "time (s): wall solid, CPU dashed"), (1, "peak RSS (MB)")):
            ax = axes[row][column]
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_xlabel(unit)
            ax.set_ylabel(quantity)
            ax.set_title(f"{title}: {quantity.split(' (')[0]}")
            ax.grid(True, which="both", alpha=0.3)
            ax.legend(fontsize=8)
    figure.suptitle(f"benchmarks/growth.py, {time.strftime('%Y-%m-%d')}: medians, 2 shared cores")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=90)
    plt.close(figure)


def render(results: dict[str, object]) -> str:
    align = results.get("align", [])
    check = results.get("check", [])
    assert isinstance(align, list) and isinstance(check, list)
    lines = [
        f"Measured by `benchmarks/growth.py` on {results.get('machine', machine())}; whole "
        "processes from a cold start, medians of the runs counted in each row; the tools ran "
        "one after the other on the same input in each round. The two cores were shared with "
        "other helpers' jobs: `uptime` at the start and end of each part is given below, and "
        "the ratios (measured side by side) mean more than the seconds. k is the fitted "
        "exponent of cost ∝ N^k on log-log medians, over all sizes and between the two largest "
        "(interpreter start-up flattens the smallest sizes). Plot: "
        "[docs/images/growth.png](images/growth.png).",
        "",
        "![growth curves](images/growth.png)",
        "",
    ]
    if align:
        lines += [
            "**Alignment**, one pair of N sentences a side (ntrex-dev in shuffled rounds, ~2% "
            "of target sentences dropped; N is the source side): `paralign align --presegmented "
            "--to beads` against `hunalign -realign null.dic`.",
            "",
            *table(align, "N", "hunalign -realign", "paralign align", ("hunalign", "paralign")),
            "",
            *exponents(align),
            "",
            f"Load: {align[0]['uptime'][0]} … {align[-1]['uptime'][1]}",  # type: ignore[index]
            "",
        ]
    if check:
        lines += [
            "**Check**, one TMX of N TUs (check.py's builder: templates over real glossary terms "
            "with planted faults, 200 concepts), default workers: paralign with all rules and "
            "with the two rules pofilter has, against `pofilter -t numbers -t untranslated` on "
            "the same file.",
            "",
            *table(
                check,
                "TUs",
                "pofilter -t numbers -t untranslated",
                "paralign check, numbers + untranslated",
                ("pofilter", "paralign (same two checks)"),
            ),
            "",
            *exponents(check),
            "",
            f"Load: {check[0]['uptime'][0]} … {check[-1]['uptime'][1]}",  # type: ignore[index]
        ]
    notes = results.get("notes", [])
    assert isinstance(notes, list)
    return "\n".join(lines + [""] + [str(n) for n in notes])


def keep(results: dict[str, object], part: str, rows: list[dict[str, object]], path: Path) -> None:
    """The part's new rows in place of those of the same sizes, the others kept (so the
    100,000-sentence pair can run on its own), saved at once; re-read first, in case another
    run saved its part meanwhile."""
    if path.exists():
        results.update(json.loads(path.read_text(encoding="utf-8")), machine=results["machine"])
    sizes = {row["size"] for row in rows}
    old = results.get(part, [])
    assert isinstance(old, list)
    merged = [row for row in old if row.get("size") not in sizes] + rows
    results[part] = sorted(merged, key=lambda row: int(row["size"]))  # stable: tools in order
    path.write_text(json.dumps(results, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--parts", default="align,check", help="align, check (or both), or throughput"
    )
    parser.add_argument("--align-sizes", default="100,1000,10000")
    parser.add_argument("--big", action="store_true", help="the 100,000-sentence pair too")
    parser.add_argument("--check-sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--big-repeat", type=int, default=1)
    parser.add_argument(
        "--render", action="store_true", help="run nothing: tables and plot from the results kept"
    )
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the runs kept (JSON)")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    path = args.results
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    parts = [] if args.render else [p for p in args.parts.split(",") if p]
    if parts:
        results["machine"] = machine()
    if "align" in parts:
        sizes = [int(s) for s in args.align_sizes.split(",") if s] + ([100_000] if args.big else [])
        keep(results, "align", align_part(sizes, args.repeat, args.big_repeat), path)
    if "check" in parts:
        sizes = [int(s) for s in args.check_sizes.split(",")]
        keep(results, "check", check_part(sizes, args.repeat), path)
    if "throughput" in parts:  # the throughput goal alone, when the machine is quieter
        sizes = [int(s) for s in args.check_sizes.split(",")]
        keep(results, "throughput", check_part(sizes, args.repeat, alone=True), path)
    if args.render or args.write_docs:
        text = render(results)
        print(text)
        plot(results.get("align", []), results.get("check", []), PLOT)
        if args.write_docs:
            write_section("growth", text)
            write_section("growth", text, SCALE_DOC)


if __name__ == "__main__":
    main()
