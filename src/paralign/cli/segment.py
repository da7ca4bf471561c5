"""`paralign segment`: one sentence a line (a blank line between blocks), or JSON lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from paralign.cli.app import (
    Encoding,
    EncodingOption,
    InputFormat,
    InputFormatOption,
    LegacyFormatOption,
    app,
    examples,
    input_format,
    warn,
)
from paralign.lang import primary
from paralign.model import Block


@app.command(
    epilog=examples(
        "paralign segment texts/ru/2026-05-30-ots-summit-turkestan.md --jsonl",
        "cat notes.txt | paralign segment - --lang ru",
    )
)
def segment(
    file: Annotated[
        Path, typer.Argument(help="A .txt, .md, .html or .docx file; - reads standard input.")
    ],
    lang: Annotated[
        str | None,
        typer.Option(
            help="ru or en (any code your --rules map); default: guessed from the script."
        ),
    ] = None,
    input_fmt: InputFormatOption = InputFormat.auto,
    legacy_fmt: LegacyFormatOption = None,
    encoding: EncodingOption = Encoding.auto,
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
    """Split a document into sentences with SRX rules (paralign's own, or --rules).

    Standard input (FILE -) is read as text unless --input-format says md or html.
    """
    from paralign.files import STDIN, stdin_bytes
    from paralign.read import read_document
    from paralign.segment import guess_lang, iter_blocks

    if lang is not None:
        _check_lang(lang, rules)
    fmt = input_format("segment", input_fmt, legacy_fmt)
    data = stdin_bytes() if str(file) == STDIN else None
    document = read_document(
        Path("standard input") if data is not None else file,
        fmt,
        repair=not no_repair,
        line_paragraphs=line_paragraphs,
        encoding=encoding.value,
        data=data,
    )
    blocks = iter_blocks(document, lang or guess_lang(document), rules)
    for chunk in _render(blocks, jsonl=jsonl, explain=explain):
        sys.stdout.write(chunk)


def _check_lang(lang: str, rules: Path | None) -> None:
    """A malformed tag is refused; a language without rules of its own is said to be one."""
    from paralign.langid import check_tag

    check_tag(lang, "--lang")
    if rules is None and primary(lang) not in ("ru", "en"):
        warn(
            f"paralign has no segmentation rules for {lang!r} (only ru and en): "
            "generic rules used; give --rules FILE.srx for yours"
        )


def _render(
    blocks: Iterable[tuple[int, Block, Iterable[tuple[int, int, str]]]],
    *,
    jsonl: bool,
    explain: bool,
) -> Iterator[str]:
    """The output in chunks of a few thousand lines: a 10 MB text never sits twice in memory."""
    lines: list[str] = []
    wrote = False
    for index, block, spans in blocks:
        text = block.text
        kind = str(block.kind)
        opened = False
        for start, end, label in spans:
            if len(lines) >= 4096:
                lines.append("")
                yield "\n".join(lines)
                lines = []
            if jsonl:
                record = {
                    "block": index,
                    "kind": kind,
                    "line": block.line_at(start),
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                }
                if explain:
                    record["rule"] = label
                lines.append(json.dumps(record, ensure_ascii=False))
                continue
            if wrote and not opened:
                lines.append("")  # a blank line between blocks
            opened = wrote = True
            lines.append(f"{text[start:end]}\t# {label}" if explain else text[start:end])
    if lines:
        lines.append("")
        yield "\n".join(lines)
