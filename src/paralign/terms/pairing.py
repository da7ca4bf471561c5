"""Pairing the candidates of the two sides: each Russian candidate with its best English
partner and each English name with its best Russian one, by Dice over the TUs they share,
the lexicon's support and their lengths; a pair chosen from both sides is `mutual`, and a
second rendering written much like the first is kept as an alternative (a variant of a
known concept, for the editor to decide).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from paralign.terms import english
from paralign.terms.association import Lexicon, dice, llr, transliteration
from paralign.terms.model import Pair, Side
from paralign.terms.russian_forms import named_as_rendered

SHORTLIST = 8  # partners of a candidate, most often together first, that the lexicon judges

Option = tuple[int, int, int]
"""(the other side's candidate, the TUs they share, that candidate's TUs)"""


class _Scores:
    """How well a Russian and an English candidate fit, the lexicon asked once per pair."""

    def __init__(self, ru_sides: dict[int, Side], en_sides: dict[int, Side], lexicon: Lexicon):
        self.ru_sides, self.en_sides, self.lexicon = ru_sides, en_sides, lexicon
        self.cache: dict[tuple[int, int], float] = {}
        lexicon.prepare((s.text for s in ru_sides.values()), (s.text for s in en_sides.values()))

    def support(self, rid: int, eid: int) -> float:
        value = self.cache.get((rid, eid))
        if value is None:
            ru, en = self.ru_sides[rid], self.en_sides[eid]
            value = self.lexicon.support(ru.text, en.text)
            if ru.name and en.name:
                alike = transliteration(ru.text, en.text)
                if alike >= 0.7:
                    value = max(value, alike)
            self.cache[(rid, eid)] = value
        return value

    def for_russian(self, rid: int) -> Callable[[int, int], float]:
        """How each English partner (id, TUs shared) fits Russian candidate `rid`."""
        return lambda eid, count: self.choice(rid, eid, count)

    def for_english(self, eid: int) -> Callable[[int, int], float]:
        """How each Russian partner (id, TUs shared) fits English candidate `eid`."""
        return lambda rid, count: self.choice(rid, eid, count)

    def choice(self, rid: int, eid: int, count: int) -> float:
        ru, en = self.ru_sides[rid], self.en_sides[eid]
        content = sum(
            1 for w in en.text.split() if w.lower() not in english.STOPWORDS and not w.isdigit()
        )
        length = 0.85 ** abs(content - len(ru.key))
        return dice(count, ru.units, en.units) * (0.4 + 0.6 * self.support(rid, eid)) * length


def _best(options: list[Option], score: Callable[[int, int], float], units: int) -> int:
    """The partner that scores best. Dice first narrows the field, so the lexicon is asked
    about a few partners only; every partner as good by Dice as the last one taken comes
    along (ties are many on a small corpus, where most pairs are seen twice)."""
    ranked = sorted(options, key=lambda o: (-o[1] / (o[2] + units), o[0]))
    shortlist = ranked[:SHORTLIST]
    edge = shortlist[-1][1] / (shortlist[-1][2] + units)
    shortlist += [o for o in ranked[SHORTLIST : SHORTLIST * 8] if o[1] / (o[2] + units) >= edge]
    return max(shortlist, key=lambda o: (score(o[0], o[1]), -o[0]))[0]


def _options(
    joint: Counter[int],
    width: int,
    ru_sides: dict[int, Side],
    en_sides: dict[int, Side],
    minimum: int,
) -> tuple[dict[int, list[Option]], dict[int, list[Option]]]:
    """Each Russian candidate's English options and each English one's Russian options."""
    by_ru: dict[int, list[Option]] = {}
    by_en: dict[int, list[Option]] = {}
    for pid, count in joint.items():
        if count < minimum:
            continue
        rid, eid = divmod(pid, width)
        if rid in ru_sides and eid in en_sides:
            by_ru.setdefault(rid, []).append((eid, count, en_sides[eid].units))
            by_en.setdefault(eid, []).append((rid, count, ru_sides[rid].units))
    return by_ru, by_en


def _chosen(
    best_en: dict[int, int], best_ru: dict[int, int]
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The pairs kept, and of them the mutual ones. A one-sided choice beside a mutual pair
    of either of its sides is that pair's echo (Стамбульский саммит–Istanbul beside
    Стамбульский саммит–Istanbul Summit)."""
    chosen = {(rid, eid) for rid, eid in best_en.items()}
    chosen |= {(rid, eid) for eid, rid in best_ru.items()}
    mutual = {
        (rid, eid)
        for rid, eid in chosen
        if best_en.get(rid) == eid and best_ru.get(eid, rid) == rid
    }
    taken_ru = {rid for rid, _ in mutual}
    taken_en = {eid for _, eid in mutual}
    kept = mutual | {
        (rid, eid) for rid, eid in chosen if rid not in taken_ru and eid not in taken_en
    }
    return kept, mutual


