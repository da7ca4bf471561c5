"""Term mining on real sentences (from the ARVAK corpus and ntrex-dev): candidates per
language, lemma grouping, abbreviations, pairing through the alignment, known terms and
variants, TBX/CSV output, merge, and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from paralign.glossary_files import load_glossary
from paralign.model import Bitext, Concept, Glossary, Link, Sentence, Status, Term
from paralign.tbx import read_tbx, write_tbx
from paralign.terms import MineSettings, english, mine_terms, russian
from paralign.terms.abbreviations import definitions
from paralign.terms.merge import OnConflict, merge_files
from paralign.terms.output import EVIDENCE_PREFIX, proposals_glossary
from paralign.terms.russian_forms import dictionary_form, resolve_lemmas
from tests.conftest import ROOT, run_paralign

# Aligned pairs from the ARVAK comment (texts/), shortened where a sentence was very long.
TUS = [
    (
        "Центр АРВАК анализирует итоги неформального саммита Организации тюркских государств "
        "(ОТГ), состоявшегося в мае 2026 г. в казахстанском городе Туркестане.",
        "ARVAK analyzes the results of the informal summit of the Organization of Turkic "
        "States (OTS) held in the Kazakh city of Turkestan in May 2026.",
    ),
    (
        "15 мая 2026 г. в казахстанском городе Туркестане состоялся неформальный саммит "
        "Организации тюркских государств (ОТГ).",
        "On May 15, 2026, an informal summit of the Organization of Turkic States (OTS) took "
        "place in the Kazakh city of Turkestan.",
    ),
    (
        "Тем самым было положено начало формированию ещё одного измерения интеграции тюркских "
        "стран, получившего название «Цифровой коридор».",
        "The event thus marked the formation of yet another dimension of integration for the "
        "Turkic countries, known as the “Digital Corridor”.",
    ),
    (
        "Саммит ОТГ в Туркестане: «Цифровой коридор» и кризис в казахстанско-турецких отношениях",
        "OTS summit in Turkestan: the “Digital Corridor” and the crisis in Kazakh-Turkish "
        "relations",
    ),
    (
        "Лидеры ОТГ зафиксировали этот постулат, заявив о готовности углублять технологическую "
        "интеграцию в рамках «Цифрового коридора».",
        "The OTS leaders recorded this postulate, expressing readiness to deepen technological "
        "integration within the “Digital Corridor”.",
    ),
    (
        "Подчёркивая статус гостя, президент Касым-Жомарт Токаев лично прибыл в аэропорт.",
        "Emphasizing the guest's status, president Kassym-Jomart Tokayev personally arrived "
        "at the airport.",
    ),
    (
        "Звучали и мнения, что Токаев сыграл на честолюбии и тщеславии Эрдогана.",
        "Opinions were also voiced that Tokayev played on Erdoğan's ambition and vanity.",
    ),
    (
        "Речь Токаева на саммите в Туркестане была адресована Р. Т. Эрдогану.",
        "Tokayev's speech at the Turkestan summit was addressed to R. T. Erdoğan.",
    ),
    (
        "Токаеву пришлось учитывать интересы Организацией тюркских государств признанной Анкары.",
        "Tokayev had to consider the interests of Ankara within the Organization of Turkic States.",
    ),
    (
        "В ноябре 2021 г. «Тюркский совет» был переименован в «Организацию тюркских "
        "государств» (ОТГ).",
        "In November 2021, the “Turkic Council” was renamed the “Organization of Turkic "
        "States” (OTS).",
    ),
    (
        "Ашхабад и Ташкент усмотрели в «Тюркском совете» угрозу для Центральной Азии.",
        "Ashgabat and Tashkent saw the “Turkic Council” as a threat to Central Asia.",
    ),
    (
        "Анкара стремилась превратить ОТГ в военно-политический союз.",
        "Ankara sought to transform the OTS into a military-political alliance.",
    ),
]


def bitext(pairs: list[tuple[str, str]] = TUS, name: str = "arvak") -> Bitext:
    return Bitext(
        name,
        "ru",
        "en",
        tuple(Sentence(ru) for ru, _ in pairs),
        tuple(Sentence(en) for _, en in pairs),
        tuple(Link((i,), (i,), tuid=str(i + 1)) for i in range(len(pairs))),
    )


def mined(glossary: Glossary = Glossary(()), pairs: list[tuple[str, str]] = TUS) -> dict:
    key = (glossary, tuple(pairs))
    if key not in _MINED:
        proposals = mine_terms(lambda: iter([bitext(pairs)]), glossary, MineSettings(limit=500))
        _MINED[key] = {p.ranked.pair.ru.text: p for p in proposals}
    return _MINED[key]


_MINED: dict = {}


# ------------------------------------------------------------------------------ candidates


def test_russian_patterns_find_noun_phrases_names_and_abbreviations() -> None:
    found = {(p.form, p.kind) for p in russian.phrases(TUS[0][0])}
    assert (("организации", "тюркских", "государств"), "np") in found
    assert (("казахстанском", "городе"), "np") in found
    assert (("=ОТГ",), "abbr") in found
    assert not any("состоявшегося" in form for form, _ in found)  # a participle, no noun
    names = {p.words for p in russian.phrases(TUS[7][0]) if p.kind == "name"}
    assert ("Р. Т.", "Эрдогану") in names


def test_english_candidates_keep_inner_of_and_group_by_stems() -> None:
    found = {p.words: p for p in english.phrases(TUS[1][1])}
    assert ("Organization", "of", "Turkic", "States") in found
    assert found[("Organization", "of", "Turkic", "States")].name
    assert ("of", "Turkic") not in found  # never starting with a function word
    same = english.phrases("The Digital Corridors were discussed.")
    assert ("digit", "corridor") in {p.key for p in same}


def test_russian_forms_are_grouped_by_lemma_and_written_in_the_nominative() -> None:
    found = mined()
    ots = found["Организация тюркских государств"].ranked.pair.ru
    assert {"Организации тюркских государств", "Организацией тюркских государств"} <= set(ots.forms)
    # «Токаев» (which pymorphy3 reads only as a plural of «токай»), «Токаева», «Токаеву»:
    # one surname
    tokayev = found["Токаев"].ranked.pair
    assert {"Токаева", "Токаеву", "Токаев"} <= set(tokayev.ru.forms)
    assert tokayev.en.text == "Tokayev"
    corridor = found["Цифровой коридор"].ranked.pair.ru
    assert "Цифрового коридора" in corridor.forms


def test_dictionary_form_of_plural_phrases_and_names() -> None:
    lemmas = resolve_lemmas({"казахстанско-турецких": 1, "отношениях": 1})
    forms = {("казахстанско-турецких", "отношениях"): 1}
    shown = dictionary_form(("казахстанско-турецких", "отношениях"), forms, lemmas)
    assert shown == "казахстанско-турецкие отношения"
    lemmas = resolve_lemmas({"=Р. Т.": 1, "эрдогану": 2, "эрдогана": 1})
    shown = dictionary_form(("Р. Т.", "Эрдогану"), {("=Р. Т.", "эрдогану"): 1}, lemmas, "name")
    assert shown == "Р. Т. Эрдоган"


# --------------------------------------------------------------------------- abbreviations


def test_abbreviations_defined_in_both_languages() -> None:
    (ru,) = definitions(TUS[0][0])
    assert (ru.short, [w.text for w in ru.words]) == (
        "ОТГ",
        ["Организации", "тюркских", "государств"],
    )
    (en,) = definitions(TUS[0][1])
    assert [w.text for w in en.words] == ["Organization", "of", "Turkic", "States"]
    # ТЮРКСОЙ is no initialism: all its letters fit «тюркской», which must not count
    assert definitions("Международной организации тюркской культуры (ТЮРКСОЙ)") == []
    assert definitions("The original (in Rus.) was posted") == []


def test_defined_abbreviations_travel_with_their_candidate() -> None:
    pair = mined()["Организация тюркских государств"].ranked.pair
    assert (pair.ru.abbreviation, pair.en.abbreviation) == ("ОТГ", "OTS")
    glossary = proposals_glossary([mined()["Организация тюркских государств"]])
    terms = {(t.text, t.term_type) for t in glossary.concepts[0].terms}
    assert {("ОТГ", "acronym"), ("OTS", "acronym")} <= terms
    assert ("Organization of Turkic States", "fullForm") in terms


# --------------------------------------------------------------------------------- pairing


def test_pairing_through_the_aligned_units() -> None:
    found = mined()
    pairs = {ru: p.ranked.pair.en.text for ru, p in found.items()}
    assert pairs["Цифровой коридор"] == "Digital Corridor"
    assert pairs["Организация тюркских государств"] == "Organization of Turkic States"
    assert pairs["ОТГ"] == "OTS"
    assert pairs["Тюркский совет"] == "Turkic Council"
    corridor = found["Цифровой коридор"].ranked.pair
    assert corridor.joint == 3 and corridor.dice == 1.0 and corridor.mutual
    assert len(corridor.examples) == 2 and set(corridor.examples) <= {"3", "4", "5"}


def test_pairing_needs_the_alignment_not_just_the_documents() -> None:
    # the same sentences with the English shifted by half: no pair co-occurs any more
    shifted = [(TUS[i][0], TUS[(i + 6) % len(TUS)][1]) for i in range(len(TUS))]
    pairs = {ru: p.ranked.pair.en.text for ru, p in mined(pairs=shifted).items()}
    assert pairs.get("Цифровой коридор") != "Digital Corridor"


def test_min_frequency_and_limit() -> None:
    settings = MineSettings(min_frequency=4, limit=3)
    proposals = mine_terms(lambda: iter([bitext()]), Glossary(()), settings)
    assert len(proposals) == 3
    assert all(p.ranked.pair.joint >= 4 for p in proposals)


# ----------------------------------------------------------------------- known and variants


def _glossary(*concepts: Concept) -> Glossary:
    return Glossary(tuple(concepts), "test.tbx")


CORRIDOR = Concept(
    "c-digital-corridor",
    (Term("Digital Corridor", "en", Status.PREFERRED), Term("Цифровой коридор", "ru")),
)


def test_known_terms_are_not_proposed_again() -> None:
    found = mined(_glossary(CORRIDOR))
    assert "Цифровой коридор" not in found
    assert "Организация тюркских государств" in found


def test_a_new_rendering_of_a_known_concept_is_proposed_as_its_variant() -> None:
    route = Concept(
        "c-digital-corridor",
        (Term("Digital Route", "en", Status.PREFERRED), Term("Цифровой коридор", "ru")),
    )
    proposal = mined(_glossary(route))["Цифровой коридор"]
    assert proposal.is_variant
    assert (proposal.concept, proposal.side, proposal.known) == (
        "c-digital-corridor",
        "en",
        "Digital Route",
    )
    assert proposal.status == Status.ADMITTED  # the glossary's own rendering is never paired
    entry = proposals_glossary([proposal]).concepts[0]
    assert entry.id == "c-digital-corridor"
    assert [(t.text, t.lang) for t in entry.terms] == [("Digital Corridor", "en")]


def test_a_minority_rendering_is_proposed_deprecated() -> None:
    # the glossary renders Тюркский совет as "Turkic Council"; two TUs say "Turkish Council"
    extra = [
        ("«Тюркский совет» расширялся.", "The “Turkish Council” expanded."),
        ("В «Тюркском совете» спорили.", "The “Turkish Council” argued."),
    ]
    council = Concept(
        "c-turkic-council",
        (Term("Turkic Council", "en", Status.PREFERRED), Term("Тюркский совет", "ru")),
    )
    pairs = TUS + extra + TUS[9:11] * 2
    proposals = mine_terms(
        lambda: iter([bitext(pairs)]), _glossary(council), MineSettings(limit=500)
    )
    variants = [p for p in proposals if p.is_variant and p.concept == "c-turkic-council"]
    assert [(p.ranked.pair.en.text, p.side, p.status) for p in variants] == [
        ("Turkish Council", "en", Status.DEPRECATED)
    ]
    assert variants[0].known_joint > variants[0].ranked.pair.joint


# ------------------------------------------------------------------------------ the corpus


def test_the_shipped_corpus_yields_its_glossary_terms_paired(tmp_path: Path) -> None:
    from paralign.jobs import input_pieces

    proposals = mine_terms(input_pieces(ROOT / "texts", "ru", "en"), Glossary(()))
    top = {(p.ranked.pair.ru.text, p.ranked.pair.en.text) for p in proposals[:60]}
    assert ("Организация тюркских государств", "Organization of Turkic States") in top
    assert ("Цифровой коридор", "Digital Corridor") in top
    assert ("Казахстан", "Kazakhstan") in top


def test_ntrex_names_are_paired(shared_data: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from terms import gold_bitexts

    # the news documents that speak of Trump (ntrex-dev is mined whole by the benchmark)
    bitexts = [
        b
        for b in gold_bitexts(shared_data / "align" / "ntrex-dev")
        if any("Trump" in s.text for s in b.target)
    ][:6]
    assert len(bitexts) >= 3
    proposals = mine_terms(lambda: iter(bitexts), Glossary(()), MineSettings(limit=20))
    pairs = {p.ranked.pair.ru.text: p.ranked.pair.en.text for p in proposals}
    assert pairs["Трамп"] == "Trump"
    assert pairs.get("Дональд Трамп", "Donald Trump") == "Donald Trump"


# ----------------------------------------------------------------------------------- output


def test_tbx_output_round_trips_with_an_evidence_note(tmp_path: Path) -> None:
    proposals = list(mined().values())[:5]
    out = tmp_path / "candidates.tbx"
    write_tbx(proposals_glossary(proposals), out)
    read = read_tbx(out)
    assert len(read.concepts) == 5
    for concept in read.concepts:
        assert concept.id.startswith("cand-")
        assert concept.note.startswith(EVIDENCE_PREFIX)
        assert "together in" in concept.note and "LLR" in concept.note
        assert {t.lang for t in concept.terms} == {"ru", "en"}


# ------------------------------------------------------------------------------------ merge


def _candidates(tmp_path: Path) -> Path:
    found = mined()
    proposals = [found["Цифровой коридор"], found["Организация тюркских государств"]]
    path = tmp_path / "candidates.tbx"
    write_tbx(proposals_glossary(proposals), path)
    return path


def test_merge_adds_new_concepts_and_keeps_the_glossary_file(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.tbx"
    glossary.write_bytes((ROOT / "glossary" / "arvak.tbx").read_bytes())
    before = load_glossary(glossary)
    candidates = tmp_path / "candidates.tbx"
    new = Concept(
        "cand-kazakh-elites",
        (Term("Kazakh elites", "en", Status.PREFERRED), Term("казахстанские элиты", "ru")),
        note=f"{EVIDENCE_PREFIX} rank 1",
    )
    variant = Concept(
        "c-digital-corridor", (Term("digital corridor project", "en", Status.ADMITTED),)
    )
    write_tbx(Glossary((new, variant)), candidates)
    changes = merge_files(candidates, glossary)
    after = load_glossary(glossary)
    assert len(after.concepts) == len(before.concepts) + 1
    added = next(c for c in after.concepts if c.id == "cand-kazakh-elites")
    assert added.note == ""  # the evidence stays out of the glossary
    corridor = next(c for c in after.concepts if c.id == "c-digital-corridor")
    assert "digital corridor project" in [t.text for t in corridor.terms]
    text = glossary.read_text(encoding="utf-8")
    assert "<title>ARVAK corpus glossary" in text  # what the model does not hold survives
    assert sum(c.action == "added" for c in changes) == 3


def test_merge_conflicts_keep_replace_fail(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.tbx"
    write_tbx(_glossary(CORRIDOR), glossary)
    candidates = tmp_path / "candidates.tbx"
    demoted = Concept("c-digital-corridor", (Term("Digital Corridor", "en", Status.DEPRECATED),))
    elsewhere = Concept("cand-x", (Term("Цифровой коридор", "ru"), Term("Digital Way", "en")))
    write_tbx(Glossary((demoted, elsewhere)), candidates)
    original = glossary.read_bytes()
    from paralign.model import ParalignError

    with pytest.raises(ParalignError, match="merge conflict"):
        merge_files(candidates, glossary, on_conflict=OnConflict.fail)
    assert glossary.read_bytes() == original  # nothing written
    changes = merge_files(candidates, glossary)  # keep
    kept = load_glossary(glossary)
    corridor = next(c for c in kept.concepts if c.id == "c-digital-corridor")
    assert next(t for t in corridor.terms if t.lang == "en").status == Status.PREFERRED
    assert {c.action for c in changes} >= {"kept", "skipped"}
    new = next(c for c in kept.concepts if c.id == "cand-x")
    assert [t.text for t in new.terms] == ["Digital Way"]  # its ru term belongs elsewhere
    glossary.write_bytes(original)
    merge_files(candidates, glossary, on_conflict=OnConflict.replace)
    replaced = next(c for c in load_glossary(glossary).concepts if c.id == "c-digital-corridor")
    assert next(t for t in replaced.terms if t.lang == "en").status == Status.DEPRECATED


def test_merge_into_csv(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("id,en,ru\nc-digital-corridor,Digital Corridor,Цифровой коридор\n")
    merge_files(_candidates(tmp_path), glossary)
    ids = [c.id for c in load_glossary(glossary).concepts]
    assert ids[0] == "c-digital-corridor" and any(i.startswith("cand-") for i in ids)
    assert len(ids) == 2  # Цифровой коридор is known: only the OTS entry is new


# -------------------------------------------------------------------------------------- CLI


def _tmx(path: Path) -> Path:
    from paralign.tmx import write_tmx

    write_tmx([bitext()], path)
    return path


def test_cli_mines_a_tmx_to_tbx_and_csv(tmp_path: Path) -> None:
    tmx = _tmx(tmp_path / "arvak.tmx")
    result = run_paralign("terms", "mine", tmx, "--no-glossary", "-o", tmp_path / "c.tbx")
    assert result.returncode == 0, result.stderr
    assert "Цифровой коридор" in (tmp_path / "c.tbx").read_text(encoding="utf-8")
    from typer.testing import CliRunner

    from paralign.cli import app

    result = CliRunner().invoke(
        app,
        ["terms", "mine", str(tmx), "--no-glossary", "--limit", "4", "-o", str(tmp_path / "c.csv")],
    )
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,en,ru,note" and len(lines) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["terms", "mine", "missing.tmx", "-o", "{tmp}/c.tbx"], "no such file"),
        (["terms", "mine", "{tmx}", "-o", "{tmp}/c.txt"], ".tbx, .xml, .csv or .tsv"),
        (["terms", "mine", "{tmx}", "--lang-pair", "de-en", "-o", "{tmp}/c.tbx"], "Russian"),
        (["terms", "mine", "{tmx}", "--lang-pair", "ru", "-o", "{tmp}/c.tbx"], "ru-en"),
        (["terms", "mine", "{tmx}", "--glossary", "{tmp}/none.tbx", "-o", "{tmp}/c.tbx"], ""),
        (["glossary", "merge", "{tmp}/none.tbx", "{tmp}/g.tbx"], ""),
    ],
)
def test_cli_errors_are_one_line_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    from typer.testing import CliRunner

    from paralign.cli import app

    tmx = _tmx(tmp_path / "arvak.tmx")
    filled = [a.format(tmp=tmp_path, tmx=tmx) for a in args]
    result = CliRunner().invoke(app, filled)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("paralign: error:")
    assert message in lines[0]
    assert not (tmp_path / "c.tbx").exists()
