"""What every benchmark shares: a line on the machine it ran on, and its own section of
docs/benchmarks.md, rewritten between `<!-- AREA:begin -->` and `<!-- AREA:end -->` so that
the benchmarks of different areas never overwrite each other's figures."""

from __future__ import annotations

import os
import platform
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.machine()}, {os.cpu_count()} cores (load average {load} at the start), "
        f"Python {platform.python_version()}"
    )


def write_section(area: str, body: str, docs: Path = DOCS) -> None:
    """Put `body` between the area's markers in `docs` (docs/benchmarks.md unless another
    page also shows the figures), replacing what stood there, or append it."""
    begin, end = f"<!-- {area}:begin -->", f"<!-- {area}:end -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    text = docs.read_text(encoding="utf-8") if docs.exists() else "# Benchmarks\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    docs.write_text(text, encoding="utf-8")
