"""issue 3's accuracy goals on ../shared/data/seg, and the SRX engine against its oracle.

The oracle is choppa-srx (a port of the Java `segment` library behind OmegaT and
LanguageTool): with LanguageTool's rules our engine must break exactly where it does.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paralign.segment import segment_spans
from paralign.segment.evaluate import (
    boundaries_of_spans,
    read_cases,
    read_records,
    score,
)
from paralign.segment.srx import Segmenter, load_srx
from tests.conftest import ROOT, STEM, TEXTS

LT_SRX = ROOT.parent / "shared" / "standards" / "srx" / "languagetool_segment.srx"
# Cases whose expected output is not a substring of the input (the segmenter would have to
# rewrite the text, removing a newline): paralign keeps text as it is, by design.
CLEANING = "expected_not_substring_of_input"


def ours(lang: str):  # type: ignore[no-untyped-def]
    return lambda record: boundaries_of_spans(
        record.text, [(a, b) for a, b, _ in segment_spans(record.text, lang)]
    )


@pytest.mark.parametrize(
    ("name", "lang", "limit"),
    [("ru_ud_gsd", "ru", 64), ("ru_ud_taiga", "ru", 105), ("en_ud_ewt", "en", 45)],
)
def test_fewer_errors_than_the_best_peer(
    shared_data: Path, name: str, lang: str, limit: int
) -> None:
    result = score(read_records(shared_data / "seg" / f"{name}.jsonl"), ours(lang))
    assert result.errors_per_1000 < limit, result


def test_all_razdel_unit_cases(shared_data: Path) -> None:
    failed = [
        (case_id, text)
        for case_id, _, text, expected, _ in read_cases(shared_data / "seg" / "ru_razdel_unit.tsv")
        if [text[a:b] for a, b, _ in segment_spans(text, "ru")] != [e.strip() for e in expected]
    ]
    assert failed == []


def test_english_golden_rules(shared_data: Path) -> None:
    cases = read_cases(shared_data / "seg" / "en_golden_rules.tsv")
    judged = [c for c in cases if CLEANING not in c[4]]
    assert len(cases) - len(judged) == 2
    failed = [
        (case_id, name)
        for case_id, name, text, expected, _ in judged
        if [text[a:b] for a, b, _ in segment_spans(text, "en")] != [e.strip() for e in expected]
    ]
    assert len(judged) - len(failed) >= 48, failed


@pytest.mark.skipif(not LT_SRX.exists(), reason="../shared/standards is not present")
@pytest.mark.parametrize(
    ("name", "lang"), [("ru_ud_gsd", "ru"), ("ru_ud_taiga", "ru"), ("en_ud_ewt", "en")]
)
def test_srx_engine_breaks_where_choppa_does(shared_data: Path, name: str, lang: str) -> None:
    from choppa import SrxDocument, SrxTextIterator

    oracle = SrxDocument(ruleset=str(LT_SRX))
    segmenter = Segmenter(load_srx(LT_SRX).rules_for(lang), str(LT_SRX))
    texts = [r.text for r in read_records(shared_data / "seg" / f"{name}.jsonl")]
    texts += [(TEXTS / lang / f"{STEM}.md").read_text(encoding="utf-8")] if lang != "en" else []
    texts += [(TEXTS / "en" / f"{STEM}.md").read_text(encoding="utf-8")] if lang == "en" else []
    mismatched = []
    for text in texts:
        pieces = list(SrxTextIterator(oracle, lang, text))
        expected = [sum(len(p) for p in pieces[: i + 1]) for i in range(len(pieces) - 1)]
        if [p for p, _ in segmenter.breaks(text)] != expected:
            mismatched.append(text[:60])
    assert mismatched == []


FUZZ_TOKENS = [
    *["Mr.", "Dr.", "U.S.", "e.g.", "No.", "etc.", "St.", "г.", "т. е.", "И.", "Иван", "The"],
    *[" ", "  ", "\n", "\n\n", "A", "b", "а", ".", "..", "...", "…", "!", "?", ":", ";"],
    *["»", "«", '"', "'", ")", "(", "1.", "2", "-", "—", "[1]"],
]


@pytest.mark.skipif(not LT_SRX.exists(), reason="../shared/standards is not present")
@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(FUZZ_TOKENS), min_size=1, max_size=40).map("".join),
    st.sampled_from(["en", "ru", "de", "en_two", "ru_one"]),
)
def test_srx_engine_equals_choppa_on_any_text(text: str, lang: str) -> None:
    from choppa import SrxTextIterator

    pieces = list(SrxTextIterator(_choppa(), lang, text))
    expected = [sum(len(p) for p in pieces[: i + 1]) for i in range(len(pieces) - 1)]
    assert [p for p, _ in _languagetool(lang).breaks(text)] == expected


@lru_cache(maxsize=1)
def _choppa():  # type: ignore[no-untyped-def]
    from choppa import SrxDocument

    return SrxDocument(ruleset=str(LT_SRX))


@lru_cache(maxsize=8)
def _languagetool(lang: str) -> Segmenter:
    return Segmenter(load_srx(LT_SRX).rules_for(lang), str(LT_SRX))
