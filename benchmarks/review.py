"""Review benchmarks: is the confidence a reviewer's guide, and does the page scale?

1. Calibration across sets. paralign's confidence is a logistic model over four features of each
   bead (margin over its rivals, cosine, empty side, extra sentences). Its shipped weights were
   fitted on ntrex-dev and textberg-dev together, so they say nothing about unseen data. Here the
   same model is fitted on one set and tested on the other, both ways: the threshold is chosen on
   the fitting set so that at most 10% of its beads fall below it (a reviewer's budget), then on
   the test set we count the share of beads under it (the reviewer's load), the share of wrong
   beads under it (recall: a bead is wrong when it is not a gold bead) and the share of flagged
   beads that are wrong (precision). The shipped confidence at the default threshold 0.9 is
   shown beside it (in-sample: its weights saw both sets).
   The features are read off the aligner's passes by wrapping its `_links` step (a benchmark
   looking inside, not a change to it).
2. The page on 10,000 beads (ntrex-dev documents repeated): file size, and the time chromium
   takes from navigation to the page's ready flag, median of --repeat loads.

    .venv/bin/python benchmarks/review.py                 # print
    .venv/bin/python benchmarks/review.py --write-docs    # rewrite ## review in docs
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from docs_section import machine, write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from align import arvak_markdown, ntrex, textberg, to_gold_lines  # noqa: E402
from paralign.align import align_corpus  # noqa: E402
from paralign.model import Bitext, Link  # noqa: E402

BUDGET = 0.10
GOAL_RECALL = 0.80


def aligned_features(bitexts: list[Bitext]) -> tuple[list[Bitext], list[np.ndarray]]:
    """Align with the default options; keep each document's final bead features."""
    import paralign.align.pipeline as pipeline

    captured: list[np.ndarray] = []
    links_of = pipeline._links

    def keep(alignment):  # type: ignore[no-untyped-def]
        captured.append(alignment.features.copy())
        return links_of(alignment)

    pipeline._links = keep
    try:
        aligned = align_corpus(bitexts)
    finally:
        pipeline._links = links_of
    return aligned, captured


def labelled(name: str, loader) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    bitexts, gold = loader()
    aligned, features = aligned_features(bitexts)
    xs, ys, scores = [], [], []
    tune: list[bool] = []
    for number, (bitext, feats, reference) in enumerate(zip(aligned, features, gold, strict=True)):
        truth = {(k.src, k.tgt) for k in reference}
        xs.append(feats)
        ys += [(k.src, k.tgt) in truth for k in bitext.links]
        scores += [k.score for k in bitext.links]
        tune += tune_part(name, number, bitext.links, reference)
    x = np.vstack(xs)
    cues = np.vstack([review_cues(b) for b in aligned])
    swallowed = swallowed_figures(aligned, gold)
    return {
        "name": name,
        "x": np.hstack((x, np.ones((len(x), 1)))),
        "cues": np.hstack((x, cues, np.ones((len(x), 1)))),
        "right": np.array(ys, dtype=float),
        "shipped": np.array(scores),
        "tune": np.array(tune),
        "swallowed": swallowed,  # type: ignore[dict-item]
    }


def tune_part(
    name: str, number: int, links: tuple[Link, ...], gold: tuple[Link, ...]
) -> list[bool]:
    """Per bead, whether it is in the tune part (A) of its dev set, the split benchmarks/align.py
    uses: ntrex-dev's even documents in name order, textberg-dev's beads before its middle
    gold bead (by their first sentence)."""
    if name.startswith("ntrex"):
        return [number % 2 == 0] * len(links)
    k = len(gold) // 2
    while not (gold[k].src and gold[k].tgt):
        k += 1
    cut_src, cut_tgt = gold[k].src[0], gold[k].tgt[0]
    return [link.src[0] < cut_src if link.src else link.tgt[0] < cut_tgt for link in links]


