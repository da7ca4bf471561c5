"""Documents to beads: evidence tokens, a first pass, a learned lexicon, a second pass."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path as PathType

import numpy as np

from paralign.align import lexicon
from paralign.align.aligner import Alignment, SearchSettings, confidences, solve
from paralign.align.costs import CostModel
from paralign.align.length import LengthModel, estimate_from_pairs, estimate_from_totals
from paralign.align.names import cognate_table, words
from paralign.align.numbers import number_features_of
from paralign.align.options import AlignOptions
from paralign.align.search import Path
from paralign.align.structure import punctuation_features
from paralign.align.terms import TermIndex, parse_dictionary, present_entries, term_index
from paralign.align.vectors import Side, embed, idf_weights
from paralign.model import Bitext, BlockKind, Link, ParalignError, Sentence

CHANNELS = {"n": 2.0, "month": 1.5, "c": 1.0, "g": 2.0, "d": 1.5, "p": 0.5}
LEXICON_WEIGHT = 1.0
CONFIDENT = 0.7
MIN_SKIP = 0.8


@dataclass
class _Doc:
    bitext: Bitext
    src_bags: list[Counter[str]]
    tgt_bags: list[Counter[str]]
    length: LengthModel
    src_lexical: np.ndarray | None = None
    tgt_lexical: np.ndarray | None = None
    src_embedded: np.ndarray | None = None
    tgt_embedded: np.ndarray | None = None


def _base_bags(
    texts: Sequence[str],
    text_words: Sequence[list[str]],
    evidence: Sequence[str],
    cognates: dict[str, str],
    terms: TermIndex,
) -> list[Counter[str]]:
    bags = []
    numbers = number_features_of(texts) if "numbers" in evidence else [[] for _ in texts]
    for text, found, number_tokens in zip(texts, text_words, numbers, strict=True):
        tokens: list[str] = list(number_tokens)
        if "names" in evidence and cognates:
            tokens += [cognates[w] for w in found if w in cognates]
        if "terms" in evidence:
            tokens += terms.features(text)
        if "punctuation" in evidence:
            tokens += punctuation_features(text)
        bags.append(Counter(tokens))
    return bags


def _side(
    sentences: Sequence[Sentence],
    bags: Sequence[Counter[str]],
    idf: dict[str, float],
    structure: bool,
    lexical: np.ndarray | None,
) -> Side:
    vectors = embed(bags, idf, CHANNELS)
    if lexical is not None:
        vectors += lexical
    return Side(
        lengths=np.array([len(s.text) for s in sentences], dtype=np.float64),
        vectors=vectors,
        blocks=np.array([s.block if structure else 0 for s in sentences], dtype=np.int64),
        headings=np.array(
            [structure and s.kind == BlockKind.HEADING for s in sentences], dtype=bool
        ),
    )


def _align_doc(doc: _Doc, options: AlignOptions, guide: Alignment | None = None) -> Alignment:
    structure = "structure" in options.evidence
    idf = idf_weights([*doc.src_bags, *doc.tgt_bags])
    src = _side(doc.bitext.source, doc.src_bags, idf, structure, doc.src_lexical)
    tgt = _side(doc.bitext.target, doc.tgt_bags, idf, structure, doc.tgt_lexical)
    if doc.src_embedded is not None and doc.tgt_embedded is not None:
        from paralign.align.embeddings import combine

        weight = options.embedding_weight
        src = replace(src, vectors=combine(src.vectors, doc.src_embedded, weight))
        tgt = replace(tgt, vectors=combine(tgt.vectors, doc.tgt_embedded, weight))
    uses_vectors = set(options.evidence) - {"length", "structure"} or doc.src_embedded is not None
    model = CostModel(
        length=doc.length,
        similarity_weight=options.similarity_weight if uses_vectors else 0.0,
        length_weight=options.length_weight,
    )
    if not structure:
        model = replace(model, block_penalty=0.0, heading_penalty=0.0)
    if "length" not in options.evidence:
        model = replace(model, length_weight=0.0)
    settings = SearchSettings(
        beads=tuple(options.beads),
        skip_percentile=options.skip_percentile,
        full_cells=options.full_cells,
        radius=options.radius,
        # A pair with nothing in common costs about similarity_weight; in a tiny document
        # most sampled cells are true pairs, so the percentile alone would skip too eagerly.
        min_skip=MIN_SKIP * model.similarity_weight if model.similarity_weight else 1.0,
    )
    if len(src) <= len(tgt):
        return solve(src, tgt, model, settings, guide.path if guide is not None else None)
    # The search loops over source rows: with the longer side as columns a 100,000 × 10 pair
    # takes ten row steps, not 100,000. Lengths are mirrored exactly (ratio 1/r, variance
    # s²/r make the same δ), the other costs are symmetric.
    flipped = replace(
        model,
        length=LengthModel(1.0 / model.length.ratio, model.length.variance / model.length.ratio),
    )
    result = solve(tgt, src, flipped, settings, _flip(guide.path) if guide is not None else None)
    return replace(result, path=_flip(result.path))


def _flip(path: Path) -> Path:
    return Path(
        tuple((t0, t1, s0, s1) for s0, s1, t0, t1 in path.beads),
        path.costs,
        np.zeros(0, dtype=np.int64),
    )


def _links(alignment: Alignment) -> tuple[Link, ...]:
    scores = confidences(alignment)
    return tuple(
        Link(tuple(range(s0, s1)), tuple(range(t0, t1)), round(score, 4))
        for (s0, s1, t0, t1), score in zip(alignment.path.beads, scores, strict=True)
    )


def _documents(bitexts: Sequence[Bitext], options: AlignOptions) -> list[_Doc]:
    dictionary: list[tuple[str, str]] = []
    if options.dictionary is not None and "terms" in options.evidence:
        dictionary = _load_dictionary(options.dictionary, bitexts[0].src_lang)
    docs = []
    for bitext in bitexts:
        src_texts = [s.text for s in bitext.source]
        tgt_texts = [s.text for s in bitext.target]
        src_cognates: dict[str, str] = {}
        tgt_cognates: dict[str, str] = {}
        src_words = [words(t) for t in src_texts]
        tgt_words = [words(t) for t in tgt_texts]
        if "names" in options.evidence:
            src_cognates, tgt_cognates = cognate_table(
                {w for ws in src_words for w in ws}, {w for ws in tgt_words for w in ws}
            )
        src_terms, tgt_terms = term_index(
            options.glossary,
            present_entries(dictionary, src_words, tgt_words),
            bitext.src_lang,
            bitext.tgt_lang,
        )
        docs.append(
            _Doc(
                bitext,
                _base_bags(src_texts, src_words, options.evidence, src_cognates, src_terms),
                _base_bags(tgt_texts, tgt_words, options.evidence, tgt_cognates, tgt_terms),
                estimate_from_totals([len(t) for t in src_texts], [len(t) for t in tgt_texts]),
            )
        )
    return docs


def _load_dictionary(path: PathType, src_lang: str) -> list[tuple[str, str]]:
    """hunalign or TSV text, or a dictd dictionary (`.index`, `.dict`, `.dict.dz`)."""
    from paralign.files import read_bytes, read_text

    name = path.name
    if name.endswith((".index", ".dict", ".dict.dz")):
        import gzip

        from paralign.align.dictd import orient, parse_dictd

        stem = name.removesuffix(".dz").removesuffix(".dict").removesuffix(".index")
        index = path.with_name(stem + ".index")
        data_path = next(
            (
                p
                for p in (path.with_name(stem + ".dict.dz"), path.with_name(stem + ".dict"))
                if p.exists()
            ),
            path.with_name(stem + ".dict"),
        )
        data = read_bytes(data_path)
        if data_path.name.endswith(".dz"):
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError) as error:
                raise ParalignError(f"{data_path}: not a dictzip file ({error})") from None
        pairs = orient(parse_dictd(read_text(index), data), src_lang)
        if not pairs:
            raise ParalignError(f"{index}: no dictionary entries")
        return pairs
    return parse_dictionary(read_text(path), path)


def align_bitexts(bitexts: Sequence[Bitext], options: AlignOptions) -> list[Bitext]:
    if not bitexts:
        return []
    docs = _documents(bitexts, options)
    if options.embeddings is not None:
        from paralign.align.embeddings import load_encoder

        encode = load_encoder(options.embeddings)
        for doc in docs:
            if doc.bitext.source and doc.bitext.target:  # nothing to compare otherwise
                doc.src_embedded = encode([s.text for s in doc.bitext.source])
                doc.tgt_embedded = encode([s.text for s in doc.bitext.target])
    alignments = [_align_doc(doc, options) for doc in docs]
    if "length" in options.evidence:
        models = estimate_from_pairs(
            [_bead_lengths(d, a) for d, a in zip(docs, alignments, strict=True)],
            [doc.length for doc in docs],
        )
        for doc, model in zip(docs, models, strict=True):
            doc.length = model
    lexical = "lexicon" in options.evidence and _learn_lexicon(docs, alignments)
    if lexical or "length" in options.evidence:
        alignments = [
            _align_doc(doc, options, guide) for doc, guide in zip(docs, alignments, strict=True)
        ]
    return [replace(doc.bitext, links=_links(a)) for doc, a in zip(docs, alignments, strict=True)]


def _confident_beads(alignment: Alignment) -> list[tuple[int, int, int, int]]:
    """Two-sided beads the first pass is sure of (merges too: they are training pairs)."""
    scores = confidences(alignment)
    return [
        (s0, s1, t0, t1)
        for (s0, s1, t0, t1), score in zip(alignment.path.beads, scores, strict=True)
        if s1 > s0 and t1 > t0 and score >= CONFIDENT
    ]


def _bead_lengths(doc: _Doc, alignment: Alignment) -> list[tuple[float, float]]:
    """Character lengths of every two-sided bead of a pass: all of them, not only the
    confident ones, which are confident partly because their lengths fit (a variance taken
    from them alone would be too small, and too small a variance makes merges look cheap)."""
    src = np.concatenate(([0], np.cumsum([len(s.text) for s in doc.bitext.source])))
    tgt = np.concatenate(([0], np.cumsum([len(t.text) for t in doc.bitext.target])))
    return [
        (float(src[s1] - src[s0]), float(tgt[t1] - tgt[t0]))
        for s0, s1, t0, t1 in alignment.path.beads
        if s1 > s0 and t1 > t0
    ]


def _learn_lexicon(docs: Sequence[_Doc], alignments: Sequence[Alignment]) -> bool:
    """Give every document lexical vectors; False when there is too little to learn from."""
    src_texts = [s.text for doc in docs for s in doc.bitext.source]
    tgt_texts = [s.text for doc in docs for s in doc.bitext.target]
    pairs_by_doc = [_confident_beads(a) for a in alignments]
    if sum(len(p) for p in pairs_by_doc) < 20 or not src_texts or not tgt_texts:
        return False
    src = lexicon.encode(lexicon.train_side(src_texts), src_texts)
    tgt = lexicon.encode(lexicon.train_side(tgt_texts), tgt_texts)
    training = []
    src_base = tgt_base = 0
    for doc, pairs in zip(docs, pairs_by_doc, strict=True):
        training += [
            (src.span(src_base + s0, src_base + s1), tgt.span(tgt_base + t0, tgt_base + t1))
            for s0, s1, t0, t1 in pairs
        ]
        src_base += len(doc.bitext.source)
        tgt_base += len(doc.bitext.target)
    # One direction: the backward table as well measured no better (ntrex-dev 0.980 against
    # 0.985 without it, textberg-dev 0.841 against 0.845) and costs a second EM.
    forward = lexicon.model1(training, src.vocab, tgt.vocab)
    tgt_idf = lexicon.idf(tgt, len(tgt_texts)) * LEXICON_WEIGHT
    src_vectors = lexicon.expected_vectors(src, len(src_texts), forward, tgt_idf, "lt", tgt.vocab)
    tgt_vectors = lexicon.own_vectors(tgt, len(tgt_texts), tgt_idf, "lt")
    src_base = tgt_base = 0
    for doc in docs:
        n, m = len(doc.bitext.source), len(doc.bitext.target)
        doc.src_lexical = src_vectors[src_base : src_base + n]
        doc.tgt_lexical = tgt_vectors[tgt_base : tgt_base + m]
        src_base += n
        tgt_base += m
    return True
