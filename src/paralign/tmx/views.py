"""Views over the one TMX reader: a TM as Bitexts (whole, or streamed in pieces for `check`),
as sentence pairs for scoring or export. Every view reads `read_tmx`'s records (export's
rows through `scan`'s faster pass, which hands anything it does not read the same way to
`read_tmx`), so the languages, tuids, x-score and x-paragraph of a TU are understood one
way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from paralign.lang import matches as lang_matches
from paralign.model import Bitext, BlockKind, Link, ParalignError, Sentence
from paralign.pairs import pair_header, pair_line
from paralign.tmx.read import (
    TranslationUnit,
    first_languages,
    pick_pair,
    read_tmx,
    resolve_pair,
)
from paralign.tmx.scan import Record, fast_then_exact, scan_records
from paralign.tmx.slices import SLICE, Misread, Slice, cut, in_processes, plain_slice, scan_slice
from paralign.tmxprops import read_paragraph, read_score
from paralign.urls import Location

PARAGRAPH = BlockKind.PARAGRAPH


def _link(
    unit: TranslationUnit,
    src: str,
    tgt: str,
    source: list[Sentence],
    target: list[Sentence],
    path: Location,
) -> Link | None:
    """The TU as a Link over the sentences it appends to `source` and `target` (None for a
    TU with neither language): each Sentence on the TU's line in its x-paragraph, the Link
    with the TU's x-score and key. The props are read in one pass (this runs once a TU)."""
    variants = unit.variants
    # An empty seg is no side: a 0-1 TU keeps an empty source tuv for the CAT tools' sake.
    has_src, has_tgt = bool(variants.get(src)), bool(variants.get(tgt))
    if not (has_src or has_tgt):
        return None
    paragraph, score = _paragraph_and_score(unit.props)
    line = unit.line
    # props read from a file paralign may not have written: bad values are one line
    block = read_paragraph(paragraph, path, line) if paragraph else 0
    src_ids: tuple[int, ...] = ()
    tgt_ids: tuple[int, ...] = ()
    if has_src:
        text = variants[src]
        source.append(Sentence(text, block, 0, len(text), PARAGRAPH, line))
        src_ids = (len(source) - 1,)
    if has_tgt:
        text = variants[tgt]
        target.append(Sentence(text, block, 0, len(text), PARAGRAPH, line))
        tgt_ids = (len(target) - 1,)
    confidence = 1.0 if score is None else read_score(score, path, line)
    return Link(src_ids, tgt_ids, confidence, unit.key)


def units_to_bitexts(
    units: Iterable[TranslationUnit], path: Location, src: str, tgt: str
) -> list[Bitext]:
    """TUs grouped into Bitexts by the `x-document` prop (file stem when absent), one Sentence
    per tuv with `line` = the TU's line, Links 1-1 in TU order (1-0 or 0-1 when a TU has one
    side), each Link's score from `x-score` and its tuid the TU's (else its position)."""
    groups: dict[str, tuple[list[Sentence], list[Sentence], list[Link]]] = {}
    for unit in units:
        source, target, links = groups.setdefault(unit.document or path.stem, ([], [], []))
        link = _link(unit, src, tgt, source, target, path)
        if link is not None:
            links.append(link)
    return [
        Bitext(name, src, tgt, tuple(s), tuple(t), tuple(links), str(path), str(path))
        for name, (s, t, links) in groups.items()
    ]


def tmx_to_bitexts(
    path: Location, src_lang: str | None = None, tgt_lang: str | None = None
) -> list[Bitext]:
    """A whole TMX as Bitexts (see `units_to_bitexts`), its languages resolved first."""
    src, tgt = resolve_pair(path, src_lang, tgt_lang)
    return units_to_bitexts(read_tmx(path, src, tgt), path, src, tgt)


def read_units_to_bitexts(
    path: Location, srclang: str, units: Sequence[TranslationUnit]
) -> list[Bitext]:
    """`tmx_to_bitexts` of TUs already read with their languages as written (`read_all`):
    the pair resolved from them as `resolve_pair` would, each variant keyed by the code it
    matches, and a third language the same error as `read_tmx`'s with both languages."""
    src, tgt = pick_pair(path, srclang, first_languages(u.variants for u in units), None, None)
    return units_to_bitexts((_keyed(unit, path, src, tgt) for unit in units), path, src, tgt)


def _keyed(unit: TranslationUnit, path: Location, src: str, tgt: str) -> TranslationUnit:
    variants: dict[str, str] = {}
    for lang, text in unit.variants.items():
        key = src if lang_matches(lang, src) else tgt if lang_matches(lang, tgt) else None
        if key is None:
            raise ParalignError(
                f"{path}:{unit.line}: TU {unit.key} has language '{lang}', neither source "
                f"'{src}' nor target '{tgt}'"
            )
        variants.setdefault(key, text)
    return unit._replace(variants=variants)


