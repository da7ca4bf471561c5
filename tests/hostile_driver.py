"""Runs many `paralign` invocations, each in a real process of its own, cheaply.

The hostile-input catalogue (tests/test_hostile.py) holds a few hundred cases. Starting a
fresh interpreter for each costs a second or more on a loaded machine, most of it imports;
this driver imports paralign (and warms the Russian morphology) once, then forks one child
per case. Each child has its own file descriptors, working directory, exit code and
resource usage, as a process started from a shell has: stdout and stderr are files,
stdin is /dev/null. Cases that need a fresh interpreter (a closed stdout) are run by the
tests with subprocess instead.

Usage: python tests/hostile_driver.py CASES.json RESULTS.json
CASES: [{"id", "args", "cwd", "timeout", }]; RESULTS: per case id, the
exit code (or -signal), stdout and stderr (first 4 kB), seconds, peak RSS in MB and the
paths of the working directory that changed (created, removed or modified).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback
from pathlib import Path


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    state: dict[str, tuple[int, int, int]] = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            try:
                info = path.lstat()
            except OSError:
                continue
            state[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns, info.st_mode)
    return state


def _child(case: dict, out: str, err: str) -> None:
    os.chdir(case["cwd"])
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666), 1)
    os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666), 2)
    signal.alarm(int(case.get("timeout", 60)))
    from paralign.cli import main

    sys.argv = ["paralign", *case["args"]]
    code = 0
    try:
        main()
    except SystemExit as leave:
        code = leave.code if isinstance(leave.code, int) else (0 if leave.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        traceback.print_exc()
        code = code or 1
    os._exit(code)


def run(cases: list[dict], scratch: Path) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for number, case in enumerate(cases):
        out, err = scratch / f"{number}.out", scratch / f"{number}.err"
        before = snapshot(Path(case["cwd"]))
        sys.stdout.flush()
        sys.stderr.flush()
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                _child(case, str(out), str(err))
            finally:
                os._exit(70)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.monotonic() - start
        after = snapshot(Path(case["cwd"]))
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        code = os.waitstatus_to_exitcode(status)
        results[case["id"]] = {
            "code": code,
            "stdout": out.read_text(encoding="utf-8", errors="replace")[:4096],
            "stderr": err.read_text(encoding="utf-8", errors="replace")[:4096],
            "seconds": round(seconds, 3),
            "rss_mb": round(usage.ru_maxrss / 1024, 1),
            "changed": changed,
        }
    return results


def warm() -> None:
    """What most commands import or load, once, before the first fork."""
    import paralign.cli
    import paralign.glossary as glossary
    import paralign.tmx  # noqa: F401

    analyzer = getattr(glossary, "morph_analyzer", None) or getattr(glossary, "_morph", None)
    if callable(analyzer):
        analyzer()


if __name__ == "__main__":
    cases_file, results_file = Path(sys.argv[1]), Path(sys.argv[2])
    warm()
    scratch = results_file.parent / "driver-io"
    scratch.mkdir(exist_ok=True)
    results = run(json.loads(cases_file.read_text(encoding="utf-8")), scratch)
    results_file.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
