"""TBX-Basic (v3) and martif (v2) reading, TBX-Basic writing, safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from paralign.model import Concept, Glossary, ParalignError, Status, Term
from paralign.tbx import TBX_NS, read_tbx, write_tbx

ROOT = Path(__file__).resolve().parents[1]

BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>Test glossary.</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c-ots">
      <descrip type="subjectField">organisations</descrip>
      <note>Not the Turkic Council.</note>
      <langSec xml:lang="en">
        <descrip type="definition">Organisation of Turkic states.</descrip>
        <termSec>
          <term>Organization of Turkic States</term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="termType">fullForm</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <descrip type="context">The summit of the Organization of Turkic States.</descrip>
          <admin type="customerSubset">ARVAK</admin>
          <note>Spelled with -ization.</note>
        </termSec>
        <termSec>
          <term>OTS</term>
          <termNote type="termType">acronym</termNote>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
        </termSec>
        <termSec>
          <term>Organisation of Turkic States</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
        </termSec>
      </langSec>
      <langSec xml:lang="ru">
        <termSec>
          <term>Организация тюркских государств</term>
          <termNote type="grammaticalGender">feminine</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
        </termSec>
        <termSec>
          <term>Совет сотрудничества</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
        </termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

# The TBX v2 layout translate-toolkit and older tools write: martif, termEntry, langSet, tig,
# and ntig/termGrp.
MARTIF = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>Old file</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <descrip type="subjectField">politics</descrip>
      <langSet xml:lang="en">
        <tig><term>Pan-Turkism</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <ntig><termGrp><term>Pan-Turanianism</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp>
          <descrip type="context">old spelling</descrip></ntig>
      </langSet>
      <langSet xml:lang="ru"><tig><term>пантюркизм</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def write(tmp_path: Path, text: str, name: str = "g.tbx") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_tbx_basic_keeps_every_modelled_field(tmp_path: Path) -> None:
    glossary = read_tbx(write(tmp_path, BASIC))
    assert glossary.description == "Test glossary."
    (concept,) = glossary.concepts
    assert (concept.id, concept.subject, concept.note) == (
        "c-ots",
        "organisations",
        "Not the Turkic Council.",
    )
    assert (concept.definition, concept.definition_lang) == ("Organisation of Turkic states.", "en")
    first = concept.terms[0]
    assert first == Term(
        "Organization of Turkic States",
        "en",
        Status.PREFERRED,
        term_type="fullForm",
        part_of_speech="noun",
        note="Spelled with -ization.",
        context="The summit of the Organization of Turkic States.",
        customer="ARVAK",
    )
    assert [(t.text, t.status) for t in concept.terms[1:]] == [
        ("OTS", Status.ADMITTED),
        ("Organisation of Turkic States", Status.DEPRECATED),
        ("Организация тюркских государств", Status.PREFERRED),
        ("Совет сотрудничества", Status.SUPERSEDED),
    ]
    assert concept.terms[3].gender == "feminine"


def test_martif_layout_is_read(tmp_path: Path) -> None:
    (concept,) = read_tbx(write(tmp_path, MARTIF)).concepts
    assert concept.id == "t1" and concept.subject == "politics"
    assert [(t.text, t.lang, t.status, t.context) for t in concept.terms] == [
        ("Pan-Turkism", "en", Status.PREFERRED, ""),
        ("Pan-Turanianism", "en", Status.DEPRECATED, "old spelling"),
        ("пантюркизм", "ru", Status.ADMITTED, ""),
    ]


def test_round_trip_and_tbx_core_order(tmp_path: Path) -> None:
    glossary = read_tbx(write(tmp_path, BASIC))
    out = tmp_path / "out.tbx"
    write_tbx(glossary, out)
    again = read_tbx(out)
    assert again.concepts == glossary.concepts
    assert again.description == glossary.description
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{TBX_NS}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    ns = {"t": TBX_NS}
    assert root.find("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p", ns) is not None
    term_sec = root.find("t:text/t:body/t:conceptEntry/t:langSec/t:termSec", ns)
    tags = [etree.QName(c).localname for c in term_sec]
    assert tags == ["term", "termNote", "termNote", "termNote", "descrip", "admin", "note"]


def test_shipped_glossary_reads_and_round_trips(tmp_path: Path) -> None:
    path = ROOT / "glossary" / "arvak.tbx"
    glossary = read_tbx(path)
    assert len(glossary.concepts) >= 45
    assert all(c.terms_in("en") and c.terms_in("ru") for c in glossary.concepts)
    out = tmp_path / "arvak.tbx"
    write_tbx(glossary, out)
    assert read_tbx(out).concepts == glossary.concepts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            BASIC.replace(
                "</conceptEntry>",
                "</conceptEntry>"
                '<conceptEntry id="c-ots"><langSec xml:lang="en"><termSec><term>x</term>'
                "</termSec></langSec></conceptEntry>",
            ),
            r"g\.tbx:\d+: duplicate concept id 'c-ots' \(first at line 5\)",
        ),
        (BASIC[: len(BASIC) // 2], r"g\.tbx:\d+: not well-formed XML"),
        (
            BASIC.replace("admittedTerm-admn-sts", "maybeTerm-admn-sts"),
            r"g\.tbx:\d+: administrativeStatus 'maybeTerm-admn-sts'",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            '<tbx><text><body><conceptEntry id="a"/></body></text></tbx>',
            "declares the entity 'e'",
        ),
        ("<tmx version='1.4'><body/></tmx>", "no conceptEntry"),
    ],
    ids=["duplicate-id", "truncated", "unknown-status", "xxe", "not-tbx"],
)
def test_bad_tbx_is_one_line_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ParalignError, match=message) as error:
        read_tbx(write(tmp_path, text))
    assert "\n" not in str(error.value)


def test_writer_refuses_ids_that_are_not_xml_ids(tmp_path: Path) -> None:
    glossary = Glossary((Concept("1 bad", (Term("a", "en", Status.PREFERRED),)),))
    out = tmp_path / "bad.tbx"
    with pytest.raises(ParalignError, match="not a valid XML ID"):
        write_tbx(glossary, out)
    assert not out.exists()
