"""The same paralign job under two source trees, alternating: a structural change's cost.

    git archive <old commit> | tar -x -C /tmp/old
    .venv/bin/python benchmarks/before_after.py /tmp/old/src check 20000 4

Jobs: `tmx-write N` and `tmx-read N` (benchmarks/tmx.py's paralign children), `check N`
(`paralign check` of the file benchmarks/check.py --units N made, one process), `run`
(`paralign run`). Each run is its own process with PYTHONPATH set to one tree; the order
alternates (old-new, new-old, …) so a change in the machine's load falls on both; wall and
CPU (user + system of the child) medians are printed with the load average.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def measure(command: list[str], src: str, cwd: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command, env={**os.environ, "PYTHONPATH": src}, cwd=cwd, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr[-2000:])
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def command(job: str, units: int, tree: str) -> list[str]:
    bench, work = ROOT / "benchmarks" / "tmx.py", ROOT / "build" / "bench-check"
    if job in ("tmx-write", "tmx-read"):
        path = f"/tmp/before-after-{tree if job == 'tmx-write' else 'new'}.tmx"
        task = "paralign-write" if job == "tmx-write" else "paralign-read"
        return [sys.executable, str(bench), "--child", task, path, "--units", str(units)]
    if job == "check":
        return [
            *(str(BIN / "paralign"), "check", str(work / f"bench-{units}.tmx")),
            *("--glossary", str(work / "glossary.tbx"), "--format", "json"),
            *("--fail-on", "never", "--output", f"/tmp/before-after-{tree}.json", "--jobs", "1"),
        ]
    return [str(BIN / "paralign"), "run"]


def main() -> None:
    old, job, units, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    trees = {"old": old, "new": str(ROOT / "src")}
    rows: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
    print("load", os.getloadavg())
    for i in range(repeat):
        for tree in ("old", "new") if i % 2 == 0 else ("new", "old"):
            wall, cpu = measure(command(job, units, tree), trees[tree], ROOT)
            rows[tree].append((wall, cpu))
            print(f"{tree} wall {wall:.2f} s cpu {cpu:.2f} s", flush=True)
    med = {t: [statistics.median(r[k] for r in rows[t]) for k in (0, 1)] for t in rows}
    print(
        f"{job} {units}: old wall {med['old'][0]:.2f} cpu {med['old'][1]:.2f} | new wall "
        f"{med['new'][0]:.2f} cpu {med['new'][1]:.2f} | new/old wall "
        f"×{med['new'][0] / med['old'][0]:.2f} cpu ×{med['new'][1] / med['old'][1]:.2f}"
    )
    print("load", os.getloadavg())


if __name__ == "__main__":
    main()
