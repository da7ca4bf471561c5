"""Proposals as a glossary in the shipped glossary's own TBX-Basic layout (or CSV).

Each new candidate becomes a concept `cand-…` with its English and Russian terms (full
form and defined abbreviation each with its termType) and a concept note starting with
EVIDENCE_PREFIX that carries the evidence. Variants become an entry with the id of the
concept they belong to, holding only the new term, with the proposed status and a term
note starting with PROPOSAL_PREFIX; `glossary merge` drops both kinds of note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from paralign.model import Concept, Glossary, Status, Term

if TYPE_CHECKING:  # annotations only: `glossary merge` reads the prefixes without the miner
    from paralign.terms.known import Proposal

EVIDENCE_PREFIX = "paralign terms mine:"
PROPOSAL_PREFIX = "paralign proposal:"


def evidence(proposal: Proposal, rank: int) -> str:
    pair = proposal.ranked.pair
    parts = [
        f"{EVIDENCE_PREFIX} rank {rank}, score {proposal.ranked.score:.2f}",
        f"ru {pair.ru.frequency} occurrences in {pair.ru.units} TUs",
        f"en {pair.en.frequency} in {pair.en.units} TUs",
        f"together in {pair.joint} TUs",
        f"LLR {pair.llr:.1f}, Dice {pair.dice:.2f}, lexicon {pair.lexicon:.2f}"
        + (", mutual best" if pair.mutual else ""),
    ]
    if pair.examples:
        parts.append("examples: " + ", ".join(f"TU {t}" for t in pair.examples))
    if pair.ru.forms:
        parts.append("ru forms: " + " / ".join(pair.ru.forms[:6]))
    if proposal.is_variant:
        parts.append(
            f"variant of {proposal.concept} ({proposal.side} {proposal.known!r}, paired in "
            f"{proposal.known_joint} TUs): decide admitted or deprecated"
        )
    return "; ".join(parts)


def _slug(text: str, taken: set[str]) -> str:
    from unidecode import unidecode

    base = "cand-" + (re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "term")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _terms(proposal: Proposal) -> list[Term]:
    pair = proposal.ranked.pair
    found: list[Term] = []
    for side in (pair.en, pair.ru):
        full = "fullForm" if side.abbreviation else ""
        gloss = f"{PROPOSAL_PREFIX} forms seen: " + " / ".join(side.forms[:6]) if side.forms else ""
        found.append(Term(side.text, side.lang, Status.PREFERRED, full, "noun", note=gloss))
        if side.abbreviation and side.abbreviation != side.text:
            found.append(Term(side.abbreviation, side.lang, Status.ADMITTED, "acronym", "noun"))
    return found


def proposals_glossary(proposals: Sequence[Proposal], description: str = "") -> Glossary:
    """The proposals in rank order; variants of one concept gathered in one entry."""
    concepts: list[Concept] = []
    variants: dict[str, int] = {}
    taken: set[str] = set()
    for rank, proposal in enumerate(proposals, 1):
        note = evidence(proposal, rank)
        if not proposal.is_variant:
            pair = proposal.ranked.pair
            concepts.append(Concept(_slug(pair.en.text, taken), tuple(_terms(proposal)), note=note))
            continue
        pair = proposal.ranked.pair
        side = pair.ru if proposal.side == "ru" else pair.en
        term = Term(
            side.text,
            side.lang,
            proposal.status,
            "",
            "noun",
            note=f"{PROPOSAL_PREFIX} variant of {proposal.known!r}; proposed "
            f"{proposal.status.value}, decide admitted or deprecated",
        )
        at = variants.get(proposal.concept)
        if at is None:
            variants[proposal.concept] = len(concepts)
            taken.add(proposal.concept)
            concepts.append(Concept(proposal.concept, (term,), note=note))
        else:
            old = concepts[at]
            if all(t.text != term.text for t in old.terms):
                concepts[at] = Concept(old.id, (*old.terms, term), note=old.note + " | " + note)
    return Glossary(
        tuple(concepts),
        description=description
        or "Term candidates proposed by paralign terms mine; not a glossary until an editor "
        "accepts entries (keep the entries to accept, then run paralign glossary merge).",
    )
