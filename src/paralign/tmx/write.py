"""Writing TMX 1.4b as a stream: one small element per TU handed to `etree.xmlfile`, so memory
does not grow with the file; the file appears atomically (temp file + os.replace).

Conventions of the files we write (see docs/tmx-tbx.md):
- `tuid` is `<document>-<n>`: the Bitext name and the 1-based index of the Link in it, so an
  id survives `drop_unaligned` and reruns (a Link read from a TMX keeps its own `tuid`);
- props `x-document`, `x-paragraph` (block index of the first source sentence, of the first
  target sentence for a 0-1 bead), `x-bead` (`2-1`) and `x-score` (3 decimals);
- emphasis as inline codes, by `paralign.tmx.inline.encode_inline`, left out where it spans
  the whole paragraph (as CAT tools' HTML filters do);
- a 0-1 bead keeps an empty source `<tuv>`: a TU without one is skipped, with a warning,
  by OmegaT and other tools that need both languages;
- `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, as OmegaT writes it, unless `doctype=False`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from paralign.files import atomic_output
from paralign.inline_codes import InlinePlan, inline_plan, joined
from paralign.model import Bitext, Link, ParalignError, Sentence
from paralign.tmx.inline import XML_LANG, encode_inline
from paralign.version import __version__
from paralign.xmlsafe import forbidden_char

if TYPE_CHECKING:
    from lxml import etree

_TMX_DATE = "%Y%m%dT%H%M%SZ"
TMX_DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


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
    doctype: bool = True


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

    write_elements(all_units(), stream, header, options.header_props, options.doctype)


def write_elements(
    units: Iterable[etree._Element],
    stream: IO[bytes],
    header: Mapping[str, str],
    header_props: Iterable[tuple[str, str]] = (),
    doctype: bool = True,
) -> None:
    """The one TMX serialiser: header attributes in the given order, then `<tu>` elements.
    With `doctype`, the `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` line that lets `xmllint --valid`
    and DTD-validating tools find the DTD beside the file."""
    from lxml import etree

    head = etree.Element("header", dict(header))
    for kind, value in header_props:
        check_text(value, f"header prop {kind}")
        etree.SubElement(head, "prop", type=kind).text = value
    with etree.xmlfile(stream, encoding="UTF-8") as xf:
        xf.write_declaration()
        if doctype:
            xf.write_doctype(TMX_DOCTYPE)
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


def check_text(text: str, where: str) -> None:
    bad = forbidden_char(text)
    if bad:
        raise ParalignError(f"{where}: contains {bad}, which XML 1.0 forbids")


def _bitext_units(bitext: Bitext, options: TmxOptions) -> Iterator[etree._Element]:
    """The `<tu>` of each Link. The element yielded for a two-sided TU is one reused
    template, rewritten for each Link: the consumer must serialise it before asking for the
    next (write_elements does), which saves building nine elements per TU."""
    from lxml import etree

    check_text(bitext.name, f"document name {bitext.name!r}")
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
    plans = (inline_plan(bitext.source), inline_plan(bitext.target))
    for n, link in enumerate(bitext.links, 1):
        if not (link.src and link.tgt):
            if options.drop_unaligned or not (link.src or link.tgt):
                continue
            yield _one_sided_unit(bitext, link, n, options, plans)
            continue
        template.set("tuid", link.tuid or f"{bitext.name}-{n}")
        source = _pick(bitext, bitext.source, link.src, "source")
        target = _pick(bitext, bitext.target, link.tgt, "target")
        props[1].text = str(source[0][1].block)
        props[2].text = link.kind
        props[3].text = f"{link.score:.3f}"
        _fill_seg(segs[0], source, options.plain, bitext.name, "source", plans[0])
        _fill_seg(segs[1], target, options.plain, bitext.name, "target", plans[1])
        yield template


def _one_sided_unit(
    bitext: Bitext,
    link: Link,
    n: int,
    options: TmxOptions,
    plans: tuple[InlinePlan, InlinePlan],
) -> etree._Element:
    """A 1-0 TU holds the source alone (an empty target would make a CAT tool insert an
    empty translation); a 0-1 TU holds an empty source tuv before the target, since tools
    that look a TU up by its source (OmegaT) skip a TU without one, with a warning."""
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
    if not link.src:
        etree.SubElement(etree.SubElement(tu, "tuv", {XML_LANG: bitext.src_lang}), "seg")
    tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
    plan = plans[0] if link.src else plans[1]
    _fill_seg(etree.SubElement(tuv, "seg"), picked, options.plain, bitext.name, side, plan)
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
    seg: etree._Element,
    picked: list[tuple[int, Sentence]],
    plain: bool,
    doc: str,
    side: str,
    plan: InlinePlan | None = None,
) -> None:
    if len(seg):
        del seg[:]
    if len(picked) == 1 and (plain or not picked[0][1].spans):
        index, sentence = picked[0]
        _check_sentence(sentence, index, doc, side)
        seg.text = sentence.text
        return
    enclosing, first_code = (plan or {}).get(picked[0][0], (frozenset(), 0))
    for index, sentence in picked:
        _check_sentence(sentence, index, doc, side)
    text, spans = joined((sentence for _, sentence in picked), enclosing)
    encode_inline(seg, text, [] if plain else spans, first_code)
