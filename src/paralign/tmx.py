"""TMX 1.4b, written and read as a stream: one `<tu>` per Link out, one TranslationUnit in.

Writing builds one small element per TU and hands it to `etree.xmlfile`, so memory does not
grow with the file; the file appears atomically (temp file + os.replace). Reading uses the
shared safe parser (`paralign.xmlsafe`) and clears every TU once it is turned into data.

Conventions of the files we write (see docs/tmx-tbx.md):
- `tuid` is `<document>-<n>`: the Bitext name and the 1-based index of the Link in it, so an
  id survives `drop_unaligned` and reruns (a Link read from a TMX keeps its own `tuid`);
- props `x-document`, `x-paragraph` (block index of the first source sentence, of the first
  target sentence for a 0-1 bead), `x-bead` (`2-1`) and `x-score` (3 decimals);
- emphasis as empty paired `<bpt>`/`<ept>` (TMX level 2) with `type="italic"`/`"bold"`:
  a plaintext TM has no native code to put inside, and tools that read a segment's string
  value (translate-toolkit) still get exactly the sentence text.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from paralign import __version__
from paralign.files import atomic_output
from paralign.model import Bitext, Link, ParalignError, Sentence, Span
from paralign.tmxprops import read_paragraph, read_score
from paralign.xmlsafe import clear_read, forbidden_char, iterparse

if TYPE_CHECKING:
    from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SPAN_TYPES = {"em": "italic", "strong": "bold"}
_TMX_DATE = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True, slots=True)
class TmxOptions:
    """What changes the bytes of a written TMX.

    `creation_date`: a datetime, or `YYYYMMDDThhmmssZ` / ISO 8601 text; unset, the header
    takes SOURCE_DATE_EPOCH, else the current time. `header_props` go into the header as
    `<prop type=…>` (the aligner's signature, for instance).
    """

    creation_date: datetime | str | None = None
    drop_unaligned: bool = False
    plain: bool = False
    src_lang: str = ""
    header_props: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class TranslationUnit:
    """One `<tu>` as read: `variants` maps a language to its plain segment text.

    With a requested source or target language, a variant in a matching code (`RU-RU` for
    `ru`) is keyed by the requested code; other codes are kept as written.
    `position` is 1-based in the file, `line` the file line of the `<tu>` start tag.
    """

    tuid: str
    position: int
    line: int
    variants: Mapping[str, str]
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    attributes: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """How a report names the unit: its tuid, else its position."""
        return self.tuid or str(self.position)

    def prop(self, kind: str, default: str = "") -> str:
        for name, value in self.props:
            if name == kind:
                return value
        return default


# ---------------------------------------------------------------------------------- writing


def tmx_date(options: TmxOptions | None = None) -> str:
    """The header creationdate: option, else SOURCE_DATE_EPOCH, else now (UTC)."""
    value = options.creation_date if options else None
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    elif isinstance(value, str) and value.strip():
        moment = parse_date(value)
    elif os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        epoch = os.environ["SOURCE_DATE_EPOCH"].strip()
        try:
            moment = datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise ParalignError(
                f"SOURCE_DATE_EPOCH={epoch!r}: not a number of seconds since 1970"
            ) from None
    else:
        moment = datetime.now(UTC)
    return moment.astimezone(UTC).strftime(_TMX_DATE)


def parse_date(text: str) -> datetime:
    """`20260530T120000Z` or ISO 8601 (`2026-05-30`, `2026-05-30T12:00:00+03:00`) → UTC."""
    text = text.strip()
    try:
        moment = datetime.strptime(text, _TMX_DATE).replace(tzinfo=UTC)
    except ValueError:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ParalignError(
                f"creation date {text!r}: expected YYYYMMDDThhmmssZ or ISO 8601"
            ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def header_attributes(src_lang: str, creation_date: str) -> dict[str, str]:
    return {
        "creationtool": "paralign",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "paralign",
        "adminlang": "en",
        "srclang": src_lang or "*all*",
        "datatype": "plaintext",
        "creationdate": creation_date,
    }


def write_tmx(bitexts: Iterable[Bitext], path: Path, options: TmxOptions | None = None) -> None:
    """Write the Bitexts (a list, or a generator: they stream) as one TMX 1.4b file,
    atomically: an error leaves no file behind."""
    with atomic_output(path, "wb") as out:
        write_tmx_to(bitexts, out, options)


def write_tmx_to(
    bitexts: Iterable[Bitext], stream: IO[bytes], options: TmxOptions | None = None
) -> None:
    """Write the Bitexts as TMX 1.4b to a binary stream (stdout, a pipe, an open file)."""
    options = options or TmxOptions()
    stream_of = iter(bitexts)
    first = next(stream_of, None)
    src_lang = first.src_lang if first is not None else options.src_lang
    header = header_attributes(src_lang, tmx_date(options))

    def all_units() -> Iterator[etree._Element]:
        # Bitexts are taken one at a time so a generator of documents streams to disk.
        for bitext in itertools.chain([first] if first else [], stream_of):
            if bitext.src_lang != src_lang:
                raise ParalignError(
                    f"{bitext.name}: source language {bitext.src_lang}, but the TMX is "
                    f"{src_lang}: one TMX needs one source language"
                )
            yield from _bitext_units(bitext, options)

    write_elements(all_units(), stream, header, options.header_props)


def write_elements(
    units: Iterable[etree._Element],
    stream: IO[bytes],
    header: Mapping[str, str],
    header_props: Iterable[tuple[str, str]] = (),
) -> None:
    """The one TMX serialiser: header attributes in the given order, then `<tu>` elements."""
    from lxml import etree

    head = etree.Element("header", dict(header))
    for kind, value in header_props:
        _check_text(value, f"header prop {kind}")
        etree.SubElement(head, "prop", type=kind).text = value
    with etree.xmlfile(stream, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            xf.write("\n  ")
            xf.write(head)
            xf.write("\n  ")
            with xf.element("body"):
                xf.write("\n")
                for tu in units:
                    xf.write("    ")
                    xf.write(tu)
                    xf.write("\n")
                xf.write("  ")
            xf.write("\n")


def _check_text(text: str, where: str) -> None:
    bad = forbidden_char(text)
    if bad:
        raise ParalignError(f"{where}: contains {bad}, which XML 1.0 forbids")


def _bitext_units(bitext: Bitext, options: TmxOptions) -> Iterator[etree._Element]:
    """The `<tu>` of each Link. The element yielded for a two-sided TU is one reused
    template, rewritten for each Link: the consumer must serialise it before asking for the
    next (write_elements does), which saves building nine elements per TU."""
    from lxml import etree

    _check_text(bitext.name, f"document name {bitext.name!r}")
    template = etree.Element("tu")
    props = [
        etree.SubElement(template, "prop", type=kind)
        for kind in ("x-document", "x-paragraph", "x-bead", "x-score")
    ]
    props[0].text = bitext.name
    segs = [
        etree.SubElement(etree.SubElement(template, "tuv", {XML_LANG: lang}), "seg")
        for lang in (bitext.src_lang, bitext.tgt_lang)
    ]
    for n, link in enumerate(bitext.links, 1):
        if not (link.src and link.tgt):
            if options.drop_unaligned or not (link.src or link.tgt):
                continue
            yield _one_sided_unit(bitext, link, n, options)
            continue
        template.set("tuid", link.tuid or f"{bitext.name}-{n}")
        source = _pick(bitext, bitext.source, link.src, "source")
        target = _pick(bitext, bitext.target, link.tgt, "target")
        props[1].text = str(source[0][1].block)
        props[2].text = link.kind
        props[3].text = f"{link.score:.3f}"
        _fill_seg(segs[0], source, options.plain, bitext.name, "source")
        _fill_seg(segs[1], target, options.plain, bitext.name, "target")
        yield template


def _one_sided_unit(bitext: Bitext, link: Link, n: int, options: TmxOptions) -> etree._Element:
    from lxml import etree

    tu = etree.Element("tu", tuid=link.tuid or f"{bitext.name}-{n}")
    if link.src:
        lang, side, picked = (
            bitext.src_lang,
            "source",
            _pick(bitext, bitext.source, link.src, "source"),
        )
    else:
        lang, side, picked = (
            bitext.tgt_lang,
            "target",
            _pick(bitext, bitext.target, link.tgt, "target"),
        )
    for kind, value in (
        ("x-document", bitext.name),
        ("x-paragraph", str(picked[0][1].block)),
        ("x-bead", link.kind),
        ("x-score", f"{link.score:.3f}"),
    ):
        etree.SubElement(tu, "prop", type=kind).text = value
    tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
    _fill_seg(etree.SubElement(tuv, "seg"), picked, options.plain, bitext.name, side)
    return tu


def _pick(
    bitext: Bitext, sentences: Sequence[Sentence], indices: Sequence[int], side: str
) -> list[tuple[int, Sentence]]:
    try:
        return [(i, sentences[i]) for i in indices]
    except IndexError:
        raise ParalignError(
            f"{bitext.name}: a link points at {side} sentence {max(indices) + 1}, "
            f"the document has {len(sentences)}"
        ) from None


def _check_sentence(sentence: Sentence, index: int, doc: str, side: str) -> None:
    bad = forbidden_char(sentence.text)
    if bad:
        raise ParalignError(
            f"{doc}: {side} sentence {index + 1} (line {sentence.line}) contains {bad}, "
            "which XML 1.0 forbids"
        )


def _fill_seg(
    seg: etree._Element, picked: list[tuple[int, Sentence]], plain: bool, doc: str, side: str
) -> None:
    if len(seg):
        del seg[:]
    if len(picked) == 1 and (plain or not picked[0][1].spans):
        index, sentence = picked[0]
        _check_sentence(sentence, index, doc, side)
        seg.text = sentence.text
        return
    text_parts: list[str] = []
    spans: list[Span] = []
    offset = 0
    for index, sentence in picked:
        _check_sentence(sentence, index, doc, side)
        if text_parts:
            text_parts.append(" ")
            offset += 1
        text_parts.append(sentence.text)
        if not plain:
            spans.extend(
                Span(offset + s.start, offset + s.end, s.kind)
                for s in sentence.spans
                if s.kind in _SPAN_TYPES and s.start < s.end
            )
        offset += len(sentence.text)
    text = "".join(text_parts)
    if not spans:
        seg.text = text
        return
    from lxml import etree

    # Events at each offset: closings first (innermost first), then openings (outermost first).
    events: list[tuple[int, int, int, int, Span]] = []
    for number, span in enumerate(spans, 1):
        start, end = max(0, span.start), min(len(text), span.end)
        if start >= end:
            continue
        events.append((start, 1, -end, number, span))
        events.append((end, 0, -start, number, span))
    events.sort(key=lambda e: e[:4])
    cursor, last = 0, None
    seg.text = ""
    for position, is_open, _, number, span in events:
        chunk = text[cursor:position]
        if last is None:
            seg.text += chunk
        else:
            last.tail = (last.tail or "") + chunk
        cursor = position
        if is_open:
            last = etree.SubElement(
                seg, "bpt", i=str(number), x=str(number), type=_SPAN_TYPES[span.kind]
            )
        else:
            last = etree.SubElement(seg, "ept", i=str(number))
    tail = text[cursor:]
    if last is None:
        seg.text += tail
    else:
        last.tail = (last.tail or "") + tail


# ---------------------------------------------------------------------------------- reading


_LANG_SHAPE = re.compile(
    r"^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[A-WY-Za-wy-z0-9](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$"
)


def is_bcp47(code: str) -> bool:
    """Well-formed BCP 47 language tag (language[-script][-region][-variant]…), `_` refused."""
    return bool(_LANG_SHAPE.match(code)) or code.lower() in {"*all*"}


def canonical_lang(code: str) -> str:
    """Case as BCP 47 recommends: `RU-ru` → `ru-RU`, `sr-latn-rs` → `sr-Latn-RS`."""
    parts = code.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def lang_matches(code: str, wanted: str) -> bool:
    """`RU-RU` matches `ru`; `en-GB` matches `en` and `en-gb`, not `en-US`."""
    have = code.replace("_", "-").lower()
    want = wanted.replace("_", "-").lower()
    if have == want:
        return True
    if "-" in want and "-" in have:
        return False
    return have.split("-")[0] == want.split("-")[0]


@dataclass(frozen=True, slots=True)
class TmxHeader:
    version: str
    attributes: Mapping[str, str]
    props: tuple[tuple[str, str], ...] = ()

    @property
    def srclang(self) -> str:
        return self.attributes.get("srclang", "")


def iter_tu_elements(path: Path) -> Iterator[tuple[TmxHeader, etree._Element]]:
    """The raw `<tu>` elements with the header, streamed; each is cleared after the caller
    resumes. The primitive under read_tmx, merge and validate."""
    header: TmxHeader | None = None
    for _, element in iterparse(path, ("header", "tu")):
        if element.tag == "tu":
            if header is None:
                header = _header_of(path, element.getroottree().getroot(), None)
            yield header, element
            clear_read(element)
        else:
            header = _header_of(path, element.getroottree().getroot(), element)
            clear_read(element)
    if header is None:
        raise ParalignError(f"{path}: not a TMX file (no <tmx> with a <header>)")


def _header_of(path: Path, root: etree._Element, head: etree._Element | None) -> TmxHeader:
    if root.tag != "tmx":
        raise ParalignError(f"{path}:{root.sourceline}: not a TMX file (root <{root.tag}>)")
    if head is None:
        raise ParalignError(f"{path}:{root.sourceline}: TMX without a <header>")
    props = tuple((p.get("type", ""), p.text or "") for p in head if p.tag == "prop")
    return TmxHeader(root.get("version", ""), dict(head.attrib), props)


def tuv_lang(tuv: etree._Element) -> str:
    """`xml:lang` (TMX 1.4), else `lang` (TMX 1.1–1.3); '' when neither."""
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").strip()


def seg_text(seg: etree._Element, keep_inline: bool = False) -> str:
    """The plain text of a `<seg>`: inline codes dropped, `<hi>` text kept.

    With keep_inline, the codes stay as their XML (`<bpt i="1">{b}</bpt>`) inside the text.
    """
    if not len(seg):
        return seg.text or ""
    if keep_inline:
        from lxml import etree

        inner = [seg.text or ""]
        for child in seg:
            child_xml = etree.tostring(child, encoding="unicode", with_tail=False)
            inner.append(child_xml)
            inner.append(child.tail or "")
        return "".join(inner)
    parts = [seg.text or ""]
    for child in seg:
        if child.tag == "hi":
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tuv_text(tuv: etree._Element, keep_inline: bool = False) -> str:
    """The text of a tuv's seg. The DTD puts the seg last: indexing it skips ElementPath's
    `find`, which costs more than the rest of a TU."""
    seg = tuv[-1] if len(tuv) else None
    if seg is None or seg.tag != "seg":
        seg = tuv.find("seg")
        if seg is None:
            return ""
    if not len(seg):
        return seg.text or ""
    return seg_text(seg, keep_inline)


def read_tmx(
    path: Path,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    keep_inline: bool = False,
) -> Iterator[TranslationUnit]:
    """Stream the TUs of a TMX 1.1–1.4 file.

    When both languages are given, a TU holding a third language, or a tuv without one, is
    an error naming the file and line: a TM of another pair must not pass unnoticed.
    """
    wanted = [lang for lang in (src_lang, tgt_lang) if lang]
    keys: dict[str, str | None] = {}
    for position, (_, tu) in enumerate(iter_tu_elements(path), 1):
        yield _unit(path, tu, position, wanted, keys, keep_inline)


def _unit(
    path: Path,
    tu: etree._Element,
    position: int,
    wanted: Sequence[str],
    keys: dict[str, str | None],
    keep_inline: bool,
) -> TranslationUnit:
    """One TU as data; `keys` caches which requested code each language code matches."""
    strict = len(wanted) == 2
    variants: dict[str, str] = {}
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            lang = child.get(XML_LANG) or child.get("lang") or ""
            if lang in keys:
                key = keys[lang]
            else:
                lang = lang.strip()
                if not lang:
                    raise ParalignError(
                        f"{path}:{child.sourceline}: <tuv> without xml:lang or lang"
                    )
                key = keys[lang] = next((w for w in wanted if lang_matches(lang, w)), None)
            if key is None:
                if strict:
                    raise ParalignError(
                        f"{path}:{child.sourceline}: TU {tu.get('tuid') or position} has "
                        f"language '{lang}', neither source '{wanted[0]}' nor target "
                        f"'{wanted[1]}'"
                    )
                key = lang
            if key in variants:
                continue
            variants[key] = _tuv_text(child, keep_inline)
        elif tag == "prop":
            props.append((child.get("type", ""), child.text or ""))
        elif tag == "note":
            notes.append(child.text or "")
    attributes = dict(tu.attrib)
    return TranslationUnit(
        attributes.get("tuid", ""),
        position,
        tu.sourceline or 0,
        variants,
        tuple(props),
        tuple(notes),
        attributes,
    )


def tmx_languages(path: Path, sample: int = 1000) -> tuple[str, list[str]]:
    """The header srclang and the languages of the first TUs in order of first use.

    Reading stops after `sample` TUs once two languages were seen (a bilingual TM need not
    be read twice to the end), or as soon as a third language appears.
    """
    srclang = next(_headers_only(path))[0].srclang
    seen: dict[str, None] = {}
    for position, (_, tu) in enumerate(iter_tu_elements(path), 1):
        for tuv in tu.iter("tuv"):
            lang = tuv_lang(tuv)
            if lang and not any(lang_matches(lang, s) for s in seen):
                seen[lang] = None
        if len(seen) > 2 or (position >= sample and len(seen) == 2):
            break
    return srclang, list(seen)


def resolve_pair(path: Path, src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    """Fill in a missing source (the header srclang) or target (the one other language)."""
    if src_lang and tgt_lang:
        return src_lang, tgt_lang
    srclang, langs = tmx_languages(path)
    src = src_lang or (srclang if srclang and srclang != "*all*" else (langs[:1] or [""])[0])
    if not src:
        raise ParalignError(f"{path}: no source language: the header has no srclang")
    others = [lang for lang in langs if not lang_matches(lang, src)]
    if tgt_lang:
        return src, tgt_lang
    if len(others) != 1:
        found = ", ".join(others) or "none"
        raise ParalignError(
            f"{path}: cannot tell the target language (other languages: {found}); name it"
        )
    return src, canonical_lang(others[0])


def tmx_to_bitexts(
    path: Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> list[Bitext]:
    """A TMX as Bitexts for the checker: grouped by the `x-document` prop (file stem when
    absent), one Sentence per tuv with `line` = the TU's line, Links 1-1 in TU order (1-0 or
    0-1 when a TU has one side), each Link's score from `x-score` when present and its tuid
    the TU's (its position when it has none)."""
    src, tgt = resolve_pair(path, src_lang, tgt_lang)
    groups: dict[str, tuple[list[Sentence], list[Sentence], list[Link]]] = {}
    for unit in read_tmx(path, src, tgt):
        name = unit.prop("x-document") or path.stem
        source, target, links = groups.setdefault(name, ([], [], []))
        src_ids: tuple[int, ...] = ()
        tgt_ids: tuple[int, ...] = ()
        if src in unit.variants:
            source.append(_sentence(unit, unit.variants[src], path))
            src_ids = (len(source) - 1,)
        if tgt in unit.variants:
            target.append(_sentence(unit, unit.variants[tgt], path))
            tgt_ids = (len(target) - 1,)
        if src_ids or tgt_ids:
            score = read_score(unit.prop("x-score"), f"{path}:{unit.line}")
            links.append(Link(src_ids, tgt_ids, score, unit.key))
    return [
        Bitext(name, src, tgt, tuple(s), tuple(t), tuple(links), str(path), str(path))
        for name, (s, t, links) in groups.items()
    ]


