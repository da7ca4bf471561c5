"""Run every benchmark one after another (they would steal each other's two cores if run
together); each rewrites its own section of docs/benchmarks.md. `make bench` calls this.

    .venv/bin/python benchmarks/run.py                 # all
    .venv/bin/python benchmarks/run.py segment align   # some
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
AREAS = ("segment", "align", "tmx", "check", "metrics", "growth")


def main() -> None:
    chosen = sys.argv[1:] or list(AREAS)
    unknown = sorted(set(chosen) - set(AREAS))
    if unknown:
        sys.exit(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(AREAS)}")
    for area in chosen:
        print(f"== {area}", flush=True)
        subprocess.run([sys.executable, str(HERE / f"{area}.py"), "--write-docs"], check=True)


if __name__ == "__main__":
    main()
