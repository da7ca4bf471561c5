"""The public Python API: what `import paralign` offers (see docs/api.md).

Every entry point accepts what a user would pass: paths as `str` or `Path`, sentences as
plain strings or as `Sentence`s, a glossary as a path or a loaded `Glossary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from paralign.align import AlignOptions, align, as_sentences
from paralign.align_inputs import load_align_inputs
from paralign.checks import CheckSettings, check_bitexts
from paralign.corpus import AlignJob, ReadOptions, align_pairs, pair_paths, read_sentences
from paralign.glossary_files import load_glossary as _load_glossary
from paralign.model import Bitext, Finding, Glossary, Sentence
from paralign.tmx import TmxOptions, TranslationUnit
from paralign.tmx import read_tmx as _read_tmx
from paralign.tmx import write_tmx as _write_tmx

PathLike = str | Path
Sentences = Sequence[str] | Sequence[Sentence]


def read_file(path: PathLike, lang: str = "ru", fmt: str = "auto") -> tuple[Sentence, ...]:
    """Read a file (txt, md, html, docx) and segment it into Sentences."""
    return read_sentences(Path(path), lang, ReadOptions(fmt=fmt))


def segment_text(text: str, lang: str = "ru") -> tuple[Sentence, ...]:
    """Segment a plain text (paragraphs separated by blank lines) into Sentences."""
    from paralign.model import Block, Document
    from paralign.segment import segment_document

    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return segment_document(Document("", tuple(Block(p) for p in paragraphs)), lang)


def align_texts(
    source: Sentences,
    target: Sentences,
    src_lang: str = "ru",
    tgt_lang: str = "en",
    options: AlignOptions | None = None,
    name: str = "text",
) -> Bitext:
    """Align two lists of sentences (strings or Sentences): a Bitext whose links cover
    every sentence of both sides once."""
    sources, targets = as_sentences(source), as_sentences(target)
    options = options or AlignOptions()
    inputs = load_align_inputs(options, src_lang)  # the dictionary and model it names
    links = align(sources, targets, options, inputs)
    return Bitext(name, src_lang, tgt_lang, sources, targets, links)


def align_files(
    source: PathLike,
    target: PathLike,
    src_lang: str = "ru",
    tgt_lang: str = "en",
    options: AlignOptions | None = None,
) -> list[Bitext]:
    """Read, segment and align two files, or two folders of files paired by stem."""
    pairs = pair_paths(Path(source), Path(target))
    return align_pairs(pairs, AlignJob(src_lang, tgt_lang, options=options or AlignOptions()))


def write_tmx(
    bitexts: Bitext | Iterable[Bitext], path: PathLike, options: TmxOptions | None = None
) -> None:
    """Write one Bitext or several as TMX 1.4b, atomically."""
    _write_tmx([bitexts] if isinstance(bitexts, Bitext) else bitexts, Path(path), options)


def read_tmx(
    path: PathLike, src_lang: str | None = None, tgt_lang: str | None = None
) -> list[TranslationUnit]:
    """The translation units of a TMX file (stream them with `paralign.tmx.read_tmx`)."""
    return list(_read_tmx(Path(path), src_lang, tgt_lang))


def load_glossary(path: PathLike) -> Glossary:
    """A glossary from TBX, CSV or TSV."""
    return _load_glossary(Path(path))


def check(
    bitexts: Bitext | Sequence[Bitext],
    glossary: Glossary | PathLike,
    settings: CheckSettings | None = None,
) -> list[Finding]:
    """The findings of every rule (terminology, numbers, quotes, untranslated, unaligned)."""
    terms = glossary if isinstance(glossary, Glossary) else load_glossary(glossary)
    items = [bitexts] if isinstance(bitexts, Bitext) else list(bitexts)
    return check_bitexts(items, terms, settings or CheckSettings())


def score(
    hypotheses: Sequence[str],
    references: Sequence[str] | Sequence[Sequence[str]],
    metrics: str = "bleu,chrf",
) -> dict[str, float]:
    """Corpus scores by sacrebleu (BLEU, chrF, chrF++, TER), by sacrebleu's names; one
    reference stream, or several."""
    from paralign.metrics import MetricOptions, corpus_scores, parse_metrics

    streams: list[Sequence[str]] = (
        [references]  # type: ignore[list-item]  # one stream of strings
        if references and isinstance(references[0], str)
        else list(references)
    )
    options = MetricOptions(parse_metrics(metrics))
    return {
        s.name: s.score
        for s in corpus_scores(list(hypotheses), [list(r) for r in streams], options)
    }
