"""Glossary checks: term-missing, term-deprecated, term-variant, term-unexpected,
term-inconsistent.

term-inconsistent is the one corpus-wide rule: this module says what a rendering is
(`renderings`), which rendering is the norm (`norms`) and how a minority use is reported;
the engine (`paralign.checks.engine`) counts them over the whole input, in one process or
several."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from paralign.checks.base import Corpus, Rule, Side, Unit
from paralign.checks.periods import in_its_period, paragraph_of, years_in_use
from paralign.glossary import (
    TermMatch,
    closest_admitted,
    is_abbreviation,
    is_abbreviation_term,
    preferred,
    tokens,
)
from paralign.glossary_near import NearMatch, SpanSet
from paralign.model import Finding, Location, Severity, Status, Term, TermRef

_VARIANT = (Status.DEPRECATED, Status.SUPERSEDED)


RULES = (
    Rule(
        "term-missing",
        Severity.WARNING,
        "A source term's concept has no admitted target term in the aligned target",
        "Use the glossary's preferred target term (or an admitted one) for the concept.",
    ),
    Rule(
        "term-deprecated",
        Severity.ERROR,
        "A deprecated or superseded variant of a glossary term is used",
        "Replace the variant with the glossary's preferred term.",
    ),
    Rule(
        "term-variant",
        Severity.ERROR,
        "A rendering close to a concept's glossary terms but none of them (an unlisted "
        "variant: a word changed, a misspelling, a name spelled another way, a calque)",
        "Use the glossary's preferred term; if the rendering is right, add it to the glossary "
        "(admitted), or as deprecated to keep it reported.",
    ),
    Rule(
        "term-inconsistent",
        Severity.ERROR,
        "One concept is rendered with different terms across the corpus",
        "Use the rendering the rest of the corpus uses (the majority), or change them all.",
    ),
    Rule(
        "term-unexpected",
        Severity.INFO,
        "A target term's concept is absent from the aligned source",
        "Check the alignment, or whether the term was added in translation.",
    ),
)
"""The rules this family reports."""


def check_unit(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    # Turned off, term-variant costs nothing, and its concepts are term-missing's again.
    variants = unlisted_variants(corpus, unit) if "term-variant" in corpus.enabled else []
    yield from (_variant(corpus, unit, near) for near in variants)
    yield from _deprecated(corpus, unit)
    # A concept rendered by a variant is reported once, as term-variant, not also missed;
    # a term inside the variant ("Turkish" in "Organization of Turkish Nations") is its part.
    yield from _missing(corpus, unit, {near.concept for near in variants})
    yield from _unexpected(corpus, unit, [(near.start, near.end) for near in variants])


def _expected(corpus: Corpus, concept: str, lang: str) -> str:
    term = preferred(corpus.matcher.concepts[concept], lang)
    return term.text if term else ""


def _deprecated(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    for side in (unit.source, unit.target):
        for match in side.matches:
            if match.term.status not in _VARIANT and match.exact:
                continue
            if _former_name_in_its_period(unit, side, match):
                continue
            target = closest_admitted(corpus.matcher.concepts[match.concept], match.term)
            expected = target.text if target else ""
            if match.term.status in _VARIANT:
                why = f"{match.term.status.value} variant"
            else:
                why = f"variant without the diacritics of {match.term.text!r}"
            if expected == match.text:
                continue
            sentence = side.sentence_at(match.start)
            yield corpus.finding(
                "term-deprecated",
                f"{match.text!r} is a {why}; the glossary prefers {expected!r}",
                unit.location(side, sentence),
                sentence.text,
                TermRef(match.concept, _source_of(unit, match, side), expected, match.text),
            )


def _former_name_in_its_period(unit: Unit, side: Side, match: TermMatch) -> bool:
    """A superseded term used of the years it was in use (`periods`) is no finding."""
    if years_in_use(match.term) is None:
        return False
    is_source = side is unit.source
    sentences = unit.bitext.source if is_source else unit.bitext.target
    ids = unit.link.src if is_source else unit.link.tgt
    sentence = side.sentence_at(match.start).text
    return in_its_period(match.term, sentence, lambda: paragraph_of(sentences, ids))


def _source_of(unit: Unit, match: TermMatch, side: Side) -> str:
    """The source term of the same concept, for a finding on the target side."""
    if side is unit.source:
        return match.text
    for other in unit.source.matches:
        if other.concept == match.concept:
            return other.text
    return ""


def _short(term: Term) -> bool:
    """An acronym (OTS, TÜRKSOY) or a short form (Northern Cyprus, Erdoğan): a rendering that
    may stand inside a variant of the written-out name ("Turkic Republic of Northern
    Cyprus")."""
    # Cached on the two fields that decide: asked for every match of every unit.
    return _short_form(term.term_type, term.text)


@lru_cache(maxsize=4096)
def _short_form(term_type: str, text: str) -> bool:
    kind = term_type.replace(" ", "").lower()
    return kind in {"abbreviation", "acronym", "initialism", "shortform"} or is_abbreviation(text)


def _wanted(unit: Unit) -> dict[str, int]:
    """How many renderings of each source concept the target lacks: written-out names the
    source writes out and the target does not, else one when the target has none at all.
    "Organization of Turkic Nations (OTS)" for «Организация тюркских государств (ОТГ)»
    lacks one written-out name although its acronym is there."""
    source = unit.source.matches
    if not source:
        return {}
    target = unit.target.matches
    in_target = {m.concept for m in target}
    full_source = Counter(m.concept for m in source if not _short(m.term))
    full_target = Counter(m.concept for m in target if not _short(m.term))
    wanted = {}
    for concept in dict.fromkeys(m.concept for m in source):  # in order: deterministic ties
        lacking = full_source[concept] - full_target[concept]
        count = lacking if lacking > 0 else int(concept not in in_target)
        if count > 0:
            wanted[concept] = count
    return wanted


def unlisted_variants(corpus: Corpus, unit: Unit) -> list[NearMatch]:
    """The target's renderings of source concepts that are close to one of the concept's
    terms but none of them (`glossary_near.near_terms`): sought only for the concepts the target
    lacks (`_wanted`), at most as many as it lacks, away from the written-out terms it does
    hold (a short form may stand inside a variant)."""
    target = unit.target
    if not target.sentences or not unit.source.sentences or target.text == unit.source.text:
        return []
    wanted = _wanted(unit)
    if not wanted:
        return []
    # Another concept's name of several words is that concept, not a variant of this one
    # (the Parliamentary Assembly of Turkic States beside the OTS); a single word may be part
    # of a variant (Turkish, in "Organization of Turkish Nations").
    names = [(m.start, m.end) for m in target.matches if len(tokens(m.text)) > 1]
    terms = {(m.start, m.end) for m in target.matches}  # a glossary term is no variant
    found: list[NearMatch] = []
    for concept, count in wanted.items():
        if not corpus.matcher.concepts[concept].terms_in(target.lang):
            continue
        own = [m for m in target.matches if m.concept == concept]
        short = [(m.start, m.end) for m in own if _short(m.term)]
        taken = [(m.start, m.end) for m in own if not _short(m.term)]
        taken += [span for span in names if span not in short]
        close = corpus.near_terms(target.text, target.lang, concept, tuple(taken), tuple(short))
        found.extend([c for c in close if (c.start, c.end) not in terms][:count])
    found.sort(key=lambda m: (m.cost, m.start))
    chosen = SpanSet()
    kept: list[NearMatch] = []
    for near in found:
        if not chosen.overlaps(near.start, near.end):
            chosen.add(near.start, near.end)
            kept.append(near)
    return sorted(kept, key=lambda m: m.start)


def _variant(corpus: Corpus, unit: Unit, near: NearMatch) -> Finding:
    expected = _expected(corpus, near.concept, unit.target.lang)
    closest = f", close to {near.term.text!r}" if near.term.text != expected else ""
    source = next((m.text for m in unit.source.matches if m.concept == near.concept), "")
    sentence = unit.target.sentence_at(near.start)
    return corpus.finding(
        "term-variant",
        f"{near.text!r} is no glossary term of concept {near.concept}{closest}; "
        f"the glossary prefers {expected!r}",
        unit.location(unit.target, sentence),
        sentence.text,
        TermRef(near.concept, source, expected, near.text),
    )


def _admitted(match: TermMatch) -> bool:
    return match.term.status not in _VARIANT


def _missing(corpus: Corpus, unit: Unit, varied: set[str]) -> Iterator[Finding]:
    if not unit.target.sentences or unit.target.text == unit.source.text:
        return  # nothing was translated: `untranslated` says so once, not per term
    in_target = {m.concept for m in unit.target.matches}
    reported: set[str] = set()
    for match in unit.source.matches:
        concept = match.concept
        if concept in in_target or concept in reported or concept in varied:
            continue  # a deprecated rendering is term-deprecated's business, not a miss
        expected = _expected(corpus, concept, unit.target.lang)
        if not expected:
            continue
        reported.add(concept)
        yield corpus.finding(
            "term-missing",
            f"source has {match.text!r}; the target has no admitted term for it "
            f"(expected {expected!r})",
            unit.location(unit.target),
            unit.target.text,
            TermRef(concept, match.text, expected, ""),
        )


def _unexpected(corpus: Corpus, unit: Unit, variants: list[tuple[int, int]]) -> Iterator[Finding]:
    if not unit.source.sentences:
        return
    in_source = {m.concept for m in unit.source.matches}
    reported: set[str] = set()
    for match in unit.target.matches:
        if match.concept in in_source or match.concept in reported:
            continue
        if any(start <= match.start and match.end <= end for start, end in variants):
            continue
        if not corpus.matcher.concepts[match.concept].terms_in(unit.source.lang):
            continue
        reported.add(match.concept)
        sentence = unit.target.sentence_at(match.start)
        yield corpus.finding(
            "term-unexpected",
            f"target has {match.text!r}, but its concept is not in the aligned source",
            unit.location(unit.target, sentence),
            sentence.text,
            TermRef(
                match.concept, "", _expected(corpus, match.concept, unit.target.lang), match.text
            ),
        )


def renderings(unit: Unit) -> Iterator[tuple[tuple[str, str], TermMatch]]:
    """The target matches that count as renderings of a concept, keyed (concept, part of
    speech): abbreviations, short and full forms stand beside full names by design, a
    derived adjective (pan-Turkist) is no rival of its noun (Pan-Turkism), and deprecated
    variants are term-deprecated's."""
    for match in unit.target.matches:
        if _admitted(match) and match.exact and not is_abbreviation_term(match.term):
            yield (match.concept, match.term.part_of_speech or "noun"), match


def norms(
    corpus: Corpus, counts: dict[tuple[str, str], Counter[str]]
) -> dict[tuple[str, str], str]:
    """The majority rendering of each concept rendered more than one way (on a tie the
    preferred term, then alphabetical order)."""
    out = {}
    for key, counted in counts.items():
        if len(counted) < 2:
            continue
        best = _expected(corpus, key[0], corpus.settings.tgt_lang)
        out[key] = min(counted, key=lambda t: (-counted[t], t != best, t))
    return out


def inconsistent(
    corpus: Corpus, unit: Unit, match: TermMatch, norm: str, counted: Counter[str]
) -> Finding:
    return inconsistent_use(corpus, use(unit, match), norm, counted)


class Use(NamedTuple):
    """A rendering, as much of it as a term-inconsistent finding needs without its Unit
    (worker processes send these back: a plain tuple pickles cheaply)."""

    file: str
    line: int
    tu: str
    sentence: str
    concept: str
    source: str
    """The source's term of the concept."""
    text: str
    """The rendering as written."""
    term: str
    """The glossary term it matched."""


def use(unit: Unit, match: TermMatch) -> Use:
    """What a term-inconsistent finding about `match` needs, without the unit."""
    sentence = unit.target.sentence_at(match.start)
    return Use(
        unit.target.file,
        sentence.line,
        unit.tu,
        sentence.text,
        match.concept,
        _source_of(unit, match, unit.target),
        match.text,
        match.term.text,
    )


def inconsistent_use(corpus: Corpus, draft: Use, norm: str, counted: Counter[str]) -> Finding:
    return corpus.finding(
        "term-inconsistent",
        f"{draft.text!r} renders concept {draft.concept} here, but {norm!r} elsewhere "
        f"({counted[norm]} to {counted[draft.term]})",
        Location(draft.file, draft.line, draft.tu),
        draft.sentence,
        TermRef(draft.concept, draft.source, norm, draft.text),
    )
