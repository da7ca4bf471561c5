"""Metrics and alignment-quality benchmarks on NTREX (../shared/data/align/ntrex-dev).

1. `paralign score` against the `sacrebleu` command on the same files: the scores must be
   identical (checked), and the wall time of each is measured in its own subprocess, runs
   alternating, median of --repeat runs (the two cores are shared; the load is printed).
   Reference: the English side of all NTREX documents, one line a segment; hypothesis: a
   revised copy (every third line edited: two words swapped, articles dropped, a word added).
2. Alignment quality without gold: how well the length-ratio z-scores and the numbers cue of
   `paralign.quality` find wrong pairings. On the gold alignments, the share of correct beads
   flagged is the false alarm rate; then in each document 5% of the 1-1 beads get the target
   of another random 1-1 bead (the typical error of an aligner gone astray), and we measure
   recall and precision of each flag, and the ROC AUC of |z| over all 1-1 beads.

    .venv/bin/python benchmarks/metrics.py
    .venv/bin/python benchmarks/metrics.py --repeat 3 --write-docs   # rewrite ## metrics
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from docs_section import machine, write_section

ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "data" / "align" / "ntrex-dev"
BIN = Path(sys.executable).parent


def revise(lines: list[str]) -> list[str]:
    out = []
    for i, line in enumerate(lines):
        words = line.split()
        if i % 3 == 0 and len(words) > 5:
            words[1], words[2] = words[2], words[1]
            words = [w for w in words if w.lower() not in {"the", "a", "an"}]
            words.insert(len(words) // 2, "indeed")
        out.append(" ".join(words))
    return out


def _timed(cmd: list[str]) -> tuple[float, int, str]:
    """Wall time, peak RSS in MB (of that child alone, via wait4) and stdout of a command."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise subprocess.CalledProcessError(process.returncode, cmd)
        out.seek(0)
        return elapsed, usage.ru_maxrss // 1024, out.read().decode("utf-8")


def speed(repeat: int) -> dict[str, object]:
    ref_lines = [
        line.rstrip()
        for path in sorted(NTREX.glob("*.en"))
        for line in path.read_text(encoding="utf-8").split("\n")[:-1]
    ]
    with tempfile.TemporaryDirectory() as tmp:
        ref, hyp = Path(tmp) / "ref.txt", Path(tmp) / "hyp.txt"
        ref.write_text("\n".join(ref_lines) + "\n", encoding="utf-8")
        hyp.write_text("\n".join(revise(ref_lines)) + "\n", encoding="utf-8")
        ours_cmd = [str(BIN / "paralign"), "score", str(hyp), str(ref), "--json"]
        ours_cmd += ["--metrics", "bleu,chrf,ter"]
        theirs_cmd = [
            str(BIN / "sacrebleu"),
            str(ref),
            "-i",
            str(hyp),
            "-m",
            "bleu",
            "chrf",
            "ter",
            "-w",
            "6",
            "-f",
            "text",
        ]
        times: dict[str, list[float]] = {"paralign": [], "sacrebleu": []}
        memory: dict[str, list[int]] = {"paralign": [], "sacrebleu": []}
        for _ in range(repeat):
            elapsed, rss, ours_out = _timed(ours_cmd)
            times["paralign"].append(elapsed)
            memory["paralign"].append(rss)
            elapsed, rss, theirs_out = _timed(theirs_cmd)
            times["sacrebleu"].append(elapsed)
            memory["sacrebleu"].append(rss)
    ours = json.loads(ours_out)["metrics"]
    theirs = dict(re.findall(r"^\s*(\S+?)\|\S+ = ([\d.]+)", theirs_out, re.M))
    for metric, name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        assert f"{ours[metric]['score']:.6f}" == theirs[name], (metric, ours, theirs)
    medians = {tool: statistics.median(t) for tool, t in times.items()}
    return {
        "segments": len(ref_lines),
        "words": sum(len(line.split()) for line in ref_lines),
        "scores": {m: round(v["score"], 4) for m, v in ours.items()},
        "median_s": {tool: round(t, 3) for tool, t in medians.items()},
        "ratio": round(medians["paralign"] / medians["sacrebleu"], 3),
        "peak_rss_mb": {tool: max(m) for tool, m in memory.items()},
        "repeat": repeat,
    }


