"""TBX glossaries: TBX-Basic (ISO 30042:2019, TBX v3) read and written, TBX v2 `martif` read.

Reading streams one concept entry at a time through the shared safe parser. What a concept
carries beyond the model (transactions, cross-references, images) is skipped; what the model
keeps (statuses, part of speech, gender, term type, notes, definition, context, subject
field, customer subset) survives a read → write round trip.

`entries()` also reports what breaks TBX-Basic's rules (data categories not allowed at a
level, values outside a picklist, elements out of the TBX-Core order), with file lines, for
`paralign glossary lint`; `read_tbx` ignores those and raises only on what makes the
glossary ambiguous (duplicate ids, an administrativeStatus it cannot map).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paralign.files import atomic_output
from paralign.model import Concept, Glossary, ParalignError, Status, Term
from paralign.xmlsafe import clear_read, forbidden_char, iterparse, local_name

if TYPE_CHECKING:
    from lxml import etree

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

STATUS_VALUES = {f"{s.value}Term-admn-sts": s for s in Status}
# ISO 12620 normative authorisations older TBX files carry: normative, so preferred.
_NORMATIVE = {f"{n}Term-admn-sts" for n in ("standardized", "legal", "regulated")}

PICKLISTS: dict[str, frozenset[str]] = {
    "administrativeStatus": frozenset(STATUS_VALUES),
    "partOfSpeech": frozenset({"noun", "verb", "adjective", "adverb", "properNoun", "other"}),
    "grammaticalGender": frozenset({"masculine", "feminine", "neuter", "other"}),
    "termType": frozenset(
        {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"}
    ),
}

# TBX-Basic data categories allowed at each level: (element, type) pairs; type None for
# elements without one.
_LANG_ALLOWED = {
    ("descrip", "definition"),
    ("note", None),
    ("admin", "source"),
    ("xref", "externalCrossReference"),
    ("ref", "crossReference"),
    ("transacGrp", None),
}
_CONCEPT_ALLOWED = _LANG_ALLOWED | {("descrip", "subjectField")}
_TERM_ALLOWED = {
    ("termNote", "administrativeStatus"),
    ("termNote", "partOfSpeech"),
    ("termNote", "grammaticalGender"),
    ("termNote", "termType"),
    ("termNote", "geographicalUsage"),
    ("termNote", "termLocation"),
    ("descrip", "context"),
    ("admin", "customerSubset"),
    ("admin", "projectSubset"),
    ("admin", "source"),
    ("note", None),
    ("xref", "externalCrossReference"),
    ("ref", "crossReference"),
    ("transacGrp", None),
}
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something `glossary lint` reports: the file line and a rule name."""

    line: int
    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class Entry:
    line: int
    concept: Concept
    problems: tuple[Problem, ...] = ()


def entries(path: Path) -> Iterator[Entry]:
    """Each concept entry of a TBX v3 (`conceptEntry`) or v2 `martif` (`termEntry`) file."""
    seen_root = False
    for n, (_, element) in enumerate(
        iterparse(path, ("{*}conceptEntry", "{*}termEntry", "conceptEntry", "termEntry")), 1
    ):
        entry = _entry(element, n)
        if not seen_root:
            root_problems = _check_root(path, element.getroottree().getroot())
            entry = replace(entry, problems=root_problems + entry.problems)
            seen_root = True
        yield entry
        clear_read(element)
    if not seen_root:
        raise ParalignError(f"{path}: no conceptEntry (TBX) or termEntry (martif) found")


