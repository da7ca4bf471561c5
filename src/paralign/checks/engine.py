"""The one check engine: Bitexts in pieces (a whole corpus held in memory is one piece list),
the enabled families' per-link checks as the pieces stream past, optionally in worker
processes, then the corpus-wide term-inconsistent, then severities and ignores applied.

Every rule but term-inconsistent looks at one link at a time, so it runs as the pieces
stream past. term-inconsistent needs the whole corpus: the first pass counts renderings,
keeps the position of each use (8 bytes) and the first _KEPT uses of each rendering whole;
a minority rendering with no more uses than that is reported from them, and only one with
more sends a second pass over the pieces to pick its uses out.
"""

from __future__ import annotations

import gc
import itertools
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack

from paralign.checks import terms
from paralign.checks.base import Corpus
from paralign.checks.registry import FAMILIES, RULES
from paralign.checks.settings import CheckSettings
from paralign.checks.spill import FindingSpill
from paralign.checks.terms import Use, inconsistent, inconsistent_use, norms, renderings, use
from paralign.lang import primary
from paralign.langid import load_model
from paralign.model import Bitext, BlockKind, Finding, Glossary, Link, Sentence, Span
from paralign.runners import default_workers
from paralign.tmx.slices import Misread, Slice
from paralign.tmx.views import exactly, read_slice

Pair = tuple[tuple[str, str], str]
Grouped = dict[Pair, tuple["array[int]", list[Use]]]
PackedSentence = tuple[str, int, int, int, str, int, tuple[Span, ...]]
Packed = tuple[
    str,
    str,
    str,
    list[PackedSentence],
    list[PackedSentence],
    list[tuple[tuple[int, ...], tuple[int, ...], float, str]],
    str,
    str,
]
"""A Bitext as plain tuples, for a worker process."""
Piece = Bitext | Slice
"""What a check reads: Bitexts, or slices of a TMX that the process checking them reads."""
Checked = tuple[int, list[Finding], Grouped]

# Per rendering, up to this many uses are kept whole (a few hundred bytes each): a minority
# rendering is usually rare, so its findings come from them, without reading the input again.
_KEPT = 256


def corpus_for(glossary: Glossary, settings: CheckSettings) -> Corpus:
    """The Corpus view for a run: the per-link checks of each family with a rule on.
    Families whose rules are all off are skipped, term matching with them."""
    families = [
        family
        for family in FAMILIES
        if any(settings.severity(rule.id) is not None for rule in family.RULES)
    ]
    return Corpus(
        glossary,
        settings,
        RULES,
        [family.check_unit for family in families],
        match_terms=any(family is terms for family in families),
        enabled=[rule for rule in RULES if settings.severity(rule) is not None],
    )


def check_bitexts(
    bitexts: Sequence[Bitext], glossary: Glossary, settings: CheckSettings = CheckSettings()
) -> list[Finding]:
    """Every finding of the enabled rules over Bitexts held in memory, with locations
    relative to `settings.root`, sorted by file and line: `check_stream` with one piece list
    and one job."""
    return check_stream(lambda: iter(bitexts), glossary, settings, jobs=1)


def settle(findings: list[Finding], settings: CheckSettings) -> list[Finding]:
    """Drop what the settings turn off or ignore, apply their severities, sort."""
    kept = [settings.with_severity(f) for f in findings if settings.keeps(f)]
    kept.sort(key=lambda f: (f.location.file, f.location.line, f.rule, f.message))
    return kept


def check_stream(
    pieces: Callable[[], Iterable[Piece]],
    glossary: Glossary,
    settings: CheckSettings,
    jobs: int = 1,
) -> list[Finding]:
    """The findings `check_bitexts` gives for all pieces together, as a list: `check_into`
    a spill, read back whole."""
    with FindingSpill() as spill:
        check_into(spill, pieces, glossary, settings, jobs)
        return list(spill)


def check_into(
    spill: FindingSpill,
    pieces: Callable[[], Iterable[Piece]],
    glossary: Glossary,
    settings: CheckSettings,
    jobs: int = 1,
) -> None:
    """Add to `spill`, as they are made, the findings the settings keep (with their
    severities) for all pieces together; the spill gives them back sorted, and memory does
    not grow with their number. `pieces()` is called once, or twice when the corpus renders
    a concept more than one way.

    With `jobs` > 1 (0: one per core), pieces are checked in that many worker processes
    while this one reads the next; results come back in order, at most two per worker in
    flight, so memory stays bounded. A Slice is read by the process that checks it; if one
    does not read as the whole file would (`Misread`), every piece is checked again, with
    the sliced files read whole."""
    corpus = corpus_for(glossary, settings)

    def keep(found: Iterable[Finding]) -> None:
        for finding in found:
            if settings.keeps(finding):
                spill.add(settings.with_severity(finding))

    workers = worker_count(jobs)
    try:
        counts, uses, kept = _first_pass(pieces(), corpus, settings, workers, keep)
    except Misread:
        spill.clear()
        counts, uses, kept = _first_pass(exactly(pieces()), corpus, settings, workers, keep)
    majority = norms(corpus, counts)
    minority = [(key, term) for key, term in uses if key in majority and term != majority[key]]
    wanted: list[int] = []
    for key, term in minority:
        if counts[key][term] <= _KEPT:
            keep(
                inconsistent_use(corpus, draft, majority[key], counts[key])
                for draft in kept[(key, term)]
            )
        else:
            wanted.extend(at + i for at, where in uses[(key, term)] for i in where)
    wanted.sort()
    del uses, kept
    if wanted:
        keep(_second_pass(corpus, lambda: exactly(pieces()), wanted, counts, majority))


