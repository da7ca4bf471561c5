"""Merging TMX files: TUs in input order, each distinct set of (language, text) pairs once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from paralign.files import atomic_output
from paralign.lang import canonical as canonical_lang
from paralign.lang import matches as lang_matches
from paralign.model import ParalignError
from paralign.progress import progress, tu_total
from paralign.tmx.inline import XML_LANG, seg_text, tuv_lang
from paralign.tmx.read import TmxHeader, iter_tu_elements, read_header
from paralign.tmx.write import TmxOptions, header_attributes, tmx_date, write_elements
from paralign.urls import Location

if TYPE_CHECKING:
    from lxml import etree


def merge_tmx(paths: Sequence[Location], out: Path, options: TmxOptions | None = None) -> int:
    """Merge TMX files into `out`: TUs in input order, an identical set of (language, text)
    pairs kept once (its first TU, props and attributes as they were); the inputs' header
    props are kept too, each distinct one once. Returns the TU count.

    The inputs must share the source language (`ru` and `RU-RU` do). TMX 1.1–1.3 `lang`
    becomes `xml:lang`.
    """
    if not paths:
        raise ParalignError("merge needs at least one TMX file")
    headers = [(path, read_header(path)) for path in paths]
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


def _common_srclang(headers: Sequence[tuple[Location, TmxHeader]]) -> str:
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


def _merged(paths: Sequence[Location], count: list[int]) -> Iterator[etree._Element]:
    import hashlib
    from copy import deepcopy

    seen: set[bytes] = set()
    read = ((path, tu) for path in paths for _, tu in iter_tu_elements(path))
    # The bar counts the TUs read, not those kept: a duplicate is work done too.
    for path, tu in progress(read, tu_total(paths), "merge", "TUs"):
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