def swallowed_figures(aligned: list[Bitext], gold: list[tuple[Link, ...]]) -> dict[str, int]:
    """What the possible-omission/addition flag does with the gold's empty-side beads: left
    unaligned by the aligner, flagged inside a merge, or missed; and its flags on wrong and on
    right beads."""
    from paralign.review.evidence import sentence_anchors
    from paralign.review.omission import swallowed_sentences

    out = {"gold empty": 0, "unaligned": 0, "flagged": 0, "missed": 0, "on wrong": 0, "on right": 0}
    for bitext, reference in zip(aligned, gold, strict=True):
        truth = {(k.src, k.tgt) for k in reference}
        flags = swallowed_sentences(bitext, *sentence_anchors(bitext))
        flagged = {(f.side, f.sentence) for f in flags}
        for flag in flags:
            link = bitext.links[flag.link]
            out["on right" if (link.src, link.tgt) in truth else "on wrong"] += 1
        alone = {("source", k.src) for k in bitext.links if not k.tgt}
        alone |= {("target", k.tgt) for k in bitext.links if not k.src}
        for bead in reference:
            if bead.src and bead.tgt:
                continue
            side, ids = ("source", bead.src) if bead.src else ("target", bead.tgt)
            out["gold empty"] += 1
            if (side, ids) in alone:
                out["unaligned"] += 1
            elif all((side, i) in flagged for i in ids):
                out["flagged"] += 1
            else:
                out["missed"] += 1
    return out


def review_cues(bitext: Bitext) -> np.ndarray:
    """Per bead, what the review page also shows: the weaker neighbour's confidence (errors
    come in runs: one wrong bead pushes its neighbour off), the length-ratio |z|, numbers that
    differ, and a sentence the merge may have swallowed."""
    from paralign.quality import QualitySettings, length_z_scores, number_mismatches
    from paralign.review.evidence import sentence_anchors
    from paralign.review.omission import swallowed_sentences

    links = bitext.links
    scores = np.array([k.score for k in links])
    padded = np.concatenate(([1.0], scores, [1.0]))
    neighbour = np.minimum(padded[:-2], padded[2:])
    _, z = length_z_scores(bitext, QualitySettings())
    length = np.array([min(abs(z.get(i, 0.0)), 10.0) for i in range(len(links))])
    numbers = np.zeros(len(links))
    numbers[[m.bead.index for m in number_mismatches(bitext)]] = 1.0
    swallowed = np.zeros(len(links))
    swallowed[[f.link for f in swallowed_sentences(bitext, *sentence_anchors(bitext))]] = 1.0
    return np.column_stack((neighbour, length, numbers, swallowed))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> np.ndarray:
    """Newton's method (IRLS) for P(right | features); a little L2 keeps it finite."""
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (y - p) - l2 * w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + l2 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    return w


def confidence(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ w)))


def budget_threshold(scores: np.ndarray, budget: float = BUDGET) -> float:
    """The largest threshold that puts at most `budget` of the beads strictly below it."""
    ordered = np.sort(scores)
    allowed = int(np.floor(budget * len(ordered)))
    return float(ordered[allowed]) if allowed < len(ordered) else float(ordered[-1]) + 1e-9


def flag_figures(scores: np.ndarray, right: np.ndarray, threshold: float) -> dict[str, float]:
    flagged = scores < threshold
    wrong = right == 0
    hits = int((flagged & wrong).sum())
    return {
        "threshold": threshold,
        "beads": len(scores),
        "wrong": int(wrong.sum()),
        "flagged": int(flagged.sum()),
        "load": float(flagged.mean()),
        "recall": hits / wrong.sum() if wrong.sum() else 1.0,
        "precision": hits / flagged.sum() if flagged.sum() else 0.0,
    }


def calibration_rows(sets: list[dict[str, np.ndarray]]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for features, label in (("x", "aligner features"), ("cues", "aligner features + cues")):
        for fit in sets:
            w = fit_logistic(fit[features], fit["right"])
            threshold = budget_threshold(confidence(fit[features], w))
            for test in sets:
                scores = confidence(test[features], w)
                rows.append(
                    {
                        "model": f"{label}, fitted on {fit['name']}",
                        "test": test["name"],
                        "held out": test is not fit,
                        **flag_figures(scores, test["right"], threshold),
                    }
                )
                if test is not fit:  # the budget as a rank: the lowest 10% of the test set
                    rows.append(
                        {
                            "model": f"{label}, fitted on {fit['name']}, lowest 10%",
                            "test": test["name"],
                            "held out": True,
                            **flag_figures(scores, test["right"], budget_threshold(scores)),
                        }
                    )
    for test in sets:
        rows.append(
            {
                "model": "shipped weights, threshold 0.9",
                "test": test["name"],
                "held out": False,
                **flag_figures(test["shipped"], test["right"], 0.9),
            }
        )
    return rows


# ------------------------------------------------------------------------------ reliability

BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0)


