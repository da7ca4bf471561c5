"""Scale: the same output whatever runs the work (one process, worker processes, a Dask
LocalCluster), a lost worker that loses nothing, and a silent scheduler that is one line."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest

from tests.conftest import TEXTS, run_paralign

DOCS = 5


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five ntrex-dev documents in ru/ and en/ folders, one sentence a line."""
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "align"
    if not (shared / "ntrex-dev").is_dir():
        pytest.skip("../shared/data is not present")
    root = tmp_path_factory.mktemp("corpus")
    for lang in ("ru", "en"):
        (root / lang).mkdir()
    for source in sorted((shared / "ntrex-dev").glob("*.ru"))[:DOCS]:
        stem = source.name.removesuffix(".ru")
        (root / "ru" / f"{stem}.txt").write_bytes(source.read_bytes())
        (root / "en" / f"{stem}.txt").write_bytes(source.with_suffix(".en").read_bytes())
    return root


def _dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("Dask distributed is not installed (make test installs it)")
        pytest.skip("Dask distributed is not installed")


def _align(corpus: Path, out: Path, *options: str) -> dict[str, bytes]:
    done = run_paralign(
        "align",
        corpus / "ru",
        corpus / "en",
        "--presegmented",
        "-o",
        out,
        *options,
        env={"SOURCE_DATE_EPOCH": "0"},
    )
    assert done.returncode == 0, done.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_workers_give_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    one = _align(corpus, tmp_path / "1", "--workers", "1")
    assert len(one) == DOCS
    for n in (2, 3):
        assert _align(corpus, tmp_path / str(n), "--workers", str(n)) == one


def test_local_cluster_gives_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    _dask()
    one = _align(corpus, tmp_path / "1", "--workers", "1")
    assert _align(corpus, tmp_path / "dask", "--scheduler", "local", "--workers", "2") == one