def tmx_pieces(path: Path, src: str, tgt: str, size: int = 4096) -> Iterator[Bitext]:
    """A TMX streamed as Bitexts of at most `size` TUs of one `x-document` each (the file
    stem when absent): one Link per TU carrying its tuid (else its position), each Sentence
    on the TU's line. Unlike `tmx_to_bitexts`, which holds the whole file grouped by
    document, memory stays flat: this is what `check` reads a large TM with."""
    name = ""
    source: list[Sentence] = []
    target: list[Sentence] = []
    links: list[Link] = []

    def piece() -> Bitext:
        return Bitext(
            name, src, tgt, tuple(source), tuple(target), tuple(links), str(path), str(path)
        )

    stem = path.stem
    for document, src_text, tgt_text, tuid, line in _tmx_rows(path, src, tgt):
        document = document or stem
        if links and (document != name or len(links) >= size):
            yield piece()
            source, target, links = [], [], []
        name = document
        src_ids: tuple[int, ...] = ()
        tgt_ids: tuple[int, ...] = ()
        if src_text:
            source.append(Sentence(src_text, line=line))
            src_ids = (len(source) - 1,)
        if tgt_text:
            target.append(Sentence(tgt_text, line=line))
            tgt_ids = (len(target) - 1,)
        if src_ids or tgt_ids:
            links.append(Link(src_ids, tgt_ids, tuid=tuid))
    if links:
        yield piece()


