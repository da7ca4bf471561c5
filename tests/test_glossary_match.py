"""Term matching: Russian through lemmas, English through stems, abbreviations exactly."""

from __future__ import annotations

import pytest

from paralign.glossary import TermMatcher, fold, tokens
from paralign.memo import repeated
from paralign.model import Status
from tests.check_fixtures import GLOSSARY

MATCHER = TermMatcher(GLOSSARY)


def found(text: str, lang: str) -> list[tuple[str, str, str]]:
    return [(m.concept, m.term.text, m.text) for m in MATCHER.find(text, lang)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        (
            "неформального саммита Организации тюркских государств (ОТГ)",
            "Организации тюркских государств",
        ),
        ("встреча с Организацией тюркских государств", "Организацией тюркских государств"),
        ("об Организациях тюркских государств", "Организациях тюркских государств"),
        ("получившего название «*Цифровой коридор*»", "Цифровой коридор"),
        ("говорили о «Цифровом коридоре»", "Цифровом коридоре"),
        ('говорили о "Цифровом коридоре"', "Цифровом коридоре"),
        ("говорили о „Цифровом коридоре“", "Цифровом коридоре"),
        ("течений пантюркизма и пантуранизма", "пантуранизма"),
    ],
)
def test_russian_terms_match_in_any_case_and_number(text: str, surface: str) -> None:
    assert surface in [m.text for m in MATCHER.find(text, "ru")]


def test_unknown_russian_names_match_their_inflected_forms() -> None:
    text = "по инициативе президента Турции Тургута Озала в Анкаре, помимо самого Озала"
    assert found(text, "ru") == [
        ("ozal", "Тургут Озал", "Тургута Озала"),
        ("ozal", "Озал", "Озала"),
    ]
    assert [m.concept for m in MATCHER.find("К.-Ж. Токаеву и Р. Т. Эрдогану", "ru")] == [
        "tokayev",
        "erdogan",
    ]


def test_russian_abbreviations_match_by_exact_form_only() -> None:
    assert found("саммит ОТГ в Туркестане", "ru") == [("ots", "ОТГ", "ОТГ")]
    assert found("саммит отг в Туркестане", "ru") == []
    assert [m.concept for m in MATCHER.find("Россией и КНР", "ru")] == ["prc"]


def test_russian_words_that_only_look_alike_do_not_match() -> None:
    # «тюркоязычных государств» is not «тюркских государств»; «коридором» alone is no term.
    assert found("первый саммит тюркоязычных государств", "ru") == []
    assert found("сухопутным коридором с Азербайджаном", "ru") == []


@pytest.mark.parametrize(
    ("text", "term", "surface"),
    [
        (
            "summit of the Organization of Turkic States (OTS) took place",
            "Organization of Turkic States",
            "Organization of Turkic States",
        ),
        ("known as the “*Digital Corridor*”.", "Digital Corridor", "Digital Corridor"),
        ('known as the "Digital Corridor".', "Digital Corridor", "Digital Corridor"),
        ("two Digital Corridors were planned", "Digital Corridor", "Digital Corridors"),
        ("Tokayev played on Erdoğan's ambition", "Erdoğan", "Erdoğan's"),
        ("Tokayev played on Erdoğan’s ambition", "Erdoğan", "Erdoğan’s"),
        ("movements of Pan-Turkism and Pan-Turanism", "Pan-Turanism", "Pan-Turanism"),
        ("movements of pan Turkism", "Pan-Turkism", "pan Turkism"),
    ],
)
def test_english_terms_match_with_inflection_and_punctuation_variants(
    text: str, term: str, surface: str
) -> None:
    assert (term, surface) in [(m.term.text, m.text) for m in MATCHER.find(text, "en")]


def test_english_abbreviations_are_case_sensitive() -> None:
    assert [m.text for m in MATCHER.find("the OTS member states", "en")] == ["OTS"]
    assert MATCHER.find("the ots member states", "en") == ()
    assert MATCHER.find("Russian Federation and the prc", "en") == ()


def test_variants_keep_their_own_status() -> None:
    matches = MATCHER.find("the Organisation of Turkic States met", "en")
    assert [(m.term.text, m.term.status) for m in matches] == [
        ("Organisation of Turkic States", Status.DEPRECATED)
    ]
    # Pan-Turanianism stems apart from Pan-Turanism: a variant, not the preferred term.
    matches = MATCHER.find("aggressive forms of Pan-Turanianism", "en")
    assert [m.term.status for m in matches] == [Status.DEPRECATED]


