"""What OmegaT 3.6 needs from paralign beside the TMX: its segmentation rules and a glossary.

OmegaT keeps a project's own segmentation rules in `omegat/segmentation.conf`, a
`java.beans.XMLEncoder` document of its `SRX` class (not SRX 2.0; the GUI imports SRX files,
console mode only reads this file). `segmentation_conf` writes paralign's SRX 2.0 rules in
that form, so that OmegaT cuts the source into the same sentences the TMX holds. OmegaT
always cascades (every languagemap that matches contributes its rules, in order), as
paralign's rules expect; its patterns are Java regexes, as SRX's are, bounded here as the
SRX reference engine bounds them (Java refuses an unbounded lookbehind).

The glossary is OmegaT's tab-separated form: `term<TAB>translation<TAB>comment`, UTF-8,
one line per pair of a source and a target term (see `omegat_glossary`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from paralign.model import Concept, Glossary, ParalignError, Status, Term
from paralign.segment.javaregex import finitize
from paralign.segment.srx import SrxDocument

if TYPE_CHECKING:
    from lxml import etree

# The version OmegaT 3.6 writes; an older one makes it merge its own default rules in.
OMEGAT_SRX_VERSION = "0.2.2"
USABLE = (Status.PREFERRED, Status.ADMITTED)


def segmentation_conf(srx: SrxDocument) -> bytes:
    """paralign's (or any) SRX 2.0 rules as OmegaT 3.6's `omegat/segmentation.conf`."""
    from lxml import etree

    root = etree.Element("java", version="1.8.0", **{"class": "java.beans.XMLDecoder"})
    top = etree.SubElement(root, "object", {"class": "org.omegat.core.segmentation.SRX"})
    for name, value in (
        ("segmentSubflows", True),
        ("includeStartingTags", False),
        ("includeEndingTags", True),
        ("includeIsolatedTags", True),
    ):
        _property(top, name, "boolean", "true" if value else "false")
    maps = _property_list(top, "mappingRules")
    by_name = dict(srx.language_rules)
    for pattern, name in srx.maps:
        if name not in by_name:
            raise ParalignError(f"{srx.path}: languagemap names '{name}', which has no rules")
        item = etree.SubElement(etree.SubElement(maps, "void", method="add"), "object")
        item.set("class", "org.omegat.core.segmentation.MapRule")
        _property(item, "language", "string", name)
        _property(item, "pattern", "string", pattern)
        rules = _property_list(item, "rules")
        for rule in by_name[name]:
            element = etree.SubElement(etree.SubElement(rules, "void", method="add"), "object")
            element.set("class", "org.omegat.core.segmentation.Rule")
            _property(element, "breakRule", "boolean", "true" if rule.is_break else "false")
            _property(element, "beforebreak", "string", java_pattern(rule.before))
            _property(element, "afterbreak", "string", java_pattern(rule.after))
    _property(top, "version", "string", OMEGAT_SRX_VERSION)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def java_pattern(pattern: str) -> str:
    r"""A pattern Java's `Pattern.compile` takes: repetition bounded (`finitize`), and inside a
    lookbehind a repeated group `(?:X){0,n}` unrolled into `(?:X)?` four times, since Java
    finds no maximum length for a repeated group there (a list number like 1.2.3.4.5 with more
    than four dotted parts is the only case this loses), and `\s`, `\d`, `\w` Unicode-aware."""
    bounded = finitize(pattern)
    out: list[str] = []
    cursor = 0
    for start, end in _lookbehinds(bounded):
        if start < cursor:
            continue
        out.append(bounded[cursor:start])
        out.append(
            _REPEATED_GROUP.sub(lambda m: f"(?:{m.group(1)})?" * _UNROLL, bounded[start:end])
        )
        cursor = end
    out.append(bounded[cursor:])
    # (?U): Unicode classes, as Python's regex has them: without it Java's \s misses the
    # no-break space the Russian puts in «2020 г.», and a rule reads differently in OmegaT.
    return "(?U)" + "".join(out)


_REPEATED_GROUP = re.compile(r"\(\?:((?:[^()\\\[]|\\.|\[(?:[^\]\\]|\\.)*\])*)\)\{0,\d+\}")
_UNROLL = 4


def _lookbehinds(pattern: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each outermost `(?<=…)` / `(?<!…)` in a pattern."""
    index, size, in_class = 0, len(pattern), False
    stack: list[tuple[int, bool]] = []
    while index < size:
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            behind = pattern.startswith(("(?<=", "(?<!"), index)
            stack.append((index, behind and not any(b for _, b in stack)))
        elif char == ")" and stack:
            start, outermost = stack.pop()
            if outermost:
                yield start, index + 1
        index += 1


def _property(parent: etree._Element, name: str, kind: str, value: str) -> etree._Element:
    from lxml import etree

    holder = etree.SubElement(parent, "void", property=name)
    etree.SubElement(holder, kind).text = value
    return holder


def _property_list(parent: etree._Element, name: str) -> etree._Element:
    """`setName(new ArrayList())` then the adds: independent of what the bean's constructor
    leaves in the field."""
    from lxml import etree

    holder = etree.SubElement(parent, "void", property=name)
    return etree.SubElement(holder, "object", {"class": "java.util.ArrayList"})


def write_segmentation_conf(srx: SrxDocument, path: Path) -> None:
    from paralign.files import atomic_output

    with atomic_output(path, "wb") as out:
        out.write(segmentation_conf(srx))


# ------------------------------------------------------------------------------- glossary


def omegat_glossary_rows(
    glossary: Glossary, src_lang: str, tgt_lang: str
) -> Iterator[tuple[str, str, str]]:
    """(term, translation, comment) for each usable source term × usable target term.

    Usable: preferred and admitted; deprecated and superseded terms are left out, since a
    CAT glossary proposes what to write. OmegaT has no status column, so the comment says
    it: `admitted` when either term is admitted (`preferred` is the unmarked case), then
    the concept's subject and note, `; `-separated. Preferred targets come first.
    """
    for concept in glossary.concepts:
        sources = _usable(concept.terms_in(src_lang))
        targets = _usable(concept.terms_in(tgt_lang))
        for source in sources:
            for target in targets:
                yield source.text, target.text, _comment(concept, source, target)


def _usable(terms: tuple[Term, ...]) -> list[Term]:
    kept = [t for t in terms if t.status in USABLE and t.text.strip()]
    return sorted(kept, key=lambda t: USABLE.index(t.status))


def _comment(concept: Concept, source: Term, target: Term) -> str:
    parts = []
    if Status.ADMITTED in (source.status, target.status):
        parts.append("admitted")
    parts.extend(p for p in (concept.subject, concept.note or target.note) if p)
    return "; ".join(parts)


def omegat_glossary_text(glossary: Glossary, src_lang: str, tgt_lang: str) -> str:
    """The tab-separated glossary; tabs and line breaks inside a field become spaces."""
    lines = []
    for row in omegat_glossary_rows(glossary, src_lang, tgt_lang):
        lines.append("\t".join(" ".join(field.split()) for field in row))
    return "".join(line + "\n" for line in lines)