def _documents() -> list[object]:
    from paralign.model import Bitext, Link, Sentence

    bitexts = []
    for align in sorted(NTREX.glob("*.ru-en.align")):
        stem = align.name.removesuffix(".ru-en.align")
        ru = (NTREX / f"{stem}.ru").read_text(encoding="utf-8").split("\n")[:-1]
        en = (NTREX / f"{stem}.en").read_text(encoding="utf-8").split("\n")[:-1]
        links = []
        for line in align.read_text(encoding="utf-8").splitlines():
            src, tgt = (tuple(int(n) for n in re.findall(r"\d+", s)) for s in line.split(":"))
            links.append(Link(src, tgt))
        bitexts.append(
            Bitext(
                stem, "ru", "en", tuple(map(Sentence, ru)), tuple(map(Sentence, en)), tuple(links)
            )
        )
    return bitexts


def _auc(positives: list[float], negatives: list[float]) -> float:
    """P(a wrong pairing has a larger |z| than a correct bead), ties counting half."""
    ranked = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        average_rank = (i + j + 1) / 2
        rank_sum += average_rank * sum(label for _, label in ranked[i:j])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def triage(seed: int = 7, share: float = 0.05) -> dict[str, object]:
    from dataclasses import replace

    from paralign.model import Link
    from paralign.quality import QualitySettings, length_z_scores, quality_report

    settings = QualitySettings(review=10**9)
    bitexts = _documents()
    start = time.perf_counter()
    clean_report = quality_report(bitexts, settings)
    report_s = time.perf_counter() - start
    clean_links = sum(1 for b in bitexts for link in b.links if link.src and link.tgt)

    rng = random.Random(seed)
    corrupted, wrong = [], set()
    for bitext in bitexts:
        one_one = [i for i, link in enumerate(bitext.links) if link.kind == "1-1"]
        k = max(1, round(share * len(one_one)))
        if len(one_one) < 4:
            corrupted.append(bitext)
            continue
        links = list(bitext.links)
        for i in rng.sample(one_one, k):
            other = rng.choice([j for j in one_one if abs(j - i) > 1])
            links[i] = Link(links[i].src, links[other].tgt)
            wrong.add((bitext.name, i))
        corrupted.append(replace(bitext, links=tuple(links)))
    positives, negatives = [], []
    for bitext in corrupted:
        for i, z in length_z_scores(bitext, settings)[1].items():
            if bitext.links[i].kind == "1-1":
                (positives if (bitext.name, i) in wrong else negatives).append(abs(z))
    report = quality_report(corrupted, settings)
    by_length = {(o.bead.document, o.bead.index) for o in report.outliers}
    by_numbers = {(m.bead.document, m.bead.index) for m in report.numbers}

    def recall_precision(flagged: set[tuple[str, int]]) -> dict[str, float]:
        hits = len(flagged & wrong)
        return {
            "flagged": len(flagged),
            "recall": round(hits / len(wrong), 3),
            "precision": round(hits / len(flagged), 3) if flagged else 0.0,
        }

    return {
        "documents": len(bitexts),
        "beads": clean_report.links,
        "report_ms": round(1000 * report_s, 1),
        "false_alarms_on_gold": {
            "length": round(len(clean_report.outliers) / clean_links, 4),
            "numbers": round(len(clean_report.numbers) / clean_links, 4),
        },
        "wrong_pairings": len(wrong),
        "length_z3": recall_precision(by_length),
        "numbers": recall_precision(by_numbers),
        "either": recall_precision(by_length | by_numbers),
        "both": recall_precision(by_length & by_numbers),
        "auc_abs_z": round(_auc(positives, negatives), 3),
    }


def _gold_beads(stem: str) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    beads = set()
    for line in (NTREX / f"{stem}.ru-en.align").read_text(encoding="utf-8").splitlines():
        src, tgt = (tuple(int(n) for n in re.findall(r"\d+", s)) for s in line.split(":"))
        beads.add((src, tgt))
    return beads


REASONS = (
    ("no translation", "source sentence with no translation"),
    ("no source", "target sentence with no source"),
    ("both sides", "several sentences on both sides"),
    ("numbers", "numbers differ"),
    ("length ratio", "length ratio, abs(z) ≥ 3"),
    ("confidence", "confidence < 0.9 (the default low_confidence)"),
)