def _check_root(path: Path, root: etree._Element) -> tuple[Problem, ...]:
    """Refuse what is not TBX; report what TBX-Basic (2019) asks of the root element."""
    name = local_name(root.tag)
    line = root.sourceline or 0
    if name not in {"tbx", "martif"}:
        raise ParalignError(f"{path}:{line}: not a TBX file (root <{name}>)")
    if name == "martif":
        return (
            Problem(
                line,
                "tbx-basic",
                "TBX v2 <martif> layout; TBX-Basic (ISO 30042:2019) "
                "uses <tbx> in urn:iso:std:iso:30042:ed-2",
            ),
        )
    problems = []
    if root.tag != f"{{{TBX_NS}}}tbx":
        problems.append(Problem(line, "tbx-basic", f"<tbx> not in the namespace {TBX_NS}"))
    for attribute, wanted in (("type", "TBX-Basic"), ("style", "dca")):
        if root.get(attribute) != wanted:
            problems.append(
                Problem(
                    line,
                    "tbx-basic",
                    f'<tbx {attribute}="{root.get(attribute)}'
                    f'">, TBX-Basic needs {attribute}="{wanted}"',
                )
            )
    if not root.get(XML_LANG):
        problems.append(Problem(line, "tbx-basic", "<tbx> without xml:lang"))
    return tuple(problems)


def read_tbx(path: Path) -> Glossary:
    """A TBX-Basic or martif glossary; duplicate concept ids or an unknown status raise."""
    concepts: list[Concept] = []
    first_line: dict[str, int] = {}
    for entry in entries(path):
        for problem in entry.problems:
            if problem.rule == "unknown-status":
                raise ParalignError(f"{path}:{problem.line}: {problem.message}")
        concept = entry.concept
        if concept.id in first_line:
            raise ParalignError(
                f"{path}:{entry.line}: duplicate concept id '{concept.id}' "
                f"(first at line {first_line[concept.id]})"
            )
        first_line[concept.id] = entry.line
        concepts.append(replace(concept, terms=tuple(t for t in concept.terms if t.text)))
    return Glossary(tuple(concepts), str(path), _description(path))


def _description(path: Path) -> str:
    """The header's sourceDesc text, read with a second bounded pass that stops at the body."""
    for _, element in iterparse(path, ("{*}p", "p", "{*}body", "body")):
        if local_name(element.tag) == "body":
            break
        parent = element.getparent()
        if parent is not None and local_name(parent.tag) == "sourceDesc":
            return " ".join("".join(element.itertext()).split())
    return ""


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _entry(element: etree._Element, n: int) -> Entry:
    problems: list[Problem] = []
    cid = element.get("id", "").strip()
    if not cid:
        problems.append(Problem(element.sourceline or 0, "missing-id", "concept without an id"))
        cid = f"c{n}"
    elif not _NCNAME.match(cid):
        problems.append(
            Problem(element.sourceline or 0, "tbx-basic", f"id '{cid}' is not a valid XML ID")
        )
    subject = definition = definition_lang = note = ""
    terms: list[Term] = []
    for child in element:
        name = local_name(child.tag)
        if not name:
            continue
        kind = child.get("type")
        if name in {"langSec", "langSet"}:
            lang = (child.get(XML_LANG) or child.get("lang") or "").strip()
            if not lang:
                problems.append(
                    Problem(child.sourceline or 0, "tbx-basic", f"<{name}> without xml:lang")
                )
            for sub in child:
                sub_name = local_name(sub.tag)
                sub_kind = sub.get("type")
                if sub_name in {"termSec", "tig", "ntig"}:
                    terms.append(_term(sub, lang, problems))
                elif sub_name == "descrip" and sub_kind == "definition":
                    if not definition:
                        definition, definition_lang = _text(sub), lang
                    _allowed(sub, _LANG_ALLOWED, "langSec", problems)
                elif sub_name == "note":
                    note = note or _text(sub)
                elif sub_name:
                    _allowed(sub, _LANG_ALLOWED, "langSec", problems)
        elif name == "descrip" and kind == "subjectField":
            subject = _text(child)
        elif name == "descrip" and kind == "definition":
            definition, definition_lang = _text(child), ""
        elif name == "note":
            note = _text(child)
        else:
            _allowed(child, _CONCEPT_ALLOWED, "conceptEntry", problems)
    concept = Concept(cid, tuple(terms), subject, definition, note, definition_lang)
    return Entry(element.sourceline or 0, concept, tuple(problems))