def worker_count(jobs: int) -> int:
    """The processes a check with `jobs` runs in (0: one a core, at most 8)."""
    return jobs if jobs > 0 else min(default_workers(), 8)


def _first_pass(
    pieces: Iterable[Piece],
    corpus: Corpus,
    settings: CheckSettings,
    workers: int,
    keep: Callable[[Iterable[Finding]], None],
) -> tuple[
    dict[tuple[str, str], Counter[str]],
    dict[Pair, list[tuple[int, array[int]]]],
    dict[Pair, list[Use]],
]:
    """Every per-link finding kept, and the renderings tallied (`_gather`)."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    uses: dict[Pair, list[tuple[int, array[int]]]] = {}
    kept: dict[Pair, list[Use]] = {}
    shipped: Counter[Pair] = Counter()
    with ExitStack() as stack:
        if settings.scheduler:
            from paralign.runners import open_runner

            runner = stack.enter_context(open_runner(workers, settings.scheduler))
            shared = (corpus.glossary, settings)
            results = runner.map(_work_on, (_shipped(piece) for piece in pieces), shared)
            checked: Iterable[Checked] = (c for result in results for c in result)
        elif workers > 1:
            checked = _in_workers(pieces, corpus, settings, workers)
        else:
            checked = (c for piece in pieces for c in _check_item(corpus, piece, shipped))
        _gather(checked, keep, counts, uses, kept)
    return counts, uses, kept


def _second_pass(
    corpus: Corpus,
    pieces: Callable[[], Iterable[Bitext]],
    wanted: list[int],
    counts: dict[tuple[str, str], Counter[str]],
    majority: dict[tuple[str, str], str],
) -> Iterator[Finding]:
    """term-inconsistent findings of the minority renderings with more uses than were kept:
    the links at the `wanted` positions (sorted) of a second read of the pieces."""
    position = 0
    for bitext in pieces():
        end = position + len(bitext.links)
        lo, hi = bisect_left(wanted, position), bisect_left(wanted, end)
        here = {at - position for at in wanted[lo:hi]}
        for unit in corpus.units_of(bitext, here) if here else ():
            for key, match in renderings(unit):
                # Renderings whose uses were all kept were reported from them.
                if counts[key][match.term.text] <= _KEPT:
                    continue
                if key in majority and match.term.text != majority[key]:
                    yield inconsistent(corpus, unit, match, majority[key], counts[key])
        position = end


def _check_piece(
    corpus: Corpus, bitext: Bitext, shipped: Counter[Pair]
) -> tuple[int, list[Finding], Grouped]:
    """(links, findings of the per-link rules, renderings grouped by (concept key, term):
    the link indices of each, and the uses of the first _KEPT this process has seen).

    Grouped, a piece's renderings cost the reading process a few hundred dictionary
    updates, not one per rendering; beyond _KEPT uses of a rendering the whole corpus has
    more than that, and the second pass finds them if it must."""
    found: list[Finding] = []
    grouped: Grouped = {}
    for unit in corpus.units_of(bitext):
        found.extend(corpus.check_unit(unit))
        for key, match in renderings(unit):
            pair = (key, match.term.text)
            entry = grouped.get(pair)
            if entry is None:
                entry = grouped[pair] = (array("q"), [])
            entry[0].append(unit.index)
            seen = shipped[pair]
            if seen < _KEPT:
                shipped[pair] = seen + 1
                entry[1].append(use(unit, match))
    return len(bitext.links), found, grouped


def _gather(
    checked: Iterable[tuple[int, list[Finding], Grouped]],
    keep: Callable[[Iterable[Finding]], None],
    counts: dict[tuple[str, str], Counter[str]],
    uses: dict[Pair, list[tuple[int, array[int]]]],
    kept: dict[Pair, list[Use]],
) -> None:
    """Fold the pieces' results, in order, into the corpus-wide tallies."""
    position = 0
    for size, found, grouped in checked:
        keep(found)
        for pair, (where, drafts) in grouped.items():
            counts[pair[0]][pair[1]] += len(where)
            uses.setdefault(pair, []).append((position, where))
            if drafts:
                kept.setdefault(pair, []).extend(drafts)
        position += size


