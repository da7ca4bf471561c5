"""The same paralign job under two source trees, alternating: a structural change's cost.

    git archive <old commit> | tar -x -C /tmp/old
    .venv/bin/python benchmarks/before_after.py /tmp/old/src check 20000 4

    .venv/bin/python benchmarks/before_after.py /tmp/old/src align 2 4 /tmp/new/src

Jobs: `tmx-write N` and `tmx-read N` (benchmarks/tmx.py's paralign children), `check N`
(`paralign check` of the file benchmarks/check.py --units N made, one process),
`check-old-rules N` (the same, the rules added since the old tree turned off in the new one's
paralign.toml, each tree in a project folder of its own without a baseline), `run`
(`paralign run`), `align N` (`paralign align --presegmented --to beads` of one long pair: N
rounds of the ntrex-dev documents, each round in its own shuffled order, as benchmarks/align.py
builds its long pair), `align-folder N` (the first N ntrex-dev documents as two folders paired
by stem, one process), `segment N` (`paralign segment --lang ru --jsonl` of N Russian UD
windows, GSD then Taiga, cycled, one paragraph each) and `segment-old-rules N` (the same, both
trees given the old tree's SRX file: the engine's cost without the rules added since). Each
run is its own process with PYTHONPATH set to one tree; the order alternates (old-new,
new-old, …) so a change in the machine's load falls on both; wall and CPU (user + system of
the child) medians are printed with the load average. A fifth argument names the new tree
(default: this checkout's src/); whether the two trees' outputs of align and segment are the
same is printed too.
"""

from __future__ import annotations

import filecmp
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DATA = ROOT.parent / "shared" / "data"
PARALIGN = [sys.executable, "-m", "paralign.cli"]


def measure(command: list[str], src: str, cwd: Path) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command, env={**os.environ, "PYTHONPATH": src}, cwd=cwd, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr[-2000:])
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, done.stdout


def command(job: str, units: int, tree: str) -> list[str]:
    bench, work = ROOT / "benchmarks" / "tmx.py", ROOT / "build" / "bench-check"
    if job in ("tmx-write", "tmx-read"):
        path = f"/tmp/before-after-{tree if job == 'tmx-write' else 'new'}.tmx"
        task = "paralign-write" if job == "tmx-write" else "paralign-read"
        return [sys.executable, str(bench), "--child", task, path, "--units", str(units)]
    if job in ("check", "check-old-rules"):
        return [
            *PARALIGN,
            *("check", str(work / f"bench-{units}.tmx")),
            *("--glossary", str(work / "glossary.tbx"), "--format", "json"),
            *("--fail-on", "never", "--output", f"/tmp/before-after-{tree}.json", "--jobs", "1"),
        ]
    if job == "align":
        ru, en = long_pair(units)
        return [*PARALIGN, "align", str(ru), str(en), *ALIGN, "-o", output(job, tree)]
    if job == "align-folder":
        ru, en = ntrex_folders(units)
        # one process each: a tree from before `--workers` (9d44eae) had no pool, and takes
        # this job without the flag only with OLD_HAS_NO_WORKERS set
        workers = (
            [] if tree == "old" and os.environ.get("OLD_HAS_NO_WORKERS") else ["--workers", "1"]
        )
        return [*PARALIGN, "align", str(ru), str(en), *ALIGN, *workers, "-o", output(job, tree)]
    if job in ("segment", "segment-old-rules"):
        text = russian_windows(units)
        rules = ["--rules", str(OLD_RULES)] if job == "segment-old-rules" else []
        return [*PARALIGN, "segment", str(text), "--lang", "ru", "--jsonl", *rules]
    return [*PARALIGN, "run"]


# segment-old-rules: both trees segment with the old tree's SRX file, so what is measured is
# the engine and the reading around it, not the rules added since
OLD_RULES = Path("/tmp/before-after-old-rules.srx")
ALIGN = ("--presegmented", "--src-lang", "ru", "--tgt-lang", "en", "--to", "beads")


def rules_of(src: str) -> set[str]:
    """The check rules a tree registers."""
    code = "from paralign.checks import RULES; print(*RULES)"
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": src}, capture_output=True
    )
    return set(done.stdout.decode().split())


def check_folders(trees: dict[str, str]) -> dict[str, Path]:
    """check-old-rules: a project folder per tree, the new one's paralign.toml turning off the
    rules the old tree does not have (the old tree refuses a rule name it does not know)."""
    added = sorted(rules_of(trees["new"]) - rules_of(trees["old"]))
    folders = {}
    for tree in trees:
        folder = folders[tree] = Path(f"/tmp/before-after-project-{tree}")
        folder.mkdir(exist_ok=True)
        (folder / "pyproject.toml").write_text("[project]\nname = 'bench'\n", "utf-8")
        off = "".join(f'"{rule}" = "off"\n' for rule in added) if tree == "new" else ""
        (folder / "paralign.toml").write_text(f"[check.severities]\n{off}", "utf-8")
    print("off in the new tree:", ", ".join(added))
    return folders


