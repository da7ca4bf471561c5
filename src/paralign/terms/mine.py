"""Two passes over the aligned TUs: count the candidates of each side, then their pairs.

Pass 1 counts Russian candidates by form and English ones by stems, the abbreviations
defined, and keeps a sample of TUs for the lexicon. Between the passes the Russian forms
are grouped by lemma and the candidates seen in fewer than `min_frequency` TUs dropped.
Pass 2 counts, for each Russian candidate, the English candidates in the same TUs whose TU
count is within `max_ratio` of its own (a rendering seen eight times as often, or an
eighth as often, cannot have a Dice above 0.22, so it is never counted), and keeps the
written forms and two example TUs.

Memory is bounded: each counter holds at most `max_entries` keys; past that, the keys with
the lowest counts are dropped (lossy counting, Manku and Motwani 2002), so a candidate
rarer than the current threshold may be undercounted or lost, never a frequent one.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from paralign.model import Bitext, ParalignError
from paralign.terms import english, russian, russian_forms
from paralign.terms.abbreviations import definitions
from paralign.terms.association import Lexicon
from paralign.terms.model import Definition, Key, MineSettings, Pair, Side, Unit, Written
from paralign.terms.pairing import pair_candidates
from paralign.terms.words import is_abbreviation_like, written_word

LEXICON_SAMPLE = 1500
MAX_FORMS = 8


_K = TypeVar("_K")


def units(pieces: Iterable[Bitext]) -> Iterator[Unit]:
    """(TU id, Russian, English) of each link with both sides; the Russian side is whichever
    of the Bitext's languages is Russian."""
    for bitext in pieces:
        src_ru = bitext.src_lang.lower().startswith("ru")
        tgt_ru = bitext.tgt_lang.lower().startswith("ru")
        if src_ru == tgt_ru:
            raise ParalignError(
                f"{bitext.src_path or bitext.name}: terms mine needs Russian on one side and "
                f"English on the other, not {bitext.src_lang}-{bitext.tgt_lang}"
            )
        for n, link in enumerate(bitext.links, 1):
            if not link.src or not link.tgt:
                continue
            source = " ".join(bitext.source[i].text for i in link.src)
            target = " ".join(bitext.target[i].text for i in link.tgt)
            tuid = link.tuid or f"{bitext.name}:{n}"
            yield (tuid, source, target) if src_ru else (tuid, target, source)


def _prune(counter: Counter[_K], limit: int) -> None:
    """Drop the rarest keys until the counter is below `limit` (lossy counting)."""
    floor = 1
    while len(counter) > limit:
        for key in [k for k, v in counter.items() if v <= floor]:
            del counter[key]
        floor += 1


@dataclass
class _Counts:
    total: int
    ru_forms: Counter[Key]  # form → TUs
    en_units: Counter[Key]  # key → TUs
    ru_definitions: Counter[Definition]  # (short, form) → count
    en_definitions: Counter[Definition]  # (short, key) → count
    sample: list[tuple[str, str]]


