"""From files to Bitexts: pair documents by stem, read, segment, align.

The one place where the stages meet, used by `align`, `check` on a corpus folder and `run`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from paralign.model import Bitext, Link, ParalignError, Sentence
from paralign.urls import Location, Url

if TYPE_CHECKING:
    from paralign.align import AlignInputs, AlignOptions
    from paralign.align.lexicon import Lexicon
    from paralign.align.pipeline import FirstPass, SecondTask
    from paralign.runners import Runner

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How a file becomes sentences."""

    fmt: str = "auto"
    presegmented: bool = False
    rules: Path | None = None
    repair: bool = True
    line_paragraphs: bool = False
    encoding: str = "auto"  # auto (UTF-8, else cp1251 with a warning for .txt), utf-8, cp1251


def _default_align_options() -> AlignOptions:
    from paralign.align import AlignOptions

    return AlignOptions()


def stem_of(path: Location) -> str:
    """The file name without its last extension: `001_kp.235560.txt` → `001_kp.235560`."""
    return path.name.rsplit(".", 1)[0] if "." in path.name.lstrip(".") else path.name


@dataclass(frozen=True, slots=True)
class Pairing:
    """Files paired by stem, and those of either side that found no partner."""

    pairs: tuple[tuple[str, Location, Location], ...]
    unpaired: tuple[Location, ...] = ()

    def describe_unpaired(self) -> str:
        return f"{len(self.unpaired)} unpaired document(s): " + ", ".join(map(str, self.unpaired))


def pair_files(source: Location, target: Location) -> Pairing:
    """Two files, or two folders paired by stem, keeping the files left without a partner.
    Either may be an fsspec URL (`zip://ru::corpus.zip`): its folder is listed through it."""
    source_kind, target_kind = _kind(source), _kind(target)
    if (source_kind == "dir") != (target_kind == "dir") and source_kind and target_kind:
        raise ParalignError(f"{source} and {target}: give two files or two folders")
    if source_kind != "dir":
        return Pairing(((stem_of(source), source, target),))
    if target_kind != "dir":
        raise ParalignError(f"{target}: no such folder")
    sources = {stem_of(p): p for p in _files(source)}
    targets = {stem_of(p): p for p in _files(target)}
    stems = sorted(sources.keys() & targets.keys())
    unpaired = _sorted(
        [p for s, p in sources.items() if s not in targets]
        + [p for s, p in targets.items() if s not in sources]
    )
    if not stems and not unpaired:
        raise ParalignError(f"{source} and {target}: no files to pair")
    return Pairing(tuple((stem, sources[stem], targets[stem]) for stem in stems), tuple(unpaired))


def _sorted(locations: list[Location]) -> list[Location]:
    """Paths in Path order (as before URLs were taken); with a URL among them, by text."""
    paths = [p for p in locations if isinstance(p, Path)]
    if len(paths) == len(locations):
        return list(sorted(paths))
    return sorted(locations, key=str)


def _kind(where: Location) -> str | None:
    """'dir', 'file' (or something else there), or None when nothing is."""
    if isinstance(where, Url):
        from paralign.urls import kind

        return kind(where)
    if where.is_dir():
        return "dir"
    return "file" if where.exists() else None


def pair_paths(
    source: Location, target: Location, *, allow_unpaired: bool = False
) -> list[tuple[str, Location, Location]]:
    """(stem, source file, target file) for two files, or for two folders paired by stem.

    A file without a partner on the other side is an error naming every such file (a
    renamed file must not slip past a CI gate unseen), unless `allow_unpaired`.
    """
    pairing = pair_files(source, target)
    if pairing.unpaired and not allow_unpaired:
        raise ParalignError(
            f"{pairing.describe_unpaired()} (pair them by stem, or --allow-unpaired)"
        )
    if not pairing.pairs:
        raise ParalignError(f"{source} and {target}: no files share a stem")
    return list(pairing.pairs)


def _files(folder: Location) -> list[Location]:
    if isinstance(folder, Url):
        from paralign.urls import list_files

        return list(list_files(folder))
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def read_sentences(
    path: Location, lang: str, options: ReadOptions = ReadOptions()
) -> tuple[Sentence, ...]:
    from paralign.read import read_document, read_presegmented
    from paralign.segment import segment_document

    if options.presegmented:
        return read_presegmented(path, options.encoding)
    document = read_document(
        path,
        options.fmt,
        repair=options.repair,
        line_paragraphs=options.line_paragraphs,
        encoding=options.encoding,
    )
    return segment_document(document, lang, rules=options.rules)


