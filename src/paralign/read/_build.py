"""Accumulates one block's plain text with its spans and source-line offsets.

Every reader renders markup into text piece by piece; this keeps the bookkeeping (where an
emphasis starts and ends, at which offset the next source line begins) in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from paralign.model import Block, BlockKind, Note, Span


@dataclass
class BlockBuilder:
    kind: BlockKind = BlockKind.PARAGRAPH
    line: int = 1
    level: int = 0
    parts: list[str] = field(default_factory=list)
    size: int = 0
    spans: list[Span] = field(default_factory=list)
    open_spans: list[tuple[str, int]] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.size += len(text)

    def space(self) -> None:
        """One separating space, never doubled and never leading."""
        if self.size and not self.parts[-1][-1:].isspace():
            self.add(" ")

    def newline(self, lines: int = 1) -> None:
        """A source line break: a space in the text, and the offset where the next line starts."""
        self.space()
        self.line_starts.extend([self.size] * lines)

    def open(self, kind: str) -> None:
        self.open_spans.append((kind, self.size))

    def close(self, kind: str) -> None:
        for index in range(len(self.open_spans) - 1, -1, -1):
            if self.open_spans[index][0] == kind:
                _, start = self.open_spans.pop(index)
                if self.size > start:
                    self.spans.append(Span(start, self.size, kind))
                return

    def marker(self, label: str) -> None:
        """A footnote marker here: not text, a Note carrying its label (and whether emphasis
        closed right before it)."""
        after = any(s.end == self.size > s.start for s in self.spans if not isinstance(s, Note))
        self.spans.append(Note(self.size, self.size, label=label, after=after))

    def build(self) -> Block | None:
        """The block with surrounding whitespace trimmed (offsets shifted), None when empty."""
        raw = "".join(self.parts)
        text = raw.strip()
        if not text:
            return None
        shift = len(raw) - len(raw.lstrip())
        end = len(text)
        spans: list[Span] = []
        for span in sorted(self.spans, key=lambda s: (s.start, -s.end)):
            start, stop = max(span.start - shift, 0), min(span.end - shift, end)
            if isinstance(span, Note):
                spans.append(_trimmed_marker(span, shift, end))
            elif stop > start:
                spans.append(replace(span, start=start, end=stop))
        starts = tuple(min(max(s - shift, 0), end) for s in self.line_starts)
        return Block(
            text=text,
            kind=self.kind,
            line=self.line,
            level=self.level,
            spans=tuple(spans),
            line_starts=starts,
        )


def _trimmed_marker(span: Note, shift: int, end: int) -> Note:
    """A marker of the raw text in the trimmed block. A marker before the block's leading (or
    after its trailing) whitespace keeps that space in its label (`1 `): the trimmed text
    lost it, and a CAT tool's segment (`<s0>1</s0> Комментарий…`) has it."""
    position = min(max(span.start - shift, 0), end)
    label = span.label
    if span.start < shift:
        label += " "
    elif span.start > shift + end:
        label = " " + label
    return replace(span, start=position, end=position, label=label)


def shift_block(block: Block, cut: int, kind: BlockKind | None = None) -> Block:
    """The block without its first `cut` characters (a marker), offsets moved accordingly."""
    text = block.text[cut:]
    spans = tuple(
        replace(s, start=max(s.start - cut, 0), end=s.end - cut)
        for s in block.spans
        if s.end > cut or (isinstance(s, Note) and s.end == cut)
    )
    starts = tuple(max(s - cut, 0) for s in block.line_starts)
    return replace(block, text=text, kind=kind or block.kind, spans=spans, line_starts=starts)
