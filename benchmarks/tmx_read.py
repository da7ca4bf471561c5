"""Reading a large TMX: `tmx stats`, `tmx export` and check's reader against translate-toolkit's
`tmxfile` load of the same file, side by side in one run.

The file: --units TUs (default 300,000) of real ru–en news pairs from ntrex-dev (the dirty-TM
builder of benchmarks/check.py, here with every pair kept), each TU with an x-document prop.
Every measurement is a whole process from a cold start; runs alternate between the readers
and medians of --repeat runs are reported (2 shared cores: the load average is printed).
With --before SRC (the src/ of an older paralign) its runs sit beside this branch's.

    .venv/bin/python benchmarks/tmx_read.py --units 300000 --repeat 3 --before build/before/src
    .venv/bin/python benchmarks/tmx_read.py --write-docs
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import LAST_CPU, make_dirty_tmx, measure
from docs_section import write_section

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CLI = "from paralign.cli import main; main()"
CHECK_READ = (
    "import sys; from pathlib import Path; from paralign.tmx import tmx_pieces\n"
    "n = sum(len(b.links) for b in tmx_pieces(Path(sys.argv[1]), 'ru', 'en'))\n"
    "print(n)"
)
CHECK_READ_SLICED = (
    "import sys; from pathlib import Path\n"
    "from paralign.tmx.slices import cut, in_processes; from paralign.tmx.views import read_slice\n"
    "def links(_, part): return sum(len(b.links) for b in read_slice(part))\n"
    "parts = cut(Path(sys.argv[1]), 'ru', 'en')\n"
    "print(sum(in_processes(links, parts, None, int(sys.argv[2]))))"
)
TT_LOAD = (
    "import sys; from translate.storage.tmx import tmxfile\n"
    "with open(sys.argv[1], 'rb') as f: store = tmxfile.parsefile(f)\n"
    "print(len(store.units))"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench-tmx-read")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    tmx = work / f"tm-{args.units}.tmx"
    if not tmx.exists():
        make_dirty_tmx(tmx, args.units, mispaired=0.0)
    python = str(BIN / "python")
    commands: dict[str, tuple[list[str], str | None]] = {
        "translate-toolkit tmxfile.parsefile": ([python, "-c", TT_LOAD, str(tmx)], None)
    }
    versions: dict[str, str | None] = {"": None}
    if args.before:
        versions = {"before: ": str(args.before.resolve()), "": None}
    for label, src in versions.items():
        # this branch's readers once with the default workers (one a core), once in one process
        flags = [[]] if src else [[], ["--workers", "1"]]
        for flag in flags:
            shown = f" {' '.join(flag)}" if flag else ""
            stats = [python, "-c", CLI, "tmx", "stats", str(tmx), *flag]
            commands[f"{label}paralign tmx stats{shown}"] = (stats, src)
            out = str(work / "export.tsv")
            commands[f"{label}paralign tmx export --to tsv{shown}"] = (
                [python, "-c", CLI, "tmx", "export", str(tmx), "-o", out, *flag],
                src,
            )
        commands[f"{label}check's reader (tmx_pieces, one process)"] = (
            [python, "-c", CHECK_READ, str(tmx)],
            src,
        )
    # check reads slices whatever its workers (with one, in its own process)
    for workers in ("2", "1"):
        shown = "2 processes" if workers == "2" else "one process"
        commands[f"check's reader (slices, {shown})"] = (
            [python, "-c", CHECK_READ_SLICED, str(tmx), workers],
            None,
        )
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for round_ in range(args.repeat):
        for name, (command, src) in commands.items():
            env = dict(os.environ)
            if src:
                env["PYTHONPATH"] = src
            wall, rss, _ = measure(command, work, env)
            runs[name].append((wall, LAST_CPU[0], rss))
            print(
                f"run {round_ + 1} {name}: {wall:.1f} s wall, {LAST_CPU[0]:.1f} s CPU, "
                f"{rss:.0f} MB, load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    tt_wall = statistics.median(v[0] for v in runs["translate-toolkit tmxfile.parsefile"])
    tt = statistics.median(v[1] for v in runs["translate-toolkit tmxfile.parsefile"])
    lines = [
        f"`benchmarks/tmx_read.py`, {time.strftime('%Y-%m-%d', time.gmtime())}: one TMX of "
        f"{args.units:,} real ru–en news TUs ({tmx.stat().st_size / 1e6:.0f} MB); whole "
        f"processes from a cold start, alternating, median of {args.repeat} run(s); "
        f"{os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} at the end). "
        "The wall-time ratio is the one a user waits by; the CPU ratio, steadier on a shared "
        "machine, counts every process of a reader with workers.",
        "",
        "| reader | wall | CPU | peak RSS | translate-toolkit wall / this wall | "
        "translate-toolkit CPU / this CPU |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, values in runs.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        rss = statistics.median(v[2] for v in values)
        lines.append(
            f"| {name} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB | {tt_wall / wall:.2f} | "
            f"{tt / cpu:.2f} |"
        )
    text = "\n".join(lines)
    print(text)
    if args.write_docs:
        write_section("tmx-read", text)


if __name__ == "__main__":
    main()