def _tmx_rows(path: Path, src: str, tgt: str) -> Iterator[tuple[str, str, str, str, int]]:
    """(x-document, source text, target text, tuid or position, line) of each TU.

    What `read_tmx` gives, read straight from the elements when every tuv's language is one
    already seen as the source or the target: a TranslationUnit per TU cost a quarter of the
    reading. Any other TU goes through `read_tmx`'s own `_unit`, errors included."""
    wanted = [src, tgt]
    keys: dict[str, str | None] = {}
    for position, (_, tu) in enumerate(iter_tu_elements(path), 1):
        document: str | None = None
        texts: dict[str, str] = {}
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                key = keys.get(child.get(XML_LANG) or child.get("lang") or "")
                if key is None:  # a language not seen yet, or neither of the pair
                    break
                if key not in texts:
                    texts[key] = _tuv_text(child)
            elif tag == "prop" and document is None and child.get("type", "") == "x-document":
                document = child.text or ""
        else:
            yield (
                document or "",
                texts.get(src, ""),
                texts.get(tgt, ""),
                tu.get("tuid") or str(position),
                tu.sourceline or 0,
            )
            continue
        unit = _unit(path, tu, position, wanted, keys, False)
        yield (
            unit.prop("x-document"),
            unit.variants.get(src, ""),
            unit.variants.get(tgt, ""),
            unit.tuid or str(position),
            unit.line,
        )