def _alternatives(
    by_ru: dict[int, list[Option]],
    best_en: dict[int, int],
    chosen: set[tuple[int, int]],
    scores: _Scores,
) -> set[tuple[int, int]]:
    """The second rendering of a Russian candidate, written much like the first but not
    part of it: only ever proposed as a variant of a known concept ("Turkish Council"
    beside "Turkic Council", "Organisation of Turkic States" beside "Organization …")."""
    ru_sides, en_sides = scores.ru_sides, scores.en_sides
    alternatives: set[tuple[int, int]] = set()
    for rid, options in by_ru.items():
        top = en_sides[best_en[rid]].key
        others = [
            (eid, count)
            for eid, count, units in options
            if eid != best_en[rid]
            and not _nested(en_sides[eid].key, top)
            and _alike(en_sides[eid].text, en_sides[best_en[rid]].text)
            and dice(count, ru_sides[rid].units, units) >= 0.25
        ]
        if others:
            eid = max(others, key=lambda o: (scores.choice(rid, o[0], o[1]), -o[0]))[0]
            if (rid, eid) not in chosen:
                alternatives.add((rid, eid))
    return alternatives


def pair_candidates(
    joint: Counter[int],
    width: int,
    ru_sides: dict[int, Side],
    en_sides: dict[int, Side],
    total: int,
    lexicon: Lexicon,
    minimum: int,
    examples: tuple[dict[int, str], dict[int, str]],
) -> list[Pair]:
    """Each Russian candidate with its best English partner, and each English name with its
    best Russian partner (`joint`: TUs shared, keyed rid * width + eid), with the evidence."""
    by_ru, by_en = _options(joint, width, ru_sides, en_sides, minimum)
    scores = _Scores(ru_sides, en_sides, lexicon)
    best_en = {
        rid: _best(options, scores.for_russian(rid), ru_sides[rid].units)
        for rid, options in by_ru.items()
    }
    best_ru = {
        eid: _best(options, scores.for_english(eid), en_sides[eid].units)
        for eid, options in by_en.items()
        if en_sides[eid].name
    }
    chosen, mutual = _chosen(best_en, best_ru)
    alternatives = _alternatives(by_ru, best_en, chosen, scores)
    first, second = examples
    pairs = []
    for rid, eid in sorted(chosen | alternatives):
        ru, en = ru_sides[rid], en_sides[eid]
        if ru.name and en.name:
            ru = replace(ru, text=named_as_rendered(ru.text, en.text))
        pid = rid * width + eid
        count = joint[pid]
        shown = tuple(x for x in (first.get(pid), second.get(pid)) if x)
        pairs.append(
            Pair(
                ru,
                en,
                count,
                dice(count, ru.units, en.units),
                llr(count, ru.units, en.units, total),
                scores.support(rid, eid),
                shown,
                (rid, eid) in mutual,
                alternative=(rid, eid) in alternatives,
            )
        )
    return pairs


def _alike(text: str, other: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(text.casefold(), other.casefold()) >= 80


def _nested(key: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether one key runs inside the other (Turkic States inside Organization of Turkic
    States)."""
    short, long = sorted((key, other), key=len)
    size = len(short)
    return any(long[i : i + size] == short for i in range(len(long) - size + 1))
