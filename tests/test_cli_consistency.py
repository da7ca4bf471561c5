"""The command line as a user meets it: one meaning per option, help with examples, stdin,
explicit encodings; every case in a real process."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "src" / "paralign" / "cli"


def test_no_cli_function_is_longer_than_60_lines() -> None:
    long = [
        f"{path.name}:{node.name} ({(node.end_lineno or 0) - node.lineno + 1} lines)"
        for path in sorted(CLI.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or 0) - node.lineno + 1 > 60
    ]
    assert long == []