def _first_pass(stream: Iterable[Unit], settings: MineSettings) -> _Counts:
    ru_forms: Counter[Key] = Counter()
    en_units: Counter[Key] = Counter()
    ru_defs: Counter[Definition] = Counter()
    en_defs: Counter[Definition] = Counter()
    sample: list[tuple[str, str]] = []
    chooser = random.Random(17)
    total = 0
    cap = settings.max_entries
    for _tuid, ru_text, en_text in stream:
        total += 1
        ru_forms.update({p.form for p in russian.phrases(ru_text)})
        en_units.update({p.key for p in english.phrases(en_text)})
        for d in definitions(ru_text):
            ru_defs[(d.short, tuple(russian.form_word(w) for w in d.words))] += 1
        for d in definitions(en_text):
            key = tuple(k for w in d.words for k in english.word_key(w.text))
            en_defs[(d.short, key)] += 1
        if settings.lexicon:
            if len(sample) < LEXICON_SAMPLE:
                sample.append((ru_text, en_text))
            else:
                slot = chooser.randrange(total)
                if slot < LEXICON_SAMPLE:
                    sample[slot] = (ru_text, en_text)
        if len(ru_forms) > cap:
            _prune(ru_forms, cap // 2)
        if len(en_units) > cap:
            _prune(en_units, cap // 2)
    return _Counts(total, ru_forms, en_units, ru_defs, en_defs, sample)


def mine_pairs(
    pieces: Callable[[], Iterable[Bitext]], settings: MineSettings = MineSettings()
) -> tuple[list[Pair], int]:
    """The candidate pairs of the TUs `pieces()` yields (called twice), and the TU count."""
    counts = _first_pass(units(pieces()), settings)
    minimum = settings.min_frequency
    lemmas, key_units, ru_keys, form_id = _russian_keys(counts.ru_forms, settings)
    ru_id = {k: i for i, k in enumerate(ru_keys)}
    en_keys = sorted((k for k, c in counts.en_units.items() if c >= minimum), key=_en_order)
    en_id = {k: i for i, k in enumerate(en_keys)}
    en_pass1 = [counts.en_units[k] for k in en_keys]
    ru_pass1 = [key_units[k] for k in ru_keys]
    del counts.ru_forms, counts.en_units
    width = len(en_keys) + 1

    # The lexicon is trained between the passes: its EM arrays (a quarter of a GB for the
    # 1,500-TU sample) then sit beside the first pass's leftovers, not beside the pairs.
    lexicon = Lexicon.train(counts.sample) if settings.lexicon else Lexicon()
    counts.sample.clear()
    seen = _second_pass(units(pieces()), form_id, en_id, ru_pass1, en_pass1, width, settings)
    joint = seen.joint

    paired_ru = {pid // width for pid, count in joint.items() if count >= minimum}
    paired_en = {pid % width for pid, count in joint.items() if count >= minimum}
    ru_sides = {
        rid: _ru_side(
            ru_keys[rid], seen.ru_written[rid], seen.ru_occurrences[rid], seen.ru_units[rid], lemmas
        )
        for rid in paired_ru
    }
    en_sides = {
        eid: _en_side(
            en_keys[eid],
            seen.en_written[eid],
            seen.en_occurrences[eid],
            seen.en_units[eid],
            seen.en_names.get(eid, 0) * 2 > seen.en_occurrences[eid],
        )
        for eid in paired_en
    }
    ru_abbreviations = _abbreviations(
        ((short, russian_forms.lemma_key(form, lemmas)), n)
        for (short, form), n in counts.ru_definitions.items()
    )
    en_abbreviations = _abbreviations(counts.en_definitions.items())
    pairs = pair_candidates(
        joint,
        width,
        ru_sides,
        en_sides,
        counts.total,
        lexicon,
        minimum,
        (seen.first, seen.second),
    )
    pairs = [_with_abbreviations(p, ru_abbreviations, en_abbreviations) for p in pairs]
    return _independence(pairs, seen.ru_units, ru_id), counts.total


def _russian_keys(
    ru_forms: Counter[Key], settings: MineSettings
) -> tuple[dict[str, str], Counter[Key], list[Key], dict[Key, int]]:
    """Between the passes: each word form's lemma (a corpus-wide vote), the TU count of each
    lemma key, the keys carried into pass 2 (likeliest first, at most `max_russian`) and the
    id of each form whose key is carried."""
    words: Counter[str] = Counter()
    for form, count in ru_forms.items():
        for word in form:
            words[word] += count
    lemmas = russian_forms.resolve_lemmas(words)
    key_units: Counter[Key] = Counter()
    key_of_form: dict[Key, Key] = {}
    for form, count in ru_forms.items():
        key = russian_forms.lemma_key(form, lemmas)
        key_of_form[form] = key
        key_units[key] += count
    ru_keys = sorted(
        (k for k, c in key_units.items() if c >= settings.min_frequency),
        key=lambda k: (-key_units[k] * _prior(k), k),
    )[: settings.max_russian]
    ru_id = {k: i for i, k in enumerate(ru_keys)}
    form_id = {f: ru_id[k] for f, k in key_of_form.items() if k in ru_id}
    return lemmas, key_units, ru_keys, form_id


@dataclass
class _Joint:
    """Pass 2's counts, by candidate id: each side's TUs and occurrences, the written forms,
    English names, and the pairs (rid × width + eid) with their first two TU ids."""

    ru_units: dict[int, int] = field(default_factory=dict)
    ru_occurrences: dict[int, int] = field(default_factory=dict)
    ru_written: dict[int, Counter[Written]] = field(default_factory=dict)
    en_units: dict[int, int] = field(default_factory=dict)
    en_occurrences: dict[int, int] = field(default_factory=dict)
    en_written: dict[int, tuple[str, ...]] = field(default_factory=dict)
    en_initial_only: set[int] = field(default_factory=set)
    en_names: dict[int, int] = field(default_factory=dict)
    joint: Counter[int] = field(default_factory=Counter)
    first: dict[int, str] = field(default_factory=dict)
    second: dict[int, str] = field(default_factory=dict)


def _second_pass(
    stream: Iterable[Unit],
    form_id: dict[Key, int],
    en_id: dict[Key, int],
    ru_pass1: list[int],
    en_pass1: list[int],
    width: int,
    settings: MineSettings,
) -> _Joint:
    # The loop body runs for every TU of a million: plain dicts and bound methods, no
    # Counter.__missing__ (a Python call per new key).
    found = _Joint()
    ratio, cap = settings.max_ratio, settings.max_entries
    joint, first, second = found.joint, found.first, found.second
    vocabulary = {word for form in form_id for word in form}
    for tuid, ru_text, en_text in stream:
        rids = _count_russian(found, form_id, vocabulary, ru_text)
        eids = _count_english(found, en_id, en_text)
        if not rids or not eids:
            continue
        ordered = sorted(eids, key=en_pass1.__getitem__)
        frequencies = [en_pass1[e] for e in ordered]
        get = joint.get
        for rid in rids:
            own = ru_pass1[rid]
            base = rid * width
            for eid in ordered[
                bisect_left(frequencies, own / ratio) : bisect_right(frequencies, own * ratio)
            ]:
                pid = base + eid
                count = get(pid, 0) + 1
                joint[pid] = count
                if count == 1:
                    first[pid] = tuid
                elif count == 2:
                    second[pid] = tuid
        if len(joint) > cap:
            _prune(joint, cap // 2)
            found.first = first = {k: v for k, v in first.items() if k in joint}
            found.second = second = {k: v for k, v in second.items() if k in joint}
    return found


def _count_russian(
    found: _Joint, form_id: dict[Key, int], vocabulary: set[str], text: str
) -> set[int]:
    rids: set[int] = set()
    occurrences, written = found.ru_occurrences, found.ru_written
    for phrase in russian.phrases_within(text, vocabulary):
        rid = form_id.get(phrase.form)
        if rid is None:
            continue
        rids.add(rid)
        occurrences[rid] = occurrences.get(rid, 0) + 1
        seen = written.get(rid)
        if seen is None:
            seen = written[rid] = Counter()
        entry = (phrase.words, phrase.initial, phrase.kind)
        if entry in seen or len(seen) < MAX_FORMS:
            seen[entry] += 1
    units = found.ru_units
    for rid in rids:
        units[rid] = units.get(rid, 0) + 1
    return rids


def _count_english(found: _Joint, en_id: dict[Key, int], text: str) -> set[int]:
    eids: set[int] = set()
    occurrences, written, names = found.en_occurrences, found.en_written, found.en_names
    initial_only = found.en_initial_only
    for phrase in english.phrases(text):
        eid = en_id.get(phrase.key)
        if eid is None:
            continue
        eids.add(eid)
        occurrences[eid] = occurrences.get(eid, 0) + 1
        # written as seen away from a sentence start, where its capitals mean something
        if eid not in written or (eid in initial_only and not phrase.initial):
            written[eid] = phrase.words
            if phrase.initial:
                initial_only.add(eid)
            else:
                initial_only.discard(eid)
        if phrase.name:
            names[eid] = names.get(eid, 0) + 1
    units = found.en_units
    for eid in eids:
        units[eid] = units.get(eid, 0) + 1
    return eids


def _en_order(key: tuple[str, ...]) -> tuple[str, ...]:
    return key


def _prior(key: tuple[str, ...]) -> float:
    """Before pairing, how likely a Russian candidate is to be ranked: as `ranking.termhood`
    would have it for a single common word (0.25), else 1; phrases past four words 0.5."""
    if len(key) > 4:
        return 0.5
    if len(key) > 1 or key[0].startswith("="):
        return 1.0
    known = any(r.lemma == key[0] and r.pos == "N" for r in russian.readings(key[0]))
    return 0.25 if known else 1.0


def _abbreviations(
    items: Iterable[tuple[tuple[str, tuple[str, ...]], int]],
) -> dict[tuple[str, ...], str]:
    """Long-form key → its most often defined short form."""
    best: dict[tuple[str, ...], tuple[int, str]] = {}
    for (short, key), count in items:
        if (count, short) > best.get(key, (0, "")):
            best[key] = (count, short)
    return {key: short for key, (_count, short) in best.items()}


def _ru_side(
    key: tuple[str, ...],
    written: Counter[Written],
    occurrences: int,
    tus: int,
    lemmas: dict[str, str],
) -> Side:
    forms: Counter[tuple[str, ...]] = Counter()
    shown: Counter[str] = Counter()
    inside: Counter[tuple[tuple[str, ...], str]] = Counter()
    for (words, initial, kind), count in written.items():
        forms[tuple(russian.form_word(written_word(w)) for w in words)] += count
        shown[" ".join(words)] += count
        if not initial:
            inside[(words, kind)] += count
    if inside:
        (words, kind), _ = max(inside.items(), key=lambda item: (item[1], item[0]))
    else:
        (words, _initial, kind), _ = max(written.items(), key=lambda item: (item[1], item[0]))
        words = _lower_first(words, kind)
    text = russian_forms.dictionary_form(words, forms, lemmas, kind)
    if inside and len(words) == 1 and words[0][:1].isupper():
        text = russian_forms.attested_name(words[0], text, forms, lemmas)
    name = kind in ("name", "abbr") or text[:1].isupper()
    ordered = tuple(form for form, _ in sorted(shown.items(), key=lambda i: (-i[1], i[0])))
    return Side("ru", text, key, occurrences, tus, ordered, name)


def _lower_first(words: tuple[str, ...], kind: str) -> tuple[str, ...]:
    """A form seen only at the start of sentences: lower-case unless it reads as a name."""
    first = words[0]
    if kind != "np" or not first[:1].isupper() or is_abbreviation_like(first):
        return words
    if any(r.name for r in russian.readings(first.lower().replace("ё", "е"))):
        return words
    return (first[:1].lower() + first[1:], *words[1:])


def _en_side(
    key: tuple[str, ...], words: tuple[str, ...], occurrences: int, tus: int, name: bool
) -> Side:
    return Side("en", " ".join(words), key, occurrences, tus, (), name)


def _with_abbreviations(
    pair: Pair, ru: dict[tuple[str, ...], str], en: dict[tuple[str, ...], str]
) -> Pair:
    from dataclasses import replace

    ru_short, en_short = ru.get(pair.ru.key, ""), en.get(pair.en.key, "")
    if not ru_short and not en_short:
        return pair
    return replace(
        pair,
        ru=replace(pair.ru, abbreviation=ru_short),
        en=replace(pair.en, abbreviation=en_short),
    )


def _independence(
    pairs: list[Pair], ru_units: dict[int, int], ru_id: dict[tuple[str, ...], int]
) -> list[Pair]:
    """C-value's question: how often is a Russian candidate used outside a longer one?
    «тюркские государства» seen only inside «Организация тюркских государств» is not a
    term of its own; the share of its TUs beyond its most frequent longer candidate is."""
    from dataclasses import replace

    longest: dict[tuple[str, ...], int] = {}
    for key, rid in ru_id.items():
        size = len(key)
        for start in range(size):
            for end in range(start + 1, size + 1):
                if end - start == size:
                    continue
                sub = key[start:end]
                if sub in ru_id:
                    longest[sub] = max(longest.get(sub, 0), ru_units.get(rid, 0))
    found = []
    for pair in pairs:
        own = max(pair.ru.units, 1)
        inside = longest.get(pair.ru.key, 0)
        # a longer candidate seen in under half its TUs says nothing about it
        outside = max(own - inside, 0) / own if inside * 2 >= own else 1.0
        found.append(replace(pair, independence=outside))
    return found
