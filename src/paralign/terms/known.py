"""Candidates against the glossary: known pairs left out, variants of known concepts proposed.

A side *is* a glossary term when the matcher finds a term of that language spanning all of
it (so inflection, ё and diacritics do not matter, as in `check`). Then:

- both sides terms of one concept: known, not proposed again;
- one side a term of a concept, the other side no term at all, the two paired strongly
  (`VARIANT_DICE`) or the other a second rendering written like the glossary's: a
  *variant* — another rendering of a known concept, how inconsistencies enter a corpus.
  It is proposed for that concept with a status for the editor to decide: deprecated
  when the glossary's own rendering is paired more often in the corpus, admitted otherwise;
- sides of two different concepts: a mispairing or an overlap, left out;
- neither side a term: a new candidate.
"""

from __future__ import annotations

from dataclasses import dataclass

from paralign.glossary import TermMatcher
from paralign.model import Glossary, Status, Term
from paralign.terms.ranking import Ranked

# A variant is proposed only from a pair each side chose (Dice at least this) or from a
# second rendering written like the glossary's: a wrong variant costs an editor more than a
# wrong new candidate, since it sits in a concept the editor trusts.
VARIANT_DICE = 0.6


@dataclass(frozen=True, slots=True)
class Proposal:
    ranked: Ranked
    concept: str = ""  # the known concept of a variant; '' for a new candidate
    side: str = ""  # the side that is the new rendering: 'ru' or 'en'
    status: Status = Status.ADMITTED  # proposed for the variant's new term
    known: str = ""  # the glossary term the variant's concept has on that side
    known_joint: int = 0  # TUs in which that glossary term is paired in the corpus

    @property
    def is_variant(self) -> bool:
        return bool(self.concept)


def _concepts(matcher: TermMatcher, text: str, lang: str) -> dict[str, Term]:
    """The concepts with a term spanning all of `text`."""
    bare = text.strip(" \"'«»“”()")
    found: dict[str, Term] = {}
    for match in matcher.find(bare, lang):
        if match.start == 0 and match.end == len(bare):
            found.setdefault(match.concept, match.term)
    return found


def propose(ranked: list[Ranked], glossary: Glossary) -> list[Proposal]:
    """The proposals in rank order: new candidates and variants; known pairs dropped."""
    if not glossary.concepts:
        return [Proposal(r) for r in ranked if not r.pair.alternative]
    matcher = TermMatcher(glossary)
    sides = [
        (
            _concepts(matcher, r.pair.ru.text, "ru"),
            _concepts(matcher, r.pair.en.text, "en"),
        )
        for r in ranked
    ]
    # how often each concept's own terms are paired with each other, per side
    paired: dict[tuple[str, str], int] = {}
    for r, (ru, en) in zip(ranked, sides, strict=True):
        if r.pair.alternative:
            continue
        for concept in ru.keys() & en.keys():
            for lang in ("ru", "en"):
                paired[(concept, lang)] = paired.get((concept, lang), 0) + r.pair.joint
    found: list[Proposal] = []
    for r, (ru, en) in zip(ranked, sides, strict=True):
        if ru.keys() & en.keys():
            continue
        if ru and en:
            continue
        if not ru and not en:
            if not r.pair.alternative:
                found.append(Proposal(r))
            continue
        if not (r.pair.alternative or (r.pair.mutual and r.pair.dice >= VARIANT_DICE)):
            continue  # a weak pairing beside a known term is noise, not a rendering
        side = "en" if ru else "ru"
        concept = min(ru or en)
        terms = next((c.terms_in(side) for c in glossary.concepts if c.id == concept), ())
        own = terms[0].text if terms else ""
        known_joint = paired.get((concept, side), 0)
        status = Status.DEPRECATED if known_joint > r.pair.joint else Status.ADMITTED
        found.append(Proposal(r, concept, side, status, own, known_joint))
    return found