def read_bitexts(
    pairs: Sequence[tuple[str, Location, Location]],
    src_lang: str,
    tgt_lang: str,
    options: ReadOptions = ReadOptions(),
) -> list[Bitext]:
    """Unaligned Bitexts (no links yet) for each pair."""
    return [
        Bitext(
            name=stem,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            source=read_sentences(src, src_lang, options),
            target=read_sentences(tgt, tgt_lang, options),
            links=(),
            src_path=str(src),
            tgt_path=str(tgt),
        )
        for stem, src, tgt in pairs
    ]


def corpus_pairs(
    folder: Path, src_lang: str, tgt_lang: str
) -> list[tuple[str, Location, Location]]:
    """A corpus folder holds one sub-folder per language (`texts/ru`, `texts/en`)."""
    src, tgt = folder / src_lang, folder / tgt_lang
    if not src.is_dir() or not tgt.is_dir():
        raise ParalignError(f"{folder}: a corpus folder needs {src_lang}/ and {tgt_lang}/ inside")
    return pair_paths(src, tgt)


@dataclass(frozen=True)
class AlignJob:
    """What aligning a corpus needs besides its files: the two languages, how a file becomes
    sentences, and the aligner's options (whose dictionary and model are loaded here)."""

    src_lang: str
    tgt_lang: str
    read: ReadOptions = ReadOptions()
    options: AlignOptions = field(default_factory=_default_align_options)


def align_pairs(
    pairs: Sequence[tuple[str, Location, Location]], job: AlignJob, runner: Runner | None = None
) -> list[Bitext]:
    """Read, segment and align each (stem, source file, target file): the aligned Bitexts."""
    return list(align_stream(pairs, job, runner))


@dataclass(frozen=True, slots=True)
class _Shared:
    """What every worker needs for a map, sent to each once: the job and its loaded inputs
    (never an embedding model: a corpus aligned with one stays in this process)."""

    job: AlignJob
    inputs: AlignInputs


def align_stream(
    pairs: Sequence[tuple[str, Location, Location]], job: AlignJob, runner: Runner | None = None
) -> Iterator[Bitext]:
    """The aligned Bitexts in the order of `pairs`, as they are done.

    Map (each worker reads, segments and aligns a document with what its text shows), reduce
    (this process learns the lexicon from the confident beads of every document), map again
    (each worker realigns a document with what was learned). Whatever runs the maps, the
    results are the same, byte for byte: the same functions run on the same data in the
    same order, and only the reduce sees more than one document. The dictionary and the
    embedding model are read here, once, and handed to the aligner.
    """
    from paralign.align.pipeline import teach
    from paralign.align_inputs import load_align_inputs
    from paralign.progress import stage, working
    from paralign.runners import Serial

    runner = runner or Serial()
    inputs = load_align_inputs(job.options, job.src_lang)
    if inputs.encode is not None:
        from paralign.align import align_corpus

        # The embedding model is loaded once, in this process, and the corpus aligned here:
        # a loaded model is not sent to workers.
        bitexts = read_bitexts(pairs, job.src_lang, job.tgt_lang, job.read)
        yield from align_corpus(bitexts, job.options, inputs)
        return
    shared = _Shared(job, inputs)
    # One pair searched here: its bars count the rows its searches go through.
    inside = len(pairs) == 1 and isinstance(runner, Serial)
    with stage("read, segment, first pass"):
        firsts = list(
            _with_bar(runner.map(_first, pairs, shared), len(pairs), "first pass", inside)
        )
    with stage("learn the lexicon"), working("learn the lexicon"):
        taught = _one_blas_thread(teach, firsts, job.options)
    del firsts  # each task holds its first pass, and is let go once sent
    tasks, learned = taught.tasks, (job.options, taught.lexicon)
    with stage("second pass, write"):
        yield from _with_bar(
            runner.map(_second, _handed_out(tasks), learned), len(tasks), "aligned", inside
        )


