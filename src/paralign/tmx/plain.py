"""The TUs of a slice read by pattern, where each is plain: no tree and no parser events.

`read.read_tmx` spends most of its time on what lxml makes of libxml2's tree (an element
proxy a tu, tuv, seg and prop), and `scan`'s parser target takes a Python call an event.
Most TUs of a TM have one shape, though (props, notes and tuvs whose seg holds text alone),
and a regular expression made for that shape reads one in a single match, in C.

The patterns do not judge well-formedness: libxml2 does, parsing the slice with the safe
options and a target that asks for no events, once the TUs are matched (each one from where
the one before ended), so that a slice given up on is not parsed for nothing; what was read
of a slice that is not well-formed is dropped. A TU no pattern takes (an inline code,
`<seg/>`, a seg that is not its tuv's last child) is cut out of the text by its end tag and
parsed alone, as `read_tmx` parses a TU (`_Reader.alone`): a slice with an inline code here and
there is not read twice, though one with more than a fifth of such TUs is left to the tree,
which reads them faster. What would not be read as the exact reader reads it raises
`Unsupported`, and the caller reads the slice the exact way: a comment, CDATA or PI in a
TU (which could hide its end tag), `<tu/>`, an entity other than XML's five, an attribute
value holding `&`, `>` or a line break (which XML would normalise), a namespace, a lone
carriage return, an encoding other than UTF-8, a third language, a tuv without one, lines
past 65,535.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from paralign.model import ParalignError
from paralign.tmx.inline import XML_LANG
from paralign.tmx.read import Excerpt, TranslationUnit, language_key, tu_record, unit_of
from paralign.tmx.scan import Unsupported
from paralign.urls import Location
from paralign.xmlsafe import PARSER_OPTIONS, declares_other_than_utf8

if TYPE_CHECKING:
    from lxml import etree

Shape = tuple[str, ...]
"""The names of a TU's children in order: ("prop", "tuv", "tuv")."""

_NAME = r"[A-Za-z_][A-Za-z0-9_.-]*"
_VALUE = r"(?:\"([^\"<>&\t\n\r]*)\"|'([^'<>&\t\n\r]*)')"
_ATTRIBUTE = re.compile(rf"\s+(xml:lang|{_NAME})\s*=\s*{_VALUE}", re.ASCII)
_ATTRIBUTES = re.compile(rf"(?:\s+(?:xml:lang|{_NAME})\s*=\s*{_VALUE})*\s*", re.ASCII)

_TAG = r"([^<>]*)>"  # a start tag's attributes, read strictly by `_attributes`
_TUID = r"\s+tuid=\"([^\"<>&\t\n\r]*)\"\s*>"  # a tuid alone, most TUs' one attribute
_SEG = (  # a tuv's props and notes, which read_tmx does not read, then its seg's text
    r"(?:\s*<(?:prop|note)[^<>]*>[^<]*</(?:prop|note)\s*>)*\s*<seg\s*>([^<]*)</seg\s*>\s*</tuv\s*>"
)
_CHILD = re.compile(rf"\s*<(prop|note|tuv){_TAG}(?:([^<]*)</(?:prop|note)\s*>|{_SEG})", re.ASCII)
_TU_START = re.compile(rf"\s*(<tu){_TAG}", re.ASCII)
_TU_END = re.compile(r"\s*</tu\s*>", re.ASCII)
_TU_CLOSE = re.compile(r"</tu\s*>", re.ASCII)
_PROLOG = re.compile(
    r"\ufeff?(?:<\?xml[^>]*\?>)?\s*(?:<!DOCTYPE[^>\[]*>\s*)?<tmx[^<>]*>\s*<header[\s/>][^<]*"
    r"(?:<(?![!?]|body[\s>])[^<]*)*<body\s*>",
    re.ASCII,
)
_END = re.compile(r"\s*</body\s*>\s*</tmx\s*>\s*\Z", re.ASCII)
_REFERENCE = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_LINES = 65535
_ALONE = 16
"""TUs parsed alone before their share is weighed: one costs about twice a tree's reading
of it, a plain one half, so past a fifth of them the tree is faster."""
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


class _NoEvents:
    """A parser target that asks libxml2 for no events: the parse only checks the text."""

    def close(self) -> None:
        return None


