"""Glossaries for CAT tools: TBX 2 martif (translate-toolkit, our reader) and OmegaT's TSV."""

from __future__ import annotations

from pathlib import Path

from paralign.cat_glossary import martif_bytes
from paralign.glossary_files import load_glossary
from paralign.model import Concept, Glossary, Status, Term
from paralign.omegat import omegat_glossary_rows
from paralign.tbx import read_tbx
from tests.conftest import ROOT, run_paralign

GLOSSARY = ROOT / "glossary" / "arvak.tbx"


def small() -> Glossary:
    return Glossary(
        (
            Concept(
                "c-ots",
                (
                    Term("Организация тюркских государств", "ru", Status.PREFERRED),
                    Term("ОТГ", "ru", Status.ADMITTED),
                    Term("Тюркский союз", "ru", Status.DEPRECATED),
                    Term("Organization of Turkic States", "en", Status.PREFERRED),
                    Term("Turkic Union", "en", Status.SUPERSEDED),
                ),
                subject="organisations",
            ),
            Concept("c-gone", (Term("старое", "ru", Status.DEPRECATED), Term("old", "en"))),
        )
    )


def test_omegat_rows_keep_usable_terms_and_say_admitted() -> None:
    rows = list(omegat_glossary_rows(small(), "ru", "en"))
    assert rows == [
        ("Организация тюркских государств", "Organization of Turkic States", "organisations"),
        ("ОТГ", "Organization of Turkic States", "admitted; organisations"),
    ]


def test_martif_reads_back_with_statuses_and_without_deprecated(tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    out.write_bytes(martif_bytes(small()))
    read = read_tbx(out)
    assert [c.id for c in read.concepts] == ["c-ots", "c-gone"]
    assert [(t.text, t.status) for t in read.concepts[0].terms] == [
        ("Организация тюркских государств", Status.PREFERRED),
        ("ОТГ", Status.ADMITTED),
        ("Organization of Turkic States", Status.PREFERRED),
    ]
    assert [t.text for t in read.concepts[1].terms] == ["old"]


def test_translate_toolkit_reads_the_converted_corpus_glossary(tmp_path: Path) -> None:
    from translate.storage.tbx import tbxfile

    out = tmp_path / "arvak2.tbx"
    done = run_paralign("glossary", "convert", GLOSSARY, out, "--to", "tbx2")
    assert done.returncode == 0, done.stderr
    glossary = load_glossary(GLOSSARY)
    units = tbxfile.parsefile(str(out)).units
    assert len(units) == len(glossary.concepts) > 0
    usable = {
        t.text for c in glossary.concepts for t in c.terms if t.status in ("preferred", "admitted")
    }
    deprecated = {t.text for c in glossary.concepts for t in c.terms if t.status == "deprecated"}
    seen = {text for u in units for text in (u.source, u.target) if text}
    assert seen <= usable and not seen & (deprecated - usable)
    assert "Organization of Turkic States" in seen


def test_convert_to_omegat_by_extension(tmp_path: Path) -> None:
    out = tmp_path / "arvak.txt"
    done = run_paralign("glossary", "convert", GLOSSARY, out)
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert all(len(line.split("\t")) == 3 for line in lines) and len(lines) > 200
    assert "Организация тюркских государств\tOrganization of Turkic States\t" in (
        out.read_text(encoding="utf-8")
    )
    flipped = tmp_path / "en-ru.txt"
    assert (
        run_paralign(
            "glossary", "convert", GLOSSARY, flipped, "--src", "en", "--tgt", "ru"
        ).returncode
        == 0
    )
    assert flipped.read_text(encoding="utf-8").startswith("Organization of Turkic States\t")