def _with_bar(items: Iterator[T], total: int, what: str, inside: bool) -> Iterator[T]:
    """The documents, with a bar that counts them, or the rows searched in them."""
    from paralign.progress import counting, progress

    if not inside:
        yield from progress(items, total, what, "documents")
        return
    with counting(what, "rows"):
        yield from items


def _one_blas_thread(function: Callable[..., T], *args: Any) -> T:
    from threadpoolctl import threadpool_limits

    # The products are many and small: OpenBLAS threads only fight each other (and other
    # processes) over them, which measured 20-80 times slower on two busy cores.
    with threadpool_limits(limits=1, user_api="blas"):
        return function(*args)


def _first(shared: _Shared, pair: tuple[str, Location, Location]) -> FirstPass:
    from paralign.align.pipeline import document_evidence, first_pass

    job = shared.job
    bitext = read_bitexts([pair], job.src_lang, job.tgt_lang, job.read)[0]
    doc = document_evidence(bitext, job.options, shared.inputs.dictionary)
    return _one_blas_thread(first_pass, doc, job.options)


def _second(shared: tuple[AlignOptions, Lexicon | None], task: SecondTask) -> Bitext:
    from paralign.align.pipeline import second_pass

    options, lexicon = shared
    return _one_blas_thread(second_pass, options, lexicon, task)


def _handed_out(tasks: list[T]) -> Iterator[T]:
    """The tasks in order, each let go by the list as it is taken: the client need not hold
    a document it has sent out to be realigned."""
    tasks.reverse()
    while tasks:
        yield tasks.pop()


def read_beads(path: Path) -> tuple[Link, ...]:
    """A vecalign bead file (`[0]:[0,1]` a line, an optional confidence after)."""
    from paralign.align.beads import parse_beads
    from paralign.files import read_text

    try:
        return parse_beads(read_text(path))
    except ParalignError as error:
        raise ParalignError(f"{path}: {error}") from None


def bead_pairs(pred: Path, gold: Path) -> list[tuple[tuple[Link, ...], tuple[Link, ...]]]:
    """(predicted, gold) beads of two files, or of two folders paired by stem: `STEM.beads`
    against `STEM.align` or `STEM.<langs>.align`; a file without its partner is an error."""
    if not pred.is_dir() and not gold.is_dir():
        return [_same_sentences(pred, read_beads(pred), gold, read_beads(gold))]
    if not pred.is_dir() or not gold.is_dir():
        raise ParalignError(f"{pred} and {gold}: give two files or two folders")
    gold_files: dict[str, Path] = {}
    for path in sorted(gold.glob("*.align")):
        gold_files.setdefault(_gold_stem(path), path)
    predictions = sorted(pred.glob("*.beads"))
    if not predictions:
        raise ParalignError(f"{pred}: no .beads files")
    pairs = []
    for path in predictions:
        stem = path.name[: -len(".beads")]
        match = gold_files.pop(stem, None)
        if match is None:
            raise ParalignError(f"{path}: no {stem}.align or {stem}.<langs>.align in {gold}")
        pairs.append(_same_sentences(path, read_beads(path), match, read_beads(match)))
    if gold_files:
        missing = next(iter(gold_files.values()))
        raise ParalignError(f"{missing}: no prediction {pred / (_gold_stem(missing) + '.beads')}")
    return pairs


def _same_sentences(
    pred_path: Path, pred: tuple[Link, ...], gold_path: Path, gold: tuple[Link, ...]
) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """Refuse to score beads over different sentences: a gold made with --presegmented
    against a prediction segmented again gives a meaningless F1, not a low one."""
    for side in ("src", "tgt"):
        counts = [len({i for link in links for i in getattr(link, side)}) for links in (pred, gold)]
        if counts[0] != counts[1]:
            raise ParalignError(
                f"{pred_path} covers {counts[0]} {side} sentences, {gold_path} {counts[1]}: "
                "they were segmented differently (align with --presegmented on the gold's "
                "sentences)"
            )
    return pred, gold


def _gold_stem(path: Path) -> str:
    """`STEM.align` or `STEM.ru-en.align` → STEM (a language part has a dash and no dot)."""
    name = path.name[: -len(".align")]
    head, _, tail = name.rpartition(".")
    return head if head and "-" in tail and len(tail) <= 12 else name
