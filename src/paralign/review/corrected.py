"""A corrected beads file back onto its documents, checked to cover both sides exactly.

The review page exports the vecalign bead format `paralign align --to beads` writes, one section
per document, each headed by a `# document: NAME` line (other `#` lines are comments):

    # document: 2026-05-30-ots-summit-turkestan
    [0]:[0]:0.993
    [1,2]:[1]:1.000

A file without document lines is one document's beads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from paralign.align.beads import parse_beads
from paralign.model import Bitext, Link, ParalignError, Sentence

DOCUMENT = "# document:"


def parse_corrected(text: str) -> list[tuple[str | None, tuple[Link, ...]]]:
    """(document name or None, beads) per section, in file order."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith(DOCUMENT):
            # blank lines in place of the file's earlier ones: parse_beads' line numbers stay
            # the file's own
            sections.append((line[len(DOCUMENT) :].strip(), [""] * number))
        elif line.startswith("#"):
            sections[-1][1].append("")  # keeps line numbers for parse_beads' messages
        else:
            sections[-1][1].append(raw)
    out = []
    for name, lines in sections:
        if name is None and not any(line.strip() for line in lines):
            continue
        out.append((name, parse_beads("\n".join(lines))))
    return out


def format_corrected(bitexts: Sequence[Bitext]) -> str:
    """The sectioned file for Bitexts (what the page exports, before any edit)."""
    out = ["# paralign beads (vecalign format, one bead a line)"]
    for bitext in bitexts:
        out.append(f"{DOCUMENT} {bitext.name}")
        out += [
            f"[{','.join(map(str, k.src))}]:[{','.join(map(str, k.tgt))}]:{k.score:.3f}"
            for k in bitext.links
        ]
    return "\n".join(out) + "\n"


def apply_corrected(bitexts: Sequence[Bitext], text: str, where: str) -> list[Bitext]:
    """The Bitexts with the file's beads as their links; every document must have a section."""
    try:
        sections = parse_corrected(text)
    except ParalignError as error:
        raise ParalignError(f"{where}: {error}") from None
    if not sections:
        raise ParalignError(f"{where}: no beads")
    if len(sections) == 1 and sections[0][0] is None:
        if len(bitexts) != 1:
            raise ParalignError(
                f"{where}: beads for one document, but {len(bitexts)} were read; "
                "head each document's beads with '# document: NAME'"
            )
        named = {bitexts[0].name: sections[0][1]}
    else:
        named = {}
        for name, links in sections:
            if name is None:
                raise ParalignError(f"{where}: beads before the first '# document:' line")
            if name in named:
                raise ParalignError(f"{where}: document {name!r} appears twice")
            named[name] = links
    out = []
    for bitext in bitexts:
        found = named.pop(bitext.name, None)
        if found is None:
            raise ParalignError(f"{where}: no beads for document {bitext.name!r}")
        check_coverage(bitext, found, where)
        out.append(replace(bitext, links=found))
    if named:
        raise ParalignError(f"{where}: document {next(iter(named))!r} is not among the inputs")
    return out


def check_coverage(bitext: Bitext, links: Sequence[Link], where: str) -> None:
    """Every sentence of each side in exactly one bead, in order; else the first one that is
    missing, doubled or out of range, in one line."""
    for side, sentences, ids in (
        ("source", bitext.source, [(n, i) for n, k in enumerate(links, 1) for i in k.src]),
        ("target", bitext.target, [(n, j) for n, k in enumerate(links, 1) for j in k.tgt]),
    ):
        expected = 0
        for bead, got in ids:
            if got >= len(sentences):
                raise ParalignError(
                    f"{where}: {bitext.name}: bead {bead} names {side} sentence {got}, "
                    f"the document has {len(sentences)} (0 to {len(sentences) - 1})"
                )
            if got < expected:
                raise ParalignError(
                    f"{where}: {bitext.name}: {side} sentence {got} {_quote(sentences[got])} "
                    f"is doubled or out of order (bead {bead})"
                )
            if got > expected:
                raise ParalignError(
                    f"{where}: {bitext.name}: {side} sentence {expected} "
                    f"{_quote(sentences[expected])} is missing (bead {bead} jumps to {got})"
                )
            expected += 1
        if expected < len(sentences):
            raise ParalignError(
                f"{where}: {bitext.name}: {side} sentence {expected} "
                f"{_quote(sentences[expected])} is missing (no bead after the last)"
            )
    for number, link in enumerate(links, 1):
        if not link.src and not link.tgt:
            raise ParalignError(f"{where}: {bitext.name}: bead {number} is empty on both sides")


def _quote(sentence: Sentence) -> str:
    text = " ".join(sentence.text.split())
    return repr(text if len(text) <= 40 else text[:39] + "…")


def beads_digest(path: Path) -> str:
    """`sha256:` and 16 hex digits of the file: the signature names the corrections it used."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]
