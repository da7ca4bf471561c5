"""Paragraph-level units beside the beads, for a CAT tool that segments by paragraph.

OmegaT with sentence segmentation off (and Trados or memoQ set to paragraph segments) looks
a whole paragraph up in the TM. A paragraph of one bead is already one TU; for a paragraph
of several beads, `with_paragraph_units` adds one more Link after its beads: all its source
sentences ↔ all its target sentences, scored by its weakest bead, tuid `<document>-p<n>`
(n the paragraph's block index). Every existing Link keeps its tuid (`<document>-<n>`), so
ids do not move. Opt-in (`align --paragraph-units`): paralign's own readers and `check`
would see each sentence of such a paragraph twice.

A paragraph qualifies when all its beads are two-sided and none of them reaches into
another paragraph.
"""

from __future__ import annotations

from dataclasses import replace

from paralign.model import Bitext, Link


def with_paragraph_units(bitext: Bitext) -> Bitext:
    links: list[Link] = []
    run: list[Link] = []

    def flush() -> None:
        if len(run) > 1 and all(link.src and link.tgt for link in run):
            sources = sorted(i for link in run for i in link.src)
            targets = sorted(i for link in run for i in link.tgt)
            blocks = {bitext.source[i].block for i in sources}
            if len(blocks) == 1:
                links.append(
                    Link(
                        tuple(sources),
                        tuple(targets),
                        min(link.score for link in run),
                        f"{bitext.name}-p{blocks.pop()}",
                    )
                )
        run.clear()

    block = None
    for n, link in enumerate(bitext.links, 1):
        named = link if link.tuid else replace(link, tuid=f"{bitext.name}-{n}")
        here = bitext.source[link.src[0]].block if link.src else block
        if here != block:
            flush()
            block = here
        run.append(named)
        links.append(named)
    flush()
    return replace(bitext, links=tuple(links))
