"""The one way paralign parses XML that came from outside (TMX, TBX): streaming and hostile-proof.

lxml's iterparse defaults resolve internal entities; here nothing is resolved, no DTD is
loaded and nothing is fetched. A document that declares entities (the billion-laughs bomb,
external entities for XXE) is refused before its first element is used, so memory stays
bounded and no file or URL is ever read on behalf of the document. A `<!DOCTYPE tmx SYSTEM
"tmx14.dtd">` line without an internal subset is simply read past.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from paralign.files import check_readable
from paralign.model import ParalignError

if TYPE_CHECKING:
    from lxml import etree

# XML 1.0 Char production: anything else cannot be written (and lxml refuses it late).
FORBIDDEN_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

PARSER_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def local_name(tag: object) -> str:
    """`{urn:…}term` → `term`; comments and processing instructions give ''."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


_PROLOG_BYTES = 1 << 20
_DOCTYPE = re.compile(r"<!DOCTYPE\b(?P<subset>[^\[>]*\[(?P<inner>.*?)\]\s*)?[^>]*>", re.S)
_ENTITY = re.compile(r"<!ENTITY\s+(?:%\s*)?(?P<name>[^\s>]+)")


def _prolog_entity(path: Path) -> str | None:
    """The first entity an internal DTD subset declares, read from the file's head before
    libxml2 sees it: a reference placed before any element we stream must not be expanded.
    """
    with path.open("rb") as handle:
        head = handle.read(_PROLOG_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("latin-1")
    start = text.find("<!DOCTYPE")
    if start < 0:
        return None
    match = _DOCTYPE.match(text, start)
    if match is None:
        return "(DOCTYPE longer than 1 MB)" if "<!ENTITY" in text else None
    entity = _ENTITY.search(match.group("inner") or "")
    return entity.group("name") if entity else None


def _refuse_entities(root: etree._Element, path: Path) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    for entity in dtd.iterentities():
        raise ParalignError(
            f"{path}: declares the entity '{entity.name}' in its DOCTYPE; entity declarations "
            "are refused (entity expansion and external entities are unsafe)"
        )


def iterparse(
    path: Path, tags: tuple[str, ...], events: tuple[str, ...] = ("end",)
) -> Iterator[tuple[str, etree._Element]]:
    """Stream (event, element) for `tags` with the safe parser options.

    The caller clears what it used (`clear_read`). Syntax errors, truncation and entity
    declarations become one-line ParalignErrors naming the file and line.
    """
    from lxml import etree

    check_readable(path)
    checked = False
    try:
        declared = _prolog_entity(path)
        if declared:
            raise ParalignError(
                f"{path}: declares the entity '{declared}' in its DOCTYPE; entity declarations "
                "are refused (entity expansion and external entities are unsafe)"
            )
        context = etree.iterparse(str(path), events=events, tag=tags, **PARSER_OPTIONS)
        for event, element in context:
            if not checked:
                _refuse_entities(element, path)
                checked = True
            yield event, element
        if not checked:
            _refuse_entities(context.root, path)
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else 0)
        message = str(error.msg or error).split(", line ")[0]
        raise ParalignError(f"{path}:{line}: not well-formed XML: {message}") from None
    except OSError as error:
        raise ParalignError(f"{path}: cannot read: {error}") from None


def clear_read(element: etree._Element) -> None:
    """Free an element that was used, and the siblings read before it (flat memory)."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def forbidden_char(text: str) -> str | None:
    """The first character XML 1.0 cannot carry, as `U+0001`, or None."""
    match = FORBIDDEN_XML_CHAR.search(text)
    return None if match is None else f"U+{ord(match.group()):04X}"
