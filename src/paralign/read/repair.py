"""Repair of PDF-extraction damage, over any reader's blocks (in source order).

Text that went through a PDF carries the page layout in its paragraphs: a paragraph cut in
two at a page break, the page's footnote and a rule dropped into the middle of a sentence,
a word hyphenated across the break. Each rule below is one small decision over a pair of
blocks. None of them ever joins a block that ends in terminal punctuation, so a text
without damage passes through unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import replace

from paralign.model import Block, BlockKind

TERMINAL = ".!?…;:)]»”\"'’"
_RULE = re.compile(r"(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|[—–]{2,}|[=]{3,}")
_WORD = re.compile(r"\w+", re.UNICODE)
_WORDS = re.compile(r"\w+(?:-\w+)*")
_OPENERS = "«„“\"'‘([ "
# Words that cannot end a sentence: a block ending in one was cut mid-phrase.
_FUNCTION_WORD_LIST = (
    "a an the of to in on at by for from with without into onto over under about as and or "
    "but nor than that which who whom whose this these those its their his her our your my "
    "is are was were be been has have had not no very more most such between among toward "
    "towards against during via per "
    "в во на и или а но с со к ко по о об от до для из изо за под над при без про через "
    "между что чтобы как который которая которое которые которых которым его её их этот эта "
    "это эти тот та те не ни же ли бы также"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split())
# Long prose that stops without terminal punctuation, continued by a quotation, was cut.
_PROSE_WORDS = 10


def repair_blocks(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Drop stray rules, rejoin cut paragraphs (lifting notes that fell between the halves),
    undo hyphenation at line ends inside a paragraph."""
    vocabulary = _Vocabulary(blocks)
    out: list[Block] = []
    for block in blocks:
        if _RULE.fullmatch(block.text):
            continue
        if block.line_starts and "-" in block.text:
            block = mend_line_hyphens(block, vocabulary)
        host = _last_text_block(out)
        if host is not None and _is_cut(out[host], block):
            out[host] = join_blocks(out[host], block, vocabulary)
            continue
        out.append(block)
    return tuple(out)


def footnotes_last(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Document order: the text, then the notes (stable within each)."""
    body = [b for b in blocks if b.kind is not BlockKind.FOOTNOTE]
    notes = [b for b in blocks if b.kind is BlockKind.FOOTNOTE]
    return (*body, *notes)


def _last_text_block(out: list[Block]) -> int | None:
    """The last block that is not a note: notes between two halves are lifted out."""
    for index in range(len(out) - 1, -1, -1):
        if out[index].kind is not BlockKind.FOOTNOTE:
            return index
    return None


def _is_cut(first: Block, second: Block) -> bool:
    if first.kind is not BlockKind.PARAGRAPH or second.kind is not BlockKind.PARAGRAPH:
        return False
    text = first.text.rstrip()
    if not text or text[-1] in TERMINAL or _is_label(first):
        return False
    if text.endswith("-") and text[-2:-1].isalpha():
        return True
    head = second.text.lstrip(_OPENERS)
    if not head or not (head[0].isalpha() or head[0].isdigit()):
        return False
    if head[0].islower():
        return True
    words = _WORD.findall(text)
    if words and words[-1].lower() in _FUNCTION_WORDS:
        return True
    # A long sentence left open, continued by a quoted or bracketed name ("…the
    # organization" / "“Turkic Council” was signed"); a capital alone could start anything.
    opens = second.text[:1] in _OPENERS.strip()
    return opens and len(words) >= _PROSE_WORDS


def _is_label(block: Block) -> bool:
    """A line wholly in emphasis or strong ("*Abstract*") is a label, not a cut sentence."""
    covered = sum(s.end - s.start for s in block.spans if s.kind in ("em", "strong"))
    return covered >= len(block.text.strip())


def join_blocks(first: Block, second: Block, vocabulary: Container[str] = frozenset()) -> Block:
    """`first` continued by `second`: one space between, or a hyphenated word rejoined."""
    glue = " "
    cut = len(first.text)
    if first.text.endswith("-") and first.text[-2:-1].isalpha() and second.text[:1].isalpha():
        left = _WORD.findall(first.text)[-1]
        right = _WORD.match(second.text)
        right_word = right.group() if right else ""
        glue = ""
        if _drop_hyphen(left, right_word, vocabulary):
            cut -= 1
    text = first.text[:cut] + glue + second.text
    offset = cut + len(glue)
    gap = max(second.line - (first.line + len(first.line_starts)), 0)
    line_starts = (
        *first.line_starts,
        *([offset] * gap),
        *(offset + s for s in second.line_starts),
    )
    spans = (
        *first.spans,
        *(replace(s, start=s.start + offset, end=s.end + offset) for s in second.spans),
    )
    return replace(first, text=text, spans=spans, line_starts=line_starts)


def _drop_hyphen(left: str, right: str, vocabulary: Container[str]) -> bool:
    """`geo-`/`political` → geopolitical, but `Pan-`/`Turkism` keeps its hyphen."""
    if not right or right[0].isupper():
        return False
    joined = (left + right).lower()
    if joined in vocabulary:
        return True
    # Line-end hyphens in typeset text are mostly soft; a real compound is usually
    # written elsewhere in the same document.
    return f"{left}-{right}".lower() not in vocabulary


def mend_line_hyphens(block: Block, vocabulary: Container[str] = frozenset()) -> Block:
    """`geo- political` where a source line ended in `geo-`: one word again (or `Pan-Turkism`)."""
    text = block.text
    cuts: list[tuple[int, int]] = []  # (offset, characters removed there)
    for start in sorted(set(block.line_starts)):
        if not (3 <= start < len(text)) or text[start - 2 : start] != "- ":
            continue
        if not (text[start - 3].isalpha() and text[start].isalpha()):
            continue
        left = _WORD.findall(text[: start - 2])[-1]
        right = _WORD.match(text, start)
        dropped = _drop_hyphen(left, right.group() if right else "", vocabulary)
        cuts.append((start - 2, 2) if dropped else (start - 1, 1))
    if not cuts:
        return block
    pieces, previous = [], 0
    for offset, size in cuts:
        pieces.append(text[previous:offset])
        previous = offset + size
    pieces.append(text[previous:])

    def moved(position: int) -> int:
        return position - sum(min(size, max(position - offset, 0)) for offset, size in cuts)

    spans = tuple(replace(x, start=moved(x.start), end=moved(x.end)) for x in block.spans)
    starts = tuple(moved(x) for x in block.line_starts)
    return replace(block, text="".join(pieces), spans=spans, line_starts=starts)


class _Vocabulary:
    """The document's words (lower-cased), collected only if a hyphenated join asks."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = blocks
        self.words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.words is None:
            found: set[str] = set()
            for block in self.blocks:
                found.update(w.lower() for w in _WORDS.findall(block.text))
            self.words = frozenset(found)
        return word in self.words
