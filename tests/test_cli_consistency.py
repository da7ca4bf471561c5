"""The command line as a user meets it: one meaning per option, help with examples, stdin,
explicit encodings; every case in a real process."""

from __future__ import annotations

import ast
import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import run_paralign

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "src" / "paralign" / "cli"


def test_no_cli_function_is_longer_than_60_lines() -> None:
    long = [
        f"{path.name}:{node.name} ({(node.end_lineno or 0) - node.lineno + 1} lines)"
        for path in sorted(CLI.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or 0) - node.lineno + 1 > 60
    ]
    assert long == []


RU = "Саммит прошёл в Туркестане. Лидеры подписали декларацию.\n\nВстреча будет в Баку.\n"
EN = (
    "The summit took place in Turkestan. The leaders signed a declaration.\n\n"
    "The meeting is in Baku.\n"
)
WIN = RU.encode("cp1251")


def _one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("paralign: error: "), done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


@pytest.mark.parametrize("command", ["segment", "align"])
def test_input_format_is_input_format_and_old_format_warns(command: str, tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_text("# Заголовок\n\nТекст здесь. И ещё.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("# Title\n\nText here. And more.\n", encoding="utf-8")
    files = ["ru.txt"] if command == "segment" else ["ru.txt", "en.txt", "--to", "tsv"]
    new = run_paralign(command, *files, "--input-format", "md", cwd=tmp_path)
    assert new.returncode == 0 and new.stderr == "", new.stderr
    assert "#" not in new.stdout  # read as Markdown: the heading mark is markup, not text
    old = run_paralign(command, *files, "--format", "md", cwd=tmp_path)
    assert old.returncode == 0 and old.stdout == new.stdout
    assert old.stderr.startswith(f"paralign: warning: {command} --format is deprecated")
    assert "--input-format md" in old.stderr
    both = run_paralign(command, *files, "--format", "md", "--input-format", "html", cwd=tmp_path)
    assert "give one" in _one_error_line(both)
    assert "not an input format" in _one_error_line(
        run_paralign(command, *files, "--format", "sarif", cwd=tmp_path)
    )


def test_the_deprecated_format_is_hidden_from_help() -> None:
    for command in ("segment", "align"):
        shown = run_paralign(command, "--help", env={"COLUMNS": "200"}).stdout
        assert "--input-format" in shown and "--encoding" in shown
        assert "--format " not in shown.replace("--input-format ", "")


def test_segment_reads_standard_input(tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    from_file = run_paralign("segment", "ru.txt", cwd=tmp_path)
    piped = run_paralign("segment", "-", cwd=tmp_path, stdin=RU)
    assert piped.returncode == 0 and piped.stdout == from_file.stdout
    assert piped.stdout.splitlines()[:2] == [
        "Саммит прошёл в Туркестане.",
        "Лидеры подписали декларацию.",
    ]
    md = run_paralign("segment", "-", "--input-format", "md", stdin="# Заголовок\n\nТекст.\n")
    assert md.returncode == 0 and md.stdout.splitlines()[0] == "Заголовок"
    assert _one_error_line(run_paralign("segment", "-", stdin="")).endswith("standard input: empty")
    docx = run_paralign("segment", "-", "--input-format", "docx", stdin=RU)
    assert "give its path" in _one_error_line(docx)


def test_cp1251_warning_says_how_to_refuse_it_and_encoding_decides(tmp_path: Path) -> None:
    (tmp_path / "win.txt").write_bytes(WIN)
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    guessed = run_paralign("segment", "win.txt", cwd=tmp_path)
    assert guessed.returncode == 0 and "Саммит" in guessed.stdout
    warning = guessed.stderr.strip()
    assert warning.startswith("paralign: warning: win.txt: not UTF-8; read as cp1251")
    assert "--encoding utf-8" in warning and len(guessed.stderr.splitlines()) == 1
    hushed = run_paralign("--quiet", "segment", "win.txt", cwd=tmp_path)
    assert hushed.stdout == guessed.stdout and hushed.stderr == ""
    chosen = run_paralign("segment", "win.txt", "--encoding", "cp1251", cwd=tmp_path)
    assert chosen.stdout == guessed.stdout and chosen.stderr == ""
    refused = run_paralign("segment", "win.txt", "--encoding", "utf-8", cwd=tmp_path)
    assert "win.txt: not UTF-8" in _one_error_line(refused)
    args = ("align", "win.txt", "en.txt", "--to", "tsv")
    aligned = run_paralign(*args, cwd=tmp_path)
    assert aligned.returncode == 0 and "--encoding utf-8" in aligned.stderr
    assert run_paralign(*args, "--encoding", "cp1251", cwd=tmp_path).stderr == ""
    assert run_paralign(*args, "--encoding", "cp1251", cwd=tmp_path).stdout == aligned.stdout
    _one_error_line(run_paralign(*args, "--encoding", "utf-8", cwd=tmp_path))
    # cp1251 leaves the byte 0x98 undefined: an explicit choice is still checked
    (tmp_path / "bad.txt").write_bytes("Лидеры ".encode("cp1251") + b"\x98")
    bad = run_paralign("segment", "bad.txt", "--encoding", "cp1251", cwd=tmp_path)
    assert "not cp1251: undefined byte 0x98" in _one_error_line(bad)


def test_score_reads_standard_input_for_one_file(tmp_path: Path) -> None:
    (tmp_path / "hyp.txt").write_text("The summit took place.\nLeaders met.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("The summit was held.\nLeaders met.\n", encoding="utf-8")
    hyp = (tmp_path / "hyp.txt").read_text(encoding="utf-8")
    from_file = run_paralign("score", "hyp.txt", "ref.txt", "--json", cwd=tmp_path)
    piped = run_paralign("score", "-", "ref.txt", "--json", cwd=tmp_path, stdin=hyp)
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["metrics"] == json.loads(from_file.stdout)["metrics"]
    ref = (tmp_path / "ref.txt").read_text(encoding="utf-8")
    as_ref = run_paralign("score", "hyp.txt", "-", "--json", cwd=tmp_path, stdin=ref)
    assert json.loads(as_ref.stdout)["metrics"] == json.loads(from_file.stdout)["metrics"]
    twice = run_paralign("score", "-", "-", cwd=tmp_path, stdin=hyp)
    assert "one file only" in _one_error_line(twice)
    assert _one_error_line(run_paralign("score", "-", "ref.txt", cwd=tmp_path, stdin="")).endswith(
        "standard input: empty"
    )


def _corpus(root: Path) -> None:
    for lang, text in (("ru", "Лидеры подписали декларацию о коридоре.\n"), ("en", EN)):
        (root / "c" / lang).mkdir(parents=True)
        (root / "c" / lang / "a.md").write_text(text, encoding="utf-8")
    (root / "g.csv").write_text("id,en,ru\nc1,corridor,коридор\n", encoding="utf-8")
    (root / "ci.toml").write_text('[check]\nglossary = "g.csv"\nfail-on = "never"\n', "utf-8")


def test_config_is_accepted_before_and_after_the_command(tmp_path: Path) -> None:
    _corpus(tmp_path)
    before = run_paralign("--config", "ci.toml", "check", "c", "--format", "json", cwd=tmp_path)
    assert before.returncode == 0, before.stderr  # fail-on never: the config was read
    rules = {finding["rule"] for finding in json.loads(before.stdout)["findings"]}
    assert "term-missing" in rules
    for after in (["--config", "ci.toml"], ["--config=ci.toml"]):
        done = run_paralign("check", "c", "--format", "json", *after, cwd=tmp_path)
        assert done.returncode == 0 and done.stdout == before.stdout, done.stderr
    missing = run_paralign("check", "c", "--config", "nope.toml", cwd=tmp_path)
    assert "nope.toml" in _one_error_line(missing)
    assert "--config FILE" in _one_error_line(run_paralign("check", "c", "--config", cwd=tmp_path))
    # without the configuration there is no glossary: the option really was what counted
    assert "no glossary configured" in _one_error_line(run_paralign("check", "c", cwd=tmp_path))


def test_check_writes_its_report_with_o(tmp_path: Path) -> None:
    _corpus(tmp_path)
    long = run_paralign("--config", "ci.toml", "check", "c", "--output", "a.txt", cwd=tmp_path)
    short = run_paralign("--config", "ci.toml", "check", "c", "-o", "b.txt", cwd=tmp_path)
    assert short.returncode == long.returncode == 0, short.stderr
    assert short.stdout == long.stdout and "finding" in short.stdout
    report = (tmp_path / "b.txt").read_text(encoding="utf-8")
    assert report == (tmp_path / "a.txt").read_text(encoding="utf-8") and "term-missing" in report
    assert "is a directory" in _one_error_line(
        run_paralign("--config", "ci.toml", "check", "c", "-o", "c", cwd=tmp_path)
    )


def test_a_bad_root_option_is_one_line() -> None:
    assert "--bogus" in _one_error_line(run_paralign("--bogus"))


def test_a_finding_names_its_sentences_line_and_junit_fails_only_at_fail_on(
    tmp_path: Path,
) -> None:
    # one paragraph over two lines: the finding is in the second sentence, on line 2
    for lang, text in (
        ("ru", "Первое предложение здесь.\nЛидеры подписали декларацию о коридоре.\n"),
        ("en", "The first sentence is here.\nThe leaders signed a declaration on the way.\n"),
    ):
        (tmp_path / "c" / lang).mkdir(parents=True)
        (tmp_path / "c" / lang / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "g.csv").write_text("id,en,ru\nc1,corridor,коридор\n", encoding="utf-8")
    args = ("check", "c", "--glossary", "g.csv", "--no-baseline")
    done = run_paralign(*args, "--format", "json", "--fail-on", "never", cwd=tmp_path)
    (finding,) = json.loads(done.stdout)["findings"]
    assert finding["rule"] == "term-missing" and finding["severity"] == "warning"
    assert finding["location"] == {"file": "c/en/a.md", "line": 2, "tu": ""}
    assert "  2: warning [term-missing]" in run_paralign(*args, cwd=tmp_path).stdout
    for fail_on, failing, code in (("error", [], 0), ("warning", ["term-missing"], 1)):
        junit = run_paralign(*args, "--format", "junit", "--fail-on", fail_on, cwd=tmp_path)
        assert junit.returncode == code, junit.stderr
        suites = ElementTree.fromstring(junit.stdout)
        cases = [c for c in suites.iter("testcase") if c.find("failure") is not None]
        assert [c.get("classname") for c in cases] == failing
        assert suites.get("failures") == str(len(failing))
        assert "c/en/a.md:2: " in junit.stdout  # below --fail-on it is output, not a failure


def test_tmx_validate_reports_a_repeated_problem_once(tmp_path: Path) -> None:
    units = "".join(
        f'<tu><tuv xml:lang="ru"><seg>Привет номер {i}.</seg></tuv>'
        f'<tuv xml:lang="en_GB"><seg>Hello number {i}.</seg></tuv></tu>\n'
        for i in range(97)
    )
    (tmp_path / "bad.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ru" '
        f'datatype="plaintext"/><body>\n{units}</body></tmx>\n',
        encoding="utf-8",
    )
    done = run_paralign("tmx", "validate", "bad.tmx", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "bad.tmx:3: language 'en_GB' is not a BCP 47 code (97 times, lines 3–99)"
    ]
    assert done.stderr == "bad.tmx: 97 problem(s), 1 distinct: not valid TMX 1.4b\n"


def _commands() -> list[list[str]]:
    """Every command's path (`tmx validate` …), read from the app as the CLI builds it."""
    import typer.main

    from paralign.cli import app

    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            if getattr(sub, "commands", None):
                walk(sub, [*path, name])
            else:
                found.append([*path, name])

    walk(typer.main.get_command(app), [])
    return found


def test_every_command_has_an_example_and_readable_help() -> None:
    commands = _commands()
    assert len(commands) >= 18 and ["tmx", "validate"] in commands
    for path in commands:
        shown = run_paralign(*path, "--help", env={"COLUMNS": "100"})
        assert shown.returncode == 0, (path, shown.stderr)
        example = shown.stdout.split("Example", 1)[-1]
        assert "Example" in shown.stdout and f"paralign {' '.join(path)}" in example, path
        assert "\\[" not in shown.stdout and "╭" not in shown.stdout, path
    # what rich markup used to eat, and the defaults that come from the configuration
    assert "paralign[dask]" in run_paralign("align", "--help").stdout
    assert "[tool.paralign] names" in run_paralign("run", "--help", env={"COLUMNS": "200"}).stdout
    check = " ".join(run_paralign("check", "--help").stdout.split())
    assert "Default: config fail-on, else error." in check and "-o, --output" in check
    align = " ".join(run_paralign("align", "--help").stdout.split())
    assert "default: config src-lang, else ru" in align and "[default: auto]" in align


def test_check_takes_the_same_encoding_choice(tmp_path: Path) -> None:
    for lang, data in (("ru", WIN), ("en", EN.encode())):
        (tmp_path / "c" / lang).mkdir(parents=True)
        (tmp_path / "c" / lang / "a.txt").write_bytes(data)
    (tmp_path / "g.csv").write_text("id,en,ru\nc1,summit,саммит\n", encoding="utf-8")
    args = ("check", "c", "--glossary", "g.csv", "--fail-on", "never")
    guessed = run_paralign(*args, cwd=tmp_path)
    assert guessed.returncode == 0 and "--encoding utf-8 refuses" in guessed.stderr
    chosen = run_paralign(*args, "--encoding", "cp1251", cwd=tmp_path)
    assert chosen.returncode == 0 and chosen.stderr == "" and chosen.stdout == guessed.stdout
    refused = run_paralign(*args, "--encoding", "utf-8", cwd=tmp_path)
    assert "c/ru/a.txt: not UTF-8" in _one_error_line(refused)


def test_align_refuses_swapped_files_naming_side_and_languages(tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    line = _one_error_line(run_paralign("align", "en.txt", "ru.txt", "-o", "x.tmx", cwd=tmp_path))
    assert line.startswith("paralign: error: en.txt: the source is declared ru")
    assert "Latin" in line and "--force-languages" in line
    assert not (tmp_path / "x.tmx").exists()
    assert run_paralign("align", "ru.txt", "en.txt", "-o", "x.tmx", cwd=tmp_path).returncode == 0


def test_format_json_is_what_json_prints_in_stats_score_and_eval_align(tmp_path: Path) -> None:
    """--format means what is printed everywhere; --json stays as its short form."""
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    assert run_paralign("align", "ru.txt", "en.txt", "-o", "a.tmx", cwd=tmp_path).returncode == 0
    beads = run_paralign("align", "ru.txt", "en.txt", "--to", "beads", cwd=tmp_path)
    (tmp_path / "a.beads").write_text(beads.stdout, encoding="utf-8")
    for command in (
        ["tmx", "stats", "a.tmx"],
        ["score", "en.txt", "en.txt"],
        ["eval-align", "a.beads", "a.beads"],
    ):
        long = run_paralign(*command, "--format", "json", cwd=tmp_path)
        short = run_paralign(*command, "--json", cwd=tmp_path)
        text = run_paralign(*command, cwd=tmp_path)
        assert long.returncode == 0 and long.stdout == short.stdout, (command, long.stderr)
        assert json.loads(long.stdout) and not text.stdout.lstrip().startswith("{")