_ON: tuple[int, Corpus] | None = None


def _work_on(shared: tuple[Glossary, CheckSettings], packed: Packed | Slice) -> list[Checked]:
    """A piece checked by a runner's worker; the glossary's matchers are built once per
    worker (the shared object stays the same while the job lasts), not once per piece."""
    global _ON
    if _ON is None or _ON[0] != id(shared):
        _ON = (id(shared), corpus_for(*shared))
    return _check_item(_ON[1], _received(packed), Counter())


def _check_item(corpus: Corpus, piece: Piece, shipped: Counter[Pair]) -> list[Checked]:
    """`_check_piece` of a Bitext, or of each Bitext a Slice reads as."""
    if isinstance(piece, Slice):
        return [_check_piece(corpus, bitext, shipped) for bitext in read_slice(piece)]
    return [_check_piece(corpus, piece, shipped)]


_WORKER: Corpus | None = None
# The Corpus a pool's forked workers start from, warmed in this process while the pool runs.
_WARM: Corpus | None = None
_SHIPPED: Counter[Pair] = Counter()
_KINDS = {kind.value: kind for kind in BlockKind}


def _start_worker(glossary: Glossary, settings: CheckSettings) -> None:
    global _WORKER
    _WORKER = _WARM if _WARM is not None else corpus_for(glossary, settings)


def _warmed(corpus: Corpus, sample: Piece) -> Corpus:
    """`corpus` with what each worker would otherwise load or build again, done once here
    so that forked workers share its pages: the term index of the sample's two languages
    (and the morphology dictionary under it), and the language model when
    language-mismatch is on."""
    for lang in (sample.src_lang, sample.tgt_lang) if corpus.match_terms else ():
        corpus.matcher.vocabulary(primary(lang))
    if "language-mismatch" in corpus.enabled:
        load_model()
    return corpus


def _work(packed: Packed | Slice) -> list[Checked]:
    assert _WORKER is not None
    return _check_item(_WORKER, _received(packed), _SHIPPED)


def _shipped(piece: Piece) -> Packed | Slice:
    """What crosses to a worker: a Slice as it is (a few dozen bytes), a Bitext packed."""
    return piece if isinstance(piece, Slice) else _pack(piece)


def _received(packed: Packed | Slice) -> Piece:
    return packed if isinstance(packed, Slice) else _unpack(packed)


def _pack(bitext: Bitext) -> Packed:
    """A Bitext as plain tuples: they pickle in a quarter of the time frozen dataclasses take,
    and a piece crosses to a worker once per few thousand links."""
    return (
        bitext.name,
        bitext.src_lang,
        bitext.tgt_lang,
        [_pack_sentence(s) for s in bitext.source],
        [_pack_sentence(s) for s in bitext.target],
        [(link.src, link.tgt, link.score, link.tuid) for link in bitext.links],
        bitext.src_path,
        bitext.tgt_path,
    )


def _pack_sentence(s: Sentence) -> PackedSentence:
    return (s.text, s.block, s.start, s.end, s.kind.value, s.line, s.spans)


def _unpack_sentence(packed: PackedSentence) -> Sentence:
    # Positional, in Sentence's field order: a worker builds two a TU, and keywords cost
    # a third more in a frozen dataclass's __init__.
    text, block, start, end, kind, line, spans = packed
    return Sentence(text, block, start, end, _KINDS[kind], line, spans)


def _unpack(packed: Packed) -> Bitext:
    name, src_lang, tgt_lang, source, target, links, src_path, tgt_path = packed
    return Bitext(
        name=name,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        source=tuple([_unpack_sentence(s) for s in source]),
        target=tuple([_unpack_sentence(s) for s in target]),
        links=tuple([Link(s, t, score, tuid) for s, t, score, tuid in links]),
        src_path=src_path,
        tgt_path=tgt_path,
    )


def _in_workers(
    pieces: Iterable[Piece], corpus: Corpus, settings: CheckSettings, workers: int
) -> Iterator[Checked]:
    iterator = iter(pieces)
    first = next(iterator, None)
    if first is None:
        return
    second = next(iterator, None)
    if second is None:  # one piece: a pool would only cost its start-up
        yield from _check_item(corpus, first, Counter())
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    # fork: workers inherit the loaded glossary, dictionaries and model, and share their pages.
    global _WARM
    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forked else None)
    pending: deque[Future[list[Checked]]] = deque()
    _WARM = _warmed(corpus, first) if forked else None
    # The collector of a forked worker would walk, and so copy, every page of what it
    # inherited; frozen, those pages stay shared with this process.
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            workers, context, _start_worker, (corpus.glossary, settings)
        ) as pool:
            for piece in itertools.chain((first, second), iterator):
                pending.append(pool.submit(_work, _shipped(piece)))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _WARM = None
        gc.unfreeze()
