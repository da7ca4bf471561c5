"""Inputs named by fsspec URLs: a zip archive (`zip://…::corpus.zip`), `file://` and the
in-process `memory://` file system give the same TMX, byte for byte, as plain paths; a URL
that cannot be read, or no fsspec, is one line and exit 2."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_paralign

fsspec = pytest.importorskip("fsspec")

DOCS = 4
EPOCH = {"SOURCE_DATE_EPOCH": "0"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four ntrex-dev documents in ru/ and en/ (one sentence a line), and the same two
    folders in corpus.zip beside them."""
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "align"
    if not (shared / "ntrex-dev").is_dir():
        pytest.skip("../shared/data is not present")
    root = tmp_path_factory.mktemp("corpus")
    with zipfile.ZipFile(root / "corpus.zip", "w") as archive:
        for source in sorted((shared / "ntrex-dev").glob("*.ru"))[:DOCS]:
            stem = source.name.removesuffix(".ru")
            for lang, file in (("ru", source), ("en", source.with_suffix(".en"))):
                (root / lang).mkdir(exist_ok=True)
                (root / lang / f"{stem}.txt").write_bytes(file.read_bytes())
                archive.write(file, f"{lang}/{stem}.txt")
    return root


def _align(source: object, target: object, out: Path, *options: str, cwd: Path) -> bytes:
    done = run_paralign(
        "align", source, target, "--presegmented", "-o", out, *options, cwd=cwd, env=EPOCH
    )
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def test_zip_and_file_urls_give_the_same_tmx(corpus: Path, tmp_path: Path) -> None:
    plain = _align(corpus / "ru", corpus / "en", tmp_path / "plain.tmx", cwd=corpus)
    assert plain.count(b"<tu ") > 40
    # a relative archive: made absolute, so a worker elsewhere finds it too
    zipped = _align("zip://ru::corpus.zip", "zip://en::corpus.zip", tmp_path / "z.tmx", cwd=corpus)
    assert zipped == plain
    as_file = _align(f"file://{corpus}/ru", f"file://{corpus}/en", tmp_path / "f.tmx", cwd=tmp_path)
    assert as_file == plain


def test_one_pair_of_files_in_a_zip(corpus: Path, tmp_path: Path) -> None:
    stem = sorted(p.stem for p in (corpus / "ru").iterdir())[0]
    plain = _align(
        corpus / "ru" / f"{stem}.txt", corpus / "en" / f"{stem}.txt", tmp_path / "p.tmx", cwd=corpus
    )
    archive = corpus / "corpus.zip"
    zipped = _align(
        f"zip://ru/{stem}.txt::{archive}",
        f"zip://en/{stem}.txt::{archive}",
        tmp_path / "z.tmx",
        cwd=tmp_path,
    )
    assert zipped == plain