def reliability(scores: np.ndarray, right: np.ndarray) -> list[tuple[int, float, float]]:
    """Per confidence bin of BINS (the last one closed): beads, mean confidence, share right."""
    out = []
    for low, high in itertools.pairwise(BINS):
        inside = (scores >= low) & ((scores < high) if high < 1.0 else (scores <= high))
        n = int(inside.sum())
        out.append(
            (
                n,
                float(scores[inside].mean()) if n else 0.0,
                float(right[inside].mean()) if n else 0.0,
            )
        )
    return out


def calibration_error(scores: np.ndarray, right: np.ndarray) -> float:
    """Expected calibration error over BINS: the beads' mean |confidence - share right|."""
    bins = reliability(scores, right)
    return sum(n * abs(conf - share) for n, conf, share in bins) / max(len(scores), 1)


def arvak_set() -> dict[str, object]:
    """The shipped corpus as a user aligns it (raw Markdown, paralign's segmenter) against the
    ARVAK gold; never used to fit the confidence. With the bead that swallowed «Подчеркнём: …»
    (gold [96]:[]) and whether the review list and the page flag it."""
    from paralign.quality import QualitySettings, quality_report
    from paralign.review.evidence import sentence_anchors
    from paralign.review.omission import swallowed_sentences

    bitexts, gold = arvak_markdown()
    (aligned,) = align_corpus(bitexts)
    links = to_gold_lines(aligned)
    truth = {(k.src, k.tgt) for k in gold[0]}
    index = next(i for i, k in enumerate(aligned.links) if 96 in k.src)
    flags = swallowed_sentences(aligned, *sentence_anchors(aligned))
    flagged = {(aligned.name, f.link): f.what for f in flags}
    report = quality_report([aligned], QualitySettings(review=10**9), flagged)
    listed = [r for r in report.review if r.bead.index == index]
    return {
        "name": "ARVAK (shipped corpus)",
        "scores": np.array([k.score for k in links]),
        "right": np.array([(k.src, k.tgt) in truth for k in links], dtype=float),
        "case": aligned.links[index],
        "case flag": flagged.get((aligned.name, index), "none"),
        "case reasons": listed[0].reasons if listed else (),
    }


def reliability_parts(sets: list[dict[str, np.ndarray]]) -> list[dict[str, object]]:
    """The shipped confidence on each part, and a Platt rescaling (a, b on its logit) fitted on
    the tune parts of both dev sets together, on every part."""
    parts: list[dict[str, object]] = []
    for each in sets:
        for label, keep in (("A", each["tune"]), ("B", ~each["tune"])):
            parts.append(
                {
                    "name": f"{each['name']} {label}",
                    "scores": each["shipped"][keep],
                    "right": each["right"][keep],
                }
            )
    arvak = arvak_set()
    parts.append({**arvak, "name": "ARVAK"})

    def logit(x: np.ndarray) -> np.ndarray:
        x = np.clip(x, 1e-6, 1 - 1e-6)
        return np.column_stack((np.log(x / (1 - x)), np.ones(len(x))))

    tune_scores = np.concatenate([e["shipped"][e["tune"]] for e in sets])
    tune_right = np.concatenate([e["right"][e["tune"]] for e in sets])
    pooled = fit_logistic(logit(tune_scores), tune_right)
    own = {
        e["name"]: fit_logistic(logit(e["shipped"][e["tune"]]), e["right"][e["tune"]]) for e in sets
    }
    for part in parts:
        scores, right = part["scores"], part["right"]
        assert isinstance(scores, np.ndarray) and isinstance(right, np.ndarray)
        part["bins"] = reliability(scores, right)
        part["ece"] = calibration_error(scores, right)
        part["ece pooled"] = calibration_error(confidence(logit(scores), pooled), right)
        mine = own.get(str(part["name"]).split()[0])
        part["ece own"] = (
            None if mine is None else calibration_error(confidence(logit(scores), mine), right)
        )
    parts[0]["pooled"] = pooled
    return parts


