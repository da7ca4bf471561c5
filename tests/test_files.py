"""The disk edge: one-line errors for bad input, and outputs that never exist half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from paralign.config import load_config
from paralign.files import atomic_output, read_text
from paralign.model import ParalignError


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file (whitespace only)"),
        (b"abc\x00def", "binary file (NUL byte at offset 3)"),
        ("Текст".encode() + "ё".encode("cp1251"), "not UTF-8: invalid byte 0xb8 at offset 10"),
    ],
)
def test_bad_text_is_one_line_naming_file_and_problem(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    with pytest.raises(ParalignError) as error:
        read_text(path)
    assert str(error.value) == f"{path}: {message}"


def test_missing_and_directory_are_named(tmp_path: Path) -> None:
    with pytest.raises(ParalignError, match="no such file"):
        read_text(tmp_path / "nope.md")
    with pytest.raises(ParalignError, match="is a directory"):
        read_text(tmp_path)


def test_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffОТГ".encode())
    assert read_text(path) == "ОТГ"


def test_atomic_output_leaves_nothing_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "out" / "arvak.tmx"
    with pytest.raises(ParalignError), atomic_output(target) as out:
        out.write("<tmx>")
        raise ParalignError("half-way")
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_atomic_output_replaces_an_existing_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "arvak.csv"
    target.write_text("old", encoding="utf-8")
    with atomic_output(target) as out:
        out.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o044  # readable by others like any file we write


def test_config_is_found_upwards_and_paths_are_relative_to_its_root(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.paralign]\ntexts = "corpus"\nsrc-lang = "ru"\n'
        '[tool.paralign.check]\nfail-on = "warning"\n',
        encoding="utf-8",
    )
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    config = load_config(deep)
    assert config.root == tmp_path.resolve()
    assert config.path("texts", "texts") == tmp_path.resolve() / "corpus"
    assert config.get("src_lang") == "ru"
    assert config.section("check")["fail-on"] == "warning"
    assert config.relative(deep / "x.md") == "a/b/x.md"


def test_paralign_toml_wins_and_bad_toml_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.paralign]\ntexts = "a"\n', encoding="utf-8")
    (tmp_path / "paralign.toml").write_text('texts = "b"\n', encoding="utf-8")
    assert load_config(tmp_path).get("texts") == "b"
    (tmp_path / "paralign.toml").write_text("texts = \n", encoding="utf-8")
    with pytest.raises(ParalignError, match=r"paralign\.toml: cannot read configuration"):
        load_config(tmp_path)
