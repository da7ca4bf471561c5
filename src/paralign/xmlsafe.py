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
from typing import IO, TYPE_CHECKING

from paralign.files import check_readable
from paralign.model import ParalignError
from paralign.urls import Location, Url

if TYPE_CHECKING:
    from lxml import etree

# What XML 1.0's Char production leaves out: it cannot be written (and lxml refuses it
# late). Spelled as the excluded characters, not as the negated Char ranges: those take re
# 19 ms to compile, a tenth of every command's start-up, and match more slowly.
FORBIDDEN_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

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


_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00?\x00", b"\x00<\x00?")


def read_head(path: Location) -> bytes:
    """The file's first megabyte: where its prolog is."""
    with path.open("rb") as handle:
        return handle.read(_PROLOG_BYTES)


def check_head(path: Location) -> None:
    """Refuse, from the file's head and before libxml2 sees it, a binary file and an internal
    DTD subset that declares entities: a reference placed before any element we stream must
    never be expanded."""
    check_prolog(path, read_head(path))


def check_prolog(path: Location, head: bytes) -> None:
    """`check_head` of a head already read (`read_head`)."""
    utf16 = head.startswith(_UTF16_STARTS)
    if not utf16 and b"\x00" in head[:8192]:
        raise ParalignError(f"{path}: binary file (NUL byte at offset {head.index(0)})")
    text = head.decode("utf-16", errors="replace") if utf16 else head.decode("latin-1")
    start = text.find("<!DOCTYPE")
    if start < 0:
        return
    match = _DOCTYPE.match(text, start)
    if match is None:
        declared = "(DOCTYPE longer than 1 MB)" if "<!ENTITY" in text else None
    else:
        entity = _ENTITY.search(match.group("inner") or "")
        declared = entity.group("name") if entity else None
    if declared:
        raise _entity_error(path, declared)


def declares_other_than_utf8(head: bytes) -> bool:
    """Whether the XML declaration `head` starts with names an encoding other than UTF-8."""
    declared = _ENCODING.search(head)
    return declared is not None and declared.group(1).lower().replace(b"-", b"") != b"utf8"


def _first_bad_utf8(path: Location) -> tuple[int, int] | None:
    """(offset, byte) of the first byte that breaks UTF-8, read in chunks; None if none or
    if the XML declaration names another encoding (then UTF-8 is not what was meant)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        if declares_other_than_utf8(handle.read(256)):
            return None
        handle.seek(0)
        while chunk := handle.read(1 << 20):
            pending = decoder.getstate()[0]
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                data = pending + chunk
                return offset - len(pending) + error.start, data[error.start]
            offset += len(chunk)
    return None


def _refuse_entities(root: etree._Element, path: Location) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    for entity in dtd.iterentities():
        raise _entity_error(path, entity.name)


def _entity_error(path: Location, name: str) -> ParalignError:
    return ParalignError(
        f"{path}: declares the entity '{name}' in its DOCTYPE; entity declarations "
        "are refused (entity expansion and external entities are unsafe)"
    )


def iterparse(
    path: Location,
    tags: tuple[str, ...],
    events: tuple[str, ...] = ("end",),
    data: bytes | None = None,
) -> Iterator[tuple[str, etree._Element]]:
    """Stream (event, element) for `tags` with the safe parser options.

    The caller clears what it used (`clear_read`). Syntax errors, truncation and entity
    declarations become one-line ParalignErrors naming the file and line. With `data`, those
    bytes are parsed in place of the file's (a slice of it, `paralign.tmx.slices`, whose
    maker checked the file's head).
    """
    import io

    from lxml import etree

    checked = False
    # libxml2 reads a local file itself; a URL is streamed to it through fsspec
    source: IO[bytes] | None = io.BytesIO(data) if data is not None else None
    if source is None:
        check_readable(path)
        source = path.open("rb") if isinstance(path, Url) else None
    try:
        if data is None:
            check_head(path)
        context = etree.iterparse(source or str(path), events=events, tag=tags, **PARSER_OPTIONS)
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
        if "encoding" in message.lower() or "utf-8" in message.lower():
            bad = _first_bad_utf8(path)
            if bad is not None:
                raise ParalignError(
                    f"{path}:{line}: not UTF-8: invalid byte 0x{bad[1]:02x} at offset {bad[0]}"
                ) from None
        raise ParalignError(f"{path}:{line}: not well-formed XML: {message}") from None
    except OSError as error:
        raise ParalignError(f"{path}: cannot read: {error}") from None
    finally:
        if source is not None:
            source.close()


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