def plain_units(path: Location, excerpt: Excerpt, wanted: Sequence[str]) -> list[TranslationUnit]:
    """`list(read_tmx(path, *wanted, excerpt=excerpt))` of an excerpt read by pattern;
    Unsupported if it cannot be, if more than a fifth of its TUs would have to be parsed
    alone (a tree reads those faster), or if it is not well-formed XML."""
    text = _text(excerpt.data)
    prolog = _PROLOG.match(text)
    if prolog is None:  # the exact reader says what is wrong, or reads what is unusual
        raise Unsupported("not a <tmx> whose <header> comes first, or a comment or PI before")
    if "xmlns" in prolog.group():  # a TU's own are refused with its attributes
        raise Unsupported("a namespace declaration")
    reader = _Reader(wanted)
    units: list[TranslationUnit] = []
    position, line, counted, at = excerpt.first, 1 + excerpt.lines, 0, prolog.end()
    shape: Shape = ()
    pattern: re.Pattern[str] | None = None
    alone = 0
    while True:
        tu = pattern.match(text, at) if pattern is not None else None
        if tu is None:
            found = _shape(text, at)
            if found is None:
                odd = reader.alone(path, text, at, position, line, counted)
                if odd is None:
                    break
                unit, line, counted, at = odd
                units.append(unit)
                position += 1
                alone += 1
                if alone > _ALONE and alone * 5 > len(units):
                    raise Unsupported("TUs with inline codes: a tree reads them faster")
                continue
            shape, pattern = found, _pattern(found)
            tu = pattern.match(text, at)
            if tu is None:  # the shape was read by the same patterns: no other outcome
                raise Unsupported(f"TU at character {at} does not match its own shape")
        tag_end = tu.start(3)
        line += text.count("\n", counted, tag_end)
        counted = tag_end
        units.append(reader.unit(shape, tu.groups(), position, line))
        position += 1
        at = tu.end()
    if _END.match(text, at) is None:
        raise Unsupported(f"not a plain TU at character {at}")
    if units and units[-1].line - excerpt.lines > _LINES:
        raise Unsupported("lines past libxml2's 65,535, which it counts its own way")
    _check_well_formed(excerpt.data)  # last: a slice given up on is not parsed for nothing
    return units


