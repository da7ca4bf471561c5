"""A pathological sentence (a 2 MB paragraph with no break, one 2 MB word) costs what its
length costs (issue 12): real `paralign align` processes, peak memory compared with the same
documents without it. No timed assertion: a quadratic cost shows in memory, and the generous
subprocess timeout catches a run that never ends."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from paralign.align import lexicon
from paralign.align.pipeline import MAX_EVIDENCE_CHARS, evidence_text

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "texts" / "gold"
STEM = "2026-05-30-ots-summit-turkestan"
SIZE = 2_000_000

# Runs `paralign ARGS` as a child and prints its exit code and peak RSS (kB) as JSON.
_MEASURE = (
    "import json, resource, subprocess, sys\n"
    "run = subprocess.run([sys.executable, '-m', 'paralign.cli', *sys.argv[1:]],"
    " capture_output=True, text=True, timeout=600)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(json.dumps({'code': run.returncode, 'peak': peak, 'out': run.stdout,"
    " 'err': run.stderr}))\n"
)


def _measured(*args: object) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _sentences(lang: str) -> list[str]:
    return (GOLD / f"{STEM}.{lang}.sents").read_text(encoding="utf-8").splitlines()


def _giant_sentence(lines: list[str]) -> str:
    """A paragraph of real words and numbers, commas for full stops, SIZE characters long."""
    text = " ".join(line.rstrip(".!?…") for line in lines).replace(". ", ", ")
    return (text * (SIZE // len(text) + 1))[:SIZE]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _covered(beads: str) -> tuple[int, int]:
    src = tgt = 0
    for line in beads.splitlines():
        left, right = line.split(":")[:2]
        src += len([x for x in left.strip("[]").split(",") if x])
        tgt += len([x for x in right.strip("[]").split(",") if x])
    return src, tgt


@pytest.mark.parametrize("kind", ["sentence", "word"])
def test_a_pathological_sentence_costs_what_its_length_costs(tmp_path: Path, kind: str) -> None:
    ru, en = _sentences("ru"), _sentences("en")
    if kind == "sentence":
        giant_ru, giant_en = _giant_sentence(ru), _giant_sentence(en)
    else:
        giant_ru, giant_en = "ж" * (SIZE // 2), "x" * SIZE  # 2 MB each in UTF-8
    plain_ru, plain_en = _write(tmp_path / "a.ru", ru), _write(tmp_path / "a.en", en)
    half_ru, half_en = len(ru) // 2, len(en) // 2
    big_ru = _write(tmp_path / "b.ru", [*ru[:half_ru], giant_ru, *ru[half_ru:]])
    big_en = _write(tmp_path / "b.en", [*en[:half_en], giant_en, *en[half_en:]])
    baseline = _measured("align", "--presegmented", "--to", "beads", plain_ru, plain_en)
    giant = _measured("align", "--presegmented", "--to", "beads", big_ru, big_en)
    assert baseline["code"] == 0, baseline["err"]
    assert giant["code"] == 0, giant["err"]
    assert _covered(str(giant["out"])) == (len(ru) + 1, len(en) + 1)
    # 4 MB of input held a few times over, not its square: well under 300 MB more
    extra_mb = (int(giant["peak"]) - int(baseline["peak"])) / 1024  # type: ignore[call-overload]
    assert extra_mb < 300, f"{extra_mb:.0f} MB more than without the giant sentence"


def test_a_paragraph_without_a_break_through_the_segmenter(tmp_path: Path) -> None:
    ru, en = _sentences("ru"), _sentences("en")
    src = tmp_path / "giant.ru.txt"
    src.write_text("\n\n".join([*ru[:50], _giant_sentence(ru), *ru[50:]]) + "\n", "utf-8")
    tgt = tmp_path / "giant.en.txt"
    tgt.write_text("\n\n".join(en) + "\n", encoding="utf-8")
    plain = tmp_path / "plain.ru.txt"
    plain.write_text("\n\n".join(ru) + "\n", encoding="utf-8")
    baseline = _measured("align", "--to", "beads", plain, tgt)
    giant = _measured("align", "--to", "beads", src, tgt)
    assert giant["code"] == 0, giant["err"]
    extra_mb = (int(giant["peak"]) - int(baseline["peak"])) / 1024  # type: ignore[call-overload]
    assert extra_mb < 300, f"{extra_mb:.0f} MB more than without the giant paragraph"


def test_evidence_is_read_from_the_head_of_a_long_sentence() -> None:
    assert (
        evidence_text("ab" * MAX_EVIDENCE_CHARS) == ("ab" * MAX_EVIDENCE_CHARS)[:MAX_EVIDENCE_CHARS]
    )
    assert evidence_text("short") == "short"


def test_model1_leaves_out_beads_too_long_to_learn_from() -> None:
    long_side = np.arange(lexicon.MAX_BEAD_PIECES + 1, dtype=np.int64) % 50
    pairs = [(long_side, long_side + 50)] + [(np.array([1, 2]), np.array([60, 70]))] * 5
    table = lexicon.model1(pairs, 50, 120)
    # only the short pairs were learned from: piece 3 (only in the long bead) has no entry
    assert table.best(3) == []
    assert {t for t, _ in table.best(1)} <= {60, 70}
    assert table.best(1)