def _sentence(unit: TranslationUnit, text: str, path: Path) -> Sentence:
    block = read_paragraph(unit.prop("x-paragraph"), f"{path}:{unit.line}")
    return Sentence(text=text, block=block, start=0, end=len(text), line=unit.line)


# ------------------------------------------------------------------------------ validation


@dataclass(frozen=True, slots=True)
class TmxProblem:
    line: int
    message: str


def _dtd() -> etree.DTD:
    from importlib.resources import files

    from lxml import etree

    with files("paralign.data").joinpath("tmx14.dtd").open("rb") as handle:
        return etree.DTD(handle)


def validate_tmx(path: Path, targets: Sequence[str] = ()) -> list[TmxProblem]:
    """Check a TMX against the 1.4b DTD, one TU at a time (memory stays flat), and against
    what the DTD cannot say: bpt/ept pairing, BCP 47 codes, one seg per tuv, each TU's
    languages among srclang and the targets (`targets`, else the first other language met).

    Unreadable files (not well-formed, entity declarations) raise ParalignError.
    """
    dtd = _dtd()
    problems: list[TmxProblem] = []
    allowed_targets = [t for t in targets if t]
    header_checked = False
    srclang: str | None = None
    for _, element in iterparse(path, ("header", "tu")):
        if not header_checked:
            problems.extend(_check_root(element.getroottree().getroot()))
            header_checked = True
        if element.tag == "header":
            problems.extend(_dtd_problems(dtd, element))
            srclang = element.get("srclang", "")
            if srclang and not is_bcp47(srclang):
                problems.append(
                    TmxProblem(
                        element.sourceline or 0, f"header srclang '{srclang}' is not a BCP 47 code"
                    )
                )
            clear_read(element)
            continue
        if element.getparent() is None or element.getparent().tag != "body":
            continue
        if srclang is None:
            problems.append(TmxProblem(element.sourceline or 0, "<tu> before any <header>"))
            srclang = ""
        problems.extend(_dtd_problems(dtd, element))
        langs: list[tuple[str, int]] = []
        for tuv in element.iter("tuv"):
            line = tuv.sourceline or 0
            lang = tuv_lang(tuv)
            if not lang:
                problems.append(TmxProblem(line, "<tuv> without xml:lang"))
                continue
            if tuv.get(XML_LANG) is None:
                # libxml2 only warns on this #REQUIRED xml:lang, so the DTD pass misses it
                problems.append(
                    TmxProblem(
                        line, f'<tuv lang="{lang}"> is TMX 1.1–1.3; TMX 1.4b requires xml:lang'
                    )
                )
            if not is_bcp47(lang):
                problems.append(TmxProblem(line, f"language '{lang}' is not a BCP 47 code"))
            langs.append((lang, line))
            segs = [c for c in tuv if c.tag == "seg"]
            if len(segs) != 1:
                problems.append(TmxProblem(line, f"<tuv> has {len(segs)} <seg>, needs one"))
            for seg in segs:
                problems.extend(_pairing_problems(seg))
        seen: set[str] = set()
        for lang, line in langs:
            low = lang.lower()
            if low in seen:
                problems.append(TmxProblem(line, f"second <tuv> in '{lang}' in one TU"))
            seen.add(low)
            if not srclang or srclang == "*all*" or lang_matches(lang, srclang):
                continue
            if not allowed_targets:
                allowed_targets.append(lang)
            elif not any(lang_matches(lang, t) for t in allowed_targets):
                problems.append(
                    TmxProblem(
                        line,
                        f"language '{lang}' is neither the source '{srclang}' nor a target "
                        f"({', '.join(allowed_targets)})",
                    )
                )
        clear_read(element)
    if not header_checked:
        raise ParalignError(f"{path}: not a TMX file (no <header> or <tu>)")
    return sorted(problems, key=lambda p: p.line)


