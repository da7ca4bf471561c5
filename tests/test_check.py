"""check_bitexts: each rule fires on a real sentence gone wrong and stays quiet on a correct,
inflected one. Sentences are the corpus's own (texts/ru, texts/en)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paralign.checks import RULES, CheckSettings, check_bitexts
from paralign.config import Config
from paralign.model import Concept, ParalignError, Severity, Status, Term
from tests.check_fixtures import GLOSSARY, bitext

SUMMIT_RU = (
    "15 мая 2026 г. в казахстанском городе Туркестане состоялся неформальный саммит "
    "Организации тюркских государств (ОТГ)."
)
SUMMIT_EN = (
    "On May 15, 2026, an informal summit of the Organization of Turkic States (OTS) took "
    "place in the Kazakh city of Turkestan."
)
OZAL_RU = (
    "В 1992 г. по инициативе президента Турции Тургута Озала в Анкаре прошёл первый саммит "
    "тюркоязычных государств."
)
OZAL_EN = (
    "In 1992, at the initiative of Turkish president Turgut Özal, the first summit of "
    "Turkic-speaking states was held in Ankara."
)
PANTURAN_RU = (
    "Эти опасения усиливались на фоне уже набиравших в то время силу "
    "радикально-идеологических течений пантюркизма и пантуранизма."
)
PANTURAN_EN = (
    "Ashgabat and Tashkent saw this as a threat, especially against the background of the "
    "radical-ideological movements of Pan-Turkism and Pan-Turanism."
)
CORRIDOR_RU = (
    "Тем самым было положено начало формированию ещё одного измерения интеграции тюркских "
    "стран, получившего название «*Цифровой коридор*»."
)
CORRIDOR_EN = (
    "The event thus marked the formation of yet another dimension of integration for the "
    "Turkic countries, known as the “*Digital Corridor*”."
)
GOOD = [
    (SUMMIT_RU, SUMMIT_EN),
    (OZAL_RU, OZAL_EN),
    (PANTURAN_RU, PANTURAN_EN),
    (CORRIDOR_RU, CORRIDOR_EN),
]


# One concept with an admitted spelling variant: drift between documents, not a deprecation.
AIR_DEFENSE = Concept(
    "air-defense",
    (
        Term("Air Defense Forces", "en", Status.PREFERRED),
        Term("Air Defence Forces", "en", Status.ADMITTED, term_type="variant"),
        Term("Силы воздушной обороны", "ru", Status.PREFERRED),
    ),
)
AIR_DEFENSE_RU = "Самолёт сопровождали истребители Сил воздушной обороны Республики."
AIR_DEFENSE_EN = "The aircraft was escorted by fighters of the Republic's Air Defense Forces."


def run(pairs, **settings) -> list:
    return check_bitexts([bitext(pairs)], GLOSSARY, CheckSettings(**settings))


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


def test_a_faithful_translation_with_inflected_terms_is_clean() -> None:
    assert run(GOOD) == []


def test_term_deprecated_fires_on_the_variant_and_names_the_preferred_term() -> None:
    findings = run([(SUMMIT_RU, SUMMIT_EN.replace("Organization", "Organisation"))])
    assert rules(findings) == ["term-deprecated"]
    (finding,) = findings
    assert finding.severity is Severity.ERROR
    assert finding.term.concept == "ots"
    assert finding.term.found == "Organisation of Turkic States"
    assert finding.term.expected == "Organization of Turkic States"
    assert finding.term.source == "Организации тюркских государств"
    assert (finding.location.file, finding.location.line) == ("texts/en/doc.md", 20)
    assert finding.sentence.startswith("On May 15, 2026, an informal summit of the Organisation")


def test_term_deprecated_on_missing_diacritics_is_a_finding_not_a_miss() -> None:
    findings = run([(OZAL_RU, OZAL_EN.replace("Özal", "Ozal"))])
    assert rules(findings) == ["term-deprecated"]
    assert findings[0].term.found == "Turgut Ozal"
    assert findings[0].term.expected == "Turgut Özal"


def test_term_deprecated_fires_on_the_source_side_too() -> None:
    ru = PANTURAN_RU.replace("пантуранизма", "пантуранизма")  # correct: no finding
    assert run([(ru, PANTURAN_EN)]) == []
    glossary_ru = "Организация тюркских стран"  # not in the test glossary: stays quiet
    assert run([(f"Саммит: {glossary_ru}.", "Summit.")]) == []


def test_term_missing_fires_when_the_target_drops_the_concept() -> None:
    en = CORRIDOR_EN.replace("“*Digital Corridor*”", "“digital bridge”")
    findings = run([(CORRIDOR_RU, en)])
    assert rules(findings) == ["term-missing"]
    assert findings[0].term.source == "Цифровой коридор"
    assert findings[0].term.expected == "Digital Corridor"
    assert findings[0].severity is Severity.WARNING


def test_term_missing_is_not_doubled_by_a_deprecated_rendering() -> None:
    en = PANTURAN_EN.replace("Pan-Turanism", "Pan-Turanianism")
    assert rules(run([(PANTURAN_RU, en)])) == ["term-deprecated"]


def test_term_unexpected_fires_on_a_concept_the_source_lacks() -> None:
    ru = "Главными темами стали искусственный интеллект и цифровизация."
    en = "Artificial intelligence and the Digital Corridor were the main topics."
    findings = run([(ru, en)])
    assert rules(findings) == ["term-unexpected"]
    assert findings[0].term.found == "Digital Corridor"
    assert rules(run([(CORRIDOR_RU, CORRIDOR_EN)])) == []


def test_term_inconsistent_reports_the_minority_rendering_across_documents() -> None:
    from paralign.model import Glossary

    glossary = Glossary((AIR_DEFENSE,))
    ru, en = AIR_DEFENSE_RU, AIR_DEFENSE_EN
    a = bitext([(ru, en), (ru, en)], "a", "texts/ru/a.md", "texts/en/a.md")
    b = bitext([(ru, en.replace("Defense", "Defence"))], "b", "texts/ru/b.md", "texts/en/b.md")
    findings = check_bitexts([a, b], glossary, CheckSettings())
    assert rules(findings) == ["term-inconsistent"]
    assert findings[0].location.file == "texts/en/b.md"
    assert findings[0].term.found == "Air Defence Forces"
    assert findings[0].term.expected == "Air Defense Forces"
    # Abbreviations beside full names are no drift.
    assert check_bitexts([a], glossary, CheckSettings()) == []
    assert rules(run([(SUMMIT_RU, SUMMIT_EN), ("Саммит ОТГ.", "The OTS summit.")])) == []


def test_number_mismatch_compares_dates_across_formats() -> None:
    assert run([(SUMMIT_RU, SUMMIT_EN)]) == []
    findings = run([(SUMMIT_RU, SUMMIT_EN.replace("May 15", "May 16"))])
    assert rules(findings) == ["number-mismatch"]
    assert "2026-05-15" in findings[0].message and "2026-05-16" in findings[0].message


@pytest.mark.parametrize(
    ("ru", "en", "fires"),
    [
        (
            "В июле 1993 г. было подписано соглашение.",
            "In July 1993, an agreement was signed.",
            False,
        ),
        (
            "В июле 1993 г. было подписано соглашение.",
            "In June 1993, an agreement was signed.",
            True,
        ),
        ("Около 1 500 000 человек, или 12,5%.", "About 1,500,000 people, or 12.5%.", False),
        ("Около 1 500 000 человек, или 12,5%.", "About 1,500,000 people, or 125%.", True),
        ("в 1990-х гг.", "in the 1990s", False),
        ("Комментарий Центра АРВАК, 30.05.2026", "ARVAK Center Commentary, May 30, 2026", False),
    ],
)
def test_number_mismatch_normalises_russian_and_english_formats(
    ru: str, en: str, fires: bool
) -> None:
    assert ("number-mismatch" in rules(run([(ru, en)]))) is fires


def test_untranslated_fires_on_copied_or_source_script_targets() -> None:
    assert rules(run([(SUMMIT_RU, SUMMIT_RU)])) == ["untranslated"]
    findings = run([(CORRIDOR_RU, "Тем самым было положено начало «Digital Corridor».")])
    assert "untranslated" in rules(findings)
    # A target quoting a Russian name in a Latin sentence is translated.
    assert run([("Ключевые слова: ОТГ.", "Keywords: OTS (“ОТГ” in Russian sources).")]) == []


def test_quote_style_fires_on_straight_quotes_and_not_on_house_style() -> None:
    en = 'In 1992, the "Joint Administration of Turkic Arts" was established in Alma-Ata.'
    ru = "В 1992 г. в Алма-Ате была учреждена «Совместная администрация тюркских искусств»."
    findings = run([(ru, en)])
    assert rules(findings) == ["quote-style"]
    assert findings[0].location.file == "texts/en/doc.md"
    assert run([(ru, en.replace('"', "“", 1).replace('"', "”"))]) == []
    nested = "Проект «Тюркский мир „без границ“» обсуждали."
    assert run([(nested, "The “Turkic world ‘without borders’” project was discussed.")]) == []
    assert rules(run([("Проект “Тюркский мир” обсуждали.", "The “Turkic world” project.")])) == [
        "quote-style"
    ]


def test_unaligned_fires_on_a_sentence_without_counterpart() -> None:
    findings = run([(SUMMIT_RU, SUMMIT_EN), ("Это предложение не переведено.", "")])
    assert rules(findings) == ["unaligned"]
    assert findings[0].location.file == "texts/ru/doc.md"
    assert findings[0].severity is Severity.INFO


def test_severities_and_ignores_come_from_settings() -> None:
    pairs = [(SUMMIT_RU, SUMMIT_EN.replace("Organization", "Organisation"))]
    assert run(pairs, severities={"term-deprecated": "off"}) == []
    (finding,) = run(pairs, severities={"term-deprecated": "warning"})
    assert finding.severity is Severity.WARNING
    assert run(pairs, ignore={"texts/en/*.md": ("term-deprecated",)}) == []
    assert len(run(pairs, ignore={"texts/ru/*.md": ("term-deprecated",)})) == 1


def test_settings_from_config_read_the_check_table(tmp_path: Path) -> None:
    table = {
        "texts": "corpus",
        "glossary": "terms.tbx",
        "check": {
            "fail-on": "warning",
            "baseline": "glossary/baseline.json",
            "severities": {"quote-style": "off"},
            "ignore": {"corpus/en/legacy-*.md": ["term-missing"]},
        },
    }
    settings = CheckSettings.from_config(Config(tmp_path, tmp_path / "paralign.toml", table))
    assert settings.inputs == ("corpus",)
    assert settings.glossary == "terms.tbx"
    assert settings.fail_on == "warning"
    assert settings.baseline == "glossary/baseline.json"
    assert settings.severity("quote-style") is None
    assert settings.ignore == {"corpus/en/legacy-*.md": ("term-missing",)}
    defaults = CheckSettings.from_config(Config(tmp_path))
    assert (defaults.inputs, defaults.glossary, defaults.fail_on) == (
        ("texts",),
        "glossary/arvak.tbx",
        "error",
    )


@pytest.mark.parametrize(
    "check",
    [
        {"fail-on": "sometimes"},
        {"severities": {"no-such-rule": "error"}},
        {"severities": {"term-missing": "fatal"}},
        {"inputs": 3},
    ],
)
def test_bad_check_tables_are_one_line_errors(tmp_path: Path, check: dict) -> None:
    with pytest.raises(ParalignError, match=r"paralign\.toml"):
        CheckSettings.from_config(Config(tmp_path, tmp_path / "paralign.toml", {"check": check}))


def test_every_rule_has_a_description_and_a_default_severity() -> None:
    assert set(RULES) == {
        "term-missing",
        "term-deprecated",
        "term-inconsistent",
        "term-unexpected",
        "term-variant",
        "number-mismatch",
        "untranslated",
        "quote-style",
        "unaligned",
        "possible-omission",
        "possible-addition",
        "language-mismatch",
        "unpaired-document",
    }
    assert all(r.summary and r.help and isinstance(r.severity, Severity) for r in RULES.values())


def test_locations_are_relative_to_the_root(tmp_path: Path) -> None:
    b = bitext(
        [(SUMMIT_RU, SUMMIT_EN.replace("Organization", "Organisation"))],
        src_path=str(tmp_path / "texts/ru/doc.md"),
        tgt_path=str(tmp_path / "texts/en/doc.md"),
    )
    (finding,) = check_bitexts([b], GLOSSARY, CheckSettings(root=tmp_path))
    assert finding.location.file == "texts/en/doc.md"


def test_a_month_on_one_side_matches_the_year_alone_on_the_other() -> None:
    ru = "Январские события 2022 года в Казахстане."
    assert run([(ru, "The January 2022 events in Kazakhstan.")]) == []
    assert rules(run([(ru, "The January 2023 events in Kazakhstan.")])) == ["number-mismatch"]


@pytest.mark.parametrize("kept", [256, 0])
def test_streaming_in_pieces_gives_the_same_findings_as_all_at_once(
    kept: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paralign.checks import check_stream, engine

    monkeypatch.setattr(engine, "_KEPT", kept)
    from paralign.model import Glossary

    glossary = Glossary(
        (
            *GLOSSARY.concepts,
            AIR_DEFENSE,
        )
    )
    ru, en = AIR_DEFENSE_RU, AIR_DEFENSE_EN
    bad = (SUMMIT_RU, SUMMIT_EN.replace("Organization", "Organisation"))
    pieces = [
        bitext([(ru, en), bad, (ru, en)], "a", "texts/ru/a.md", "texts/en/a.md"),
        bitext([(ru, en.replace("Defense", "Defence")), *GOOD], "b", "b.tmx", "b.tmx"),
        bitext([(ru, en), ("Непереведённое.", "")], "c", "c.tmx", "c.tmx"),
    ]
    calls = []

    def stream():
        calls.append(1)
        return iter(pieces)

    streamed = check_stream(stream, glossary, CheckSettings())
    assert streamed == check_bitexts(pieces, glossary, CheckSettings())
    assert sorted(rules(streamed)) == ["term-deprecated", "term-inconsistent", "unaligned"]
    # A second pass only when a minority rendering has more uses than were kept whole.
    assert len(calls) == (1 if kept else 2)
    inconsistent = next(f for f in streamed if f.rule == "term-inconsistent")
    assert (inconsistent.location.file, inconsistent.location.tu) == ("b.tmx", "1")


def test_worker_processes_give_the_same_findings_in_the_same_order() -> None:
    from paralign.checks import check_stream

    bad = (SUMMIT_RU, SUMMIT_EN.replace("Organization", "Organisation"))
    pieces = [bitext([*GOOD, bad], f"d{n}", f"d{n}.tmx", f"d{n}.tmx") for n in range(5)]
    serial = check_stream(lambda: iter(pieces), GLOSSARY, CheckSettings(), jobs=1)
    parallel = check_stream(lambda: iter(pieces), GLOSSARY, CheckSettings(), jobs=2)
    assert parallel == serial
    assert [f.location.file for f in serial] == [f"d{n}.tmx" for n in range(5)]


def test_rules_turned_off_skip_their_family() -> None:
    bad = (SUMMIT_RU, SUMMIT_EN.replace("Organization", "Organisation").replace("15", "16"))
    off = {
        r: "off"
        for r in ("term-missing", "term-deprecated", "term-inconsistent", "term-unexpected")
    }
    assert rules(run([bad], severities=off)) == ["number-mismatch"]


RU_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
EN_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(min_value=0, max_value=10**7),
)
def test_a_date_and_a_count_read_the_same_in_russian_and_english(day: date, count: int) -> None:
    from paralign.numbers import values_in

    ru = f"{day.day} {RU_GENITIVE[day.month - 1]} {day.year} г. было {count:,} человек".replace(
        ",", " "
    )
    en = f"On {EN_MONTH_NAMES[day.month - 1]} {day.day}, {day.year}, there were {count:,} people"
    expected = {day.isoformat(), str(count)}
    assert values_in(ru, "ru") == expected
    assert values_in(en, "en") == expected
    assert values_in(f"{day:%d.%m.%Y}", "ru") == {day.isoformat()}


def test_every_rule_belongs_to_exactly_one_family() -> None:
    """The registry is built from the families' RULES: a rule declared twice, or a finding
    a family reports under a rule it does not declare, fails here."""
    import inspect
    import re
    from collections import Counter

    from paralign.checks import FAMILIES

    owners = Counter(rule.id for family in FAMILIES for rule in family.RULES)
    assert set(owners) == set(RULES)
    assert [rule for rule, n in owners.items() if n != 1] == []
    for family in FAMILIES:
        declared = {rule.id for rule in family.RULES}
        reported = set(re.findall(r'finding\(\s*"([a-z-]+)"', inspect.getsource(family)))
        assert reported and reported <= declared, family.__name__


def test_language_mismatch_reports_a_swapped_tu_once() -> None:
    swapped = run([(SUMMIT_EN_FOR_SWAP, SUMMIT_RU)])
    assert rules(swapped).count("language-mismatch") == 1
    assert "language-mismatch" not in rules(run([(SUMMIT_RU, SUMMIT_EN_FOR_SWAP)]))


SUMMIT_EN_FOR_SWAP = "The leaders of the Organization of Turkic States met in Turkestan."
