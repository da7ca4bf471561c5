"""Shared test fixtures: paths to the repository, its corpus and the shared dev data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
TEXTS = ROOT / "texts"
STEM = "2026-05-30-ots-summit-turkestan"


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or a clean skip where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


def run_paralign(
    *args: object,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """`paralign ARGS` as a user runs it: a real process, its exit code, stdout and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "paralign.cli", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        input=stdin,
    )