def _check_root(root: etree._Element) -> list[TmxProblem]:
    line = root.sourceline or 0
    if root.tag != "tmx":
        return [TmxProblem(line, f"root element <{root.tag}>, TMX needs <tmx>")]
    version = root.get("version")
    if version != "1.4":
        return [
            TmxProblem(
                line,
                f'<tmx version="{version}">: TMX 1.4b requires version "1.4" (the DTD fixes it)',
            )
        ]
    return []


def _dtd_problems(dtd: etree.DTD, element: etree._Element) -> list[TmxProblem]:
    if dtd.validate(element):
        return []
    return [
        TmxProblem(error.line, f"DTD: {error.message}")
        for error in dtd.error_log
        # validating a subtree makes libxml2 see the implicit xml namespace declaration
        if "xmlns:xml" not in error.message
    ]


def _pairing_problems(seg: etree._Element) -> list[TmxProblem]:
    problems: list[TmxProblem] = []
    opened: dict[str, int] = {}
    for code in seg.iter("bpt", "ept"):
        line, i = code.sourceline or 0, code.get("i", "")
        if code.tag == "bpt":
            if i in opened:
                problems.append(TmxProblem(line, f'<bpt i="{i}"> opened twice in one <seg>'))
            opened[i] = line
        elif i not in opened:
            problems.append(TmxProblem(line, f'<ept i="{i}"> without a <bpt i="{i}"> before it'))
        else:
            del opened[i]
    problems.extend(
        TmxProblem(line, f'<bpt i="{i}"> without its <ept i="{i}">') for i, line in opened.items()
    )
    return problems


