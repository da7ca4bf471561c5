"""`paralign segment` end to end: every format, with paralign's rules and with --rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from paralign.cli import app
from paralign.segment import rules_signature
from tests.conftest import ROOT, run_paralign
from tests.test_read_docx import make_docx

LT_SRX = ROOT.parent / "shared" / "standards" / "srx" / "languagetool_segment.srx"
EXPECTED = ["A title", "", "Dr. Smith came.", "He left."]


def paralign(*args: object) -> Any:
    """The command in this process (CliRunner): the same code path, without a start-up."""
    return CliRunner().invoke(app, [str(a) for a in args])


def write_all(folder: Path) -> dict[str, Path]:
    files = {
        "md": ("a.md", "# A title\n\nDr. Smith came. He left.\n"),
        "txt": ("a.txt", "A title\n\nDr. Smith came. He left.\n"),
        "html": ("a.html", "<h1>A title</h1><p>Dr. Smith came. He left.</p>"),
    }
    paths = {}
    for kind, (name, content) in files.items():
        paths[kind] = folder / name
        paths[kind].write_text(content, encoding="utf-8")
    import docx

    document = docx.Document()
    document.add_heading("A title", level=1)
    document.add_paragraph("Dr. Smith came. He left.")
    paths["docx"] = folder / "a.docx"
    document.save(str(paths["docx"]))
    return paths


@pytest.mark.parametrize("kind", ["md", "txt", "html", "docx"])
@pytest.mark.parametrize("rules", ["paralign", "languagetool"])
def test_every_format_with_either_rules(tmp_path: Path, kind: str, rules: str) -> None:
    if rules == "languagetool" and not LT_SRX.exists():
        pytest.skip("../shared/standards is not present")
    path = write_all(tmp_path)[kind]
    extra = ["--rules", LT_SRX] if rules == "languagetool" else []
    result = paralign("segment", path, "--lang", "en", *extra)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == EXPECTED


def test_input_format_option_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.dat"
    path.write_text("# A title\n\nDr. Smith came. He left.\n", encoding="utf-8")
    as_text = paralign("segment", path, "--lang", "en").stdout.splitlines()
    as_md = paralign("segment", path, "--lang", "en", "--input-format", "md").stdout.splitlines()
    assert as_text[0] == "# A title" and as_md == EXPECTED


def test_no_repair_and_line_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_text("It was a\n\nlong day. Then night.\n", encoding="utf-8")
    assert paralign("segment", path).stdout.splitlines() == ["It was a long day.", "Then night."]
    raw = paralign("segment", path, "--no-repair").stdout.splitlines()
    assert raw == ["It was a", "", "long day.", "Then night."]
    lines = tmp_path / "lines.txt"
    lines.write_text("Heading\nSecond line. Two.\n", encoding="utf-8")
    assert paralign("segment", lines).stdout.splitlines() == ["Heading Second line.", "Two."]
    assert paralign("segment", lines, "--line-paragraphs").stdout.splitlines() == [
        "Heading",
        "",
        "Second line.",
        "Two.",
    ]


def test_cp1251_text_is_segmented_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes("Это т. е. важно. Далее.\n".encode("cp1251"))
    result = run_paralign("segment", path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["Это т. е. важно.", "Далее."]
    assert "cp1251" in result.stderr and "win.txt" in result.stderr


def test_rules_signature_names_the_file_and_its_digest(tmp_path: Path) -> None:
    assert rules_signature().startswith("paralign.srx sha256:")
    copy = tmp_path / "mine.srx"
    copy.write_bytes((ROOT / "src/paralign/data/srx/paralign.srx").read_bytes() + b"\n")
    assert rules_signature(copy).split(":")[1] != rules_signature().split(":")[1]


def test_docx_helper_is_shared(tmp_path: Path) -> None:
    assert make_docx(tmp_path / "x.docx").exists()
