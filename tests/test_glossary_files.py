"""Spreadsheet glossaries (CSV/TSV) and load/save by extension: statuses survive round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paralign.glossary_files import load_glossary, save_glossary
from paralign.model import Concept, Glossary, ParalignError, Status, Term
from tests.test_tbx import BASIC, MARTIF


def statuses(glossary: Glossary) -> list[tuple[str, list[tuple[str, str, Status]]]]:
    return [(c.id, [(t.lang, t.text, t.status) for t in c.terms]) for c in glossary.concepts]


def test_csv_columns_markers_and_escapes(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        "id,en,ru,subject,note\n"
        'c-ots,"Organization of Turkic States; OTS; !Organisation of Turkic States",'
        "Организация тюркских государств; ~Совет сотрудничества,orgs,a note\n"
        "c-x,+admitted only; *Second Preferred; \\!Kung; semi\\;colon,,,\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    assert statuses(glossary) == [
        (
            "c-ots",
            [
                ("en", "Organization of Turkic States", Status.PREFERRED),
                ("en", "OTS", Status.ADMITTED),
                ("en", "Organisation of Turkic States", Status.DEPRECATED),
                ("ru", "Организация тюркских государств", Status.PREFERRED),
                ("ru", "Совет сотрудничества", Status.SUPERSEDED),
            ],
        ),
        (
            "c-x",
            [
                ("en", "admitted only", Status.ADMITTED),
                ("en", "Second Preferred", Status.PREFERRED),
                ("en", "!Kung", Status.ADMITTED),
                ("en", "semi;colon", Status.ADMITTED),
            ],
        ),
    ]
    assert (glossary.concepts[0].subject, glossary.concepts[0].note) == ("orgs", "a note")


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_tbx_to_table_to_tbx_loses_no_concept_or_status(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / "in.tbx"
    source.write_text(BASIC, encoding="utf-8")
    original = load_glossary(source)
    table = tmp_path / f"g{suffix}"
    save_glossary(original, table)
    back = tmp_path / "back.tbx"
    save_glossary(load_glossary(table), back)
    final = load_glossary(back)
    assert statuses(final) == statuses(original)
    assert [(c.subject, c.definition, c.note) for c in final.concepts] == [
        (c.subject, c.definition, c.note) for c in original.concepts
    ]
    if suffix == ".tsv":
        assert "\t" in table.read_text(encoding="utf-8").splitlines()[0]


def test_martif_and_xml_extension_dispatch(tmp_path: Path) -> None:
    path = tmp_path / "old.xml"
    path.write_text(MARTIF, encoding="utf-8")
    assert [c.id for c in load_glossary(path).concepts] == ["t1"]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "r.csv",
            "id,en,ru\nc1,a,б\nc2,b\n",
            r"r\.csv:3: row has 2 cells, the header \(line 1\) has 3",
        ),
        (
            "d.csv",
            "id,en\nc1,a\nc1,b\n",
            r"d\.csv:3: duplicate concept id 'c1' \(first at line 2\)",
        ),
        ("h.csv", "id,English term\nc1,a\n", r"h\.csv:1: column 'English term'"),
        ("n.csv", "id,note\nc1,a\n", r"n\.csv:1: no language column"),
        ("q.csv", 'id,en\nc1,"unclosed\n', r"q\.csv:\d+: malformed"),
        ("g.ods", "x", r"g\.ods: unknown glossary format"),
        ("e.csv", "", r"e\.csv: empty file"),
    ],
)
def test_bad_tables_are_one_line_errors(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParalignError, match=message):
        load_glossary(path)


def test_save_is_atomic_on_error(tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    bad = Glossary((Concept("ok", (Term("a\x02", "en", Status.PREFERRED),)),))
    with pytest.raises(ParalignError, match="U\\+0002"):
        save_glossary(bad, out)
    assert list(tmp_path.iterdir()) == []


_term = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["en", "ru"]), _term, st.sampled_from(list(Status))),
        min_size=1,
        max_size=6,
    )
)
def test_any_terms_and_statuses_survive_csv(tmp_path_factory, terms) -> None:
    concept = Concept("c1", tuple(Term(text, lang, status) for lang, text, status in terms))
    path = tmp_path_factory.mktemp("g") / "g.csv"
    save_glossary(Glossary((concept,)), path)
    (back,) = load_glossary(path).concepts
    expected = [
        t
        for lang in dict.fromkeys(t.lang for t in concept.terms)
        for t in concept.terms
        if t.lang == lang
    ]
    assert list(back.terms) == expected