# ------------------------------------------------------------------------------ statistics


def tmx_stats(path: Path) -> dict[str, Any]:
    """TU count, languages (tuvs and characters), bead types and x-score distribution, as
    JSON-ready data. Scores are kept as 8-byte doubles: a million TUs cost 8 MB."""
    from array import array

    tus = 0
    tuvs: dict[str, int] = {}
    chars: dict[str, int] = {}
    beads: dict[str, int] = {}
    scores = array("d")
    srclang = next(_headers_only(path))[0].srclang
    for _, tu in iter_tu_elements(path):
        tus += 1
        for child in tu:
            if child.tag == "prop":
                kind = child.get("type")
                if kind == "x-bead" and child.text:
                    beads[child.text] = beads.get(child.text, 0) + 1
                elif kind == "x-score" and child.text:
                    scores.append(read_score(child.text, f"{path}:{child.sourceline}"))
            elif child.tag == "tuv":
                lang = canonical_lang(tuv_lang(child) or "?")
                seg = child.find("seg")
                tuvs[lang] = tuvs.get(lang, 0) + 1
                chars[lang] = chars.get(lang, 0) + (len(seg_text(seg)) if seg is not None else 0)
    result: dict[str, Any] = {
        "file": str(path),
        "srclang": srclang,
        "translation_units": tus,
        "languages": {lang: {"tuvs": tuvs[lang], "characters": chars[lang]} for lang in tuvs},
    }
    if beads:
        result["beads"] = dict(sorted(beads.items(), key=lambda kv: (-kv[1], kv[0])))
    ordered = sorted(s for s in scores if s == s)  # NaN: an x-score that is not a number
    del scores
    if ordered:
        n = len(ordered)

        def quantile(q: float) -> float:
            return round(ordered[min(n - 1, int(q * n))], 3)

        result["scores"] = {
            "count": n,
            "min": round(ordered[0], 3),
            "p10": quantile(0.1),
            "median": quantile(0.5),
            "p90": quantile(0.9),
            "max": round(ordered[-1], 3),
            "mean": round(sum(ordered) / n, 3),
            "histogram": _histogram(ordered),
        }
    return result