def output(job: str, tree: str) -> str:
    return f"/tmp/before-after-{job}-{tree}" + (".beads" if job == "align" else "")


def _documents() -> list[Path]:
    return sorted(p.with_suffix("") for p in (DATA / "align" / "ntrex-dev").glob("*.ru"))


def long_pair(rounds: int) -> tuple[Path, Path]:
    """`rounds` passes over the ntrex-dev documents, each pass shuffled (seed = its number)."""
    ru, en = (
        Path(f"/tmp/before-after-long-{rounds}.ru"),
        Path(f"/tmp/before-after-long-{rounds}.en"),
    )
    if not ru.exists():
        docs = _documents()
        order = [d for r in range(rounds) for d in random.Random(r).sample(docs, len(docs))]
        for path, lang in ((ru, "ru"), (en, "en")):
            text = "".join(Path(f"{d}.{lang}").read_text(encoding="utf-8") for d in order)
            path.write_text(text, encoding="utf-8")
    return ru, en


def ntrex_folders(count: int) -> tuple[Path, Path]:
    """The first `count` ntrex-dev documents as ru/STEM.txt and en/STEM.txt (links)."""
    top = Path(f"/tmp/before-after-ntrex-{count}")
    for lang in ("ru", "en"):
        (top / lang).mkdir(parents=True, exist_ok=True)
        for doc in _documents()[:count]:
            link = top / lang / f"{doc.name}.txt"
            if not link.exists():
                link.symlink_to(f"{doc}.{lang}")
    return top / "ru", top / "en"


def russian_windows(count: int) -> Path:
    path = Path(f"/tmp/before-after-segment-{count}.txt")
    if not path.exists():
        texts = [
            json.loads(line)["text"]
            for name in ("ru_ud_gsd.jsonl", "ru_ud_taiga.jsonl")
            for line in (DATA / "seg" / name).read_text(encoding="utf-8").splitlines()
        ]
        path.write_text("\n\n".join(texts[i % len(texts)] for i in range(count)), "utf-8")
    return path


def same_output(job: str) -> bool | None:
    """Whether old and new wrote the same beads (align jobs only; None: nothing to compare)."""
    if job == "align":
        return filecmp.cmp(output(job, "old"), output(job, "new"), shallow=False)
    if job == "align-folder":
        old, new = Path(output(job, "old")), Path(output(job, "new"))
        names = sorted(p.name for p in old.iterdir())
        return names == sorted(p.name for p in new.iterdir()) and all(
            filecmp.cmp(old / n, new / n, shallow=False) for n in names
        )
    return None


def main() -> None:
    old, job, units, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    trees = {"old": old, "new": sys.argv[5] if len(sys.argv) > 5 else str(ROOT / "src")}
    rows: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
    outputs = {"old": "", "new": ""}
    for src in trees.values():
        # Both trees run from bytecode, as an installed paralign does: without it (where
        # PYTHONDONTWRITEBYTECODE is set) every child compiles each module it imports, a cost
        # that grows with the tree, not with the job.
        subprocess.run([sys.executable, "-m", "compileall", "-q", src], check=True)
    folders = check_folders(trees) if job == "check-old-rules" else {"old": ROOT, "new": ROOT}
    if job == "segment-old-rules":
        OLD_RULES.write_bytes(
            (Path(old) / "paralign" / "data" / "srx" / "paralign.srx").read_bytes()
        )
    print("load", os.getloadavg())
    for i in range(repeat):
        for tree in ("old", "new") if i % 2 == 0 else ("new", "old"):
            wall, cpu, printed = measure(command(job, units, tree), trees[tree], folders[tree])
            rows[tree].append((wall, cpu))
            outputs[tree] = printed
            print(f"{tree} wall {wall:.2f} s cpu {cpu:.2f} s", flush=True)
    med = {t: [statistics.median(r[k] for r in rows[t]) for k in (0, 1)] for t in rows}
    print(
        f"{job} {units}: old wall {med['old'][0]:.2f} cpu {med['old'][1]:.2f} | new wall "
        f"{med['new'][0]:.2f} cpu {med['new'][1]:.2f} | new/old wall "
        f"×{med['new'][0] / med['old'][0]:.2f} cpu ×{med['new'][1] / med['old'][1]:.2f}"
    )
    same = same_output(job) if "segment" not in job else outputs["old"] == outputs["new"]
    if same is not None:
        print("outputs of old and new:", "identical" if same else "DIFFERENT")
    print("load", os.getloadavg())


if __name__ == "__main__":
    main()