def _allowed(
    element: etree._Element,
    allowed: set[tuple[str, str | None]],
    level: str,
    problems: list[Problem],
) -> None:
    name, kind = local_name(element.tag), element.get("type")
    if (name, kind) not in allowed:
        shown = f'<{name} type="{kind}">' if kind else f"<{name}>"
        problems.append(
            Problem(
                element.sourceline or 0,
                "tbx-basic",
                f"{shown} is not a TBX-Basic data category at {level} level",
            )
        )


# a term-level data category → the Term field it fills
_TERM_FIELDS = {
    "partOfSpeech": "part_of_speech",
    "grammaticalGender": "gender",
    "termType": "term_type",
    "context": "context",
    "customerSubset": "customer",
}
_ORDER = "out of TBX-Core order (term, termNote, then descrip/admin/note)"


def _term(element: etree._Element, lang: str, problems: list[Problem]) -> Term:
    """A termSec (v3), or a tig / ntig>termGrp (martif): the term, its notes, its details."""
    fields: dict[str, str] = {}
    status = Status.ADMITTED
    text = ""
    order = 0  # TBX-Core: term, then termNote, then descrip/admin/note
    for child in _term_children(element):
        name, kind = local_name(child.tag), child.get("type") or ""
        if not name:
            continue
        line = child.sourceline or 0
        rank = {"term": 0, "termNote": 1}.get(name, 2)
        if rank < order:
            problems.append(Problem(line, "tbx-basic", f"<{name}> {_ORDER}"))
        order = max(order, rank)
        value = _text(child)
        if name == "term":
            if text:
                problems.append(Problem(line, "tbx-basic", "second <term> in one termSec"))
            else:
                text = value
        elif name == "termNote" and kind in {"administrativeStatus", "normativeAuthorization"}:
            status = _status(kind, value, line, problems) or status
        else:
            _check_term_category(child, name, kind, value, problems)
            key = _TERM_FIELDS.get(kind, "note" if name == "note" else "")
            if key and key not in fields:
                fields[key] = value
    if not text:
        problems.append(Problem(element.sourceline or 0, "empty-term", f"empty {lang} term"))
    return Term(text=text, lang=lang, status=status, **fields)


def _term_children(element: etree._Element) -> list[etree._Element]:
    """A term's children, those of a martif `termGrp` first (in its place of a tig)."""
    children = list(element)
    for group in [c for c in children if local_name(c.tag) == "termGrp"]:
        children.remove(group)
        children = list(group) + children
    return children


def _status(kind: str, value: str, line: int, problems: list[Problem]) -> Status | None:
    """An administrativeStatus (or v2 normativeAuthorization) value; None when unknown."""
    status: Status | None = None
    if value in STATUS_VALUES:
        status = STATUS_VALUES[value]
    elif value in _NORMATIVE:
        status = Status.PREFERRED
    else:
        problems.append(
            Problem(
                line,
                "unknown-status",
                f"administrativeStatus '{value}' is none "
                "of preferred/admitted/deprecated/supersededTerm-admn-sts",
            )
        )
    if kind == "normativeAuthorization":
        problems.append(
            Problem(
                line,
                "tbx-basic",
                "normativeAuthorization is TBX v2; TBX-Basic uses administrativeStatus",
            )
        )
    return status


def _check_term_category(
    child: etree._Element, name: str, kind: str, value: str, problems: list[Problem]
) -> None:
    """A data category allowed at term level, with a value from its picklist if it has one."""
    if (name, kind or None) not in _TERM_ALLOWED:
        _allowed(child, _TERM_ALLOWED, "termSec", problems)
    elif kind in PICKLISTS and value not in PICKLISTS[kind]:
        problems.append(
            Problem(
                child.sourceline or 0,
                "tbx-basic",
                f"{kind} '{value}' is not in the TBX-Basic picklist "
                f"({', '.join(sorted(PICKLISTS[kind]))})",
            )
        )


