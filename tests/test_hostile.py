"""The hostile-input catalogue: every command against every kind of bad input, in real processes.

The promise (README, docs/reliability.md): bad input or a bad output path is one line on
stderr (`paralign: error: …`), exit 2, no traceback, nothing written or left behind, the
inputs untouched, in bounded time and memory. Each case runs in a process of its own
(forked by tests/hostile_driver.py, so imports are paid once) in a fresh folder; the
fixtures are generated here, small, never committed. The texts are ours (written for
these tests).

Each test runs a family of cases and reports every case that broke the promise at once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_paralign

GLOSSARY = "glossary.csv"  # ours, small: the shipped TBX costs seconds a case to load
DRIVER = Path(__file__).with_name("hostile_driver.py")
TIME_LIMIT = 30.0  # seconds a case may take: generous, a hang is what it catches
MEMORY_LIMIT_MB = 1500

# Our own short texts: three sentences a side.
RU = (
    "Саммит Организации тюркских государств прошёл в Туркестане.\n\n"
    "Лидеры подписали декларацию о цифровом коридоре.\n\n"
    "Следующая встреча состоится в Баку в 2027 году.\n"
)
EN = (
    "The summit of the Organization of Turkic States took place in Turkestan.\n\n"
    "The leaders signed a declaration on the digital corridor.\n\n"
    "The next meeting will take place in Baku in 2027.\n"
)
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence"
 o-tmf="none" adminlang="en" srclang="ru" datatype="plaintext"/>
<body>
<tu tuid="d-1"><prop type="x-document">d</prop><prop type="x-paragraph">0</prop>
<prop type="x-score">{score}</prop>
<tuv xml:lang="ru"><seg>Лидеры подписали декларацию о цифровом коридоре.</seg></tuv>
<tuv xml:lang="en"><seg>The leaders signed a declaration on the digital corridor.</seg></tuv></tu>
<tu tuid="d-2"><prop type="x-document">d</prop><prop type="x-paragraph">{paragraph}</prop>
<prop type="x-score">0.9</prop>
<tuv xml:lang="ru"><seg>Следующая встреча состоится в Баку.</seg></tuv>
<tuv xml:lang="en"><seg>The next meeting will take place in Baku.</seg></tuv></tu>
</body></tmx>
"""
SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx version="2.0" xmlns="http://www.lisa.org/srx20"><header segmentsubflows="yes" cascade="no"/>
<body><languagerules><languagerule languagerulename="Any">
<rule break="yes"><beforebreak>{before}</beforebreak><afterbreak>{after}</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="Any"/></maprules></body></srx>
"""

# Contents for an input file, whatever its role: each must be refused with one line.
BAD_CONTENT: dict[str, bytes | None] = {
    "missing": None,
    "empty": b"",
    "whitespace": b"  \n\t\n",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8,
    "not-utf8": ("Организация тюркских государств. " * 3).encode("cp1251"),
    "utf16": "\ufeffОрганизация тюркских государств.".encode("utf-16-le"),
}
SPECIAL_INPUTS = ("directory", "symlink-loop", "unreadable")

XML_ATTACKS = {
    "xxe": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b"<tmx><body>&e;</body></tmx>",
    "entity-bomb": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    b"]><tmx><body>&c;</body></tmx>",
    "truncated": TMX.format(score="0.5", paragraph="1").encode()[:400],
    "wrong-root": b'<?xml version="1.0"?><html><body>no</body></html>',
    "not-xml": b"just some words, no markup at all\n",
}


@dataclass
class Case:
    """One invocation: the files it needs (name → bytes), its arguments, what it must give."""

    id: str
    args: list[str]
    files: dict[str, bytes] = field(default_factory=dict)
    special: dict[str, str] = field(default_factory=dict)  # name → directory|symlink-loop|…
    codes: tuple[int, ...] = (2,)
    message: str = ""  # a piece the one stderr line must hold
    unprivileged: bool = False


def good_files() -> dict[str, bytes]:
    return {
        "ru.md": RU.encode(),
        "en.md": EN.encode(),
        "tm.tmx": TMX.format(score="0.8", paragraph="1").encode(),
        "pairs.tsv": "Лидеры подписали декларацию.\tThe leaders signed a declaration.\n".encode(),
        "pred.beads": b"[0]:[0]:0.9\n[1]:[1]:0.9\n[2]:[2]:0.9\n",
        "gold.align": b"[0]:[0]\n[1]:[1]\n[2]:[2]\n",
        "glossary.csv": "id,en,ru\nc-ots,Organization of Turkic States,Организация тюркских "
        "государств\n".encode(),
    }


# Every command that reads, with the role of the file under attack and its suffix.
READERS: dict[str, tuple[list[str], str]] = {
    "segment": (["segment", "{bad}", "--lang", "ru"], ".md"),
    "align-src": (["align", "{bad}", "en.md", "-o", "out.tmx"], ".md"),
    "align-tgt": (["align", "ru.md", "{bad}", "-o", "out.tmx"], ".md"),
    "eval-align": (["eval-align", "{bad}", "gold.align"], ".beads"),
    "check": (["check", "{bad}", "--glossary", str(GLOSSARY)], ".tmx"),
    "check-glossary": (["check", "tm.tmx", "--glossary", "{bad}"], ".tbx"),
    "check-baseline": (
        ["check", "tm.tmx", "--glossary", str(GLOSSARY), "--baseline", "{bad}"],
        ".json",
    ),
    "tmx-validate": (["tmx", "validate", "{bad}"], ".tmx"),
    "tmx-stats": (["tmx", "stats", "{bad}"], ".tmx"),
    "tmx-merge": (["tmx", "merge", "tm.tmx", "{bad}", "-o", "out.tmx"], ".tmx"),
    "tmx-export": (["tmx", "export", "{bad}"], ".tmx"),
    "tmx-import": (["tmx", "import", "{bad}", "-o", "out.tmx"], ".tsv"),
    "glossary-convert": (["glossary", "convert", "{bad}", "out.csv"], ".tbx"),
    "glossary-lint": (["glossary", "lint", "{bad}"], ".csv"),
    "score": (["score", "{bad}", "en.md"], ".txt"),
    "spm-train": (["spm", "train", "{bad}", "-o", "m"], ".txt"),
    "segment-rules": (["segment", "ru.md", "--lang", "ru", "--rules", "{bad}"], ".srx"),
}
# What a command reading a folder gives for a folder: not an error for those.
TAKES_FOLDERS = {"align-src", "align-tgt", "check", "eval-align"}

# Every command that writes, with the output path it takes.
WRITERS: dict[str, list[str]] = {
    "align": ["align", "ru.md", "en.md", "-o", "{out}"],
    "align-tsv": ["align", "ru.md", "en.md", "--to", "tsv", "-o", "{out}"],
    "check-output": ["check", "tm.tmx", "--glossary", str(GLOSSARY), "--output", "{out}"],
    "check-write-baseline": [
        "check",
        "tm.tmx",
        "--glossary",
        str(GLOSSARY),
        "--write-baseline",
        "{out}",
    ],
    "tmx-merge": ["tmx", "merge", "tm.tmx", "-o", "{out}"],
    "tmx-export": ["tmx", "export", "tm.tmx", "-o", "{out}"],
    "tmx-import": ["tmx", "import", "pairs.tsv", "-o", "{out}"],
    "glossary-convert": ["glossary", "convert", "glossary.csv", "{out}"],
    "spm-train": ["spm", "train", "ru.md", "en.md", "-o", "{out}"],
}
# Output paths that must be refused (name to give, what to prepare).
BAD_OUTPUTS = {
    "directory": ("taken.csv", "dir"),
    "under-a-file": ("ru.md/out.csv", ""),
    "read-only-file": ("locked.csv", "ro-file"),
    "read-only-folder": ("locked/out.csv", "ro-dir"),
    "missing-parent": ("nowhere/out.csv", ""),
    "name-too-long": ("x" * 300 + ".csv", ""),
    "an-input": ("SAME", ""),
}
INPUT_OF = {
    "align": "ru.md",
    "align-tsv": "en.md",
    "check-output": "tm.tmx",
    "check-write-baseline": "tm.tmx",
    "tmx-merge": "tm.tmx",
    "tmx-export": "tm.tmx",
    "tmx-import": "pairs.tsv",
    "glossary-convert": "glossary.csv",
    "spm-train": "ru.md",
}


def input_cases() -> Iterator[Case]:
    for command, (template, suffix) in READERS.items():
        kinds = [*BAD_CONTENT, *SPECIAL_INPUTS]
        for kind in kinds:
            if kind == "directory" and command in TAKES_FOLDERS:
                continue
            name = f"bad-{kind}{suffix}"
            args = [a.replace("{bad}", name) for a in template]
            case = Case(f"{command}/{kind}", args)
            content = BAD_CONTENT.get(kind)
            if kind in SPECIAL_INPUTS:
                case.special[name] = kind
                case.unprivileged = kind == "unreadable"
            elif content is not None:
                case.files[name] = content
            if kind == "not-utf8" and suffix == ".txt":
                # documented: a .txt that is not UTF-8 is read as cp1251, with a warning
                continue
            yield case


def output_cases() -> Iterator[Case]:
    for command, template in WRITERS.items():
        for kind, (name, prepare) in BAD_OUTPUTS.items():
            given = name
            if name == "SAME" and command == "spm-train":
                continue  # PREFIX.model and PREFIX.vocab can never name an input
            if name == "SAME":
                name = given = INPUT_OF[command]
            elif command == "spm-train":
                # -o names a prefix: PREFIX.model is the path that must be refused
                given = name.removesuffix(".csv")
                name = given + ".model" if prepare in ("dir", "ro-file") else given
            elif command in {"align", "tmx-merge", "tmx-import"}:
                name = given = name.replace(".csv", ".tmx")
            case = Case(f"{command}/{kind}", [a.replace("{out}", given) for a in template])
            if prepare:
                case.special[name] = prepare
            yield case


def format_cases() -> Iterator[Case]:
    """Inputs well-formed enough to pass the first checks, wrong where it matters."""
    for attack, data in XML_ATTACKS.items():
        for command, args in {
            "check": ["check", "x.tmx", "--glossary", str(GLOSSARY)],
            "tmx-stats": ["tmx", "stats", "x.tmx"],
            "tmx-validate": ["tmx", "validate", "x.tmx"],
            "tmx-merge": ["tmx", "merge", "x.tmx", "-o", "out.tmx"],
            "glossary-lint": ["glossary", "lint", "x.tbx"],
            "segment-rules": ["segment", "ru.md", "--lang", "ru", "--rules", "x.tbx"],
        }.items():
            name = "x.tbx" if "x.tbx" in args else "x.tmx"
            yield Case(f"{command}/{attack}", args, {name: data})
    for label, score, paragraph in [
        ("score-text", "high", "1"),
        ("score-inf", "inf", "1"),
        ("score-nan", "nan", "1"),
        ("paragraph-huge", "0.5", "99999999999999999999"),
        ("paragraph-negative", "0.5", "-3"),
    ]:
        tmx = TMX.format(score=score, paragraph=paragraph).encode()
        for command in (["tmx", "stats"], ["tmx", "stats", "--report"]):
            name = "-".join(command[1:])
            message = "x-score" if label.startswith("score") else "x-paragraph"
            if label.startswith("paragraph") and "--report" not in command:
                continue  # plain stats never reads x-paragraph
            yield Case(f"{name}/{label}", [*command, "x.tmx"], {"x.tmx": tmx}, message=message)
    baselines = {
        "findings-number": {"tool": "paralign", "version": 1, "findings": 5},
        "entry-string": {"tool": "paralign", "version": 1, "findings": ["x"]},
        "entry-no-rule": {"tool": "paralign", "version": 1, "findings": [{"fingerprint": "a"}]},
        "count-text": {
            "tool": "paralign",
            "version": 1,
            "findings": [{"fingerprint": "a", "rule": "r", "file": "f", "count": "many"}],
        },
        "rule-list": {
            "tool": "paralign",
            "version": 1,
            "findings": [{"fingerprint": "a", "rule": ["r"], "file": "f"}],
        },
        "not-an-object": [1, 2, 3],
    }
    for label, data in baselines.items():
        for fmt in ("text", "json", "sarif", "junit", "github"):
            yield Case(
                f"baseline/{label}/{fmt}",
                [
                    "check",
                    "tm.tmx",
                    "--glossary",
                    str(GLOSSARY),
                    "--baseline",
                    "b.json",
                    "--format",
                    fmt,
                ],
                {"b.json": json.dumps(data).encode()},
                message="b.json",
            )
    configs = {
        "src-lang-number": 'src-lang = 5\nglossary = "glossary.csv"\n',
        "src-lang-table": 'glossary = "glossary.csv"\n[src-lang]\ncode = "ru"\n',
        "glossary-list": 'glossary = ["a", "b"]\n',
        "texts-number": "texts = 3\n",
        "check-not-table": 'check = "yes"\n',
        "inputs-number": '[check]\ninputs = 7\nglossary = "glossary.csv"\n',
        "inputs-mixed": '[check]\ninputs = ["tm.tmx", 3]\nglossary = "glossary.csv"\n',
        "jobs-text": '[check]\njobs = "four"\ninputs = ["tm.tmx"]\nglossary = "glossary.csv"\n',
        "severities-list": '[check]\nseverities = ["x"]\ninputs = ["tm.tmx"]\n',
        "severity-number": '[check]\ninputs = ["tm.tmx"]\n[check.severities]\nunaligned = 3\n',
        "ignore-number": '[check]\ninputs = ["tm.tmx"]\n[check.ignore]\n"*.md" = 3\n',
        "fail-on-bool": '[check]\nfail-on = true\ninputs = ["tm.tmx"]\n',
        "not-toml": "src-lang = \n",
    }
    for label, text in configs.items():
        for command in (["check"], ["check", "tm.tmx"], ["align", "ru.md", "en.md"]):
            yield Case(
                f"config/{label}/{'-'.join(command[:2])}",
                command,
                {"paralign.toml": text.encode()},
                message="paralign.toml",
            )
    rules = {
        "catastrophic": (r"(\w+\s?)*$", ""),
        "nested-repeats": (r"(?:a{1000}){1000}", ""),
        "huge-nested": (r"(a{1,10000}){1,10000}b", ""),
        "bad-regex": (r"(unclosed", ""),
    }
    for label, (before, after) in rules.items():
        srx = SRX.format(before=before, after=after).encode()
        codes = (0,) if label == "catastrophic" else (2,)  # bounded: it must end, not fail
        yield Case(
            f"srx/{label}",
            ["segment", "ru.md", "--lang", "ru", "--rules", "r.srx"],
            {"r.srx": srx},
            codes=codes,
        )


def other_cases() -> Iterator[Case]:
    """Quiet skips and mismatches that must now be errors."""
    files = {
        "c/ru/a.md": RU.encode(),
        "c/en/a.md": EN.encode(),
        "c/ru/b.md": RU.encode(),
        "c/en/renamed.md": EN.encode(),
    }
    yield Case("align/unpaired", ["align", "c/ru", "c/en", "-o", "out"], files, message="b.md")
    yield Case(
        "check/unpaired",
        ["check", "c", "--glossary", str(GLOSSARY), "--format", "json", "--output", "r.json"],
        files,
        codes=(1,),
    )
    yield Case(
        "eval-align/counts",
        ["eval-align", "pred.beads", "short.align"],
        {"short.align": b"[0]:[0]\n[1]:[1]\n"},
        message="covers 3",
    )
    yield Case("check/markdown", ["check", "ru.md"], message="not a TMX")
    yield Case("check/no-glossary", ["check", "tm.tmx"], message="no glossary configured")
    yield Case("align/bad-beads", ["align", "ru.md", "en.md", "--beads", "one-one"])
    yield Case(
        "align/swapped",
        ["align", "en.md", "ru.md", "-o", "out.tmx"],
        message="--force-languages",
    )
    yield Case("align/bad-tag", ["align", "ru.md", "en.md", "--src-lang", "r u"], message="BCP 47")
    yield Case("segment/bad-tag", ["segment", "ru.md", "--lang", "ru_RU!"], message="BCP 47")


ALL = {
    "inputs": list(input_cases()),
    "outputs": list(output_cases()),
    "formats": list(format_cases()),
    "others": list(other_cases()),
}
# Families cut into chunks of about CHUNK cases, so that pytest-xdist spreads them.
CHUNK = 40
CHUNKS = {
    f"{family}-{start // CHUNK}": cases[start : start + CHUNK]
    for family, cases in ALL.items()
    for start in range(0, len(cases), CHUNK)
}


def _prepare(case: Case, base: Path) -> Path:
    folder = base / case.id.replace("/", "__")
    folder.mkdir(parents=True)
    for name, data in {**good_files(), **case.files}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for name, kind in case.special.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind in ("directory", "dir"):
            path.mkdir()
        elif kind == "symlink-loop":
            path.symlink_to(path.name)
        elif kind == "unreadable":
            path.write_bytes(RU.encode())
            path.chmod(0)
        elif kind == "ro-file":
            path.write_text("keep me\n", encoding="utf-8")
            path.chmod(0o444)
        elif kind == "ro-dir":
            path.parent.mkdir(exist_ok=True)
            path.parent.chmod(0o555)
    return folder


def run_family(cases: list[Case], tmp: Path) -> tuple[dict[str, dict], dict[str, Path]]:
    # Under /tmp with 0755 folders, so that `nobody` (the unreadable cases) can enter them.
    base = Path(tempfile.mkdtemp(prefix="paralign-hostile-"))
    base.chmod(0o755)
    try:
        folders = {case.id: _prepare(case, base) for case in cases}
        for folder in folders.values():
            folder.chmod(0o777)  # nobody may not write here either way: read-only cases say so
        results: dict[str, dict] = {}
        for unprivileged in (False, True):
            spec = [
                {"id": c.id, "args": c.args, "cwd": str(folders[c.id]), "timeout": TIME_LIMIT}
                for c in cases
                if c.unprivileged == unprivileged
            ]
            if spec:
                results.update(_drive(spec, tmp / f"run-{unprivileged}", unprivileged))
        return results, folders
    finally:
        for folder, dirs, _ in os.walk(base):
            for name in dirs:
                os.chmod(os.path.join(folder, name), 0o755)
        shutil.rmtree(base, ignore_errors=True)


def _drive(spec: list[dict], tmp: Path, unprivileged: bool) -> dict[str, dict]:
    """Run the cases in one driver. Unprivileged: root keeps its uid but loses the power to
    read past file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), as any user would."""
    tmp.mkdir()
    (tmp / "cases.json").write_text(json.dumps(spec), encoding="utf-8")
    prefix: list[str] = []
    if unprivileged and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            if os.environ.get("CI") == "true":
                pytest.fail("setpriv (util-linux) is needed to test unreadable input as root")
            pytest.skip("setpriv is absent: unreadable input cannot be tested as root")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]
    subprocess.run(
        [*prefix, sys.executable, str(DRIVER), str(tmp / "cases.json"), str(tmp / "results.json")],
        cwd=ROOT,
        check=True,
        timeout=900,
        env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1780000000"},
    )
    return json.loads((tmp / "results.json").read_text(encoding="utf-8"))


def broken(case: Case, result: dict) -> str | None:
    """Why `result` breaks the promise for `case`, or None."""
    stderr = result["stderr"]
    lines = stderr.strip().splitlines()
    problems = []
    if result["code"] not in case.codes:
        problems.append(f"exit {result['code']}, not {case.codes}")
    if "Traceback" in stderr or "─────" in stderr:
        problems.append("a traceback")
    if case.codes == (2,):
        if len(lines) != 1 or not lines[0].startswith("paralign: error: "):
            problems.append(f"{len(lines)} stderr lines")
        if case.message and case.message not in stderr:
            problems.append(f"no {case.message!r} in the message")
        if result["changed"]:
            problems.append(f"changed {result['changed'][:3]}")
    if result["seconds"] > TIME_LIMIT or result["rss_mb"] > MEMORY_LIMIT_MB:
        problems.append(f"{result['seconds']} s, {result['rss_mb']} MB")
    if not problems:
        return None
    return f"{case.id} {' '.join(case.args)}: {'; '.join(problems)}: {stderr.strip()[:300]!r}"


@pytest.mark.parametrize("chunk", sorted(CHUNKS))
def test_every_hostile_case_keeps_the_promise(chunk: str, tmp_path: Path) -> None:
    cases = CHUNKS[chunk]
    results, _ = run_family(cases, tmp_path)
    failures = [f for c in cases if (f := broken(c, results[c.id]))]
    assert not failures, f"{len(failures)} of {len(cases)} cases:\n" + "\n".join(failures)


def test_the_catalogue_is_as_large_as_docs_say() -> None:
    total = sum(len(cases) for cases in ALL.values()) + len(STDOUT_CASES)
    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert f"{total} cases" in text


# Standard output that fails: a fresh interpreter each, as the shell starts it.
STDOUT_CASES = [
    (args, how)
    for args in (
        ["segment", "{dir}/ru.md", "--lang", "ru"],
        ["tmx", "export", "{dir}/tm.tmx"],
        ["tmx", "stats", "{dir}/tm.tmx"],
        ["align", "{dir}/ru.md", "{dir}/en.md"],
        ["check", "{dir}/tm.tmx", "--glossary", "{dir}/glossary.csv", "--no-baseline"],
        ["score", "{dir}/en.md", "{dir}/en.md"],
    )
    for how in ("full", "closed", "pipe")
]


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stdout")
    for name, data in good_files().items():
        (folder / name).write_bytes(data)
    # long enough that the reader of a pipe is gone before the writer is done
    (folder / "ru.md").write_text(RU * 400, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("args", "how"), STDOUT_CASES, ids=lambda v: str(v)[:40])
def test_failing_stdout_is_quiet_or_one_line(texts: Path, args: list[str], how: str) -> None:
    argv = [sys.executable, "-m", "paralign.cli", *(a.replace("{dir}", str(texts)) for a in args)]
    if how == "full":
        with open("/dev/full", "wb") as full:
            done = subprocess.run(argv, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
        assert "No space left" in done.stderr
    elif how == "closed":
        done = subprocess.run(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.close(1),
        )
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    else:
        shell = " ".join(f"'{a}'" for a in argv) + " | head -c 1 >/dev/null"
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "Traceback" not in done.stderr


def test_the_promise_holds_for_a_run_of_the_real_entry_point(tmp_path: Path) -> None:
    """The driver forks; one case through `python -m paralign.cli` keeps it honest."""
    (tmp_path / "taken").mkdir()
    (tmp_path / "ru.md").write_text(RU, encoding="utf-8")
    (tmp_path / "en.md").write_text(EN, encoding="utf-8")
    done = run_paralign("align", "ru.md", "en.md", "-o", "taken", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("paralign: error: taken: is a dir")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.md", "ru.md", "taken"]