def render_reliability(parts: list[dict[str, object]]) -> list[str]:
    """The reliability table of the shipped confidence, the rescalings' errors, the ARVAK case."""
    out = [
        "",
        "### Is the confidence calibrated? (reliability per confidence bin)",
        "",
        "Each cell: the share of the bin's beads that are gold beads (strict), the bin's mean "
        "confidence and its number of beads. A calibrated confidence has the two equal. The "
        "shipped weights were fitted on both dev sets whole, so their parts A and B are both in "
        "sample for them; the ARVAK pair (the shipped corpus, read from its Markdown and "
        "segmented by paralign, mapped to the gold's sentences) was never fitted on. Parts as in "
        "benchmarks/align.py: ntrex-dev's even documents (A) and odd ones (B), textberg-dev "
        "before (A) and after (B) its middle gold bead.",
        "",
        "| confidence | " + " | ".join(str(p["name"]) for p in parts) + " |",
        "| --- |" + " ---: |" * len(parts),
    ]
    for k, (low, high) in enumerate(itertools.pairwise(BINS)):
        cells = []
        for part in parts:
            n, conf, share = part["bins"][k]  # type: ignore[index]
            cells.append(f"{share:.1%} ({conf:.3f}, {n})" if n else "—")
        close = "]" if high == 1.0 else ")"
        out.append(f"| [{low:.2f}, {high:.2f}{close} | " + " | ".join(cells) + " |")
    out.append(
        "| wrong beads / beads | "
        + " | ".join(
            f"{int((p['right'] == 0).sum())} / {len(p['right'])}"  # type: ignore[union-attr,arg-type]
            for p in parts
        )
        + " |"
    )
    out.append(
        "| calibration error, shipped | "
        + " | ".join(f"{float(p['ece']):.3f}" for p in parts)  # type: ignore[arg-type]
        + " |"
    )
    out.append(
        "| rescaled on both A parts | "
        + " | ".join(f"{float(p['ece pooled']):.3f}" for p in parts)  # type: ignore[arg-type]
        + " |"
    )
    out.append(
        "| rescaled on its own A part | "
        + " | ".join("—" if p["ece own"] is None else f"{float(p['ece own']):.3f}" for p in parts)  # type: ignore[arg-type]
        + " |"
    )
    arvak = parts[-1]
    case = arvak["case"]
    assert isinstance(case, Link)
    reasons = "; ".join(arvak["case reasons"]) or "not listed"  # type: ignore[arg-type]
    out += [
        "",
        "Calibration error: the beads' mean |confidence − share right| over the bins. The "
        "rescaling is Platt's (a logistic fit on the confidence's logit), fitted on the A parts "
        "and applied to every part: in sample on the A parts, held out on the B parts and ARVAK.",
        "",
        f"The swallowed sentence of the shipped corpus (gold `[96]:[]`): paralign makes the bead "
        f"`[{','.join(map(str, case.src))}]:[{','.join(map(str, case.tgt))}]` with confidence "
        f"{case.score:.4f}, at or above the default threshold 0.9; the swallowed-sentence flag "
        f"marks it ({arvak['case flag']}), and `align --report` lists it among the beads to "
        f"review ({reasons}).",
    ]
    return out


# ------------------------------------------------------------------------------ page scale


def big_corpus(beads: int = 10_000) -> list[Bitext]:
    """ntrex-dev documents aligned once, repeated under new names to `beads` beads."""
    bitexts, _ = ntrex()
    aligned = align_corpus(bitexts)
    out: list[Bitext] = []
    total, rounds = 0, 0
    while total < beads:
        for bitext in aligned:
            if total >= beads:
                break
            links = bitext.links[: beads - total]
            out.append(replace(bitext, name=f"{bitext.name}-{rounds}", links=links))
            total += len(links)
        rounds += 1
    return [_trim(b) for b in out]


def _trim(bitext: Bitext) -> Bitext:
    """A cut document keeps only the sentences its beads cover."""
    last_src = max((i for k in bitext.links for i in k.src), default=-1)
    last_tgt = max((j for k in bitext.links for j in k.tgt), default=-1)
    return replace(
        bitext, source=bitext.source[: last_src + 1], target=bitext.target[: last_tgt + 1]
    )