def _histogram(scores: Sequence[float]) -> dict[str, int]:
    bins = [0] * 10
    for score in scores:
        bins[min(9, max(0, int(score * 10)))] += 1
    return {f"{i / 10:.1f}-{(i + 1) / 10:.1f}": count for i, count in enumerate(bins)}


# ---------------------------------------------------------------------- merge, export, import


def merge_tmx(paths: Sequence[Path], out: Path, options: TmxOptions | None = None) -> int:
    """Merge TMX files into `out`: TUs in input order, an identical set of (language, text)
    pairs kept once (its first TU, props and attributes as they were); the inputs' header
    props are kept too, each distinct one once. Returns the TU count.

    The inputs must share the source language (`ru` and `RU-RU` do). TMX 1.1–1.3 `lang`
    becomes `xml:lang`.
    """
    if not paths:
        raise ParalignError("merge needs at least one TMX file")
    headers = [(path, next(_headers_only(path))[0]) for path in paths]
    srclang = _common_srclang(headers)
    props = dict.fromkeys(p for _, header in headers for p in header.props)
    props.update(dict.fromkeys(options.header_props if options else ()))
    with atomic_output(out, "wb") as stream:
        count = [0]
        write_elements(
            _merged(paths, count),
            stream,
            header_attributes(srclang, tmx_date(options)),
            props,
        )
    return count[0]


def _common_srclang(headers: Sequence[tuple[Path, TmxHeader]]) -> str:
    first_path, first = headers[0]
    for path, header in headers[1:]:
        if not lang_matches(header.srclang, first.srclang) and not lang_matches(
            first.srclang, header.srclang
        ):
            raise ParalignError(
                f"cannot merge TMX files with different srclang: {first.srclang} "
                f"({first_path}), {header.srclang} ({path})"
            )
    return canonical_lang(first.srclang) if first.srclang != "*all*" else "*all*"


def _headers_only(path: Path) -> Iterator[tuple[TmxHeader, None]]:
    for _, element in iterparse(path, ("header", "body")):
        if element.tag == "header":
            yield _header_of(path, element.getroottree().getroot(), element), None
            return
    raise ParalignError(f"{path}: not a TMX file (no <header>)")


def _merged(paths: Sequence[Path], count: list[int]) -> Iterator[etree._Element]:
    import hashlib
    from copy import deepcopy

    seen: set[bytes] = set()
    for path in paths:
        for _, tu in iter_tu_elements(path):
            pairs = []
            for tuv in tu.iter("tuv"):
                lang = tuv_lang(tuv)
                if not lang:
                    raise ParalignError(f"{path}:{tuv.sourceline}: <tuv> without xml:lang")
                seg = next((c for c in tuv if c.tag == "seg"), None)
                pairs.append((canonical_lang(lang), "" if seg is None else seg_text(seg)))
            key = hashlib.blake2b(repr(sorted(pairs)).encode(), digest_size=16).digest()
            if key in seen:
                continue
            seen.add(key)
            copy = deepcopy(tu)
            copy.tail = None
            for tuv in copy.iter("tuv"):
                if tuv.get(XML_LANG) is None:
                    tuv.set(XML_LANG, tuv_lang(tuv))
                tuv.attrib.pop("lang", None)
            count[0] += 1
            yield copy


