"""Glossary mining: bilingual term candidates from an aligned Russian–English corpus.

words → russian / english (candidates per language) and abbreviations (defined short
forms) → mine (two counting passes, pairing by Dice and lexical support) → ranking →
known (the glossary's terms left out, variants of its concepts proposed) → output
(TBX-Basic or CSV with an evidence note per entry); merge takes accepted entries back.

The miner's modules are imported when mining starts, not with the package: every command
line imports `terms.merge` (for its option type), and the miner with its dictionaries was
a third of the time `paralign segment` took to start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from paralign.model import Bitext, Glossary
from paralign.terms.model import MineSettings, Pair, Side

if TYPE_CHECKING:
    from paralign.terms.known import Proposal
    from paralign.terms.ranking import Ranked

__all__ = ["MineSettings", "Pair", "Proposal", "Ranked", "Side", "mine_terms"]


def mine_terms(
    pieces: Callable[[], Iterable[Bitext]],
    glossary: Glossary,
    settings: MineSettings = MineSettings(),
) -> list[Proposal]:
    """The ranked proposals (at most `settings.limit`) for the TUs `pieces()` yields."""
    from paralign.terms.known import propose
    from paralign.terms.mine import mine_pairs
    from paralign.terms.ranking import rank

    pairs, _total = mine_pairs(pieces, settings)
    return propose(rank(pairs), glossary)[: settings.limit]


def __getattr__(name: str) -> object:
    """`Proposal` and `Ranked`, imported on first use (see the module's docstring)."""
    if name == "Proposal":
        from paralign.terms.known import Proposal

        return Proposal
    if name == "Ranked":
        from paralign.terms.ranking import Ranked

        return Ranked
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
