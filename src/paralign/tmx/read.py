"""Reading TMX 1.1–1.4 as a stream: the one place a `<tu>` element becomes data.

`read_tmx` yields one frozen TranslationUnit per TU (its languages and texts, tuid, every
prop including x-document, x-paragraph, x-bead and x-score, notes, line); every other view of
a TM (Bitexts for `check`, score pairs, export rows, stats) is built from those records in
`paralign.tmx.views`. Reading uses the shared safe parser (`paralign.xmlsafe`) and clears every
TU once it is turned into data, so memory stays flat.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from paralign.lang import canonical as canonical_lang
from paralign.lang import matches as lang_matches
from paralign.model import ParalignError
from paralign.tmx.inline import XML_LANG, tuv_lang, tuv_text
from paralign.urls import Location
from paralign.xmlsafe import clear_read, iterparse

if TYPE_CHECKING:
    from lxml import etree


class TranslationUnit(NamedTuple):
    """One `<tu>` as read: `variants` maps a language to its plain segment text.

    With a requested source or target language, a variant in a matching code (`RU-RU` for
    `ru`) is keyed by the requested code; other codes are kept as written.
    `position` is 1-based in the file, `line` the file line of the `<tu>` start tag.

    A named tuple, not a frozen dataclass: one is made per TU of every TM read, and a frozen
    dataclass's `__init__` (one `object.__setattr__` per field) cost five times as much.
    """

    tuid: str
    position: int
    line: int
    variants: Mapping[str, str]
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    attributes: Mapping[str, str] = MappingProxyType({})

    @property
    def key(self) -> str:
        """How a report names the unit: its tuid, else its position."""
        return self.tuid or str(self.position)

    def prop(self, kind: str, default: str = "") -> str:
        for name, value in self.props:
            if name == kind:
                return value
        return default

    @property
    def document(self) -> str:
        """The `x-document` prop: which document of a corpus the TU came from ('' if none)."""
        return self.prop("x-document")

    @property
    def score(self) -> float:
        """The `x-score` prop (the aligner's confidence); 1.0 when absent or not a number."""
        return parse_score(self.prop("x-score"))

    @property
    def paragraph(self) -> int:
        """The `x-paragraph` prop (block index of the first sentence); 0 when absent."""
        paragraph = self.prop("x-paragraph")
        return int(paragraph) if paragraph.isdigit() else 0

    def text(self, lang: str) -> str | None:
        """The segment in a language matching `lang` (`RU-RU` for `ru`), None if absent."""
        if lang in self.variants:
            return self.variants[lang]
        return next((t for code, t in self.variants.items() if lang_matches(code, lang)), None)


_unit = partial(tuple.__new__, TranslationUnit)
"""A TranslationUnit from the tuple of its fields, without NamedTuple's argument parsing."""


def parse_score(text: str, default: float = 1.0) -> float:
    try:
        return float(text) if text else default
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class TmxHeader:
    version: str
    attributes: Mapping[str, str]
    props: tuple[tuple[str, str], ...] = ()

    @property
    def srclang(self) -> str:
        return self.attributes.get("srclang", "")


class Excerpt(NamedTuple):
    """Part of a TMX file as a document of its own (`paralign.tmx.slices`): its bytes, the
    position in the file of its first TU, and the file's lines before the document's."""

    data: bytes
    first: int
    lines: int


def iter_tu_elements(
    path: Location, excerpt: Excerpt | None = None
) -> Iterator[tuple[TmxHeader, etree._Element]]:
    """The raw `<tu>` elements with the header, streamed; each is cleared after the caller
    resumes. The primitive under read_tmx, merge and validate. With `excerpt`, those of the
    excerpt alone (their lines as its document numbers them)."""
    header: TmxHeader | None = None
    data = excerpt.data if excerpt is not None else None
    for _, element in iterparse(path, ("header", "tu"), data=data):
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


def _header_of(path: Location, root: etree._Element, head: etree._Element | None) -> TmxHeader:
    if root.tag != "tmx":
        raise ParalignError(f"{path}:{root.sourceline}: not a TMX file (root <{root.tag}>)")
    if head is None:
        raise ParalignError(f"{path}:{root.sourceline}: TMX without a <header>")
    props = tuple((p.get("type", ""), p.text or "") for p in head if p.tag == "prop")
    return TmxHeader(root.get("version", ""), dict(head.attrib), props)


def read_header(path: Location) -> TmxHeader:
    """The header alone: parsing stops at `<body>`."""
    for _, element in iterparse(path, ("header", "body")):
        if element.tag == "header":
            return _header_of(path, element.getroottree().getroot(), element)
        break
    raise ParalignError(f"{path}: not a TMX file (no <header>)")


def read_tmx(
    path: Location,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    keep_inline: bool = False,
    excerpt: Excerpt | None = None,
) -> Iterator[TranslationUnit]:
    """Stream the TUs of a TMX 1.1–1.4 file, or of an excerpt of it, with their positions
    and lines in the whole file as the excerpt's counts give them.

    When both languages are given, a TU holding a third language, or a tuv without one, is
    an error naming the file and line: a TM of another pair must not pass unnoticed.
    """
    wanted = [lang for lang in (src_lang, tgt_lang) if lang]
    keys: dict[str, str | None] = {}
    first, lines = (excerpt.first, excerpt.lines) if excerpt is not None else (1, 0)
    for position, (_, tu) in enumerate(iter_tu_elements(path, excerpt), first):
        yield unit_of(path, tu, position, wanted, keys, keep_inline, lines)


def unit_of(
    path: Location,
    tu: etree._Element,
    position: int,
    wanted: Sequence[str],
    keys: dict[str, str | None],
    keep_inline: bool,
    lines: int = 0,
) -> TranslationUnit:
    """One TU as data, `lines` below its line in the document; `keys` caches which requested
    code each language code matches."""
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
                key = language_key(lang, wanted, keys)
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
            # A plain seg, last in its tuv, read inline: a call per tuv costs more than that.
            seg = child[-1] if len(child) else None
            if seg is not None and seg.tag == "seg" and not len(seg):
                variants[key] = seg.text or ""
            else:
                variants[key] = tuv_text(child, keep_inline)
        elif tag == "prop":
            props.append((child.get("type", ""), child.text or ""))
        elif tag == "note":
            notes.append(child.text or "")
    return tu_record(
        dict(tu.items()), position, (tu.sourceline or 0) + lines, variants, props, notes
    )


def tu_record(
    attributes: dict[str, str],
    position: int,
    line: int,
    variants: dict[str, str],
    props: list[tuple[str, str]],
    notes: list[str],
) -> TranslationUnit:
    """A TU's fields, however they were read (`unit_of`, `plain.plain_units`), as one record."""
    tuid = attributes.get("tuid", "")
    return _unit((tuid, position, line, variants, tuple(props), tuple(notes), attributes))


def language_key(lang: str, wanted: Sequence[str], keys: dict[str, str | None]) -> str | None:
    """The requested code a tuv's language matches (`RU-RU` matches `ru`), None if none;
    remembered in `keys`, which a reader keeps for a file."""
    key = keys[lang] = next((w for w in wanted if lang_matches(lang, w)), None)
    return key


def tmx_languages(path: Location, sample: int = 1000) -> tuple[str, list[str]]:
    """The header srclang and the languages of the first TUs in order of first use
    (`first_languages`)."""
    srclang = read_header(path).srclang
    tus = ((tuv_lang(tuv) for tuv in tu.iter("tuv")) for _, tu in iter_tu_elements(path))
    return srclang, first_languages(tus, sample)


def first_languages(tus: Iterable[Iterable[str]], sample: int = 1000) -> list[str]:
    """The languages of TUs (each given as its tuvs' codes) in order of first use. Reading
    stops after `sample` TUs once two languages were seen (a bilingual TM need not be read
    twice to the end), or as soon as a third language appears."""
    seen: dict[str, None] = {}
    for position, langs in enumerate(tus, 1):
        for lang in langs:
            if lang and not any(lang_matches(lang, s) for s in seen):
                seen[lang] = None
        if len(seen) > 2 or (position >= sample and len(seen) == 2):
            break
    return list(seen)


def resolve_pair(path: Location, src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    """Fill in a missing source (the header srclang) or target (the one other language)."""
    if src_lang and tgt_lang:
        return src_lang, tgt_lang
    srclang, langs = tmx_languages(path)
    return pick_pair(path, srclang, langs, src_lang, tgt_lang)


def pick_pair(
    path: Location, srclang: str, langs: Sequence[str], src_lang: str | None, tgt_lang: str | None
) -> tuple[str, str]:
    """`resolve_pair`'s choice from the header srclang and the languages met, in order."""
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


def read_all(path: Location) -> tuple[str, list[TranslationUnit]]:
    """The header srclang and every TU (languages as written), in one parse: for a command
    that needs the TUs twice over (`tmx stats --report`)."""
    srclang: str | None = None
    units: list[TranslationUnit] = []
    keys: dict[str, str | None] = {}
    for position, (header, tu) in enumerate(iter_tu_elements(path), 1):
        srclang = header.srclang
        units.append(unit_of(path, tu, position, (), keys, False))
    if srclang is None:  # no TU: the header alone, which is all there is to parse
        srclang = read_header(path).srclang
    return srclang, units