def export_rows(
    path: Path,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    keep_inline: bool = False,
) -> Iterator[tuple[str, str, str]]:
    """(tuid, source, target) for each TU that has both sides: plain text, or with the
    inline codes as XML when `keep_inline`."""
    src, tgt = resolve_pair(path, src_lang, tgt_lang)
    for unit in read_tmx(path, src, tgt, keep_inline):
        if src in unit.variants and tgt in unit.variants:
            yield unit.key, unit.variants[src], unit.variants[tgt]


def import_pairs(path: Path, langs: tuple[str, str] = ("", "")) -> Iterator[tuple[int, str, str]]:
    """(line, source, target) from a two-column TSV (tab) or CSV (comma) file, or JSON lines
    keyed by the two languages. A first CSV row naming the two languages (as `tmx export
    --to csv` writes) is a header."""
    import csv
    import io

    from paralign.files import read_text

    text = read_text(path)
    if path.suffix.lower() == ".csv":
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        start = 1
        try:
            for row in reader:
                line, start = start, reader.line_num + 1
                if not any(row):
                    continue
                if len(row) != 2:
                    raise ParalignError(f"{path}:{line}: expected 2 columns, found {len(row)}")
                if line == 1 and all(
                    lang and lang_matches(cell.strip(), lang)
                    for cell, lang in zip(row, langs, strict=True)
                ):
                    continue
                yield line, row[0], row[1]
        except csv.Error as error:
            raise ParalignError(f"{path}:{reader.line_num}: malformed CSV: {error}") from None
        return
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl_pairs(path, text, langs)
        return
    for line, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        fields = raw.split("\t")
        if len(fields) != 2:
            raise ParalignError(
                f"{path}:{line}: expected 2 tab-separated fields, found {len(fields)}"
            )
        yield line, fields[0], fields[1]


def _jsonl_pairs(path: Path, text: str, langs: tuple[str, str]) -> Iterator[tuple[int, str, str]]:
    """Objects as `tmx export --to jsonl` writes them: the two language codes as keys."""
    import json

    for line, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            raise ParalignError(f"{path}:{line}: not JSON: {error.msg}") from None
        if not isinstance(record, dict):
            raise ParalignError(f"{path}:{line}: expected a JSON object")
        texts = []
        for lang in langs:
            value = record.get(lang)
            if not isinstance(value, str):
                raise ParalignError(f"{path}:{line}: no string under the key '{lang}'")
            texts.append(value)
        yield line, texts[0], texts[1]


def import_tmx(
    source: Path, out: Path, src_lang: str, tgt_lang: str, options: TmxOptions | None = None
) -> int:
    """A TSV/CSV of sentence pairs as TMX 1.4b: `tuid` `<stem>-<line>`, prop x-document."""
    from lxml import etree

    count = [0]

    def units() -> Iterator[etree._Element]:
        for line, src, tgt in import_pairs(source, (src_lang, tgt_lang)):
            tu = etree.Element("tu", tuid=f"{source.stem}-{line}")
            etree.SubElement(tu, "prop", type="x-document").text = source.stem
            for lang, text in ((src_lang, src), (tgt_lang, tgt)):
                bad = forbidden_char(text)
                if bad:
                    raise ParalignError(f"{source}:{line}: contains {bad}, which XML 1.0 forbids")
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = text
            count[0] += 1
            yield tu

    with atomic_output(out, "wb") as stream:
        write_elements(
            units(),
            stream,
            header_attributes(src_lang, tmx_date(options)),
            options.header_props if options else (),
        )
    return count[0]


def export_lines(
    path: Path, fmt: str, src_lang: str, tgt_lang: str, keep_inline: bool = False
) -> Iterator[str]:
    """Export rows as text lines: `tsv` (tab/newline in a text become a space, no header),
    `csv` (a header row with the two language codes) or `jsonl`."""
    import csv
    import io
    import json

    rows = export_rows(path, src_lang, tgt_lang, keep_inline)
    if fmt == "tsv":
        for _, src, tgt in rows:
            yield f"{_one_line(src)}\t{_one_line(tgt)}\n"
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([src_lang, tgt_lang])
        for _, src, tgt in rows:
            writer.writerow([src, tgt])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()
    elif fmt == "jsonl":
        for tuid, src, tgt in rows:
            record = {"tuid": tuid, src_lang: src, tgt_lang: tgt}
            yield json.dumps(record, ensure_ascii=False) + "\n"
    else:
        raise ParalignError(f"unknown export format {fmt!r}: use tsv, csv or jsonl")


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines()) if text else ""