def test_diacritics_distinguish_the_deprecated_variant() -> None:
    turgut = MATCHER.find("Turkish president Turgut Ozal, in addition to Ozal", "en")
    assert [(m.term.text, m.exact) for m in turgut] == [("Turgut Özal", False), ("Ozal", True)]
    assert [(m.term.text, m.exact) for m in MATCHER.find("Erdogan arrived", "en")] == [
        ("Erdogan", True)
    ]
    assert [(m.term.text, m.exact) for m in MATCHER.find("Erdoğan arrived", "en")] == [
        ("Erdoğan", True)
    ]


def test_longest_term_wins_over_its_parts() -> None:
    assert found("In 1992 Turgut Özal came", "en") == [("ozal", "Turgut Özal", "Turgut Özal")]


def test_fold_keeps_cyrillic_short_i_and_folds_yo() -> None:
    assert fold("Erdoğan Özal ещё Цифровой") == "Erdogan Ozal еще Цифровой"


def test_tokens_carry_offsets_into_the_text() -> None:
    text = "K.-J. Tokayev’s «Digital Corridor»"
    assert [(t.text, text[t.start : t.end]) for t in tokens(text)][2:] == [
        ("Tokayev’s", "Tokayev’s"),
        ("Digital", "Digital"),
        ("Corridor", "Corridor"),
    ]


def test_possessive_abbreviations_still_match_exactly() -> None:
    assert [m.text for m in MATCHER.find("the OTS’s role and the PRC's problems", "en")] == [
        "OTS’s",
        "PRC's",
    ]


def test_a_variant_sharing_the_stem_of_the_preferred_term_is_still_the_variant() -> None:
    from paralign.model import Glossary
    from tests.check_fixtures import D, P, concept

    glossary = Glossary(
        (
            concept(
                "karvel",
                ("Karvel Institute", "en", P),
                ("Karvel Institution", "en", D),
                ("Институт «Карвел»", "ru", P),
            ),
        )
    )
    matcher = TermMatcher(glossary)
    (match,) = matcher.find("the work of the Karvel Institution was praised", "en")
    assert (match.term.text, match.term.status) == ("Karvel Institution", Status.DEPRECATED)
    (match,) = matcher.find("the Karvel Institutes", "en")
    assert match.term.status is Status.PREFERRED
    (match,) = matcher.find("о деятельности Института «Карвел»", "ru")
    assert match.term.text == "Институт «Карвел»"


def test_terms_with_numbers_match_with_their_digits() -> None:
    from pathlib import Path

    from paralign.glossary_files import load_glossary

    matcher = TermMatcher(load_glossary(Path(__file__).resolve().parents[1] / "glossary/arvak.tbx"))
    text = "the Karabakh War of 2020, not the war of 2021, and the 44-day war"
    assert [m.term.text for m in matcher.find(text, "en")] == ["Karabakh War of 2020", "44-day war"]
    assert [m.text for m in matcher.find("Карабахской войны 2020 года", "ru")] == [
        "Карабахской войны 2020 года"
    ]


def test_morphology_and_stemming_run_on_their_c_backends() -> None:
    """pymorphy3[fast] and PyStemmer are dependencies for speed alone (the same parses and
    stems, measured when they were added): a TM's distinct words are parsed once each, and
    the pure-Python DAWG reader made that a third of check's time on distinct sentences."""
    import snowballstemmer

    from paralign.glossary import morph

    words = morph().dictionary.words
    assert any(cls.__module__ == "dawg" for cls in type(words).__mro__), type(words).__mro__
    assert type(snowballstemmer.stemmer("english")).__module__ == "Stemmer"


def test_a_text_seen_lately_is_answered_from_the_cache() -> None:
    # A TM repeats segments: from its second sight a text costs a lookup, and what it gets
    # back is immutable, so no caller can change another's matches.
    text = "the OTS member states of the Organization of Turkic States"
    first = MATCHER.find(text, "en")
    assert isinstance(first, tuple) and [m.text for m in first] == [
        "OTS",
        "Organization of Turkic States",
    ]
    second = MATCHER.find(text, "en")
    assert second == first and MATCHER.find(text, "en") is second


def test_repeated_keeps_an_answer_from_the_second_sight_on() -> None:
    calls: list[str] = []

    @repeated(4)
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    assert [length("ab"), length("ab"), length("ab"), length("ab")] == [2, 2, 2, 2]
    assert calls == ["ab", "ab"]  # the first sight computes and keeps nothing
    for i in range(100):  # texts seen once: computed each, more than the cache holds
        assert length(f"t{i}") == len(f"t{i}")
    assert len(calls) == 102
    calls.clear()
    # The hashes of the texts seen once pushed "ab" out of what is remembered as seen, so
    # its next sight computes; but they were never kept, so its answer still is.
    assert [length("ab"), length("ab")] == [2, 2]
    assert calls == ["ab"]
