"""`paralign segment`: one sentence a line (a blank line between blocks), or JSON lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from paralign.cli.app import app


@app.command()
def segment(
    file: Annotated[Path, typer.Argument(help="A .txt, .md, .html or .docx file.")],
    lang: Annotated[
        str | None,
        typer.Option(
            help="ru or en (any code your --rules map); default: guessed from the script."
        ),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="auto (by extension), txt, md, html or docx.")
    ] = "auto",
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object a sentence.")] = False,
    rules: Annotated[
        Path | None, typer.Option(help="An SRX 2.0 file to use instead of paralign's rules.")
    ] = None,
    no_repair: Annotated[
        bool, typer.Option("--no-repair", help="Keep PDF damage (cut paragraphs) as it is.")
    ] = False,
    line_paragraphs: Annotated[
        bool, typer.Option("--line-paragraphs", help=".txt: every line is a paragraph.")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Name the SRX rule behind each break.")
    ] = False,
) -> None:
    """Split a document into sentences with SRX rules (paralign's own, or --rules)."""
    from paralign.read import read_document
    from paralign.segment import explain_document, guess_lang

    document = read_document(file, fmt, repair=not no_repair, line_paragraphs=line_paragraphs)
    pairs = explain_document(document, lang or guess_lang(document), rules)
    sys.stdout.write(_render(pairs, jsonl=jsonl, explain=explain))


def _render(pairs: list, *, jsonl: bool, explain: bool) -> str:  # type: ignore[type-arg]
    lines: list[str] = []
    previous = None
    for sentence, label in pairs:
        if jsonl:
            record = {
                "block": sentence.block,
                "kind": str(sentence.kind),
                "line": sentence.line,
                "start": sentence.start,
                "end": sentence.end,
                "text": sentence.text,
            }
            if explain:
                record["rule"] = label
            lines.append(json.dumps(record, ensure_ascii=False))
            continue
        if previous is not None and sentence.block != previous:
            lines.append("")
        previous = sentence.block
        lines.append(f"{sentence.text}\t# {label}" if explain else sentence.text)
    return "".join(f"{line}\n" for line in lines)
