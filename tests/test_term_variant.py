"""term-variant: a rendering close to a concept's terms but none of them is an error, named
with the concept, what was found and the preferred term; precision and recall on the
labelled set (tests/fixtures/term-variants.tsv) stay within the bounds docs/checks.md
reports; the shipped corpus and the real NTREX pairs gain no finding."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from paralign.checks import CheckSettings, check_bitexts
from paralign.glossary import TermMatcher
from paralign.glossary_near import SpanSet, near_terms, spelled_apart
from paralign.model import Bitext, Link, Sentence
from tests import term_variant_set as labelled
from tests.check_fixtures import GLOSSARY, bitext
from tests.conftest import ROOT, run_paralign
from tests.test_check import SUMMIT_EN, SUMMIT_RU

ARVAK = ROOT / "glossary" / "arvak.tbx"


def variants(pairs: list[tuple[str, str]], **settings: Any) -> list:
    findings = check_bitexts([bitext(pairs)], GLOSSARY, CheckSettings(**settings))
    return [f for f in findings if f.rule.startswith("term-")]


def test_a_changed_word_beside_the_admitted_acronym_is_still_reported() -> None:
    """issue 12: the test glossary does not list "Organization of Turkish States"; the OTS
    beside it satisfied the concept, and no rule said a word."""
    en = SUMMIT_EN.replace("Organization of Turkic States", "Organization of Turkish States")
    (finding,) = variants([(SUMMIT_RU, en)])
    assert (finding.rule, finding.severity.value) == ("term-variant", "error")
    assert finding.term.concept == "ots"
    assert finding.term.found == "Organization of Turkish States"
    assert finding.term.expected == "Organization of Turkic States"
    assert finding.term.source == "Организации тюркских государств"
    assert "'Organization of Turkish States'" in finding.message
    assert "prefers 'Organization of Turkic States'" in finding.message


def test_without_the_acronym_a_variant_replaces_the_missing_warning() -> None:
    en = SUMMIT_EN.replace("Organization of Turkic States (OTS)", "Organization of Turkic Nations")
    assert [(f.rule, f.term.found) for f in variants([(SUMMIT_RU, en)])] == [
        ("term-variant", "Organization of Turkic Nations")
    ]
    # Turned off, the rule costs nothing and the concept is a plain miss again.
    off = variants([(SUMMIT_RU, en)], severities={"term-variant": "off"})
    assert [f.rule for f in off] == ["term-missing"]


def test_listed_variants_and_correct_inflected_renderings_are_not_variants() -> None:
    listed = SUMMIT_EN.replace("Organization", "Organisation")
    assert [f.rule for f in variants([(SUMMIT_RU, listed)])] == ["term-deprecated"]
    plural = (
        "Организациям тюркских государств (ОТГ) предстоит многое сделать.",
        "The Organizations of Turkic States (OTS) have much to do.",
    )
    assert variants([plural]) == []


def test_acronym_alone_for_a_written_out_name_is_no_variant() -> None:
    en = SUMMIT_EN.replace("the Organization of Turkic States (OTS)", "the OTS")
    assert variants([(SUMMIT_RU, en)]) == []


def test_derivations_are_not_misspellings() -> None:
    assert spelled_apart("Tokaiev", "Tokayev", "en")
    assert spelled_apart("Turkik", "Turkic", "en")
    assert spelled_apart("Кыргизстан", "Кыргызстан", "ru")
    assert not spelled_apart("Turks", "Turkish", "en")  # one stem: turk
    assert not spelled_apart("Russian", "Russia", "en")
    assert not spelled_apart("OTG", "OTS", "en")  # acronyms match exactly or not at all


def test_near_keeps_to_one_name() -> None:
    """A window never crosses a comma or a bracket, nor overlaps a term the text holds."""
    matcher = TermMatcher(GLOSSARY)
    text = "the Organization, of Turkic States and Tokaiev"
    assert [m.text for m in near_terms(matcher, text, "en", "ots")] == []
    assert [m.text for m in near_terms(matcher, text, "en", "tokayev")] == ["Tokaiev"]
    at = text.index("Tokaiev")
    assert near_terms(matcher, text, "en", "tokayev", taken=[(at, at + 7)]) == ()


def test_the_labelled_set_is_at_least_60_pairs_and_every_edit_applies() -> None:
    rows = labelled.rows()
    shipped = [r for r in rows if r.origin.startswith("texts:")]
    assert len(shipped) >= 60  # enough without ../shared/data
    assert {r.split for r in rows} == {"tune", "held", "fresh"}
    assert {r.kind for r in shipped} == {"correct", "inflected", "listed", "unlisted", "lookalike"}
    for row in rows:
        if labelled.available(row):
            labelled.pair(row)  # raises when an edit no longer finds its text


# The bounds are the figures docs/checks.md reports, rounded down: a change that costs
# precision or recall fails here. Without ../shared/data the NTREX rows are left out.
@pytest.mark.parametrize(
    ("split", "precision", "recall"),
    [("tune", 0.99, 0.95), ("held", 0.95, 0.75), ("fresh", 0.95, 0.6)],
)
def test_precision_and_recall_on_the_labelled_set(
    split: str, precision: float, recall: float
) -> None:
    score = labelled.score(split)
    assert score.rows >= 20
    assert score.precision > precision, score
    assert score.recall >= recall, score


def test_real_ntrex_pairs_give_no_variant(shared_data: Path) -> None:
    """123 real news documents, unchanged, against the shipped glossary: published
    translations, on which the rule stays quiet (it reported "Turks" as a misspelling of
    "Turkish" until derivations were told apart)."""
    folder = shared_data / "align" / "ntrex-dev"
    bitexts = []
    for gold in sorted(folder.glob("*.ru-en.align")):
        stem = gold.name[: -len(".ru-en.align")]
        beads = labelled._beads(folder / f"{stem}.ru", folder / f"{stem}.en", gold)
        bitexts.append(bitext(beads, name=stem))
    assert len(bitexts) > 100
    findings = check_bitexts(bitexts, labelled.glossary(), CheckSettings())
    assert [f.message for f in findings if f.rule == "term-variant"] == []


def test_cli_reports_a_variant_in_a_tmx_and_fails(tmp_path: Path) -> None:
    from paralign.tmx import write_tmx

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    en = SUMMIT_EN.replace("Organization of Turkic States", "Organization of Turkic Nations")
    write_tmx([bitext([(SUMMIT_RU, en)], name="summit")], tmp_path / "tm.tmx")
    done = run_paralign("check", "tm.tmx", "--glossary", ARVAK, "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    (finding,) = json.loads(done.stdout)["findings"]
    assert finding["rule"] == "term-variant" and finding["severity"] == "error"
    assert finding["term"] == {
        "concept": "c-ots",
        "source": "Организации тюркских государств",
        "expected": "Organization of Turkic States",
        "found": "Organization of Turkic Nations",
    }
    assert finding["location"]["tu"] == "summit-1"


def test_the_shipped_corpus_gains_no_finding_in_its_baseline(tmp_path: Path) -> None:
    """`paralign check` with no arguments, the CI job, on a copy of the project: nothing new
    beside the committed baseline, and no term-variant at all without it."""
    shutil.copytree(ROOT / "texts", tmp_path / "texts")
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    done = run_paralign("check", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("0 findings")
    assert "0 stale" in done.stdout
    whole = run_paralign("check", "--no-baseline", "--format", "json", cwd=tmp_path)
    assert "term-variant" not in {f["rule"] for f in json.loads(whole.stdout)["findings"]}


def test_span_set_answers_overlaps() -> None:
    spans = SpanSet([(10, 20), (0, 30), (40, 45)])
    assert spans.overlaps(29, 31) and spans.overlaps(44, 50)
    assert not spans.overlaps(30, 40) and not spans.overlaps(45, 60)
    spans.add(50, 55)
    spans.add(60, 61)
    assert spans.overlaps(54, 58) and spans.overlaps(60, 70)
    assert not spans.overlaps(55, 60) and not spans.overlaps(61, 99)


def test_a_short_form_the_text_holds_is_no_variant_of_its_deprecated_twin() -> None:
    """Held-out row t04: "Turkic Council" (superseded short form of the OTS) is one edit from
    the deprecated "Turkish Council"; only the changed written-out name is a variant."""
    ru = (
        "Символическим началом следует считать ноябрь 2021 г., когда «Тюркский совет» был "
        "переименован в Организацию тюркских государств."
    )
    en = (
        "The symbolic start is November 2021, when the “Turkic Council” was renamed the "
        "“Union of Turkic States”."
    )
    findings = check_bitexts([bitext([(ru, en)])], labelled.glossary(), CheckSettings())
    assert [(f.rule, f.term.found) for f in findings if f.rule == "term-variant"] == [
        ("term-variant", "Union of Turkic States")
    ]


def test_a_russian_target_is_searched_by_its_lemmas() -> None:
    """en → ru: the same keys, pymorphy3 lemmas: an inflected right name is no variant, an
    inflected changed one is."""

    def one(en: str, ru: str) -> list[tuple[str, str]]:
        b = Bitext(
            "d",
            "en",
            "ru",
            (Sentence(en, line=1),),
            (Sentence(ru, line=1),),
            (Link((0,), (0,)),),
            "a.md",
            "b.md",
        )
        settings = CheckSettings(src_lang="en", tgt_lang="ru")
        found = check_bitexts([b], labelled.glossary(), settings)
        return [(f.rule, f.term.found) for f in found if f.rule == "term-variant" and f.term]

    en = "The summit of the Organization of Turkic States took place."
    assert one(en, "Саммит Организации тюркских государств состоялся.") == []
    assert one(en, "Саммит Организации тюркских народов состоялся.") == [
        ("term-variant", "Организации тюркских народов")
    ]
