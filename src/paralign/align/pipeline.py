"""Documents to beads: evidence tokens, a first pass, a learned lexicon, a second pass."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from paralign.align import lexicon
from paralign.align.aligner import Alignment, SearchSettings, confidences, solve
from paralign.align.costs import CostModel
from paralign.align.length import LengthModel, estimate_from_pairs, estimate_from_totals
from paralign.align.names import cognate_table, words
from paralign.align.numbers import number_features
from paralign.align.options import AlignOptions
from paralign.align.structure import punctuation_features
from paralign.align.terms import TermIndex, parse_dictionary, term_index
from paralign.align.vectors import Side, embed, idf_weights
from paralign.model import Bitext, BlockKind, Link

CHANNELS = {"n": 2.0, "month": 1.5, "c": 1.0, "g": 2.0, "d": 1.5, "p": 0.5, "lt": 1.0, "ls": 1.0}
CONFIDENT = 0.7


@dataclass
class _Doc:
    bitext: Bitext
    src_bags: list[Counter[str]]
    tgt_bags: list[Counter[str]]
    length: LengthModel


def _base_bags(
    texts: Sequence[str],
    evidence: Sequence[str],
    cognates: dict[str, str],
    terms: TermIndex,
) -> list[Counter[str]]:
    bags = []
    for text in texts:
        bag: Counter[str] = Counter()
        if "numbers" in evidence:
            bag.update(number_features(text))
        if "names" in evidence:
            bag.update(cognates[w] for w in words(text) if w in cognates)
        if "terms" in evidence:
            bag.update(terms.features(text))
        if "punctuation" in evidence:
            bag.update(punctuation_features(text))
        bags.append(bag)
    return bags


def _side(
    sentences: Sequence, bags: Sequence[Counter[str]], idf: dict[str, float], structure: bool
) -> Side:
    return Side(
        lengths=np.array([len(s.text) for s in sentences], dtype=np.float64),
        vectors=embed(bags, idf, CHANNELS),
        blocks=np.array([s.block if structure else 0 for s in sentences], dtype=np.int64),
        headings=np.array(
            [structure and s.kind == BlockKind.HEADING for s in sentences], dtype=bool
        ),
    )


def _align_doc(doc: _Doc, options: AlignOptions, lexical: bool) -> Alignment:
    structure = "structure" in options.evidence
    idf = idf_weights([*doc.src_bags, *doc.tgt_bags])
    src = _side(doc.bitext.source, doc.src_bags, idf, structure)
    tgt = _side(doc.bitext.target, doc.tgt_bags, idf, structure)
    uses_vectors = len(options.evidence) > 1 or lexical
    model = CostModel(
        length=doc.length,
        similarity_weight=options.similarity_weight if uses_vectors else 0.0,
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
    )
    return solve(src, tgt, model, settings)


def _links(alignment: Alignment) -> tuple[Link, ...]:
    scores = confidences(alignment)
    return tuple(
        Link(tuple(range(s0, s1)), tuple(range(t0, t1)), round(score, 4))
        for (s0, s1, t0, t1), score in zip(alignment.path.beads, scores, strict=True)
    )


def align_bitexts(bitexts: Sequence[Bitext], options: AlignOptions) -> list[Bitext]:
    if not bitexts:
        return []
    dictionary: list[tuple[str, str]] = []
    if options.dictionary is not None and "terms" in options.evidence:
        from paralign.files import read_text

        dictionary = parse_dictionary(
            read_text(options.dictionary),
            options.dictionary,
            bitexts[0].src_lang,
            bitexts[0].tgt_lang,
        )
    docs = []
    for bitext in bitexts:
        src_texts = [s.text for s in bitext.source]
        tgt_texts = [s.text for s in bitext.target]
        src_cognates: dict[str, str] = {}
        tgt_cognates: dict[str, str] = {}
        if "names" in options.evidence:
            src_cognates, tgt_cognates = cognate_table(
                (w for t in src_texts for w in words(t)), (w for t in tgt_texts for w in words(t))
            )
        src_terms, tgt_terms = term_index(
            options.glossary, dictionary, bitext.src_lang, bitext.tgt_lang
        )
        docs.append(
            _Doc(
                bitext,
                _base_bags(src_texts, options.evidence, src_cognates, src_terms),
                _base_bags(tgt_texts, options.evidence, tgt_cognates, tgt_terms),
                estimate_from_totals([len(t) for t in src_texts], [len(t) for t in tgt_texts]),
            )
        )
    alignments = [_align_doc(doc, options, lexical=False) for doc in docs]
    if "lexicon" in options.evidence or "length" in options.evidence:
        for doc, alignment in zip(docs, alignments, strict=True):
            doc.length = estimate_from_pairs(_confident_lengths(doc, alignment), doc.length)
    if "lexicon" in options.evidence and _learn_lexicon(docs, alignments):
        alignments = [_align_doc(doc, options, lexical=True) for doc in docs]
    elif "length" in options.evidence and len(options.evidence) == 1:
        alignments = [_align_doc(doc, options, lexical=False) for doc in docs]
    return [replace(doc.bitext, links=_links(a)) for doc, a in zip(docs, alignments, strict=True)]


def _confident_pairs(alignment: Alignment) -> list[tuple[int, int]]:
    scores = confidences(alignment)
    return [
        (s0, t0)
        for (s0, s1, t0, t1), score in zip(alignment.path.beads, scores, strict=True)
        if s1 - s0 == 1 and t1 - t0 == 1 and score >= CONFIDENT
    ]


def _confident_lengths(doc: _Doc, alignment: Alignment) -> list[tuple[float, float]]:
    return [
        (float(len(doc.bitext.source[s].text)), float(len(doc.bitext.target[t].text)))
        for s, t in _confident_pairs(alignment)
    ]


def _learn_lexicon(docs: Sequence[_Doc], alignments: Sequence[Alignment]) -> bool:
    """Add lexicon tokens to every sentence's bag; False when there is too little to learn from."""
    src_texts = [s.text for doc in docs for s in doc.bitext.source]
    tgt_texts = [s.text for doc in docs for s in doc.bitext.target]
    pairs_by_doc = [_confident_pairs(a) for a in alignments]
    if sum(len(p) for p in pairs_by_doc) < 20 or not src_texts or not tgt_texts:
        return False
    src_pieces = lexicon.train_side(src_texts, lexicon.vocab_size_for(src_texts))
    tgt_pieces = lexicon.train_side(tgt_texts, lexicon.vocab_size_for(tgt_texts))
    src_ids = src_pieces.encode_ids(src_texts)
    tgt_ids = tgt_pieces.encode_ids(tgt_texts)
    training = []
    src_base = tgt_base = 0
    for doc, pairs in zip(docs, pairs_by_doc, strict=True):
        training.extend((src_ids[src_base + s], tgt_ids[tgt_base + t]) for s, t in pairs)
        src_base += len(doc.bitext.source)
        tgt_base += len(doc.bitext.target)
    training = lexicon.sample_pairs(training)
    forward = lexicon.model1(training, src_pieces.vocab_size)
    backward = lexicon.model1([(t, s) for s, t in training], tgt_pieces.vocab_size)
    src_base = tgt_base = 0
    for doc in docs:
        for k, bag in enumerate(doc.src_bags):
            ids = src_ids[src_base + k]
            bag.update(lexicon.expected_tokens(ids, forward, "lt"))
            bag.update(lexicon.own_tokens(ids, "ls"))
        for k, bag in enumerate(doc.tgt_bags):
            ids = tgt_ids[tgt_base + k]
            bag.update(lexicon.own_tokens(ids, "lt"))
            bag.update(lexicon.expected_tokens(ids, backward, "ls"))
        src_base += len(doc.bitext.source)
        tgt_base += len(doc.bitext.target)
    return True
