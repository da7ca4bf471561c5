"""Documents to beads: evidence tokens, a first pass, a learned lexicon, a second pass."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from paralign.align import lexicon
from paralign.align.aligner import Alignment, SearchSettings, confidences, solve
from paralign.align.channels import WEIGHTS, Channel
from paralign.align.costs import CostModel
from paralign.align.length import LengthModel, estimate_from_pairs, estimate_from_totals
from paralign.align.names import cognate_table, words
from paralign.align.numbers import number_features_of
from paralign.align.options import MAX_SIDE, AlignInputs, AlignOptions
from paralign.align.search import BeadPath
from paralign.align.structure import parenthesis_cuts, punctuation_features
from paralign.align.terms import TermIndex, present_entries, term_index
from paralign.align.vectors import Side, embed, idf_weights

if TYPE_CHECKING:
    from paralign.align.embeddings import Encoder
from paralign.model import Bitext, BlockKind, Link, Sentence

CONFIDENT = 0.7
MIN_SKIP = 0.8
MAX_EVIDENCE_CHARS = 4000
"""Evidence (numbers, names, terms, punctuation, lexicon pieces) is read from at most this
many characters of a sentence: some 30 times a typical sentence and twice the longest in the
dev sets, so no real sentence loses any, while a pathological one (a 10 MB paragraph with no
break, a 10 MB "word") costs what its length costs, not more. Lengths stay exact."""


@dataclass(frozen=True)
class DocumentEvidence:
    """What is read from a document pair once, before any pass: the evidence tokens of each
    sentence, their inverse document frequencies, the length ratio of the totals and the
    optional embeddings."""

    bitext: Bitext
    src_bags: tuple[Counter[str], ...]
    tgt_bags: tuple[Counter[str], ...]
    idf: Mapping[str, float]
    length: LengthModel
    embedded: tuple[np.ndarray, np.ndarray] | None = None


@dataclass(frozen=True)
class Learned:
    """What a pass taught the next about one document: its length model and the lexical
    vectors of both sides (None before a lexicon is learned)."""

    length: LengthModel
    lexical: tuple[np.ndarray, np.ndarray] | None = None


def evidence_text(text: str) -> str:
    """The part of a sentence its evidence is read from (see MAX_EVIDENCE_CHARS)."""
    return text if len(text) <= MAX_EVIDENCE_CHARS else text[:MAX_EVIDENCE_CHARS]


def _base_bags(
    texts: Sequence[str],
    text_words: Sequence[list[str]],
    evidence: Sequence[str],
    cognates: dict[str, str],
    terms: TermIndex,
) -> tuple[Counter[str], ...]:
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
    return tuple(bags)


def _side(
    sentences: Sequence[Sentence],
    bags: Sequence[Counter[str]],
    idf: Mapping[str, float],
    structure: bool,
    lexical: np.ndarray | None,
) -> Side:
    vectors = embed(bags, idf)
    if lexical is not None:
        vectors += lexical
    return Side(
        lengths=np.array([len(s.text) for s in sentences], dtype=np.float64),
        vectors=vectors,
        blocks=np.array([s.block if structure else 0 for s in sentences], dtype=np.int64),
        headings=np.array(
            [structure and s.kind == BlockKind.HEADING for s in sentences], dtype=bool
        ),
        cuts=parenthesis_cuts([s.text for s in sentences]) if structure else None,
    )


def _align_doc(
    doc: DocumentEvidence,
    learned: Learned,
    options: AlignOptions,
    guide: Alignment | None = None,
) -> Alignment:
    structure = "structure" in options.evidence
    src_lexical, tgt_lexical = learned.lexical or (None, None)
    src = _side(doc.bitext.source, doc.src_bags, doc.idf, structure, src_lexical)
    tgt = _side(doc.bitext.target, doc.tgt_bags, doc.idf, structure, tgt_lexical)
    if doc.embedded is not None:
        from paralign.align.embeddings import combine

        weight = options.embedding_weight
        src = replace(src, vectors=combine(src.vectors, doc.embedded[0], weight))
        tgt = replace(tgt, vectors=combine(tgt.vectors, doc.embedded[1], weight))
    uses_vectors = set(options.evidence) - {"length", "structure"} or doc.embedded is not None
    model = CostModel(
        length=learned.length,
        similarity_weight=options.similarity_weight if uses_vectors else 0.0,
        length_weight=options.length_weight,
        share_weight=options.share_weight if uses_vectors else 0.0,
    )
    if not structure:
        model = replace(model, block_penalty=0.0, heading_penalty=0.0, cut_penalty=0.0)
    if "length" not in options.evidence:
        model = replace(model, length_weight=0.0)
    settings = SearchSettings(
        beads=searched_beads(options.beads, guide.path if guide is not None else None),
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


WIDE_SHARE = 0.005
"""The share of a first pass's beads that must have a side of four before its second pass
searches five: textberg-dev's first pass has about 2%, a long news pair one bead in 9,000."""