def _text(data: bytes) -> str:
    """The excerpt as text, its line ends as XML reads them."""
    if declares_other_than_utf8(data[:256].removeprefix(b"\xef\xbb\xbf")):
        raise Unsupported("an encoding other than UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unsupported(str(error)) from None
    if "\r" in text:  # XML reads CR LF as LF; a CR alone as LF too, but counts no line then
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            raise Unsupported("a carriage return alone")
    return text


def _check_well_formed(data: bytes) -> None:
    """Unsupported unless libxml2 finds the excerpt well-formed with the safe options."""
    from lxml import etree

    try:
        parser = etree.XMLParser(target=_NoEvents(), **PARSER_OPTIONS)
        parser.feed(data)
        parser.close()
    except etree.XMLSyntaxError as error:
        raise Unsupported(str(error)) from None


def _shape(text: str, at: int) -> Shape | None:
    """The children of the plain TU at `at`, None if none starts there or it is not plain."""
    start = _TU_START.match(text, at)
    if start is None:
        return None
    names: list[str] = []
    at = start.end()
    while (child := _CHILD.match(text, at)) is not None:
        names.append(child.group(1))
        at = child.end()
    return tuple(names) if _TU_END.match(text, at) else None


@lru_cache(maxsize=64)
def _pattern(shape: Shape) -> re.Pattern[str]:
    """One TU of `shape`: its tuid when that is its one attribute, else its attributes;
    where its start tag ends (libxml2 gives an element that line); an attributes and a text
    group a child."""
    children = (
        rf"\s*<tuv{_TAG}{_SEG}" if name == "tuv" else rf"\s*<{name}{_TAG}([^<]*)</{name}\s*>"
        for name in shape
    )
    return re.compile(rf"\s*<tu(?:{_TUID}|{_TAG})(){''.join(children)}\s*</tu\s*>", re.ASCII)


class _Reader:
    """TUs made of a shape's groups, with what repeats from one TU to the next (a tuv's
    attributes, a prop's) read once, or parsed alone (`alone`)."""

    def __init__(self, wanted: Sequence[str]) -> None:
        self.wanted = wanted
        self.strict = len(wanted) == 2
        self.keys: dict[str, str | None] = {}
        self.tuv_keys: dict[str, str] = {}
        self.prop_kinds: dict[str, str] = {}
        self.parser: etree.XMLParser | None = None  # for the TUs parsed alone, made once

    def unit(
        self, shape: Shape, groups: tuple[str, ...], position: int, line: int
    ) -> TranslationUnit:
        variants: dict[str, str] = {}
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        tuv_keys, prop_kinds = self.tuv_keys, self.prop_kinds
        for name, tag, value in zip(shape, groups[3::2], groups[4::2], strict=True):
            if "&" in value:
                value = _unescaped(value)
            if name == "tuv":
                key = tuv_keys.get(tag)
                if key is None:
                    key = tuv_keys[tag] = self._variant_key(tag)
                if key not in variants:
                    variants[key] = value
            elif name == "prop":
                kind = prop_kinds.get(tag)
                if kind is None:
                    kind = prop_kinds[tag] = _attributes(tag).get("type", "")
                props.append((kind, value))
            else:
                _attributes(tag)
                notes.append(value)
        tuid = groups[0]
        attributes = {"tuid": tuid} if tuid is not None else _attributes(groups[1])
        return tu_record(attributes, position, line, variants, props, notes)

    def alone(
        self, path: Location, text: str, at: int, position: int, line: int, counted: int
    ) -> tuple[TranslationUnit, int, int, int] | None:
        """The TU at `at` that is not plain (an inline code, say), parsed alone as `read_tmx`
        reads it, with the line and the offset counted to its start and where it ends; None
        if no TU starts there. A TU that cannot be cut out of the text by its end tag (a
        comment, CDATA or PI in it, an empty-element tag, a TU in a TU) is Unsupported."""
        from lxml import etree

        start = _TU_START.match(text, at)
        if start is None:
            return None
        opened = start.start(1)
        close = _TU_CLOSE.search(text, start.end())
        if close is None or text[start.end() - 2] == "/":
            raise Unsupported(f"no end tag for the TU at character {opened}")
        element = text[opened : close.end()]
        if "<!" in element or "<?" in element:
            raise Unsupported(f"a comment, CDATA or PI in the TU at character {opened}")
        line += text.count("\n", counted, opened)
        if self.parser is None:
            self.parser = etree.XMLParser(**PARSER_OPTIONS)
        try:
            tu = etree.fromstring(element, self.parser)
            if tu.tag != "tu":  # a <tuv> or a <tux> where a TU should start
                raise Unsupported(f"<{tu.tag}> at character {opened}")
            unit = unit_of(path, tu, position, self.wanted, self.keys, False, line - 1)
        except (etree.XMLSyntaxError, ParalignError) as error:
            raise Unsupported(str(error)) from None
        return unit, line, opened, close.end()

    def _variant_key(self, tag: str) -> str:
        """The variant key of a tuv's language, as `read.unit_of` keys it."""
        attributes = _attributes(tag)
        lang = (attributes.get(XML_LANG) or attributes.get("lang") or "").strip()
        if not lang:
            raise Unsupported("a tuv without a language")
        key = self.keys[lang] if lang in self.keys else language_key(lang, self.wanted, self.keys)
        if key is None:
            if self.strict:
                raise Unsupported("a third language")
            return lang
        return key


def _attributes(tag: str) -> dict[str, str]:
    """A start tag's attributes as lxml gives them (`xml:lang` in Clark notation)."""
    if not tag:
        return {}
    if _ATTRIBUTES.fullmatch(tag) is None or "xmlns" in tag:  # a namespace renames the tags
        raise Unsupported(f"attributes not read by pattern: {tag!r}")
    return {
        XML_LANG if name == "xml:lang" else name: double or single
        for name, double, single in _ATTRIBUTE.findall(tag)
    }


def _unescaped(text: str) -> str:
    if text.count("&") != len(_REFERENCE.findall(text)):
        raise Unsupported("an entity other than XML's five")
    return _REFERENCE.sub(_reference, text)


def _reference(match: re.Match[str]) -> str:
    name, decimal, hexadecimal = match.groups()
    if name:
        return _ENTITIES[name]
    return chr(int(decimal) if decimal else int(hexadecimal, 16))