def page_rows(repeat: int) -> dict[str, object]:
    from paralign.report.review import ReviewPage, render_review

    bitexts = big_corpus()
    beads = sum(len(b.links) for b in bitexts)
    started = time.perf_counter()
    page = render_review(ReviewPage(bitexts, title="10,000 beads", file="big"))
    written = time.perf_counter() - started
    folder = Path(tempfile.mkdtemp(prefix="paralign-review-bench-"))
    path = folder / "big.html"
    path.write_text(page, encoding="utf-8")
    loads, scroll = _chromium_loads(path, repeat)
    return {
        "documents": len(bitexts),
        "beads": beads,
        "bytes": path.stat().st_size,
        "render_seconds": written,
        "load_seconds": loads,
        "scroll_frame_ms": scroll,
    }


def _chromium_loads(path: Path, repeat: int) -> tuple[list[float], list[float]]:
    from tests.test_review_browser import Browser

    loads: list[float] = []
    frames: list[list[float]] = []
    firsts: list[float] = []
    readies: list[float] = []
    nodes: list[int] = []
    for _ in range(repeat):
        browser = Browser()
        try:
            started = time.perf_counter()
            browser.open(path)
            loads.append(time.perf_counter() - started)
            firsts.append(float(browser.js("return document.documentElement.dataset.firstMs")))
            readies.append(float(browser.js("return document.documentElement.dataset.readyMs")))
            # frame times while scrolling 100 px a frame for 120 frames: median and 90th centile
            frame = browser.driver.execute_async_script(
                """
                const done = arguments[arguments.length - 1];
                const times = []; let k = 0; let last = performance.now();
                function step(now) {
                  times.push(now - last); last = now;
                  window.scrollBy(0, 100);
                  if (++k <= 120) requestAnimationFrame(step);
                  else {
                    times.sort((a, b) => a - b);
                    done([times[60], times[108]]);
                  }
                }
                requestAnimationFrame(step);
                """
            )
            # jumps: 40 scrolls to spread offsets of the whole page, the frame after each
            # (a chunk never shown before is laid out then: content-visibility's cost)
            jumps = browser.driver.execute_async_script(
                """
                const done = arguments[arguments.length - 1];
                const height = document.documentElement.scrollHeight;
                const times = []; let k = 0;
                function jump() {
                  const start = performance.now();
                  window.scrollTo(0, ((k * 0.618034) % 1) * height);
                  requestAnimationFrame(function () {
                    requestAnimationFrame(function (now) {
                      times.push(now - start);
                      if (++k < 40) jump();
                      else { times.sort((a, b) => a - b); done([times[20], times[36], height]); }
                    });
                  });
                }
                jump();
                """
            )
            frames.append([*frame, *jumps])
            nodes.append(int(browser.js("return document.getElementsByTagName('*').length")))
        finally:
            browser.quit()
    return loads, [
        statistics.median(f[0] for f in frames),
        statistics.median(f[1] for f in frames),
        statistics.median(firsts),
        statistics.median(readies),
        statistics.median(f[2] for f in frames),
        statistics.median(f[3] for f in frames),
        statistics.median(f[4] for f in frames),
        statistics.median(nodes),
    ]


