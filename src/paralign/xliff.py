"""XLIFF out: 1.2 (what OmegaT, Trados, memoQ and translate-toolkit all read) and 2.1.

One file per document (Bitext), one unit per bead with a source: `id` is the bead's TMX
tuid (`<document>-<n>`), the source sentences joined by one space as in the TMX, the
target likewise. The alignment's confidence becomes the state: at or above the threshold
`translated`, below it `needs-review-translation` (1.2) or `translated` with
`subState="paralign:needs-review"` (2.x, whose core has no review state). The score and
bead type are a note (`from="paralign"` / `category="paralign"`). A 1-0 bead is a unit with
no target; a 0-1 bead has no source to translate and is left out. Emphasis is a `<bpt>`/
`<ept>` pair holding the HTML code (1.2, as in the TMX, so OmegaT names the tags alike) or
`<pc subType="xlf:i|xlf:b">` (2.x), coded as in `paralign.inline_codes`.

Validated in the tests against the OASIS schemas shipped in `paralign/data/`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paralign.files import atomic_output
from paralign.inline_codes import (
    CODE_TYPES,
    CODES,
    NOTE_TYPE,
    SPAN_TYPES,
    InlinePlan,
    inline_plan,
    joined,
    weave_codes,
)
from paralign.model import NOTE, Bitext, Note, ParalignError, Sentence, Span
from paralign.urls import Location
from paralign.version import __version__
from paralign.xmlsafe import forbidden_char

if TYPE_CHECKING:
    from lxml import etree

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
VERSIONS = ("1.2", "2.1")
_SUBTYPES = {"em": "xlf:i", "strong": "xlf:b", NOTE: "paralign:footnote"}


@dataclass(frozen=True, slots=True)
class XliffOptions:
    """`version` 1.2 or 2.1; units scoring below `threshold` are marked for review."""

    version: str = "1.2"
    threshold: float = 0.9


def xliff_bytes(bitext: Bitext, options: XliffOptions | None = None) -> bytes:
    """One document as an XLIFF file."""
    from lxml import etree

    options = options or XliffOptions()
    if options.version not in VERSIONS:
        raise ParalignError(f"XLIFF version {options.version!r}: use 1.2 or 2.1")
    modern = options.version != "1.2"
    ns = XLIFF2_NS if modern else XLIFF12_NS
    root, container = _document(bitext, options.version, ns)
    plans = (inline_plan(bitext.source), inline_plan(bitext.target))
    for n, link in enumerate(bitext.links, 1):
        if not link.src:
            continue
        source = _pick(bitext, bitext.source, link.src, "source")
        target = _pick(bitext, bitext.target, link.tgt, "target") if link.tgt else []
        unit = _Unit(
            link.tuid or f"{bitext.name}-{n}",
            f"score {link.score:.3f}, bead {link.kind}",
            link.score < options.threshold,
        )
        add = _unit_2 if modern else _unit_12
        add(container, unit, (source, target), plans, ns)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


_Picked = list[tuple[int, Sentence]]  # (index, sentence) of one side of a bead
_Sides = tuple[_Picked, _Picked]
_Plans = tuple[InlinePlan, InlinePlan]


@dataclass(frozen=True, slots=True)
class _Unit:
    id: str
    note: str  # the score and bead type
    review: bool  # below the threshold


def _document(bitext: Bitext, version: str, ns: str) -> tuple[etree._Element, etree._Element]:
    """The root and the element units go in: `<file>` (2.x) or `<file><body>` (1.2)."""
    from lxml import etree

    if version != "1.2":
        root = etree.Element(
            f"{{{ns}}}xliff",
            {"version": version, "srcLang": bitext.src_lang, "trgLang": bitext.tgt_lang},
            nsmap={None: ns},
        )
        return root, etree.SubElement(root, f"{{{ns}}}file", id="f1", original=bitext.name)
    root = etree.Element(f"{{{ns}}}xliff", version="1.2", nsmap={None: ns})
    file = etree.SubElement(
        root,
        f"{{{ns}}}file",
        {
            "original": bitext.name,
            "source-language": bitext.src_lang,
            "target-language": bitext.tgt_lang,
            "datatype": "plaintext",
        },
    )
    header = etree.SubElement(file, f"{{{ns}}}header")
    etree.SubElement(
        header,
        f"{{{ns}}}tool",
        {"tool-id": "paralign", "tool-name": "paralign", "tool-version": __version__},
    )
    return root, etree.SubElement(file, f"{{{ns}}}body")


def _unit_2(container: etree._Element, unit: _Unit, sides: _Sides, plans: _Plans, ns: str) -> None:
    from lxml import etree

    source, target = sides
    element = etree.SubElement(container, f"{{{ns}}}unit", id=unit.id)
    notes = etree.SubElement(element, f"{{{ns}}}notes")
    etree.SubElement(notes, f"{{{ns}}}note", category="paralign").text = unit.note
    segment = etree.SubElement(element, f"{{{ns}}}segment")
    if target:
        segment.set("state", "translated")
        if unit.review:
            segment.set("subState", "paralign:needs-review")
    _fill(etree.SubElement(segment, f"{{{ns}}}source"), source, plans[0], ns, True)
    if target:
        _fill(etree.SubElement(segment, f"{{{ns}}}target"), target, plans[1], ns, True)


def _unit_12(container: etree._Element, unit: _Unit, sides: _Sides, plans: _Plans, ns: str) -> None:
    from lxml import etree

    source, target = sides
    element = etree.SubElement(container, f"{{{ns}}}trans-unit", id=unit.id)
    _fill(etree.SubElement(element, f"{{{ns}}}source"), source, plans[0], ns, False)
    if target:
        made = etree.SubElement(element, f"{{{ns}}}target")
        made.set("state", "needs-review-translation" if unit.review else "translated")
        _fill(made, target, plans[1], ns, False)
    etree.SubElement(element, f"{{{ns}}}note", {"from": "paralign"}).text = unit.note


def write_xliff(
    bitexts: Iterable[Bitext], out: Path, options: XliffOptions | None = None
) -> list[Path]:
    """Each document to its own file: `out` itself for one document (unless it is a folder),
    else `out/<document>.xlf`. Every file appears atomically; returns the paths written."""
    documents = list(bitexts)
    if len(documents) == 1 and not out.is_dir():
        targets = [out]
    else:
        if out.exists() and not out.is_dir():
            raise ParalignError(f"{out}: {len(documents)} documents need a folder, one file each")
        targets = [out / f"{bitext.name}.xlf" for bitext in documents]
    for bitext, path in zip(documents, targets, strict=True):
        data = xliff_bytes(bitext, options)
        with atomic_output(path, "wb") as handle:
            handle.write(data)
    return targets


def _pick(
    bitext: Bitext, sentences: Sequence[Sentence], indices: Sequence[int], side: str
) -> list[tuple[int, Sentence]]:
    picked = []
    for i in indices:
        if i >= len(sentences):
            raise ParalignError(
                f"{bitext.name}: a link points at {side} sentence {i + 1}, "
                f"the document has {len(sentences)}"
            )
        bad = forbidden_char(sentences[i].text)
        if bad:
            raise ParalignError(
                f"{bitext.name}: {side} sentence {i + 1} (line {sentences[i].line}) contains "
                f"{bad}, which XML 1.0 forbids"
            )
        picked.append((i, sentences[i]))
    return picked


def _fill(
    element: etree._Element, picked: _Picked, plan: InlinePlan, ns: str, modern: bool
) -> None:
    """Sentences joined by one space; emphasis and footnote markers as paired codes (1.2) or
    `<pc subType>` (2.x)."""
    enclosing = plan.get(picked[0][0], (frozenset(), 0))[0]
    text, spans = joined((sentence for _, sentence in picked), enclosing)
    # a marker before the emphasis that opens where it stands, as in `weave_codes`
    spans.sort(key=lambda s: (s.start, not isinstance(s, Note), -s.end))
    if modern:
        _nested_codes(element, text, spans, ns)
    else:
        _paired_codes(element, text, spans, ns)


def _nested_codes(element: etree._Element, text: str, spans: list[Span], ns: str) -> None:
    """XLIFF 2 `<pc>` elements, nested as the Markdown nested them (a span that would cross
    another is dropped); a footnote marker is a `<pc subType="paralign:footnote">` holding its
    label, inside the emphasis that ends where it stands."""
    from lxml import etree

    stack: list[tuple[etree._Element, int]] = [(element, len(text))]
    cursor = 0
    last: etree._Element | None = None  # the element whose tail takes the next text
    number = 0

    def put(chunk: str) -> None:
        if not chunk:
            return
        if last is None:
            parent = stack[-1][0]
            parent.text = (parent.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk

    for span in spans:
        note = span if isinstance(span, Note) else None
        while len(stack) > 1 and (
            stack[-1][1] < span.start
            or (stack[-1][1] == span.start and (note is None or note.after))
        ):
            put(text[cursor : stack[-1][1]])
            cursor = stack[-1][1]
            last = stack.pop()[0]
        if span.end > stack[-1][1]:
            continue  # crosses the enclosing span: XML cannot nest it
        put(text[cursor : span.start])
        cursor = span.start
        number += 1
        label = note.label if note is not None else ""
        put(label[: len(label) - len(label.lstrip())])
        child = etree.SubElement(
            stack[-1][0], f"{{{ns}}}pc", id=str(number), type="fmt", subType=_SUBTYPES[span.kind]
        )
        if note is not None:
            child.text = label.strip()
            last = child
            put(label[len(label.rstrip()) :])
        else:
            stack.append((child, span.end))
            last = None
    while len(stack) > 1:
        put(text[cursor : stack[-1][1]])
        cursor = stack[-1][1]
        last = stack.pop()[0]
    put(text[cursor:])


def _paired_codes(element: etree._Element, text: str, spans: list[Span], ns: str) -> None:
    """XLIFF 1.2 emphasis as `<bpt ctype>&lt;em&gt;</bpt>…<ept>&lt;/em&gt;</ept>`: OmegaT's
    XLIFF filter names a tag after the code inside (`<e0>`), as its TMX reader does, so the
    XLIFF's segments equal the TMX's; a `<g>` would become `<g0>` and match nothing."""
    from lxml import etree

    def code(parent: etree._Element, opens: bool, number: int, span: Span) -> etree._Element:
        name = CODES[span.kind]
        if opens:
            made = etree.SubElement(
                parent, f"{{{ns}}}bpt", id=str(number), ctype=CODE_TYPES[span.kind]
            )
            made.text = f"<{name}>"
        else:
            made = etree.SubElement(parent, f"{{{ns}}}ept", id=str(number))
            made.text = f"</{name}>"
        return made

    weave_codes(element, text, spans, code)


# ------------------------------------------------------------------------------ from a TMX

_KIND_OF_TYPE = {value: kind for kind, value in SPAN_TYPES.items()}


def tmx_documents(path: Location, src_lang: str, tgt_lang: str) -> list[Bitext]:
    """A TMX as Bitexts for XLIFF: one per `x-document` (the file stem when absent), one
    1-1 (1-0, 0-1) Link per TU with its tuid and `x-score`, and the emphasis of its
    `<bpt type="italic|bold">` codes and its footnote markers kept as spans (other codes are
    dropped)."""
    from paralign.model import Link
    from paralign.tmx import iter_tu_elements, lang_matches, tuv_lang

    groups: dict[str, tuple[list[Sentence], list[Sentence], list[Link]]] = {}
    for position, (_, tu) in enumerate(iter_tu_elements(path), 1):
        props = {p.get("type", ""): p.text or "" for p in tu if p.tag == "prop"}
        name = props.get("x-document") or path.stem
        source, target, links = groups.setdefault(name, ([], [], []))
        ids: dict[str, tuple[int, ...]] = {"src": (), "tgt": ()}
        for tuv in tu.iter("tuv"):
            lang = tuv_lang(tuv)
            side = (
                "src"
                if lang_matches(lang, src_lang)
                else "tgt"
                if lang_matches(lang, tgt_lang)
                else ""
            )
            seg = tuv.find("seg")
            if not side or ids[side] or seg is None:
                continue
            text, spans = seg_spans(seg)
            if text:
                bucket = source if side == "src" else target
                bucket.append(Sentence(text, end=len(text), line=tu.sourceline or 0, spans=spans))
                ids[side] = (len(bucket) - 1,)
        if ids["src"] or ids["tgt"]:
            score = _score(props.get("x-score", ""))
            links.append(Link(ids["src"], ids["tgt"], score, tu.get("tuid") or str(position)))
    return [
        Bitext(name, src_lang, tgt_lang, tuple(s), tuple(t), tuple(lk), str(path), str(path))
        for name, (s, t, lk) in groups.items()
    ]


def seg_spans(seg: etree._Element) -> tuple[str, tuple[Span, ...]]:
    """A TMX `<seg>`'s text (codes dropped, `<hi>` text kept), its emphasis spans and its
    footnote markers (the label between `<bpt type="x-footnote">` and its `<ept>`)."""
    parts = [seg.text or ""]
    size = len(parts[0])
    opened: dict[str, tuple[str, int]] = {}
    spans: list[Span] = []
    note: tuple[str, list[str], bool] | None = None  # an open marker: `i`, label so far, after
    for code in seg:
        key, tail = code.get("i", ""), code.tail or ""
        if note is not None:
            if code.tag == "ept" and key == note[0]:
                label = "".join(note[1]).strip()
                spans.append(Note(size, size, label=label, after=note[2]))
                note = None
            else:
                note[1].append(tail)
                continue
        elif code.tag == "bpt" and code.get("type") == NOTE_TYPE:
            # after emphasis whose code closed where the marker stands (`*word*<sup>1</sup>`)
            note = (key, [tail], any(s.end == size > s.start for s in spans))
            continue
        elif code.tag == "hi":
            inner = "".join(code.itertext())
            parts.append(inner)
            size += len(inner)
        elif code.tag == "bpt" and code.get("type") in _KIND_OF_TYPE:
            opened[key] = (_KIND_OF_TYPE[code.get("type", "")], size)
        elif code.tag == "ept" and key in opened:
            kind, start = opened.pop(key)
            if size > start:
                spans.append(Span(start, size, kind))
        parts.append(tail)
        size += len(tail)
    return _trim_at_markers("".join(parts), sorted(spans, key=lambda s: (s.start, -s.end)))


def _trim_at_markers(text: str, spans: list[Span]) -> tuple[str, tuple[Span, ...]]:
    """A marker at the seg's edge (`1 Комментарий…`) takes the space beside it back into its
    label, as the reader had it: the sentence text has no outer space."""
    notes = [s for s in spans if isinstance(s, Note)]
    lead = len(text) - len(text.lstrip()) if any(s.start == 0 for s in notes) else 0
    end = len(text.rstrip()) if any(s.start == len(text) for s in notes) else len(text)
    if not lead and end == len(text):
        return text, tuple(spans)
    kept = []
    for s in spans:
        start, stop = min(max(s.start - lead, 0), end - lead), min(max(s.end - lead, 0), end - lead)
        moved = replace(s, start=start, end=stop)
        if isinstance(moved, Note) and s.start == 0 and lead:
            moved = replace(moved, label=moved.label + " ")
        elif isinstance(moved, Note) and s.start == len(text) and end < len(text):
            moved = replace(moved, label=" " + moved.label)
        kept.append(moved)
    return text[lead:end], tuple(kept)


def _score(text: str) -> float:
    try:
        return float(text) if text else 1.0
    except ValueError:
        return 1.0


# ------------------------------------------------------------------------------ validation

SCHEMAS = {"1.2": "xliff-core-1.2-strict.xsd", "2": "xliff-core-2.0.xsd"}


def xliff_schema(version: str) -> etree.XMLSchema:
    """The OASIS XLIFF schema (1.2 strict, or the 2.x core) from package data; the XML
    namespace schema it imports is resolved to the shipped copy, never fetched."""
    from importlib.resources import files

    from lxml import etree

    folder = files("paralign.data").joinpath("xliff")
    local_xml = folder.joinpath("xml.xsd")

    class Local(etree.Resolver):  # type: ignore[misc]  # lxml has no hints for it: Any
        def resolve(self, system_url: str | None, public_id: str | None, context: Any) -> Any:
            if system_url and system_url.endswith("xml.xsd"):
                return self.resolve_string(local_xml.read_bytes(), context)
            return None

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(Local())
    name = SCHEMAS["1.2" if version == "1.2" else "2"]
    document = etree.fromstring(folder.joinpath(name).read_bytes(), parser)
    return etree.XMLSchema(document)


def validate_xliff(path: Path) -> list[str]:
    """`LINE: message` for each schema error of an XLIFF file (its version read from it)."""
    from lxml import etree

    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as error:
        raise ParalignError(f"{path}:{error.lineno}: not well-formed XML: {error.msg}") from None
    version = tree.getroot().get("version", "")
    schema = xliff_schema(version)
    if schema.validate(tree):
        return []
    return [f"{error.line}: {error.message}" for error in schema.error_log]
