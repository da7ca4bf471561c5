"""Checking Bitexts too large to hold in memory, piece by piece.

Every rule but term-inconsistent looks at one link at a time, so it runs as the pieces
stream past. term-inconsistent needs the whole corpus: the first pass counts renderings and
keeps only the positions of each (8 bytes a use); when some concept was rendered more than
one way, a second pass over the pieces picks out the minority uses and reports them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from paralign.checks.base import CheckSettings, Corpus
from paralign.model import Bitext, Finding, Glossary


def check_stream(
    pieces: Callable[[], Iterable[Bitext]], glossary: Glossary, settings: CheckSettings
) -> list[Finding]:
    """The findings `check_bitexts` gives for all pieces together; `pieces()` is called
    once, or twice when the corpus renders a concept more than one way."""
    from paralign.checks import check_unit, settle
    from paralign.checks.terms import inconsistent, norms, renderings

    corpus = Corpus((), glossary, settings)
    findings: list[Finding] = []
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    uses: dict[tuple[tuple[str, str], str], array] = {}
    position = 0
    for bitext in pieces():
        for unit in corpus.units_of(bitext):
            findings.extend(check_unit(corpus, unit))
            for key, match in renderings(unit):
                counts[key][match.term.text] += 1
                uses.setdefault((key, match.term.text), array("q")).append(position + unit.index)
        position += len(bitext.links)
    majority = norms(corpus, counts)
    wanted = sorted(
        at
        for (key, term), where in uses.items()
        if key in majority and term != majority[key]
        for at in where
    )
    del uses
    if wanted:
        position = 0
        for bitext in pieces():
            end = position + len(bitext.links)
            lo, hi = bisect_left(wanted, position), bisect_left(wanted, end)
            here = {at - position for at in wanted[lo:hi]}
            for unit in corpus.units_of(bitext, here) if here else ():
                for key, match in renderings(unit):
                    if key in majority and match.term.text != majority[key]:
                        findings.append(
                            inconsistent(corpus, unit, match, majority[key], counts[key])
                        )
            position += len(bitext.links)
    return settle(findings, settings)
