"""Folder alignment at scale: one process, --workers 2 and a Dask LocalCluster of two workers.

The corpus: --documents pairs (default 2,000) built from the ntrex-dev gold beads of
../shared/data (never committed; written into build/bench-scale): each document takes the
one-to-one sentence pairs of a random dev document, shuffled together (so the pairs stay
parallel), and perturbed: now and then a target sentence is dropped (a 1-0 bead) or two
target sentences are joined (a 2-1 bead), so the aligner has work to do.

Every run is `paralign align ru/ en/ -o out.tmx` as a whole process from a cold start;
wall time, CPU time (user + system, workers included) and the peak RSS of the process tree
are measured from outside, the three runs side by side, alternating when --repeat > 1.
The TMX of every run must be the same, byte for byte.

    .venv/bin/python benchmarks/scale.py --documents 2000
    .venv/bin/python benchmarks/scale.py --documents 500 --write-docs
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import DEV, LAST_CPU, measure
from docs_section import write_section

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def dev_documents() -> list[list[tuple[str, str]]]:
    """The one-to-one gold pairs of each ntrex-dev document."""
    documents = []
    for gold in sorted(DEV.glob("*.ru-en.align")):
        stem = gold.name[: -len(".ru-en.align")]
        ru = (DEV / f"{stem}.ru").read_text(encoding="utf-8").splitlines()
        en = (DEV / f"{stem}.en").read_text(encoding="utf-8").splitlines()
        pairs = []
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, _, right = line.partition(":")
            src, tgt = left.strip("[]"), right.strip("[]")
            if src.isdigit() and tgt.isdigit():
                pairs.append((ru[int(src)], en[int(tgt)]))
        if len(pairs) >= 4:
            documents.append(pairs)
    return documents


def make_corpus(folder: Path, documents: int, seed: int = 5) -> int:
    """Write ru/NNNNN.txt and en/NNNNN.txt; returns the number of source sentences."""
    rng = random.Random(seed)
    sources = dev_documents()
    if not sources:
        raise SystemExit(f"{DEV}: no dev data to build the corpus from")
    (folder / "ru").mkdir(parents=True, exist_ok=True)
    (folder / "en").mkdir(parents=True, exist_ok=True)
    sentences = 0
    for i in range(documents):
        pairs = list(rng.choice(sources))
        rng.shuffle(pairs)
        ru, en = [p[0] for p in pairs], []
        j = 0
        while j < len(pairs):
            roll = rng.random()
            if roll < 0.05:
                j += 1  # the target sentence dropped
                continue
            if roll < 0.10 and j + 1 < len(pairs):
                en.append(pairs[j][1] + " " + pairs[j + 1][1])
                ru[j], ru[j + 1] = ru[j] + " " + ru[j + 1], ""
                j += 2
                continue
            en.append(pairs[j][1])
            j += 1
        ru = [s for s in ru if s]
        sentences += len(ru)
        (folder / "ru" / f"{i:05d}.txt").write_text("\n\n".join(ru) + "\n", encoding="utf-8")
        (folder / "en" / f"{i:05d}.txt").write_text("\n\n".join(en) + "\n", encoding="utf-8")
    return sentences


def _contents(path: Path) -> bytes:
    """A TMX file's bytes, or those of every file of an output folder in name order."""
    if path.is_file():
        return path.read_bytes()
    return b"\0".join(f.name.encode() + f.read_bytes() for f in sorted(path.rglob("*.tmx")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench-scale")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    work = args.work.resolve()
    corpus = work / f"corpus-{args.documents}"
    sentences = make_corpus(corpus, args.documents)
    (work / "pyproject.toml").write_text("[project]\nname = 'bench'\n", encoding="utf-8")
    base = [str(BIN / "paralign"), "--quiet", "align", str(corpus / "ru"), str(corpus / "en")]
    base += ["--creation-date", "20260101T000000Z"]
    runs = {
        "one process (--workers 1)": ["--workers", "1"],
        "--workers 2": ["--workers", "2"],
        "--scheduler local, 2 workers": ["--scheduler", "local", "--workers", "2"],
    }
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
    outputs = {}
    for round_ in range(args.repeat):
        for n, (name, extra) in enumerate(runs.items()):
            out = work / f"out-{n}"  # a folder in: one TMX per document pair out
            outputs[name] = out
            wall, rss, _ = measure([*base, *extra, "-o", str(out)], work)
            results[name].append((wall, LAST_CPU[0], rss))
            print(
                f"run {round_ + 1} {name}: {wall:.1f} s wall, {LAST_CPU[0]:.1f} s CPU, "
                f"{rss:.0f} MB, load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    same = len({_contents(p) for p in outputs.values()}) == 1
    rows = {
        name: tuple(statistics.median(v[k] for v in values) for k in range(3))
        for name, values in results.items()
    }
    one_wall, one_cpu, _ = rows["one process (--workers 1)"]
    lines = [
        f"`benchmarks/scale.py`, {time.strftime('%Y-%m-%d', time.gmtime())}: `paralign align` "
        f"on a folder of {args.documents:,} document pairs ({sentences:,} Russian sentences; "
        "ntrex-dev pairs shuffled and perturbed); whole processes from a cold start, median of "
        f"{args.repeat} run(s); {os.cpu_count()} cores (load average "
        f"{os.getloadavg()[0]:.1f} at the end). Same TMX byte for byte in every run: {same}.",
        "",
        "| run | wall | CPU | peak RSS (tree) | speed-up (wall) | overhead per document (CPU) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, (wall, cpu, rss) in rows.items():
        overhead = (cpu - one_cpu) / args.documents * 1000
        lines.append(
            f"| {name} | {wall:.1f} s | {cpu:.1f} s | {rss:.0f} MB | {one_wall / wall:.2f} | "
            f"{overhead:+.1f} ms |"
        )
    text = "\n".join(lines)
    print(text)
    if args.write_docs:
        write_section("scale", text)


if __name__ == "__main__":
    main()
