"""A faster pass over a TMX for `tmx stats` and `tmx export`: TU records without a tree.

`read.read_tmx` lets libxml2 build each `<tu>` as a tree and walks it through lxml's element
proxies; half of its time goes to making those proxies. Here libxml2 hands its events to a
parser *target* (`_Collector`), which keeps only what stats and export read: each TU's
attributes, its variants (the text of a tuv's seg, inline codes dropped, `<hi>` text kept,
as `inline.tuv_text` reads it) and its props. No line numbers: a target is told none.

The exact reader stays the reference. Whatever this pass does not handle the same way (a
nested `<tu>`, a prop with elements inside, a tuv whose last child is not its one seg, a
footnote marker, an internal DTD subset, a syntax error, any ParalignError of the caller's
own checks) raises
`Unsupported` or the error, and `fast_then_exact` goes on with the exact reader, past the
records already given: the records, the results and every error message are the exact
reader's, only sooner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from paralign.inline_codes import NOTE_TYPE
from paralign.lang import matches as lang_matches
from paralign.model import ParalignError
from paralign.tmx.inline import XML_LANG
from paralign.tmx.read import Excerpt
from paralign.urls import Location

T = TypeVar("T")

Record = tuple[int, dict[str, str], dict[str, str], list[tuple[str, str]]]
"""(position, attributes, variants, props) of one TU, as `read.unit_of` would read them."""

_CHUNK = 1 << 20
_HEAD = 1 << 20


class Unsupported(Exception):
    """Something this pass does not read as the exact reader does: use that one."""


FALLBACK = (Unsupported, ParalignError, SyntaxError, OSError, UnicodeError)
"""What sends a reader to the exact one: lxml's XMLSyntaxError is a SyntaxError, worded
for the user by the exact reader; a ParalignError of the caller's checks names no line."""


def fast_then_exact(
    fast: Callable[[], Iterator[T]],
    exact: Callable[[], Iterator[T]],
    weight: Callable[[T], int] | None = None,
) -> Iterator[T]:
    """The items of `fast`; if it stops on anything, the exact reader's from where it stopped
    (its first items, equal to those given, are skipped), so its errors are the ones raised.
    With `weight`, an item of `fast` stands for that many of `exact`'s (a block of TUs)."""
    given = 0
    try:
        for item in fast():
            yield item
            given += 1 if weight is None else weight(item)
        return
    except FALLBACK:
        pass
    for number, item in enumerate(exact()):
        if number >= given:
            yield item


def scan_records(
    path: Location, wanted: Sequence[str] = (), excerpt: Excerpt | None = None
) -> Iterator[Record]:
    """The TUs of `path` (or of an excerpt of it) as Records, in file order, read with the
    safe parser options. With two `wanted` languages a third one is an error, as in
    `read.read_tmx`."""
    import io

    from lxml import etree

    from paralign.xmlsafe import PARSER_OPTIONS, check_head

    if excerpt is None:
        check_head(path)
    with path.open("rb") if excerpt is None else io.BytesIO(excerpt.data) as handle:
        head = handle.read(_HEAD)
        if not _plain_prolog(head):
            raise Unsupported("a DOCTYPE subset or a long prolog")
        collector = _Collector(tuple(wanted))
        collector.position = excerpt.first - 1 if excerpt is not None else 0
        parser = etree.XMLParser(target=collector, **PARSER_OPTIONS)
        chunk = head
        while chunk:
            parser.feed(chunk)
            yield from collector.drain()
            chunk = handle.read(_CHUNK)
        parser.close()
    yield from collector.drain()
    if not collector.header_seen:
        raise Unsupported("no header")


def _plain_prolog(head: bytes) -> bool:
    """The `<body>` starts in the head and no internal DTD subset comes before it (entities
    are refused by the exact reader's checks, which this pass leaves to it)."""
    body = head.find(b"<body")
    if body < 0:
        return False
    doctype = head.find(b"<!DOCTYPE", 0, body)
    return doctype < 0 or head.find(b"[", doctype, body) < 0


# Where the collector is: outside any TU, directly in a tu, a tuv or a prop, anywhere in a
# seg, or in an element whose content is not read (a note, a tuv's prop).
_OUT, _TU, _TUV, _SEG, _PROP, _SKIP = range(6)