def review_of_aligner() -> dict[str, Any]:
    """The review list on paralign's own alignment of NTREX: how many listed beads are wrong."""
    from paralign.align import align_corpus
    from paralign.corpus import ReadOptions, read_bitexts
    from paralign.quality import QualitySettings, quality_report

    pairs = [(p.stem, p, p.with_suffix(".en")) for p in sorted(NTREX.glob("*.ru"))]
    start = time.perf_counter()
    bitexts = align_corpus(read_bitexts(pairs, "ru", "en", ReadOptions(presegmented=True)))
    align_s = time.perf_counter() - start
    gold = {b.name: _gold_beads(b.name) for b in bitexts}
    wrong = {
        (b.name, i)
        for b in bitexts
        for i, link in enumerate(b.links)
        if (link.src, link.tgt) not in gold[b.name]
    }
    report = quality_report(bitexts, QualitySettings(review=10**9))
    listed = [(r.bead.document, r.bead.index) for r in report.review]
    per_reason = {}
    for key, label in REASONS:
        beads = {
            (r.bead.document, r.bead.index)
            for r in report.review
            if any(key in reason for reason in r.reasons)
        }
        per_reason[label] = {"listed": len(beads), "wrong": len(beads & wrong)}
    right_scores, wrong_scores = [], []
    for b in bitexts:
        for i, link in enumerate(b.links):
            (wrong_scores if (b.name, i) in wrong else right_scores).append(1 - link.score)
    return {
        "beads": report.links,
        "wrong": len(wrong),
        "auc_doubt": round(_auc(wrong_scores, right_scores), 3),
        "align_s": round(align_s, 1),
        "listed": len(listed),
        "listed_wrong": len(set(listed) & wrong),
        "wrong_in_top": {k: sum(b in wrong for b in listed[:k]) for k in (20, 50, len(wrong))},
        "per_reason": per_reason,
    }


FLAGS = (
    ("length_z3", "length ratio, abs(z) ≥ 3"),
    ("numbers", "numbers differ"),
    ("either", "either (both are review reasons)"),
    ("both", "both"),
)


def markdown(result: dict[str, Any]) -> str:
    s, t, load = result["speed"], result["triage"], result["load"]
    fa = t["false_alarms_on_gold"]
    a = result["aligner"]
    top, reasons = a["wrong_in_top"], a["per_reason"]
    return "\n".join(
        [
            "## metrics",
            "",
            f"Measured by `benchmarks/metrics.py` on NTREX dev (shared data); {load}.",
            "",
            f"**`paralign score` vs `sacrebleu`** (BLEU, chrF, TER; {s['segments']} segments, "
            f"{s['words']} reference words; scores identical to 6 decimals, checked: "
            f"{s['scores']}). Median of {s['repeat']} runs each, alternating, each a fresh "
            "process:",
            "",
            "| tool | median wall time (s) | peak RSS (MB) |",
            "| --- | --- | --- |",
            f"| paralign score | {s['median_s']['paralign']} | {s['peak_rss_mb']['paralign']} |",
            f"| sacrebleu | {s['median_s']['sacrebleu']} | {s['peak_rss_mb']['sacrebleu']} |",
            f"| ratio paralign/sacrebleu | {s['ratio']} | |",
            "",
            "Both run the same sacrebleu code on the same statistics; the difference in time is "
            "within the noise of the shared cores (single runs vary by ±20%).",
            "",
            f"**Alignment quality without gold** ({t['documents']} documents, {t['beads']} gold "
            f"beads; the report over all of them takes {t['report_ms']} ms). On the gold "
            f"alignment, correct two-sided beads flagged: length |z| ≥ 3 "
            f"{100 * fa['length']:.1f}%, numbers {100 * fa['numbers']:.1f}%. With "
            f"{t['wrong_pairings']} wrong pairings injected (5% of the 1-1 beads of each "
            f"document get another bead's target, seed 7), ROC AUC of |z| {t['auc_abs_z']}:",
            "",
            "| flag | beads flagged | recall | precision |",
            "| --- | --- | --- | --- |",
            *(
                f"| {label} | {t[key]['flagged']} | {t[key]['recall']} | {t[key]['precision']} |"
                for key, label in FLAGS
            ),
            "",
            f"**The review list on paralign's own alignment of NTREX** ({a['beads']} beads, "
            f"{a['wrong']} of them not in the gold, i.e. {100 * a['wrong'] / a['beads']:.1f}%; "
            f"aligning took {a['align_s']} s). The list holds {a['listed']} beads, "
            f"{a['listed_wrong']} of them wrong; wrong beads among its first 20: "
            f"{top[20]}, first 50: {top[50]}, first {a['wrong']}: {top[a['wrong']]}. ROC AUC of "
            f"the aligner's own doubt (1 - confidence) for wrong beads: {a['auc_doubt']}.",
            "",
            "| reason | beads listed with it | of them wrong |",
            "| --- | --- | --- |",
            *(f"| {label} | {v['listed']} | {v['wrong']} |" for label, v in reasons.items()),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if not NTREX.is_dir():
        sys.exit(f"{NTREX} is not present")
    result = {
        "load": machine(),
        "speed": speed(args.repeat),
        "triage": triage(),
        "aligner": review_of_aligner(),
    }
    print(json.dumps(result, indent=2))
    if args.write_docs:
        write_section("metrics", markdown(result))


if __name__ == "__main__":
    main()
