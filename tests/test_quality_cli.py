"""`paralign align --report` and `paralign tmx stats --report` print the quality report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paralign.cli import app
from tests.conftest import STEM, TEXTS

runner = CliRunner()
RU, EN = TEXTS / "ru" / f"{STEM}.md", TEXTS / "en" / f"{STEM}.md"


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("report") / "ots.tmx"
    result = runner.invoke(app, ["align", str(RU), str(EN), "-o", str(out), "--report"])
    assert result.exit_code == 0, result.output
    return out, result.stdout


def test_align_report_goes_to_stdout_beside_a_file(aligned: tuple[Path, str]) -> None:
    out, stdout = aligned
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    lines = stdout.splitlines()
    assert lines[0].startswith("alignment quality: 1 document(s), ")
    assert lines[1].startswith("signature: paralign:") and "|numbers:disjoint|" in lines[1]
    assert any(line.startswith("bead types: 1-1 ") for line in lines)
    assert "beads to review first: " in stdout


def test_align_report_goes_to_stderr_when_the_tmx_goes_to_stdout() -> None:
    result = runner.invoke(app, ["align", str(RU), str(EN), "--report"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<?xml") and "alignment quality" not in result.stdout
    assert "alignment quality: 1 document(s)" in result.stderr


def test_tmx_stats_report(aligned: tuple[Path, str]) -> None:
    out, _ = aligned
    result = runner.invoke(app, ["tmx", "stats", str(out), "--report"])
    assert result.exit_code == 0, result.output
    assert "alignment quality: 1 document(s)" in result.stdout
    assert "unaligned sentences: " in result.stdout
    result = runner.invoke(app, ["tmx", "stats", str(out), "--report", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["quality"]["signature"].startswith("paralign:")
    assert doc["quality"]["links"] == doc["translation_units"]
    plain = json.loads(runner.invoke(app, ["tmx", "stats", str(out), "--json"]).stdout)
    assert "quality" not in plain


def test_tmx_stats_report_parses_the_file_once(
    aligned: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stats and the report come from one parse, and equal what the two separate
    readers give (`tmx_stats`, `tmx_to_bitexts`)."""
    from paralign.tmx import read as tmx_read
    from paralign.tmx import tmx_stats, tmx_stats_and_bitexts, tmx_to_bitexts

    out, _ = aligned
    separate = tmx_stats(out), tmx_to_bitexts(out)
    opened: list[Path] = []
    real = tmx_read.iterparse

    def counted(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(path)  # the real parser runs: this only counts
        return real(path, *args, **kwargs)

    monkeypatch.setattr(tmx_read, "iterparse", counted)
    assert tmx_stats_and_bitexts(out) == separate
    assert opened == [out]


def test_stats_report_meets_a_late_third_language_as_every_reader_does(tmp_path: Path) -> None:
    """The languages come from the first TUs for the one-parse report too, so a German TU
    after the sample is the same one-line error, naming its line, as for the other views."""
    from paralign.model import ParalignError
    from paralign.tmx import tmx_stats_and_bitexts, tmx_to_bitexts

    tu = (
        '<tu><tuv xml:lang="ru"><seg>Саммит {n}.</seg></tuv>'
        '<tuv xml:lang="{t}"><seg>S {n}.</seg></tuv></tu>\n'
    )
    body = "".join(tu.format(n=n, t="en") for n in range(1001)) + tu.format(n=0, t="de")
    tmx = tmp_path / "late.tmx"
    tmx.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru"/>\n'
        f"<body>\n{body}</body></tmx>\n",
        encoding="utf-8",
    )
    messages = []
    for read in (tmx_to_bitexts, tmx_stats_and_bitexts):
        with pytest.raises(ParalignError) as raised:
            read(tmx)
        messages.append(str(raised.value))
    assert messages[0] == messages[1] and "has language 'de'" in messages[0]