class _Collector:
    """lxml parser target: libxml2 calls start, data and end; each TU, once closed, is a
    Record in `done`. A state machine rather than a stack: these run a dozen times a TU."""

    __slots__ = (
        "attributes",
        "back",
        "done",
        "header_seen",
        "hidden",
        "keys",
        "lang",
        "nest",
        "position",
        "prop_type",
        "props",
        "resolved",
        "rooted",
        "seg",
        "sink",
        "skip",
        "state",
        "strict",
        "text",
        "variants",
        "wanted",
    )

    def __init__(self, wanted: tuple[str, ...]) -> None:
        self.wanted = wanted
        self.strict = len(wanted) == 2
        self.keys: dict[str, str | None] = {}
        self.resolved: dict[str, str] = {}
        self.done: list[Record] = []
        self.state = _OUT
        self.rooted = False
        self.header_seen = False
        self.position = 0
        self.attributes: dict[str, str] = {}
        self.variants: dict[str, str] = {}
        self.props: list[tuple[str, str]] = []
        self.prop_type = ""
        self.lang = ""
        self.seg: str | None = None  # the tuv's seg, once closed
        self.text: list[str] = []  # the open prop's or seg's text so far
        self.sink: list[str] | None = None  # where text goes now: `text`, or nowhere
        self.nest = 0  # elements open inside the seg
        self.hidden = 0  # of those, the ones other than <hi>: their text is dropped
        self.skip = 0  # elements open inside a skipped one
        self.back = _OUT  # the state a skipped element returns to

    def drain(self) -> list[Record]:
        done, self.done = self.done, []
        return done

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        state = self.state
        if state == _TU:
            if tag == "tuv":
                self.state = _TUV
                self.lang = attrib.get(XML_LANG) or attrib.get("lang") or ""
                self.seg = None
            elif tag == "prop":
                self.state = _PROP
                self.prop_type = attrib.get("type", "")
                self.text = self.sink = []
            else:
                self._skip(tag, _TU)
        elif state == _TUV:
            if self.seg is not None:
                # a child after the seg: the exact reader would look for the first seg
                raise Unsupported("a tuv whose seg is not its one last child")
            if tag == "seg":
                self.state = _SEG
                self.text = self.sink = []
                self.nest = self.hidden = 0
            else:
                self._skip(tag, _TUV)
        elif state == _OUT:
            self._outside(tag, attrib)
        elif state == _SEG:
            self._refuse(tag)
            if tag == "bpt" and attrib.get("type") == NOTE_TYPE:
                # a footnote marker's label is dropped with the spaces around it: seg_text's
                raise Unsupported("a footnote marker")
            self.nest += 1
            if tag != "hi":
                self.hidden += 1
                self.sink = None
        elif state == _SKIP:
            self._refuse(tag)
            self.skip += 1
        else:
            raise Unsupported("a prop with elements inside")

    @staticmethod
    def _refuse(tag: str) -> None:
        if tag == "tu" or tag == "header":
            # the exact reader yields (or clears around) these wherever they are
            raise Unsupported(f"a <{tag}> inside a <tu>")

    def _skip(self, tag: str, back: int) -> None:
        self._refuse(tag)
        self.state, self.skip, self.back = _SKIP, 0, back

    def _outside(self, tag: str, attrib: dict[str, str]) -> None:
        if not self.rooted:
            if tag != "tmx":
                raise Unsupported("the root is not <tmx>")
            self.rooted = True
        if tag == "header":
            self.header_seen = True
        elif tag == "tu":
            if not self.header_seen:
                raise Unsupported("a <tu> before the header")
            self.state = _TU
            self.position += 1
            # lxml hands a target a new dict per element (an immutable empty mapping, which
            # does not pickle, for one without attributes): it is the TU's to keep
            self.attributes, self.variants, self.props = attrib or {}, {}, []

    def data(self, text: str) -> None:
        sink = self.sink
        if sink is not None:
            sink.append(text)

    def end(self, tag: str) -> None:
        state = self.state
        if state == _SEG:
            if self.nest:
                self.nest -= 1
                if tag != "hi":
                    self.hidden -= 1
                    if not self.hidden:
                        self.sink = self.text
                return
            self.seg = "".join(self.text)
            self.sink = None
            self.state = _TUV
        elif state == _TUV:
            self.state = _TU
            key = self.resolved.get(self.lang) or self._key(self.lang)
            if key not in self.variants:
                self.variants[key] = self.seg or ""
        elif state == _TU:
            self.done.append((self.position, self.attributes, self.variants, self.props))
            self.state = _OUT
        elif state == _PROP:
            self.props.append((self.prop_type, "".join(self.text)))
            self.sink = None
            self.state = _TU
        elif state == _SKIP:
            if self.skip:
                self.skip -= 1
            else:
                self.state = self.back

    def _key(self, written: str) -> str:
        """The variant key of a language code as written, as `read.unit_of` keys it (the
        answer is kept in `resolved`: it depends on the code alone)."""
        lang = written
        if lang in self.keys:
            key = self.keys[lang]
        else:
            lang = lang.strip()
            if not lang:
                raise Unsupported("a <tuv> without a language")
            key = self.keys[lang] = next((w for w in self.wanted if lang_matches(lang, w)), None)
        if key is None:
            if self.strict:
                raise Unsupported("a third language")
            key = lang
        self.resolved[written] = key
        return key

    def close(self) -> None:
        return None