def test_local_cluster_workers_read_a_zip_url(corpus: Path, tmp_path: Path) -> None:
    """Workers open the documents themselves, through fsspec, from a URL the client gives:
    a zip archive both can see gives the same TMX as plain paths in one process."""
    _dask()
    pytest.importorskip("fsspec")
    import zipfile

    archive = tmp_path / "corpus.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        for file in sorted(corpus.glob("*/*.txt")):
            packed.write(file, f"{file.parent.name}/{file.name}")
    tmx = ["--presegmented", "--to", "tmx", "-o"]
    one = run_paralign(
        "align",
        corpus / "ru",
        corpus / "en",
        *tmx,
        tmp_path / "one.tmx",
        "--workers",
        "1",
        env={"SOURCE_DATE_EPOCH": "0"},
    )
    assert one.returncode == 0, one.stderr
    done = run_paralign(
        "align",
        f"zip://ru::{archive}",
        f"zip://en::{archive}",
        *tmx,
        tmp_path / "dask.tmx",
        "--scheduler",
        "local",
        "--workers",
        "2",
        env={"SOURCE_DATE_EPOCH": "0"},
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "dask.tmx").read_bytes() == (tmp_path / "one.tmx").read_bytes()


def test_a_killed_worker_loses_nothing(corpus: Path) -> None:
    _dask()
    from paralign.corpus import AlignJob, ReadOptions, align_pairs, align_stream, pair_paths
    from paralign.runners import open_runner

    pairs = pair_paths(corpus / "ru", corpus / "en")
    job = AlignJob("ru", "en", ReadOptions(presegmented=True))
    expected = align_pairs(pairs, job)
    with open_runner(2, "local") as cluster:
        got = []
        for bitext in align_stream(pairs, job, cluster):
            if not got:  # the second map is under way: kill a worker in the middle of it
                pids = cluster.client.run(os.getpid)  # type: ignore[attr-defined]
                os.kill(next(iter(pids.values())), signal.SIGKILL)
            got.append(bitext)
    assert got == expected


def test_a_silent_scheduler_is_one_line(tmp_path: Path) -> None:
    _dask()
    done = run_paralign(
        "align",
        TEXTS / "ru",
        TEXTS / "en",
        "--scheduler",
        "tcp://127.0.0.1:9",
        "-o",
        tmp_path / "out",
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no answer within" in done.stderr
    assert not (tmp_path / "out").exists()


def test_no_bar_and_no_control_characters_off_a_terminal(corpus: Path, tmp_path: Path) -> None:
    done = run_paralign(
        "align",
        corpus / "ru",
        corpus / "en",
        "--presegmented",
        "-o",
        tmp_path / "o",
        env={"CI": ""},
    )
    assert done.returncode == 0 and "\x1b" not in done.stderr and "\r" not in done.stderr


def test_verbose_times_each_stage(corpus: Path, tmp_path: Path) -> None:
    done = run_paralign(
        "--verbose", "align", corpus / "ru", corpus / "en", "--presegmented", "-o", tmp_path / "o"
    )
    assert done.returncode == 0
    stages = [line for line in done.stderr.splitlines() if line.endswith(" s")]
    assert [s.split(":")[1].strip() for s in stages] == [
        "read, segment, first pass",
        "learn the lexicon",
        "second pass, write",
    ]


def test_check_findings_do_not_depend_on_workers(tmp_path: Path) -> None:
    _dask()
    tmx = tmp_path / "arvak.tmx"
    assert (
        run_paralign(
            "align", TEXTS / "ru" / f"{_stem()}.md", TEXTS / "en" / f"{_stem()}.md", "-o", tmx
        ).returncode
        == 0
    )
    big = tmp_path / "big.tmx"
    _repeat_units(tmx, big, 40)
    outputs = set()
    glossary = TEXTS.parent / "glossary" / "arvak.tbx"
    # One process reads the TMX whole; workers, and Dask's, read their own slices of it.
    runs: list[tuple[object, ...]] = [("--workers", n) for n in (1, 2, 3)]
    for run in [*runs, ("--scheduler", "local", "--workers", 2)]:
        done = run_paralign(
            "check",
            big,
            "--glossary",
            glossary,
            *run,
            "--format",
            "json",
            "--fail-on",
            "never",
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1


def _stem() -> str:
    return next((TEXTS / "ru").glob("*.md")).stem


def _repeat_units(tmx: Path, out: Path, times: int) -> None:
    text = tmx.read_text(encoding="utf-8")
    head, _, rest = text.partition("<body>")
    body, _, tail = rest.partition("</body>")
    out.write_text(head + "<body>" + body * times + "</body>" + tail, encoding="utf-8")


def test_count_tus_counts_a_tag_cut_between_two_blocks(tmp_path: Path) -> None:
    from paralign.progress import count_tus

    tmx = tmp_path / "cut.tmx"
    tmx.write_bytes(b"<tmx><body><tu></tu><tu></tu>\n<tu></tu></body></tmx>")
    # Every block size from one byte up cuts a tag somewhere, and each must count 3.
    assert {count_tus([tmx], chunk=size) for size in range(1, 60)} == {3}
    assert count_tus([tmx, tmx]) == 6 and count_tus([tmp_path]) is None
    # A file that opens and cannot be read (its first page is not mapped): no total, and
    # no traceback; the reader after it says what is wrong.
    assert count_tus([Path("/proc/self/mem")]) is None


def _on_a_terminal(*args: object) -> tuple[int, str]:
    """`paralign ARGS` with its stderr on a pseudo-terminal, as a person at one runs it:
    the exit code and what the terminal received."""
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "paralign.cli", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env={**os.environ, "CI": "", "TERM": "xterm-256color"},
    )
    os.close(slave)
    received = []
    while True:  # until the child's end closes the terminal (EIO on Linux)
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        received.append(data)
    os.close(master)
    return child.wait(timeout=120), b"".join(received).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A TMX of one document of the shipped corpus, as `paralign align` writes it."""
    tmx = tmp_path_factory.mktemp("aligned") / "arvak.tmx"
    stem = _stem()
    made = run_paralign(
        "align", TEXTS / "ru" / f"{stem}.md", TEXTS / "en" / f"{stem}.md", "-o", tmx
    )
    assert made.returncode == 0, made.stderr
    return tmx


def test_long_commands_draw_a_bar_on_a_terminal_and_none_when_quiet(
    aligned: Path, tmp_path: Path
) -> None:
    tmx = aligned
    units = tmx.read_text(encoding="utf-8").count("</tu>")
    code, shown = _on_a_terminal("check", tmx, "--fail-on", "never", "--workers", "1")
    assert code == 0 and "check" in shown and "TUs/s" in shown and f"/{units}" in shown
    code, shown = _on_a_terminal("tmx", "export", tmx, "-o", tmp_path / "pairs.tsv")
    assert code == 0 and "export" in shown and "TUs/s" in shown
    # A merge of a file with itself keeps half the TUs and reads all: the bar ends full.
    code, shown = _on_a_terminal("tmx", "merge", tmx, tmx, "-o", tmp_path / "merged.tmx")
    assert code == 0 and f"{2 * units}/{2 * units}" in shown
    code, shown = _on_a_terminal("tmx", "review", tmx, "-o", tmp_path / "review.html")
    assert code == 0 and "review page" in shown and f"{units}/{units}" in shown
    # One document pair: each pass's bar counts the rows its search goes through, and the
    # lexicon's spinner the time elapsed.
    stem = _stem()
    pair = (TEXTS / "ru" / f"{stem}.md", TEXTS / "en" / f"{stem}.md")
    code, shown = _on_a_terminal("align", *pair, "-o", tmp_path / "pair.tmx")
    assert code == 0 and "first pass" in shown and "learn the lexicon" in shown
    assert "0:00:00" in shown and "documents/s" not in shown
    plain = re.sub("\x1b\\[[0-9;]*m", "", shown)
    assert re.search(r"first pass ━+ (\d+)/\1 [\d,.]+ rows/s", plain), plain
    code, shown = _on_a_terminal("--quiet", "check", tmx, "--fail-on", "never")
    assert code == 0 and "TUs/s" not in shown and "\x1b" not in shown


def test_a_folders_bars_count_its_documents(corpus: Path, tmp_path: Path) -> None:
    documents = len(list((corpus / "ru").iterdir()))
    for workers in ("1", "2"):
        code, shown = _on_a_terminal(
            "align",
            corpus / "ru",
            corpus / "en",
            "--presegmented",
            "--workers",
            workers,
            "-o",
            tmp_path / workers,
        )
        assert code == 0 and "documents/s" in shown and f"{documents}/{documents}" in shown
        assert "rows/s" not in shown


def test_verbose_times_the_stages_of_check_and_the_tmx_commands(
    aligned: Path, tmp_path: Path
) -> None:
    tmx = aligned

    def stages(*args: object) -> list[str]:
        done = run_paralign("--verbose", *args)
        assert done.returncode == 0, done.stderr
        timed = [line for line in done.stderr.splitlines() if line.endswith(" s")]
        return [line.split(":")[1].strip() for line in timed]

    assert stages("check", tmx, "--fail-on", "never") == ["read and check", "write the report"]
    assert stages("tmx", "stats", tmx) == ["read"]
    assert stages("tmx", "export", tmx, "-o", tmp_path / "p.tsv") == ["export"]
    assert stages("tmx", "merge", tmx, tmx, "-o", tmp_path / "m.tmx") == ["merge"]
    assert stages("tmx", "review", tmx, "-o", tmp_path / "r.html") == ["review page"]
