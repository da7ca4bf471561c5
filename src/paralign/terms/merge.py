"""`glossary merge`: the entries an editor kept in a candidates file, into the glossary.

Every entry of the candidates file is taken as accepted (the editor deletes the others).
The evidence notes of `terms mine` are dropped. By concept id:

- an id the glossary has: the entry's terms that the concept lacks are added to it (in its
  langSec of that language); a term it already has (same language, same text ignoring case)
  with the same status is passed over, with another status it is a *conflict*;
- a new id: the concept is appended, less any term that already belongs to another concept
  of the glossary (a conflict: one term in two concepts is what `glossary lint` warns of);
  a concept left without terms is not added.

Conflicts: `keep` (default) keeps the glossary as it is and reports each one; `replace`
gives an existing term the candidate's status (a term of another concept is still skipped);
`fail` reports the first and writes nothing. A TBX glossary is edited in place, element by
element, so everything `paralign` does not model (title, comments, transactions) survives;
a CSV/TSV glossary is rewritten from the model. The write is atomic.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, cast

from paralign.lang import primary, same_language
from paralign.model import Concept, Glossary, ParalignError, Term
from paralign.terms.output import EVIDENCE_PREFIX, PROPOSAL_PREFIX

if TYPE_CHECKING:
    from lxml import etree

# The functional form, because a class body's `replace = "replace"` redefines str.replace,
# which mypy rejects; "replace" is the CLI's choice and the public member name, so it stays.
OnConflict = StrEnum("OnConflict", [("keep", "keep"), ("replace", "replace"), ("fail", "fail")])


@dataclass(frozen=True, slots=True)
class Change:
    concept: str
    term: Term | None  # None: a whole new concept
    action: str  # 'added', 'new-concept', 'status', 'kept', 'skipped'
    message: str = ""


def _clean(concept: Concept) -> Concept:
    terms = tuple(
        replace(t, note="") if t.note.startswith(PROPOSAL_PREFIX) else t for t in concept.terms
    )
    note = "" if concept.note.startswith(EVIDENCE_PREFIX) else concept.note
    return replace(concept, terms=terms, note=note)


def _key(term: Term) -> tuple[str, str]:
    return primary(term.lang), term.text.casefold()


def plan(candidates: Glossary, glossary: Glossary, on_conflict: OnConflict) -> list[Change]:
    """What merging does, change by change; a conflict under `fail` raises."""
    owners: dict[tuple[str, str], tuple[str, Term]] = {}
    by_id = {c.id: c for c in glossary.concepts}
    for concept in glossary.concepts:
        for term in concept.terms:
            owners.setdefault(_key(term), (concept.id, term))
    changes: list[Change] = []

    def conflict(change: Change) -> None:
        if on_conflict == OnConflict.fail:
            raise ParalignError(f"merge conflict: {change.message} (nothing written)")
        changes.append(change)

    for raw in candidates.concepts:
        concept = _clean(raw)
        existing = by_id.get(concept.id)
        new_terms: list[Term] = []
        for term in concept.terms:
            owner = owners.get(_key(term))
            if owner is None:
                new_terms.append(term)
                owners[_key(term)] = (concept.id, term)
                continue
            owner_id, owned = owner
            if owner_id != concept.id:
                conflict(
                    Change(
                        concept.id,
                        term,
                        "skipped",
                        f"{concept.id}: {term.lang} '{term.text}' already belongs to {owner_id}",
                    )
                )
            elif owned.status != term.status:
                message = (
                    f"{concept.id}: {term.lang} '{term.text}' is {owned.status.value} in the "
                    f"glossary, {term.status.value} in the candidates"
                )
                if on_conflict == OnConflict.replace:
                    changes.append(Change(concept.id, term, "status", message))
                else:
                    conflict(Change(concept.id, term, "kept", message))
        if existing is not None:
            changes.extend(Change(concept.id, t, "added") for t in new_terms)
        elif new_terms:
            changes.append(
                Change(concept.id, None, "new-concept", ""),
            )
            changes.extend(Change(concept.id, t, "added") for t in new_terms)
    return changes


def merged_glossary(glossary: Glossary, candidates: Glossary, changes: list[Change]) -> Glossary:
    """The merged glossary as a model (for CSV/TSV targets)."""
    concepts = {c.id: c for c in glossary.concepts}
    order = [c.id for c in glossary.concepts]
    sources = {c.id: _clean(c) for c in candidates.concepts}
    for change in changes:
        if change.action == "new-concept":
            source = sources[change.concept]
            concepts[change.concept] = replace(source, terms=())
            order.append(change.concept)
        elif change.action == "added" and change.term is not None:
            concept = concepts[change.concept]
            concepts[change.concept] = replace(concept, terms=(*concept.terms, change.term))
        elif change.action == "status" and change.term is not None:
            concept = concepts[change.concept]
            key = _key(change.term)
            concepts[change.concept] = replace(
                concept,
                terms=tuple(
                    replace(t, status=change.term.status) if _key(t) == key else t
                    for t in concept.terms
                ),
            )
    return replace(glossary, concepts=tuple(concepts[i] for i in order))


def merged_tbx(path: Path, candidates: Glossary, changes: list[Change]) -> bytes:
    """The glossary file `path` with the changes made to its elements."""
    from lxml import etree

    from paralign.tbx import TBX_NS, XML_LANG, tbx_bytes
    from paralign.xmlsafe import PARSER_OPTIONS, local_name

    options = dict(PARSER_OPTIONS, remove_comments=False, remove_pis=False)
    tree = etree.parse(str(path), etree.XMLParser(**options))
    root = tree.getroot()
    ns = root.nsmap.get(None, TBX_NS)
    entries = {e.get("id"): e for e in root.iter(f"{{{ns}}}conceptEntry")}
    body = next(root.iter(f"{{{ns}}}body"))
    sources = {c.id: _clean(c) for c in candidates.concepts}

    def built(concept: Concept) -> etree._Element:
        document = etree.fromstring(tbx_bytes(Glossary((concept,))))
        return next(document.iter(f"{{{TBX_NS}}}conceptEntry"))

    for change in changes:
        if change.action == "new-concept":
            source = sources[change.concept]
            added = [c.term for c in changes if c.concept == change.concept and c.action == "added"]
            element = built(replace(source, terms=tuple(t for t in added if t)))
            etree.indent(element, space="  ", level=3)
            _append(body, element)
            entries[change.concept] = element
        elif change.action == "added" and change.term is not None:
            entry = entries[change.concept]
            if _is_new(entry, changes, change):
                continue  # written whole with its new concept
            lang = change.term.lang
            term_sec = next(
                built(Concept(change.concept, (change.term,))).iter(f"{{{TBX_NS}}}termSec")
            )
            lang_sec = next(
                (
                    s
                    for s in entry
                    if local_name(s.tag) == "langSec" and same_language(s.get(XML_LANG) or "", lang)
                ),
                None,
            )
            if lang_sec is None:
                lang_sec = etree.SubElement(entry, f"{{{ns}}}langSec", {XML_LANG: lang})
                etree.indent(lang_sec, space="  ", level=4)
            etree.indent(term_sec, space="  ", level=5)
            _append(lang_sec, term_sec)
        elif change.action == "status" and change.term is not None:
            entry = entries[change.concept]
            for term_sec in entry.iter(f"{{{ns}}}termSec"):
                term = term_sec.find(f"{{{ns}}}term")
                if term is None or (term.text or "").casefold() != change.term.text.casefold():
                    continue
                for note in term_sec.iter(f"{{{ns}}}termNote"):
                    if note.get("type") == "administrativeStatus":
                        note.text = f"{change.term.status.value}Term-admn-sts"
    # lxml ships no type hints: tostring is Any; with an encoding it returns bytes
    return cast(bytes, etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))


def _is_new(entry: object, changes: list[Change], change: Change) -> bool:
    return any(c.concept == change.concept and c.action == "new-concept" for c in changes)


def _append(parent: etree._Element, child: etree._Element) -> None:
    """Append keeping the parent's indentation: the new child takes the last child's tail."""
    children = list(parent)
    if children:
        last = children[-1]
        child.tail = last.tail
        last.tail = parent.text
    parent.append(child)


def merge_files(
    candidates_path: Path,
    glossary_path: Path,
    output: Path | None = None,
    on_conflict: OnConflict = OnConflict.keep,
) -> list[Change]:
    """Merge and write atomically (to `output`, else over the glossary)."""
    from paralign.files import atomic_output
    from paralign.glossary_files import TBX_SUFFIXES, load_glossary, save_glossary

    candidates = load_glossary(candidates_path)
    glossary = load_glossary(glossary_path)
    changes = plan(candidates, glossary, on_conflict)
    target = output or glossary_path
    same_format = glossary_path.suffix.lower() in TBX_SUFFIXES
    if same_format and target.suffix.lower() in TBX_SUFFIXES:
        data = merged_tbx(glossary_path, candidates, changes)
        with atomic_output(target, "wb") as out:
            out.write(data)
    else:
        save_glossary(merged_glossary(glossary, candidates, changes), target)
    return changes