def tmx_pieces(
    path: Location, src: str, tgt: str, size: int = 4096, keep_inline: bool = False
) -> Iterator[Bitext]:
    """A TMX streamed as Bitexts of at most `size` TUs of one `x-document` each (the file
    stem when absent), built as `units_to_bitexts` builds them. Unlike `tmx_to_bitexts`,
    which holds the whole file grouped by document, memory stays flat: this is what `check`
    reads a large TM with. With `keep_inline`, texts keep their inline codes as XML."""
    return units_to_pieces(read_tmx(path, src, tgt, keep_inline), path, src, tgt, size)


def units_to_pieces(
    units: Iterable[TranslationUnit], path: Location, src: str, tgt: str, size: int = 4096
) -> Iterator[Bitext]:
    """`tmx_pieces` of TUs read: Bitexts of at most `size` of them, of one document each."""
    name = ""
    source: list[Sentence] = []
    target: list[Sentence] = []
    links: list[Link] = []

    def piece() -> Bitext:
        return Bitext(
            name, src, tgt, tuple(source), tuple(target), tuple(links), str(path), str(path)
        )

    stem = path.stem
    for unit in units:
        document = unit.document or stem
        if links and (document != name or len(links) >= size):
            yield piece()
            source, target, links = [], [], []
        name = document
        link = _link(unit, src, tgt, source, target, path)
        if link is not None:
            links.append(link)
    if links:
        yield piece()


def tmx_pairs(path: Location, tgt_lang: str | None = None) -> tuple[list[str], list[str]]:
    """Source texts and `tgt_lang` segments of the TUs that hold both, in file order.

    Read loosely: a multilingual TM may hold more languages than the two asked for."""
    src, tgt = resolve_pair(path, None, tgt_lang)
    if lang_matches(src, tgt):
        raise ParalignError(f"{path}: --tmx-lang {tgt} is the source language of the TMX")
    sources: list[str] = []
    targets: list[str] = []
    for unit in read_tmx(path):
        source, target = unit.text(src), unit.text(tgt)
        if source is not None and target is not None:
            sources.append(source)
            targets.append(target)
    if not sources:
        raise ParalignError(f"{path}: no translation unit holds both {src} and {tgt}")
    return sources, targets


def export_rows(
    path: Location,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    keep_inline: bool = False,
) -> Iterator[tuple[str, str, str]]:
    """(tuid, source, target) for each TU that has both sides, plain text or with the
    inline codes as XML when `keep_inline`: `tmx export`'s rows, the languages taken from
    the file when not given."""
    src, tgt = resolve_pair(path, src_lang, tgt_lang)
    yield from pair_rows(path, src, tgt, keep_inline)


def pair_rows(
    path: Location, src: str, tgt: str, keep_inline: bool = False
) -> Iterator[tuple[str, str, str]]:
    """The rows `tmx export` writes: (TU key, source, target) of each TU with both sides,
    as `read_tmx` reads them (a third language, a bad x-paragraph or x-score of a TU with a
    side is an error, raised after the rows of the TUs before it). Read by `scan` unless
    inline codes are kept as XML."""
    return (row for row in _tu_rows(path, src, tgt, keep_inline) if row is not None)


Row = tuple[str, str, str]
"""(TU key, source, target): one row of `tmx export`."""

Block = tuple[str | bytes, int]
"""Lines of `tmx export` (a worker's already in UTF-8), and how many TUs were read to make
them (what its bar counts)."""


def export_blocks(
    path: Location, src: str, tgt: str, fmt: str, keep_inline: bool = False, workers: int = 1
) -> Iterator[Block]:
    """`tmx export`'s lines in `fmt` (`pairs.pair_lines`), a block at a time: `pair_rows`,
    or, for a file that can be cut, its slices, each read and formatted by one of `workers`
    processes (this one, with one worker). Where a slice leaves off (`scan.FALLBACK`), the
    reader of one process goes on past the TUs already given; so whatever reads the file,
    what comes before an error is the lines of every TU before the one at fault."""
    line = pair_line(fmt, src, tgt)
    header = pair_header(fmt, src, tgt)
    if header:
        yield header, 0

    def one_process() -> Iterator[Block]:
        for row in _tu_rows(path, src, tgt, keep_inline):
            yield ("" if row is None else line(row)), 1

    parts = None if keep_inline else cut(path, src, tgt)
    if parts is None:
        yield from one_process()
        return
    sliced = in_processes(_slice_lines, parts, (src, tgt, fmt), workers)
    yield from fast_then_exact(lambda: sliced, one_process, weight=lambda block: block[1])


