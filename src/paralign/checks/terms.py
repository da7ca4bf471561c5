"""Glossary checks: term-missing, term-deprecated, term-unexpected, term-inconsistent."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from paralign.checks.base import Corpus, Side, Unit
from paralign.checks.periods import in_its_period, paragraph_of, years_in_use
from paralign.glossary import TermMatch, closest_admitted, is_abbreviation_term, preferred
from paralign.model import Finding, Location, Status, TermRef

_VARIANT = (Status.DEPRECATED, Status.SUPERSEDED)


def check_unit(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    yield from _deprecated(corpus, unit)
    yield from _missing(corpus, unit)
    yield from _unexpected(corpus, unit)


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


def _admitted(match: TermMatch) -> bool:
    return match.term.status not in _VARIANT


def _missing(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    if not unit.target.sentences or unit.target.text == unit.source.text:
        return  # nothing was translated: `untranslated` says so once, not per term
    in_target = {m.concept for m in unit.target.matches}
    reported: set[str] = set()
    for match in unit.source.matches:
        concept = match.concept
        if concept in in_target or concept in reported:
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


def _unexpected(corpus: Corpus, unit: Unit) -> Iterator[Finding]:
    if not unit.source.sentences:
        return
    in_source = {m.concept for m in unit.source.matches}
    reported: set[str] = set()
    for match in unit.target.matches:
        if match.concept in in_source or match.concept in reported:
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


# A rendering as a term-inconsistent finding needs it: (file, line, tu, sentence, concept,
# the source's term of the concept, the rendering's text, the term it matched).
Use = tuple[str, int, str, str, str, str, str, str]


def use(unit: Unit, match: TermMatch) -> Use:
    """What a term-inconsistent finding about `match` needs, without the unit."""
    sentence = unit.target.sentence_at(match.start)
    return (
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
    file, line, tu, sentence, concept, source, text, term = draft
    return corpus.finding(
        "term-inconsistent",
        f"{text!r} renders concept {concept} here, but {norm!r} elsewhere "
        f"({counted[norm]} to {counted[term]})",
        Location(file, line, tu),
        sentence,
        TermRef(concept, source, norm, text),
    )


def check_corpus(corpus: Corpus, units: list[Unit]) -> Iterator[Finding]:
    """term-inconsistent over units held in memory: minority renderings across documents."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for unit in units:
        for key, match in renderings(unit):
            counts[key][match.term.text] += 1
    majority = norms(corpus, counts)
    if not majority:
        return
    for unit in units:
        for key, match in renderings(unit):
            if key in majority and match.term.text != majority[key]:
                yield inconsistent(corpus, unit, match, majority[key], counts[key])
