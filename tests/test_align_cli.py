"""`paralign align` and `paralign eval-align` on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paralign.align.beads import parse_beads
from paralign.align.evaluate import score_alignment
from paralign.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "texts" / "gold"
STEM = "2026-05-30-ots-summit-turkestan"
runner = CliRunner()

RU = [
    "Саммит ОТГ прошёл 15 мая 2026 г. в Туркестане.",
    "Его открыл К.-Ж. Токаев.",
    "Р. Т. Эрдоган выступил вторым.",
    "Темой встречи стал «Цифровой коридор».",
]
EN = [
    "The OTS summit took place in Turkestan on May 15, 2026.",
    "It was opened by K.-J. Tokayev, and R. T. Erdoğan spoke second.",
    "The meeting was devoted to the “Digital Corridor”.",
]


def write_pair(folder: Path, stem: str = "doc") -> tuple[Path, Path]:
    (folder / "ru").mkdir(parents=True, exist_ok=True)
    (folder / "en").mkdir(parents=True, exist_ok=True)
    src, tgt = folder / "ru" / f"{stem}.txt", folder / "en" / f"{stem}.txt"
    src.write_text("\n".join(RU) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(EN) + "\n", encoding="utf-8")
    return src, tgt


def test_align_presegmented_beads_to_stdout(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path)
    result = runner.invoke(app, ["align", "--presegmented", "--to", "beads", str(src), str(tgt)])
    assert result.exit_code == 0, result.output
    links = parse_beads(result.stdout)
    assert [(link.src, link.tgt) for link in links] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    assert all(":" in line.split("]:[")[1] for line in result.stdout.splitlines())


def test_align_folders_write_one_file_per_stem(tmp_path: Path) -> None:
    write_pair(tmp_path, "a")
    write_pair(tmp_path, "b")
    out = tmp_path / "out"
    for to in ("tsv", "jsonl", "beads"):
        result = runner.invoke(
            app,
            [
                "align",
                "--presegmented",
                "--to",
                to,
                str(tmp_path / "ru"),
                str(tmp_path / "en"),
                "-o",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in out.glob(f"*.{to}")) == [f"a.{to}", f"b.{to}"]
    rows = (out / "a.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == ["ru", "en", "score", "bead"]
    assert rows[2].split("\t")[:2] == [f"{RU[1]} {RU[2]}", EN[1]]
    record = json.loads((out / "b.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert record["document"] == "b" and record["src"] == [0] and record["tgt"] == [0]


def test_align_writes_tmx_with_scores(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path)
    out = tmp_path / "doc.tmx"
    result = runner.invoke(app, ["align", "--presegmented", str(src), str(tgt), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count("<tu ") == 3 and 'type="x-score"' in text
    assert 'type="x-align-beads"' in text


def test_align_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    src, _ = write_pair(tmp_path)
    result = runner.invoke(app, ["align", str(src), str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "missing.txt" in result.output and "Traceback" not in result.output
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "never.beads"
    result = runner.invoke(
        app, ["align", "--presegmented", "--to", "beads", str(src), str(empty), "-o", str(out)]
    )
    assert result.exit_code == 2 and not out.exists()


def test_eval_align_prints_the_library_figures(tmp_path: Path) -> None:
    assert (GOLD / f"{STEM}.ru-en.align").exists(), "texts/gold is shipped in the repository"
    gold_file = GOLD / f"{STEM}.ru-en.align"
    sents = [str(GOLD / f"{STEM}.ru.sents"), str(GOLD / f"{STEM}.en.sents")]
    aligned = runner.invoke(app, ["align", "--presegmented", "--to", "beads", *sents])
    assert aligned.exit_code == 0, aligned.output
    predicted = parse_beads(aligned.stdout)
    expected = score_alignment([(predicted, parse_beads(gold_file.read_text(encoding="utf-8")))])
    assert expected.f1_strict >= 0.97
    pred = tmp_path / "pred.beads"
    pred.write_text(aligned.stdout, encoding="utf-8")
    shown = runner.invoke(app, ["eval-align", str(pred), str(gold_file), "--json"])
    text = runner.invoke(app, ["eval-align", str(pred), str(gold_file)])
    assert shown.exit_code == 0, shown.output
    figures = json.loads(shown.stdout)
    assert figures["strict"]["f1"] == pytest.approx(expected.f1_strict, abs=1e-6)
    assert figures["lax"]["precision"] == pytest.approx(expected.precision_lax, abs=1e-6)
    assert f"F1 {expected.f1_strict:.4f}" in text.stdout.splitlines()[0]


def test_eval_align_folders_pair_by_stem(tmp_path: Path) -> None:
    pred, gold = tmp_path / "pred", tmp_path / "gold"
    pred.mkdir()
    gold.mkdir()
    (pred / "a.beads").write_text("[0]:[0]:0.9\n[1]:[1]:0.8\n", encoding="utf-8")
    (pred / "b.beads").write_text("[0]:[0,1]:0.5\n", encoding="utf-8")
    (gold / "a.ru-en.align").write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    (gold / "b.align").write_text("[0]:[0]\n[]:[1]\n", encoding="utf-8")
    result = runner.invoke(app, ["eval-align", str(pred), str(gold), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["strict"]["precision"] == pytest.approx(2 / 3)
    assert figures["strict"]["recall"] == pytest.approx(2 / 3)
    (gold / "c.align").write_text("[0]:[0]\n", encoding="utf-8")
    result = runner.invoke(app, ["eval-align", str(pred), str(gold)])
    assert result.exit_code == 2 and "c.align" in result.output


def test_eval_align_bad_bead_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.beads"
    bad.write_text("[0]:[0]\nnonsense\n", encoding="utf-8")
    result = runner.invoke(app, ["eval-align", str(bad), str(bad)])
    assert result.exit_code == 2
    assert "bad.beads: line 2" in result.output


def test_align_takes_a_glossary_and_a_dictionary(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path)
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("meeting @ встреча\n", encoding="utf-8")
    glossary = ROOT / "glossary" / "arvak.tbx"
    assert glossary.exists(), "glossary/arvak.tbx is shipped in the repository"
    out = tmp_path / "out.tmx"
    result = runner.invoke(
        app,
        [
            "align",
            "--presegmented",
            str(src),
            str(tgt),
            "-o",
            str(out),
            "--glossary",
            str(glossary),
            "--dictionary",
            str(dictionary),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert '<prop type="x-align-glossary">' in text
    assert "dict.txt" in text
    bad = tmp_path / "bad.txt"
    bad.write_text("no separator\n", encoding="utf-8")
    result = runner.invoke(
        app, ["align", "--presegmented", str(src), str(tgt), "--dictionary", str(bad)]
    )
    assert result.exit_code == 2 and "bad.txt: line 1" in result.output


def test_align_bead_types_are_configurable(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path)
    args = ["align", "--presegmented", "--to", "beads", str(src), str(tgt)]
    result = runner.invoke(app, [*args, "--beads", "0-1,1-0,1-1"])
    assert result.exit_code == 0, result.output
    assert {link.kind for link in parse_beads(result.stdout)} <= {"0-1", "1-0", "1-1"}
    assert runner.invoke(app, [*args, "--beads", "1-1"]).exit_code == 2
    assert runner.invoke(app, [*args, "--beads", "one"]).exit_code == 2


def test_align_embeddings_need_a_local_model(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path)
    args = ["align", "--presegmented", "--to", "beads", str(src), str(tgt)]
    result = runner.invoke(app, [*args, "--embeddings", str(tmp_path / "LaBSE")])
    assert result.exit_code == 2 and "LaBSE" in result.output and "folder" in result.output
