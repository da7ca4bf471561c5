"""Aligned Bitexts as text: TSV, JSON lines, or vecalign beads (TMX lives in paralign.tmx).

Sentences of one side of a bead are joined with a space; tabs and line breaks inside a
sentence become spaces so a TSV row stays one row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from paralign.align.beads import format_beads
from paralign.model import Bitext, Link, Sentence


def _side(sentences: Sequence[Sentence], ids: Sequence[int]) -> str:
    return " ".join(sentences[i].text for i in ids)


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines())


def render_tsv(bitexts: Sequence[Bitext]) -> str:
    """`source<TAB>target<TAB>score<TAB>bead` a line, one line per bead, under a header row
    naming the languages (`ru<TAB>en<TAB>score<TAB>bead`), which `tmx import` reads back."""
    first = bitexts[0] if bitexts else None
    lines = ["\t".join((first.src_lang, first.tgt_lang, "score", "bead"))] if first else []
    for bitext in bitexts:
        for link in bitext.links:
            lines.append(
                "\t".join(
                    (
                        _flat(_side(bitext.source, link.src)),
                        _flat(_side(bitext.target, link.tgt)),
                        f"{link.score:.3f}",
                        link.kind,
                    )
                )
            )
    return "".join(line + "\n" for line in lines)


def _record(bitext: Bitext, link: Link) -> dict[str, object]:
    return {
        "document": bitext.name,
        "src": list(link.src),
        "tgt": list(link.tgt),
        "bead": link.kind,
        "score": round(link.score, 3),
        "source": _side(bitext.source, link.src),
        "target": _side(bitext.target, link.tgt),
    }


def render_jsonl(bitexts: Sequence[Bitext]) -> str:
    """One JSON object a bead: document, src/tgt sentence ids, bead, score, both texts."""
    return "".join(
        json.dumps(_record(b, link), ensure_ascii=False) + "\n" for b in bitexts for link in b.links
    )


def render_beads(bitexts: Sequence[Bitext]) -> str:
    """The vecalign bead format with confidences (`[0]:[0,1]:0.912`), all documents in turn."""
    return "".join(format_beads(b.links, with_scores=True) for b in bitexts)


RENDERERS = {"tsv": render_tsv, "jsonl": render_jsonl, "beads": render_beads}
