"""Glossary mining: bilingual term candidates from an aligned Russian–English corpus.

words → russian / english (candidates per language) and abbreviations (defined short
forms) → mine (two counting passes, pairing by Dice and lexical support) → ranking →
known (the glossary's terms left out, variants of its concepts proposed) → output
(TBX-Basic or CSV with an evidence note per entry); merge takes accepted entries back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from paralign.model import Bitext, Glossary
from paralign.terms.known import Proposal, propose
from paralign.terms.mine import mine_pairs
from paralign.terms.model import MineSettings, Pair, Side
from paralign.terms.ranking import Ranked, rank

__all__ = ["MineSettings", "Pair", "Proposal", "Ranked", "Side", "mine_terms"]


def mine_terms(
    pieces: Callable[[], Iterable[Bitext]],
    glossary: Glossary,
    settings: MineSettings = MineSettings(),
) -> list[Proposal]:
    """The ranked proposals (at most `settings.limit`) for the TUs `pieces()` yields."""
    pairs, _total = mine_pairs(pieces, settings)
    return propose(rank(pairs), glossary)[: settings.limit]