def render(
    rows: list[dict[str, object]],
    page: dict[str, object],
    repeat: int,
    sets: list[dict[str, np.ndarray]],
    started_on: str,
    parts: list[dict[str, object]],
) -> str:
    out = [
        "## review",
        "",
        "`benchmarks/review.py`: the confidence as a reviewer's guide, fitted on one dev set and "
        "tested on the other, and the review page at 10,000 beads.",
        "",
        f"Machine: {started_on}; at the end: load average "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}.",
        "",
        f"### Which beads to review (budget {BUDGET:.0%} of the beads, goal: {GOAL_RECALL:.0%} "
        "of the wrong ones)",
        "",
        "A bead is wrong when it is not a gold bead (strict). The threshold is chosen on the "
        "fitting set (at most 10% of its beads below it) and applied unchanged to the test set.",
        "",
        "| confidence model | tested on | held out | threshold | beads | wrong | flagged "
        "(load) | recall | precision |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        out.append(
            f"| {r['model']} | {r['test']} | {'yes' if r['held out'] else 'no'} | "
            f"{r['threshold']:.3f} | {r['beads']} | {r['wrong']} | {r['flagged']} "
            f"({r['load']:.1%}) | {r['recall']:.1%} | {r['precision']:.1%} |"
        )

    def ceiling(each: dict[str, np.ndarray]) -> float:
        wrong = max(1, int((each["right"] == 0).sum()))
        return min(1.0, BUDGET * len(each["right"]) / wrong)

    ceilings = ", ".join(f"{each['name']} {ceiling(each):.0%}" for each in sets)
    out += [
        "",
        f"Verdict: the goal ({GOAL_RECALL:.0%} of the wrong beads within {BUDGET:.0%} of the "
        "beads, threshold fitted on the other set) is **not met** on either held-out set. The "
        f"best a {BUDGET:.0%} budget can do is bounded by the share of wrong beads "
        f"(ceiling: {ceilings}). On held-out data a fixed threshold does not keep the load at "
        "10% (the sets differ in how hard they are), while ranking the test set and reviewing "
        "its lowest 10% does, at the recall shown in the 'lowest 10%' rows. The cues the page "
        "shows (the weaker neighbour's confidence, length |z|, numbers, swallowed sentences) "
        "add recall on ntrex-dev. paralign's default threshold stays 0.9 (the aligner's); the "
        "slider lets a reviewer pick the budget.",
    ]
    out += render_reliability(parts)
    out += [
        "",
        "### Sentences a merge swallowed (possible-omission / possible-addition)",
        "",
        "| set | gold beads with an empty side | left unaligned | flagged | missed "
        "| flags on wrong beads | flags on right beads |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for each in sets:
        f = each["swallowed"]
        out.append(
            f"| {each['name']} | {f['gold empty']} | {f['unaligned']} | {f['flagged']} | "
            f"{f['missed']} | {f['on wrong']} | {f['on right']} |"
        )
    loads = page["load_seconds"]
    frame = page["scroll_frame_ms"]
    assert isinstance(loads, list) and isinstance(frame, list)
    out += [
        "",
        "### The review page at 10,000 beads",
        "",
        f"ntrex-dev's documents aligned once and repeated: {page['documents']} documents, "
        f"{page['beads']} beads. Page size **{int(page['bytes']) / 1e6:.2f} MB** (goal < 10 MB); "
        f"written in {float(page['render_seconds']):.1f} s (evidence tokens and the swallowed-"
        "sentence flags included). Chromium (Debian, headless, fresh profile) from navigation "
        f"to the first rows on screen: median **{frame[2] / 1000:.2f} s**; to every row built and "
        f"the editing enabled (the rows are built a few chunks at a time after the first): "
        f"median {frame[3] / 1000:.2f} s; navigation to the ready flag as the test driver "
        f"sees it: median {statistics.median(loads):.2f} s of {repeat} loads "
        f"({', '.join(f'{t:.2f}' for t in loads)} s). Scrolling 100 px a frame: median frame "
        f"{frame[0]:.0f} ms, 90th centile {frame[1]:.0f} ms (the 99-bead page of the shipped "
        "corpus: 17 ms, one frame at 60 Hz, in the same browser). Jumping to 40 offsets spread "
        f"over the whole {frame[6] / 1e6:.2f} million px page, from the scroll to the second "
        f"frame after it: median {frame[4]:.0f} ms, 90th centile {frame[5]:.0f} ms. "
        f"{frame[7]:,.0f} elements once every row is built (rows are built in chunks of 40 "
        "under `content-visibility: auto`, so chromium lays out and paints only the chunks "
        "near the screen; the buttons of a row are made when it is first used). Headless "
        "chromium renders in software on a loaded machine: read these as upper bounds.",
    ]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--skip-page", action="store_true")
    args = parser.parse_args()
    started_on = machine()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sets = [labelled("ntrex-dev", ntrex), labelled("textberg-dev", textberg)]
    rows = calibration_rows(sets)
    for row in rows:
        print(row)
    parts = reliability_parts(sets)
    page = (
        page_rows(args.repeat)
        if not args.skip_page
        else {
            "documents": 0,
            "beads": 0,
            "bytes": 0,
            "render_seconds": 0.0,
            "load_seconds": [0.0],
            "scroll_frame_ms": [0.0] * 8,
        }
    )
    print(page)
    text = render(rows, page, args.repeat, sets, started_on, parts)
    print(text)
    if args.write_docs:
        write_section("review", text)


if __name__ == "__main__":
    main()