def test_memory_urls_in_process(corpus: Path, tmp_path: Path) -> None:
    """memory:// lives in this process: the library call, not a command, reads it."""
    from paralign.corpus import AlignJob, ReadOptions, align_pairs, pair_paths
    from paralign.tmx import write_tmx
    from paralign.urls import Url

    memory = fsspec.filesystem("memory")
    for file in sorted(corpus.glob("*/*.txt")):
        memory.pipe(f"/paralign-test/{file.parent.name}/{file.name}", file.read_bytes())
    memory.pipe("/paralign-test/ru/.hidden", b"left out")
    job = AlignJob("ru", "en", ReadOptions(presegmented=True))
    plain = align_pairs(pair_paths(corpus / "ru", corpus / "en"), job)
    pairs = pair_paths(Url("memory://paralign-test/ru"), Url("memory://paralign-test/en"))
    assert len(pairs) == DOCS
    assert str(pairs[0][1]).startswith("memory://paralign-test/ru/")
    in_memory = align_pairs(pairs, job)
    try:
        for name, bitexts in (("plain", plain), ("memory", in_memory)):
            write_tmx(bitexts, tmp_path / f"{name}.tmx")
    finally:
        memory.rm("/paralign-test", recursive=True)
    assert (tmp_path / "memory.tmx").read_bytes() == (tmp_path / "plain.tmx").read_bytes()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("zip://ru::missing.zip", "missing.zip: cannot read: "),
        ("zip://fr::corpus.zip", "zip://fr::{root}/corpus.zip: no such file or folder"),
        ("nosuch://bucket/ru", "nosuch://bucket/ru: cannot read: Protocol not known: nosuch"),
    ],
)
def test_an_unreadable_url_is_one_line(
    corpus: Path, tmp_path: Path, source: str, message: str
) -> None:
    done = run_paralign(
        "align", source, "zip://en::corpus.zip", "-o", tmp_path / "x.tmx", cwd=corpus
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert message.format(root=corpus) in done.stderr
    assert not (tmp_path / "x.tmx").exists()


def test_s3_without_s3fs_is_one_line(tmp_path: Path) -> None:
    try:
        import s3fs  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("s3fs is installed: the missing back end cannot be shown")
    done = run_paralign("align", "s3://bucket/ru", "s3://bucket/en", "-o", tmp_path / "x.tmx")
    assert done.returncode == 2
    assert (
        done.stderr == "paralign: error: s3://bucket/ru: cannot read: Install s3fs to access S3\n"
    )


def test_no_fsspec_is_one_line(corpus: Path, tmp_path: Path) -> None:
    """Without fsspec (an import of it fails, as when the extra is not installed) a URL
    names the extra; plain paths never import it."""
    import subprocess

    blocked = "import sys; sys.modules['fsspec'] = None; from paralign.cli import main; main()"
    args = ["align", "zip://ru::corpus.zip", "zip://en::corpus.zip", "-o", str(tmp_path / "x.tmx")]
    done = subprocess.run(
        [sys.executable, "-c", blocked, *args], cwd=corpus, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"paralign: error: zip://ru::{corpus}/corpus.zip: reading a URL needs fsspec: "
        "pip install 'paralign[fsspec]'\n"
    )
    args = ["align", "ru", "en", "--presegmented", "-o", str(tmp_path / "p.tmx")]
    done = subprocess.run(
        [sys.executable, "-c", blocked, *args], cwd=corpus, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_url_parts() -> None:
    from paralign.urls import Url, is_url, location

    assert Url("zip://ru::c.zip").child("a.txt") == Url("zip://ru/a.txt::c.zip")
    assert Url("simplecache::s3://b/ru/").child("a.md") == Url("simplecache::s3://b/ru/a.md")
    assert Url("zip://ru/001.bbc.md::c.zip").name == "001.bbc.md"
    assert Url("zip://ru/001.bbc.md::c.zip").suffix == ".md"
    assert Url("s3://bucket/ru/.env").suffix == ""
    assert location("texts/ru") == Path("texts/ru")
    assert not is_url("C:\\texts\\ru") and is_url("file:///texts/ru")
    assert location("zip://ru::/abs/c.zip") == Url("zip://ru::/abs/c.zip")


def test_docx_and_markdown_read_from_a_zip(tmp_path: Path) -> None:
    """Each reader takes a URL as it takes a path: the same blocks."""
    from paralign.read import read_document
    from paralign.urls import Url
    from tests.test_read_docx import make_docx

    docx_file = make_docx(tmp_path / "a.docx")
    markdown = tmp_path / "b.md"
    markdown.write_text("# Title\n\nSome *emphasis* here.\n", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as archive:
        archive.write(docx_file, "in/a.docx")
        archive.write(markdown, "in/b.md")
    for file in (docx_file, markdown):
        from_zip = read_document(Url(f"zip://in/{file.name}::{tmp_path / 'c.zip'}"))
        assert from_zip.blocks == read_document(file).blocks


def test_files_at_the_root_of_an_archive_pair_by_their_stems(corpus: Path) -> None:
    """`zip://::ru.zip` names the archive's root: its files keep their own names."""
    for lang in ("ru", "en"):
        with zipfile.ZipFile(corpus / f"root-{lang}.zip", "w") as archive:
            for file in sorted((corpus / lang).iterdir()):
                archive.write(file, file.name)
    zipped = _align("zip://::root-ru.zip", "zip://::root-en.zip", corpus / "r.tmx", cwd=corpus)
    plain = _align(corpus / "ru", corpus / "en", corpus / "p.tmx", cwd=corpus)
    assert zipped == plain


def test_an_output_that_is_a_file_url_input_is_refused(corpus: Path) -> None:
    source = sorted((corpus / "ru").iterdir())[0]
    target = corpus / "en" / source.name
    before = source.read_bytes()
    done = run_paralign(
        "align", source.as_uri(), target.as_uri(), "-o", source, cwd=corpus, env=EPOCH
    )
    assert done.returncode == 2 and "is also an input" in done.stderr
    assert source.read_bytes() == before
