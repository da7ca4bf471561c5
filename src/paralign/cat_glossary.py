"""Glossaries in the forms CAT tools import: TBX 2 (`martif`) and OmegaT's tab-separated file.

OmegaT 3.6, memoQ and older Trados (MultiTerm's TBX import) read TBX 2 (ISO 30042:2008,
`martif/text/body/termEntry/langSet/tig`), not the TBX-Basic 2019 that `tbx.py` writes.
Both forms keep what a translator may write: preferred and admitted terms. Deprecated and
superseded terms are left out, because OmegaT shows every glossary term as a suggestion
and has no notion of a forbidden one (paralign's `check` is where deprecated terms are
caught). Statuses are carried as follows:

- TBX 2: each `tig` holds `<termNote type="administrativeStatus">preferredTerm-admn-sts`
  (or `admittedTerm-admn-sts`), the TBX 2 data category memoQ and MultiTerm map to their
  own term status; preferred terms come first in their `langSet`.
- OmegaT: no status column exists, so the comment (third column) says `admitted` when a
  term of the pair is admitted; a pair of preferred terms has no status word. Rows of a
  concept come preferred first. The concept's subject and note follow in the comment.
"""

from __future__ import annotations

from pathlib import Path

from paralign.files import atomic_output, write_text_atomic
from paralign.model import Glossary, Term
from paralign.omegat import USABLE, omegat_glossary_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def martif_bytes(glossary: Glossary, xml_lang: str = "en") -> bytes:
    """The glossary as TBX 2 `martif`, preferred and admitted terms only."""
    from lxml import etree

    from paralign.tbx import element_maker, term_details

    sub = element_maker(glossary, "")

    root = etree.Element("martif", {"type": "TBX", XML_LANG: xml_lang})
    source = sub(sub(sub(root, "martifHeader"), "fileDesc"), "sourceDesc")
    sub(source, "p", glossary.description or "Written by paralign.")
    sub(source, "p", "Preferred and admitted terms only; deprecated and superseded left out.")
    body = sub(sub(root, "text"), "body")
    for concept in glossary.concepts:
        terms = _usable(concept.terms)
        if not terms:
            continue
        entry = sub(body, "termEntry", id=concept.id)
        if concept.subject:
            sub(entry, "descrip", concept.subject, type="subjectField")
        if concept.definition:
            sub(entry, "descrip", concept.definition, type="definition")
        if concept.note:
            sub(entry, "note", concept.note)
        for lang in dict.fromkeys(t.lang for t in terms):
            lang_set = sub(entry, "langSet", **{XML_LANG: lang})
            for term in (t for t in terms if t.lang == lang):
                tig = sub(lang_set, "tig")
                sub(tig, "term", term.text)
                term_details(sub, tig, term, customer=False)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _usable(terms: tuple[Term, ...]) -> list[Term]:
    kept = [t for t in terms if t.status in USABLE and t.text.strip()]
    return sorted(kept, key=lambda t: USABLE.index(t.status))  # stable: order within a status


def write_martif(glossary: Glossary, path: Path) -> None:
    with atomic_output(path, "wb") as out:
        out.write(martif_bytes(glossary))


def write_omegat_glossary(glossary: Glossary, path: Path, src_lang: str, tgt_lang: str) -> int:
    """OmegaT's `term<TAB>translation<TAB>comment` file (UTF-8); returns the row count."""
    text = omegat_glossary_text(glossary, src_lang, tgt_lang)
    write_text_atomic(path, text)
    return text.count("\n")
