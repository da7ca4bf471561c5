"""issue 13: the shipped glossary's statuses, as an editor signed them, and the former names
that are right only for their years (checks/periods.py)."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
from lxml import etree

from paralign.checks import check_bitexts
from paralign.checks.periods import in_its_period, latest_year, years_in_use
from paralign.model import Bitext, Concept, Glossary, Link, Sentence, Status, Term
from paralign.tbx import read_tbx
from tests.conftest import ROOT, STEM, TEXTS

TBX = ROOT / "glossary" / "arvak.tbx"


@cache
def glossary() -> Glossary:
    return read_tbx(TBX)


def concept(cid: str) -> Concept:
    return next(c for c in glossary().concepts if c.id == cid)


def status(cid: str, lang: str, text: str) -> Status:
    (term,) = [t for t in concept(cid).terms_in(lang) if t.text == text]
    return term.status


def test_pan_turanianism_is_admitted_and_turanism_is_its_own_concept() -> None:
    assert status("c-pan-turanism", "en", "Pan-Turanism") is Status.PREFERRED
    assert status("c-pan-turanism", "en", "Pan-Turanianism") is Status.ADMITTED
    assert status("c-turanism", "en", "Turanism") is Status.PREFERRED
    assert status("c-turanism", "ru", "туранизм") is Status.PREFERRED
    pan_turkism = {t.text for t in concept("c-pan-turkism").terms}
    assert not pan_turkism & {t.text for t in concept("c-pan-turanism").terms}


def test_pan_turanianism_in_a_text_is_no_finding() -> None:
    ru = "Набирали силу течения пантюркизма и пантуранизма."
    en = "The movements of Pan-Turkism and Pan-Turanianism were intensifying."
    assert check_bitexts([document([[(ru, en)]])], glossary()) == []


BRITISH = re.compile(r"Organisation|[Dd]efence|isation\b|ise[ds]?\b")


def test_every_british_spelling_is_deprecated_as_house_style() -> None:
    british = [
        (c.id, t) for c in glossary().concepts for t in c.terms_in("en") if BRITISH.search(t.text)
    ]
    assert len(british) >= 4
    for cid, term in british:
        assert term.status is Status.DEPRECATED, (cid, term.text)
        assert "House style" in term.note or "house style" in term.note, (cid, term.text)
        assert "house style" in concept(cid).note.lower(), cid
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    header = etree.parse(str(TBX)).find("t:tbxHeader/t:fileDesc/t:titleStmt/t:note", ns)
    assert header is not None and "American spelling" in header.text
    prose = [c.definition for c in glossary().concepts] + [c.subject for c in glossary().concepts]
    assert not [p for p in prose if BRITISH.search(p)]


def test_wrong_and_former_names_of_the_ots() -> None:
    assert status("c-ots", "en", "Organization of Turkish States") is Status.DEPRECATED
    assert status("c-ots", "ru", "Организация турецких государств") is Status.DEPRECATED
    for lang, text in (("en", "Turkic Council"), ("ru", "Тюркский совет"), ("en", "CCTS")):
        assert status("c-ots", lang, text) is Status.SUPERSEDED
    term = next(t for t in concept("c-ots").terms if t.text == "Turkic Council")
    assert years_in_use(term) == (2009, 2021)
    assert "c-turkic-council" not in {c.id for c in glossary().concepts}
    assert status("c-turkpa", "en", "Parliamentary Assembly of Turkic States") is Status.PREFERRED
    assert status("c-turkpa", "ru", "Парламентская ассамблея тюркоязычных стран") is (
        Status.SUPERSEDED
    )


def test_places_and_people_by_language() -> None:
    assert status("c-alma-ata", "en", "Almaty") is Status.PREFERRED
    assert status("c-alma-ata", "en", "Alma-Ata") is Status.SUPERSEDED
    assert status("c-alma-ata", "ru", "Алма-Ата") is Status.PREFERRED
    assert status("c-alma-ata", "ru", "Алматы") is Status.ADMITTED
    assert status("c-kyrgyzstan", "ru", "Кыргызская Республика") is Status.ADMITTED
    assert status("c-south-caucasus", "en", "Transcaucasia") is status(
        "c-south-caucasus", "ru", "Закавказье"
    )
    assert status("c-kazakhstan", "en", "Kazakstan") is Status.SUPERSEDED
    assert status("c-central-asia", "ru", "Средняя Азия") is Status.DEPRECATED
    assert "Бэйцзин" not in {t.text for t in concept("c-beijing").terms}
    assert status("c-mirziyoyev", "en", "Shavkat Mirziyoyev") is Status.PREFERRED
    assert status("c-karimov", "ru", "Ислам Каримов") is Status.PREFERRED
    assert concept("c-arvak-center").subject == "think tanks"
    assert concept("c-kremlin").subject != "geography"
    assert "supported by Turkey" in concept("c-karabakh-war-2020").definition
    assert "Great Steppe" in concept("c-steppe-culture").note


def test_every_context_is_quoted_from_the_corpus() -> None:
    gold = {
        lang: " \n ".join(
            " ".join(line.split())
            for line in (TEXTS / "gold" / f"{STEM}.{lang}.sents").read_text("utf-8").splitlines()
        )
        for lang in ("ru", "en")
    }
    for c in glossary().concepts:
        for term in c.terms:
            quoted = " ".join(term.context.split()).strip("…").strip()
            assert quoted in gold[term.lang[:2]], (c.id, term.text)


def test_every_baseline_entry_is_explained_in_the_readme() -> None:
    readme = (ROOT / "glossary" / "README.md").read_text(encoding="utf-8")
    entries = json.loads((ROOT / "glossary" / "baseline.json").read_text("utf-8"))["findings"]
    assert entries and not [e for e in entries if e["rule"] == "term-missing"]
    assert not [e["fingerprint"] for e in entries if e["fingerprint"] not in readme]


# --- former names: right for their years, reported for later ones and the present -------------


def document(paragraphs: list[list[tuple[str, str]]]) -> Bitext:
    """1-1 links, each (ru, en) pair in the paragraph (block) it is listed in."""
    source, target, links = [], [], []
    for block, pairs in enumerate(paragraphs):
        for ru, en in pairs:
            links.append(Link((len(source),), (len(target),)))
            source.append(Sentence(ru, block=block, line=len(source) + 1))
            target.append(Sentence(en, block=block, line=len(target) + 1))
    return Bitext("doc", "ru", "en", tuple(source), tuple(target), tuple(links), "ru.md", "en.md")


def former_names(paragraphs: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    findings = check_bitexts([document(paragraphs)], glossary())
    return [(f.term.found, f.term.expected) for f in findings if f.rule == "term-deprecated"]


def test_the_turkic_council_in_the_present_is_reported_on_both_sides() -> None:
    ru = "Сегодня «Тюркский совет» объединяет пять государств."
    en = "Today the Turkic Council unites five states."
    assert sorted(former_names([[(ru, en)]])) == [
        ("Turkic Council", "Organization of Turkic States"),
        ("Тюркский совет", "Организация тюркских государств"),
    ]
    later = [("В 2025 г. «Тюркский совет» собрался в Габале.", "In 2025 the Turkic Council met.")]
    assert len(former_names([later])) == 2


def test_the_turkic_council_of_its_own_years_is_right() -> None:
    founded = ("В 2009 г. был создан «Тюркский совет».", "In 2009 the Turkic Council was founded.")
    joined = ("Вступление в «Тюркский совет» усилило его.", "Joining the Turkic Council helped.")
    # the second sentence names no year: its paragraph speaks of 2009 and 2019
    applied = ("В 2019 г. Ташкент подал заявку.", "In 2019 Tashkent applied.")
    assert former_names([[founded, applied, joined]]) == []
    # the same sentence in a paragraph of its own names no year: the present
    assert len(former_names([[founded, applied], [joined]])) == 2


@pytest.mark.parametrize(
    ("text", "year"),
    [("in the 1990s", 1990), ("в 1990-х гг.", 1990), ("posted on 30.05.2026", 2026), ("now", None)],
)
def test_latest_year(text: str, year: int | None) -> None:
    assert latest_year(text) == year


def test_only_superseded_terms_with_years_have_a_period() -> None:
    dated = Term("Nur-Sultan", "en", Status.SUPERSEDED, note="The city's name 2019–2022 only.")
    assert years_in_use(dated) == (2019, 2022)
    assert in_its_period(dated, "In 2020 Nur-Sultan hosted it.")
    assert not in_its_period(dated, "In 2024 Nur-Sultan hosted it.")
    assert years_in_use(Term("Kirghizia", "en", Status.SUPERSEDED, note="Soviet-era name.")) is None
    assert years_in_use(Term("Erdogan", "en", Status.DEPRECATED, note="2019–2022")) is None


def test_no_break_spaces_do_not_hide_terms() -> None:
    from paralign.glossary import TermMatcher

    matcher = TermMatcher(glossary())
    text = "К.-Ж.\u00a0Токаев и Р.\u00a0Т.\u00a0Эрдоган встретились 15\u00a0мая 2026\u00a0г."
    found = [(m.concept, m.term.status) for m in matcher.find(text, "ru")]
    assert found == [("c-tokayev", Status.PREFERRED), ("c-erdogan", Status.PREFERRED)]
    war = matcher.find("Карабахскую войну 2020\u00a0г.", "ru")
    assert [m.term.text for m in war] == ["Карабахская война 2020 г."]


def test_a_paragraph_reaches_only_so_far() -> None:
    from paralign.checks.periods import PARAGRAPH_REACH, paragraph_of

    # a TMX without x-paragraph props: every TU in block 0
    sentences = tuple(Sentence(f"s{i}") for i in range(5 * PARAGRAPH_REACH))
    around = paragraph_of(sentences, [2 * PARAGRAPH_REACH])
    assert len(around) == 2 * PARAGRAPH_REACH + 1
    assert around[0].text == f"s{PARAGRAPH_REACH}"
    blocks = (Sentence("a", block=0), Sentence("b", block=1), Sentence("c", block=1))
    assert [s.text for s in paragraph_of(blocks, [2])] == ["b", "c"]
