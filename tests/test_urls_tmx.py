"""A TMX named by an fsspec URL (in a zip archive, or a folder of them): `check` and the
`tmx` commands that read a TMX read it as they read the file on disk, in a real process;
findings name the URL; what cannot be read is one line and exit 2."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_paralign

pytest.importorskip("fsspec")

GLOSSARY = ROOT / "glossary" / "arvak.tbx"
# Written for this test: a deprecated variant, a number that differs, and a clean pair.
UNITS = (
    (
        "Саммит Организации тюркских государств прошёл 15 мая 2026 г. в Туркестане.",
        "The summit of the Organisation of Turkic States was held in Turkestan on May 15, 2026.",
    ),
    (
        "В Туркестан прибыли 7 делегаций.",
        "Eight delegations arrived in Turkestan.",
    ),
    ("Участники обсудили цифровую повестку.", "The participants discussed the digital agenda."),
)


def _tmx() -> str:
    # a document per TU: check reads a piece per document, so with --workers 2 a pool runs
    units = "".join(
        f'<tu tuid="t{i}"><prop type="x-document">d{i}</prop><tuv xml:lang="ru"><seg>{ru}</seg>'
        f'</tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n'
        for i, (ru, en) in enumerate(UNITS, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header creationtool="test" creationtoolversion="1" segtype="sentence" '
        'o-tmf="none" adminlang="en" srclang="ru" datatype="plaintext"/>\n'
        f"<body>\n{units}</body>\n</tmx>\n"
    )


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """tm.tmx on disk, and the same file in tms.zip (at its root and in tms/)."""
    (tmp_path / "tm.tmx").write_text(_tmx(), encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "tms.zip", "w") as zipped:
        zipped.write(tmp_path / "tm.tmx", "tm.tmx")
        zipped.write(tmp_path / "tm.tmx", "tms/tm.tmx")
    return tmp_path


def _check(target: str, cwd: Path, *options: str) -> dict[str, object]:
    report = cwd / f"report-{len(list(cwd.glob('report-*')))}.json"
    done = run_paralign(
        "check", target, "--glossary", GLOSSARY, "--no-baseline", "--fail-on", "never",
        "--format", "json", "-o", report, *options, cwd=cwd,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    data.pop("signature", None)
    return data


def _named(data: dict[str, object], name: str) -> str:
    """The report with the checked file's name replaced, to compare two runs."""
    return json.dumps(data, ensure_ascii=False).replace(json.dumps(name)[1:-1], "FILE")


def test_check_reads_a_tmx_in_a_zip_as_on_disk(archive: Path) -> None:
    on_disk = _check("tm.tmx", archive)
    findings = on_disk["findings"]
    assert isinstance(findings, list)
    assert {f["rule"] for f in findings} >= {"term-deprecated", "number-mismatch"}
    url = f"zip://tm.tmx::{archive}/tms.zip"
    zipped = _check("zip://tm.tmx::tms.zip", archive)  # a relative archive is made absolute
    assert _named(zipped, url) == _named(on_disk, "tm.tmx")
    assert all(f["location"]["file"] == url for f in zipped["findings"])  # type: ignore[index]
    in_workers = _check("zip://tm.tmx::tms.zip", archive, "--workers", "2")
    assert in_workers == zipped


def test_check_reads_a_folder_url_of_tmx_files(archive: Path) -> None:
    folder = _check("zip://tms::tms.zip", archive)
    url = f"zip://tms/tm.tmx::{archive}/tms.zip"
    assert _named(folder, url) == _named(_check("tm.tmx", archive), "tm.tmx")


def test_tmx_stats_and_export_read_a_url(archive: Path) -> None:
    url = f"zip://tm.tmx::{archive}/tms.zip"
    for command in (("stats", "--json"), ("export", "--to", "jsonl")):
        on_disk = run_paralign("tmx", command[0], "tm.tmx", *command[1:], cwd=archive)
        zipped = run_paralign("tmx", command[0], url, *command[1:], cwd=archive)
        assert on_disk.returncode == zipped.returncode == 0, zipped.stderr
        assert zipped.stdout.replace(url, "tm.tmx") == on_disk.stdout
    exported = run_paralign("tmx", "export", url, "--to", "jsonl", cwd=archive).stdout
    assert len(exported.splitlines()) == len(UNITS)


CHECK = ("check", "--glossary", str(GLOSSARY))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((*CHECK, "zip://no.tmx::tms.zip"), "zip://no.tmx::{root}/tms.zip: no such file or folder"),
        (("tmx", "stats", "zip://no.tmx::tms.zip"), "zip://no.tmx::{root}/tms.zip: no such file"),
        (("tmx", "stats", "zip://tms::tms.zip"), "zip://tms::{root}/tms.zip: is a directory"),
        ((*CHECK, "nosuch://x/tm.tmx"), "nosuch://x/tm.tmx: cannot read: Protocol not known"),
    ],
)
def test_a_url_that_cannot_be_read_is_one_line(
    archive: Path, args: tuple[str, ...], message: str
) -> None:
    done = run_paralign(*args, cwd=archive)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert message.format(root=archive) in done.stderr


def test_a_report_over_the_archive_it_reads_is_refused(archive: Path) -> None:
    done = run_paralign(
        "check", "zip://tm.tmx::tms.zip", "--glossary", GLOSSARY, "-o", "tms.zip", cwd=archive
    )
    assert done.returncode == 2
    assert "is also an input" in done.stderr
    with zipfile.ZipFile(archive / "tms.zip") as zipped:
        assert sorted(zipped.namelist()) == ["tm.tmx", "tms/tm.tmx"]


def test_tmx_validate_merge_and_review_read_a_url(archive: Path) -> None:
    url = f"zip://tm.tmx::{archive}/tms.zip"
    on_disk = run_paralign("tmx", "validate", "tm.tmx", cwd=archive)
    zipped = run_paralign("tmx", "validate", url, cwd=archive)
    assert on_disk.returncode == zipped.returncode == 0, zipped.stderr
    assert zipped.stdout.replace(url, "tm.tmx") == on_disk.stdout
    epoch = {"SOURCE_DATE_EPOCH": "0"}
    for name, inputs in (("disk.tmx", ("tm.tmx", "tm.tmx")), ("url.tmx", (url, "tm.tmx"))):
        done = run_paralign("tmx", "merge", *inputs, "-o", name, cwd=archive, env=epoch)
        assert done.returncode == 0, done.stderr
    assert (archive / "url.tmx").read_bytes() == (archive / "disk.tmx").read_bytes()
    done = run_paralign("tmx", "review", url, "-o", "review.html", cwd=archive)
    assert done.returncode == 0, done.stderr
    page = (archive / "review.html").read_text(encoding="utf-8")
    assert all(ru in page and en in page for ru, en in UNITS)
