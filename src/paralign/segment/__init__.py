"""Sentences from Documents, by SRX 2.0 rules (paralign's own by default, or any file).

Each block is segmented on its own with rules compiled once per file and language, so time
grows linearly with the document. Sentences never include the whitespace between them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import chain
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from paralign.model import Block, Document, Note, ParalignError, Sentence, Span

if TYPE_CHECKING:
    from paralign.segment.srx import Segmenter

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "data" / "srx" / "paralign.srx"


@lru_cache(maxsize=32)
def _segmenter(path: str, mtime: float, lang: str) -> Segmenter:
    # mtime is only part of the cache key: a rules file edited since is compiled afresh
    from paralign.segment.srx import Segmenter, load_srx

    document = load_srx(Path(path))
    rules = document.rules_for(lang)
    if not rules:
        raise ParalignError(f"{path}: no languagemap matches language {lang!r}")
    return Segmenter(rules, path)


def segmenter_for(lang: str, rules: Path | None = None) -> Segmenter:
    """The compiled Segmenter for `lang` from `rules` (default: paralign's own SRX file)."""
    path = rules or DEFAULT_RULES
    # One stat a call (a caller may segment text by text): a missing or odd path is named
    # by check_readable, a rules file edited since is compiled afresh by its mtime.
    try:
        status = path.stat()
    except OSError:
        status = None
    if status is None or not S_ISREG(status.st_mode):
        from paralign.files import check_readable

        check_readable(path)
        status = path.stat()
    return _segmenter(str(path), status.st_mtime, lang)


def segment_spans(text: str, lang: str, rules: Path | None = None) -> list[tuple[int, int, str]]:
    """(start, end, label of the rule that ended it) per sentence of one text, whitespace out."""
    return list(_spans(segmenter_for(lang, rules), text))


def _spans(segmenter: Segmenter, text: str) -> Iterator[tuple[int, int, str]]:
    start = 0
    for position, label in chain(segmenter.iter_breaks(text), ((len(text), "end of block"),)):
        piece = text[start:position]
        stripped = piece.strip()
        if stripped:
            left = start + len(piece) - len(piece.lstrip())
            yield left, left + len(stripped), label
        start = position


def iter_blocks(
    document: Document, lang: str, rules: Path | None = None
) -> Iterator[tuple[int, Block, Iterator[tuple[int, int, str]]]]:
    """(block index, block, its sentences as (start, end, rule label)), block by block; each
    block's sentences come lazily, so even a block of 50 MB is never held twice."""
    segmenter = segmenter_for(lang, rules)
    for index, block in enumerate(document.blocks):
        yield index, block, _located(_spans(segmenter, block.text), document, block)


def _located(
    spans: Iterator[tuple[int, int, str]], document: Document, block: Block
) -> Iterator[tuple[int, int, str]]:
    try:
        yield from spans
    except ParalignError as error:  # a runaway rule: say where in the document
        raise ParalignError(f"{document.path}:{block.line}: {error}") from None


def iter_segments(
    document: Document, lang: str, rules: Path | None = None
) -> Iterator[tuple[int, Block, int, int, str]]:
    """(block index, block, start, end, rule label) per sentence: the raw form, for renderers."""
    for index, block, spans in iter_blocks(document, lang, rules):
        for start, end, label in spans:
            yield index, block, start, end, label


def guess_lang(document: Document) -> str:
    """ru when Cyrillic letters outnumber Latin ones in the text, else en."""
    cyrillic = latin = 0
    for block in document.blocks:
        for char in block.text[:2000]:
            if "а" <= char.lower() <= "я" or char in "ёЁ":
                cyrillic += 1
            elif "a" <= char.lower() <= "z":
                latin += 1
        if cyrillic + latin > 20000:
            break
    return "ru" if cyrillic > latin else "en"


def segment_document(
    document: Document, lang: str, rules: Path | None = None
) -> tuple[Sentence, ...]:
    """The sentences of every block, in document order."""
    return tuple(
        _sentence(index, block, start, end)
        for index, block, start, end, _ in iter_segments(document, lang, rules)
    )


def _sentence(index: int, block: Block, start: int, end: int) -> Sentence:
    return Sentence(
        text=block.text[start:end],
        block=index,
        start=start,
        end=end,
        kind=block.kind,
        line=block.line_at(start),
        spans=_clip(block, start, end) if block.spans else (),
    )


def _clip(block: Block, start: int, end: int) -> tuple[Span, ...]:
    """The block's spans that touch [start, end), relative to the sentence."""
    clipped: list[Span] = []
    for s in block.spans:
        if isinstance(s, Note) and _marker_in(block.text, s.start, start, end):
            at = min(s.start, end) - start
            clipped.append(replace(s, start=at, end=at))
        elif s.start < end and s.end > start:
            clipped.append(
                replace(s, start=max(s.start, start) - start, end=min(s.end, end) - start)
            )
    return tuple(clipped)


def _marker_in(text: str, at: int, start: int, end: int) -> bool:
    """A footnote marker belongs to the sentence it follows (`…2026<sup>1</sup>`, also across
    the space after the sentence), or to the one it opens at the block's start or after a
    space (`<sup>1</sup> Комментарий`): each marker to exactly one sentence."""
    if start < at <= end:
        return True
    if at == start:
        return start == 0 or text[start - 1].isspace()
    return at > end and text[end:at].isspace() and text[at : at + 1].isspace()


def rules_signature(rules: Path | None = None) -> str:
    """Names the rules a segmentation used (`paralign.srx sha256:1a2b3c4d5e6f`), for the
    signature that TMX headers and reports carry: other rules, other segments."""
    import hashlib

    from paralign.files import read_bytes

    path = rules or DEFAULT_RULES
    return f"{path.name} sha256:{hashlib.sha256(read_bytes(path)).hexdigest()[:12]}"