def searched_beads(
    beads: Sequence[tuple[int, int]], guide: BeadPath | None
) -> tuple[tuple[int, int], ...]:
    """The bead shapes a pass searches: the widest (MAX_SIDE sentences a side) only in the
    second pass of a document whose first pass often took a side one short of that.

    A translator who cuts sentences into five also cuts others into four, and does so as a
    habit: a document whose first pass took beads of four in fewer than WIDE_SHARE of its
    beads (all but two small ntrex-dev documents, the long pair) is not searched for five,
    so the common case costs what it cost before the wide shapes.
    """
    narrow = tuple(b for b in beads if max(b) < MAX_SIDE)
    if guide is None or len(narrow) == len(beads) or not guide.beads:
        return narrow
    four = sum(max(s1 - s0, t1 - t0) >= MAX_SIDE - 1 for s0, s1, t0, t1 in guide.beads)
    return tuple(beads) if four >= max(1.0, WIDE_SHARE * len(guide.beads)) else narrow


def _flip(path: BeadPath) -> BeadPath:
    return BeadPath(
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


def document_evidence(
    bitext: Bitext,
    options: AlignOptions,
    dictionary: Sequence[tuple[str, str]],
    encode: Encoder | None = None,
) -> DocumentEvidence:
    """What the passes read from one document pair."""
    src_texts = [evidence_text(s.text) for s in bitext.source]
    tgt_texts = [evidence_text(s.text) for s in bitext.target]
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
    src_bags = _base_bags(src_texts, src_words, options.evidence, src_cognates, src_terms)
    tgt_bags = _base_bags(tgt_texts, tgt_words, options.evidence, tgt_cognates, tgt_terms)
    embedded = None
    if encode is not None and bitext.source and bitext.target:  # else nothing to compare
        embedded = (encode(src_texts), encode(tgt_texts))
    return DocumentEvidence(
        bitext,
        src_bags,
        tgt_bags,
        idf_weights([*src_bags, *tgt_bags]),
        estimate_from_totals(
            [len(s.text) for s in bitext.source], [len(t.text) for t in bitext.target]
        ),
        embedded,
    )


def align_bitexts(
    bitexts: Sequence[Bitext], options: AlignOptions, inputs: AlignInputs = AlignInputs()
) -> list[Bitext]:
    """Two passes: the first with what the text shows (lengths from totals, numbers, names,
    terms, punctuation); the second, in a corridor around the first's path, with what the
    first taught (length ratio and variance from its beads, the lexicon from its confident
    beads). The dictionary and the embedding model come loaded, in `inputs`."""
    inputs.check_against(options)
    if not bitexts:
        return []
    firsts = [
        first_pass(document_evidence(b, options, inputs.dictionary, inputs.encode), options)
        for b in bitexts
    ]
    taught = teach(firsts, options)
    return [second_pass(options, taught.lexicon, task) for task in taught.tasks]


@dataclass(frozen=True)
class FirstPass:
    """One document after the first pass: its evidence and the path found with it."""

    doc: DocumentEvidence
    alignment: Alignment


@dataclass(frozen=True)
class SecondTask:
    """What the second pass over one document needs; `learned` is None when the first pass
    taught nothing, and the first pass's beads are then the answer."""

    first: FirstPass
    learned: Learned | None
    pieces: tuple[lexicon.Encoded, lexicon.Encoded] | None = None
    """The document's pieces on both sides, which the lexicon makes its vectors of."""


@dataclass(frozen=True)
class Taught:
    """The reduce's result: a task a document, and the lexicon all of them share (None
    when too little was confident to learn one)."""

    tasks: list[SecondTask]
    lexicon: lexicon.Lexicon | None


def first_pass(doc: DocumentEvidence, options: AlignOptions) -> FirstPass:
    """The map before the reduce: one document aligned with what its text shows."""
    return FirstPass(doc, _align_doc(doc, Learned(doc.length), options))


def teach(firsts: Sequence[FirstPass], options: AlignOptions) -> Taught:
    """The reduce: what the first pass over every document teaches the second (the length
    model of each, the lexicon learned across all of them)."""
    docs = [f.doc for f in firsts]
    lengths = [doc.length for doc in docs]
    if "length" in options.evidence:
        lengths = estimate_from_pairs([_bead_lengths(f.doc, f.alignment) for f in firsts], lengths)
    lexical = (
        _learn_lexicon(docs, [f.alignment for f in firsts])
        if "lexicon" in options.evidence
        else None
    )
    if lexical is None and "length" not in options.evidence:
        return Taught([SecondTask(f, None) for f in firsts], None)
    shared, pieces = lexical or (None, [None] * len(firsts))
    tasks = [
        SecondTask(f, Learned(n), part) for f, n, part in zip(firsts, lengths, pieces, strict=True)
    ]
    return Taught(tasks, shared)


def second_pass(
    options: AlignOptions, lexicon_: lexicon.Lexicon | None, task: SecondTask
) -> Bitext:
    """The map after the reduce: one document realigned around its first path, with its
    lexical vectors made here from its pieces and the shared lexicon."""
    first = task.first
    if task.learned is None:
        return replace(first.doc.bitext, links=_links(first.alignment))
    learned = task.learned
    if lexicon_ is not None and task.pieces is not None:
        learned = replace(learned, lexical=lexicon_.vectors(*task.pieces))
    alignment = _align_doc(first.doc, learned, options, first.alignment)
    return replace(first.doc.bitext, links=_links(alignment))


def _confident_beads(alignment: Alignment) -> list[tuple[int, int, int, int]]:
    """Two-sided beads the first pass is sure of (merges too: they are training pairs)."""
    scores = confidences(alignment)
    return [
        (s0, s1, t0, t1)
        for (s0, s1, t0, t1), score in zip(alignment.path.beads, scores, strict=True)
        if s1 > s0 and t1 > t0 and score >= CONFIDENT
    ]


def _bead_lengths(doc: DocumentEvidence, alignment: Alignment) -> list[tuple[float, float]]:
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


def _learn_lexicon(
    docs: Sequence[DocumentEvidence], alignments: Sequence[Alignment]
) -> tuple[lexicon.Lexicon, list[tuple[lexicon.Encoded, lexicon.Encoded]]] | None:
    """The lexicon learned from every document, and each document's pieces on both sides;
    None when there is too little to learn from (fewer than 20 confident beads in all)."""
    src_texts = [evidence_text(s.text) for doc in docs for s in doc.bitext.source]
    tgt_texts = [evidence_text(s.text) for doc in docs for s in doc.bitext.target]
    pairs_by_doc = [_confident_beads(a) for a in alignments]
    if sum(len(p) for p in pairs_by_doc) < 20 or not src_texts or not tgt_texts:
        return None
    src = lexicon.encode(lexicon.train_side(src_texts), src_texts)
    tgt = lexicon.encode(lexicon.train_side(tgt_texts), tgt_texts)
    training = []
    pieces = []
    src_base = tgt_base = 0
    for doc, pairs in zip(docs, pairs_by_doc, strict=True):
        training += [
            (src.span(src_base + s0, src_base + s1), tgt.span(tgt_base + t0, tgt_base + t1))
            for s0, s1, t0, t1 in pairs
        ]
        n, m = len(doc.bitext.source), len(doc.bitext.target)
        pieces.append((src.part(src_base, src_base + n), tgt.part(tgt_base, tgt_base + m)))
        src_base += n
        tgt_base += m
    # One direction: the backward table as well measured no better (ntrex-dev 0.980 against
    # 0.985 without it, textberg-dev 0.841 against 0.845) and costs a second EM.
    forward = lexicon.model1(training, src.vocab, tgt.vocab)
    tgt_idf = lexicon.idf(tgt, len(tgt_texts)) * WEIGHTS[Channel.LEXICON]
    return lexicon.Lexicon.of(forward, tgt_idf, Channel.LEXICON, tgt.vocab), pieces