def _slice_lines(job: tuple[str, str, str], part: Slice) -> Block:
    """A slice's lines, made and encoded in the worker that read it: one bytes object
    crosses back. A row a TU had cost the workers its pickling and the client its unpickling
    and writing (on 300,000 TUs the client's CPU fell from 1.55 s to 1.11 s); a string a
    slice, the client's decoding it from the pickle and encoding it again (0.2 s more)."""
    src, tgt, fmt = job
    line = pair_line(fmt, src, tgt)
    excerpt = part.excerpt()
    units = plain_slice((src, tgt), part, excerpt)
    path = part.path
    rows = (
        _scanned(scan_slice((src, tgt), part, excerpt), path, src, tgt)
        if units is None
        else (_row(u.key, u.variants, u.props, src, tgt, path, u.line) for u in units)
    )
    return "".join(line(row) for row in rows if row is not None).encode("utf-8"), part.tus


def _tu_rows(path: Location, src: str, tgt: str, keep_inline: bool) -> Iterator[Row | None]:
    """`_row` of each TU in file order: by `scan_records`, and by `read_tmx` from where the
    scan leaves off (or throughout, with the inline codes kept)."""

    def exact() -> Iterator[Row | None]:
        for unit in read_tmx(path, src, tgt, keep_inline):
            yield _row(unit.key, unit.variants, unit.props, src, tgt, path, unit.line)

    if keep_inline:
        return exact()
    return fast_then_exact(lambda: _scanned(scan_records(path, (src, tgt)), path, src, tgt), exact)


def _scanned(records: Iterable[Record], path: Location, src: str, tgt: str) -> Iterator[Row | None]:
    for position, attributes, variants, props in records:
        yield _row(attributes.get("tuid") or str(position), variants, props, src, tgt, path, 0)


def _row(
    key: str,
    variants: Mapping[str, str],
    props: Iterable[tuple[str, str]],
    src: str,
    tgt: str,
    path: Location,
    line: int,
) -> Row | None:
    """A TU's row, None without both sides; a bad x-paragraph or x-score of a TU with a side
    raises as `_link` would (naming `line` unless 0: the scan's, then the exact reader's)."""
    source, target = variants.get(src), variants.get(tgt)
    if not (source or target):
        return None
    paragraph, score = _paragraph_and_score(props)
    if paragraph:
        read_paragraph(paragraph, path, line)
    read_score(score, path, line)
    return (key, source, target) if source and target else None


def _paragraph_and_score(props: Iterable[tuple[str, str]]) -> tuple[str | None, str | None]:
    """The first x-paragraph and x-score props of a TU, in one pass (this runs once a TU)."""
    paragraph: str | None = None
    score: str | None = None
    for kind, value in props:
        if kind == "x-paragraph" and paragraph is None:
            paragraph = value
        elif kind == "x-score" and score is None:
            score = value
    return paragraph, score


def tmx_slices(path: Location, src: str, tgt: str, size: int = SLICE) -> Iterator[Bitext | Slice]:
    """The TUs of a TMX as `tmx_pieces` gives them, or as Slices when it can be `cut`."""
    parts = cut(path, src, tgt, size)
    return tmx_pieces(path, src, tgt) if parts is None else parts


def read_slice(part: Slice) -> list[Bitext]:
    """A slice's TUs as Bitexts, built as `tmx_pieces` of the whole file builds them (a
    piece also ends where the slice does). Misread when they do not read as its counts
    promised, or when reading raises: its message would name the slice's line."""
    excerpt = part.excerpt()
    src, tgt = part.src_lang, part.tgt_lang
    plain = plain_slice((src, tgt), part, excerpt)
    read = 0

    def counted(units: Iterable[TranslationUnit]) -> Iterator[TranslationUnit]:
        # Each TU becomes sentences as it is read: all of a slice's TUs made first cost 3%
        # more CPU on the dirty TM of benchmarks/check.py (fewer of them still in the cache).
        nonlocal read
        for unit in units:
            read += 1
            yield unit

    try:
        units = (
            plain if plain is not None else counted(read_tmx(part.path, src, tgt, excerpt=excerpt))
        )
        pieces = list(units_to_pieces(units, part.path, src, tgt))
    except ParalignError as error:
        raise Misread(str(error)) from None
    if plain is None and read != part.tus:
        raise Misread(f"{part.path}: {read} TUs at {part.start}, not {part.tus}")
    return pieces


def exactly(pieces: Iterable[Bitext | Slice]) -> Iterator[Bitext]:
    """The pieces, with each sliced file read whole the exact way in place of its slices."""
    for piece in pieces:
        if not isinstance(piece, Slice):
            yield piece
        elif piece.start == piece.head:
            yield from tmx_pieces(piece.path, piece.src_lang, piece.tgt_lang)