def write_tbx(glossary: Glossary, path: Path) -> None:
    """TBX-Basic with the TBX-Core structure, atomically. Ids that are not XML IDs raise."""
    with atomic_output(path, "wb") as out:
        out.write(tbx_bytes(glossary))


MakeElement = Callable[..., Any]
"""(parent, tag, text='', **attributes) → the new child, its text checked for XML."""


def element_maker(glossary: Glossary, prefix: str) -> MakeElement:
    """A `sub(parent, tag, text, **attrs)` for a glossary's XML: tags get `prefix` (a
    namespace or nothing), and text XML 1.0 forbids is one line naming the glossary."""
    from lxml import etree

    def sub(parent: etree._Element, tag: str, text: str = "", **attrs: str) -> etree._Element:
        bad = forbidden_char(text)
        if bad:
            raise ParalignError(
                f"{glossary.path or 'glossary'}: {text[:40]!r} contains {bad}, "
                "which XML 1.0 forbids"
            )
        element = etree.SubElement(parent, f"{prefix}{tag}", attrs)
        if text:
            element.text = text
        return element

    return sub


def term_details(sub: MakeElement, parent: etree._Element, term: Term, customer: bool) -> None:
    """A term's termNotes (TBX-Core order), context, customer and note: the same data
    categories in TBX-Basic's termSec and TBX 2's tig."""
    for kind, value in (
        ("partOfSpeech", term.part_of_speech),
        ("termType", term.term_type),
        ("grammaticalGender", term.gender),
        ("administrativeStatus", f"{term.status.value}Term-admn-sts"),
    ):
        if value:
            sub(parent, "termNote", value, type=kind)
    if term.context:
        sub(parent, "descrip", term.context, type="context")
    if customer and term.customer:
        sub(parent, "admin", term.customer, type="customerSubset")
    if term.note:
        sub(parent, "note", term.note)


def tbx_bytes(glossary: Glossary, xml_lang: str = "") -> bytes:
    """The TBX-Basic document; the root's xml:lang (the glossary's working language) is
    `xml_lang`, else the language of the first term, else en."""
    from lxml import etree

    xml_lang = xml_lang or next((t.lang for c in glossary.concepts for t in c.terms), "en")

    sub = element_maker(glossary, f"{{{TBX_NS}}}")

    root = etree.Element(
        f"{{{TBX_NS}}}tbx",
        {"type": "TBX-Basic", "style": "dca", XML_LANG: xml_lang},
        nsmap={None: TBX_NS},
    )
    source = sub(sub(sub(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    sub(source, "p", glossary.description or "Written by paralign.")
    body = sub(sub(root, "text"), "body")
    seen: set[str] = set()
    for concept in glossary.concepts:
        if not _NCNAME.match(concept.id):
            raise ParalignError(
                f"{glossary.path or 'glossary'}: concept id '{concept.id}' is not a valid XML ID"
                " (start with a letter; letters, digits, '-', '_', '.')"
            )
        if concept.id in seen:
            raise ParalignError(
                f"{glossary.path or 'glossary'}: duplicate concept id '{concept.id}'"
            )
        seen.add(concept.id)
        entry = sub(body, "conceptEntry", id=concept.id)
        if concept.subject:
            sub(entry, "descrip", concept.subject, type="subjectField")
        if concept.definition and not concept.definition_lang:
            sub(entry, "descrip", concept.definition, type="definition")
        if concept.note:
            sub(entry, "note", concept.note)
        langs = list(dict.fromkeys(t.lang for t in concept.terms))
        if concept.definition_lang and concept.definition_lang not in langs:
            langs.append(concept.definition_lang)
        for lang in langs:
            lang_sec = sub(entry, "langSec", **{XML_LANG: lang})
            if concept.definition and concept.definition_lang == lang:
                sub(lang_sec, "descrip", concept.definition, type="definition")
            for term in (t for t in concept.terms if t.lang == lang):
                term_sec = sub(lang_sec, "termSec")
                sub(term_sec, "term", term.text)
                term_details(sub, term_sec, term, customer=True)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
