"""The alignment quality report as people and programs read it: text (`render_quality`)
and JSON (`quality_json`). What the report holds is computed in `paralign.quality`."""

from __future__ import annotations

import math
from typing import Any

from paralign.quality import BeadRef, ConfidenceSummary, QualityReport


def _clip(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _where(bead: BeadRef) -> str:
    src = ",".join(map(str, bead.link.src)) or "-"
    tgt = ",".join(map(str, bead.link.tgt)) or "-"
    lines = f"lines {bead.src_line or '-'}/{bead.tgt_line or '-'}"
    return f"{bead.document} bead {bead.index} [{src}]:[{tgt}] {bead.kind} ({lines})"


def render_quality(report: QualityReport, *, limit: int = 20) -> str:
    """A plain-text report for a terminal or a log; `limit` caps each list."""
    out = [
        f"alignment quality: {report.documents} document(s), {report.source_sentences} source "
        f"and {report.target_sentences} target sentences, {report.links} beads",
        f"signature: {report.signature}",
        "",
        "bead types: "
        + (
            " · ".join(
                f"{kind} {n} ({100 * n / report.links:.1f}%)" for kind, n in report.bead_types
            )
            or "none"
        ),
    ]
    out += _render_confidence(report)
    if report.ratios:
        out.append("length ratio (target/source characters), per document:")
        out += [
            f"  {r.document}: {r.ratio:.3f} over {r.beads} beads"
            + (f", spread {r.spread:.2f}" if not math.isnan(r.spread) else ", too few for z")
            for r in report.ratios[:limit]
        ]
    out.append(
        f"length-ratio outliers (|z| ≥ {report.settings.outlier_z:g}): {len(report.outliers)}"
    )
    for outlier in report.outliers[:limit]:
        out.append(f"  z={outlier.z:+.1f} ratio {outlier.ratio:.2f}  {_where(outlier.bead)}")
        out += _texts(outlier.bead)
    if report.settings.numbers:
        out.append(f"beads whose numbers differ: {len(report.numbers)}")
        for mismatch in report.numbers[:limit]:
            src, tgt = " ".join(mismatch.source) or "∅", " ".join(mismatch.target) or "∅"
            out.append(f"  {src} ≠ {tgt}  {_where(mismatch.bead)}")
    out.append(f"unaligned sentences: {len(report.unaligned)}")
    out += [
        f"  {u.document} {u.side} {u.sentence} (line {u.line}): {_clip(u.text)}"
        for u in report.unaligned[:limit]
    ]
    out.append(f"beads to review first: {len(report.review)}")
    for rank, item in enumerate(report.review[:limit], 1):
        suspect = "" if item.suspicion is None else f", suspicion {item.suspicion:.2f}"
        out.append(
            f"  {rank}. {_where(item.bead)} score {item.bead.link.score:.2f}{suspect}: "
            + "; ".join(item.reasons)
        )
        out += _texts(item.bead)
    return "\n".join(out) + "\n"


def _render_confidence(report: QualityReport) -> list[str]:
    c = report.confidence
    if not c.count:
        return ["confidence: no beads"]
    lines = [
        f"confidence: mean {c.mean:.2f} · min {c.minimum:.2f} · p10 {c.p10:.2f} · median "
        f"{c.median:.2f} · p90 {c.p90:.2f} · max {c.maximum:.2f} · "
        f"below {report.settings.low_confidence:g}: {c.low}"
    ]
    bars = "".join(" ▁▂▃▄▅▆▇█"[math.ceil(8 * n / (max(c.histogram) or 1))] for n in c.histogram)
    lines.append(f"  0.0 |{bars}| 1.0   per 0.1: {' '.join(map(str, c.histogram))}")
    return lines


def _texts(bead: BeadRef) -> list[str]:
    return [
        f"      src: {_clip(bead.src_text) or '∅'}",
        f"      tgt: {_clip(bead.tgt_text) or '∅'}",
    ]


def quality_json(report: QualityReport) -> dict[str, Any]:
    """The report as JSON-ready data (for `--json` outputs), with its signature."""
    bead, number = _bead_json, _finite
    return {
        "signature": report.signature,
        "documents": report.documents,
        "source_sentences": report.source_sentences,
        "target_sentences": report.target_sentences,
        "links": report.links,
        "bead_types": dict(report.bead_types),
        "confidence": _confidence_json(report.confidence),
        "ratios": [
            {
                "document": r.document,
                "ratio": r.ratio,
                "spread": number(r.spread),
                "beads": r.beads,
            }
            for r in report.ratios
        ],
        "outliers": [{**bead(o.bead), "ratio": number(o.ratio), "z": o.z} for o in report.outliers],
        "numbers": [
            {**bead(m.bead), "source_numbers": list(m.source), "target_numbers": list(m.target)}
            for m in report.numbers
        ],
        "unaligned": [
            {"document": u.document, "side": u.side, "sentence": u.sentence, "line": u.line}
            for u in report.unaligned
        ],
        "review": [
            {
                **bead(r.bead),
                "priority": r.priority,
                "suspicion": r.suspicion,
                "reasons": list(r.reasons),
            }
            for r in report.review
        ],
    }


def _bead_json(b: BeadRef) -> dict[str, Any]:
    return {
        "document": b.document,
        "index": b.index,
        "src": list(b.link.src),
        "tgt": list(b.link.tgt),
        "kind": b.kind,
        "score": b.link.score,
        "src_line": b.src_line,
        "tgt_line": b.tgt_line,
    }


def _finite(value: float) -> float | None:
    """JSON has no NaN or infinity: null."""
    return None if math.isnan(value) or math.isinf(value) else value


def _confidence_json(c: ConfidenceSummary) -> dict[str, Any]:
    return {
        "count": c.count,
        "mean": _finite(c.mean),
        "min": _finite(c.minimum),
        "p10": _finite(c.p10),
        "median": _finite(c.median),
        "p90": _finite(c.p90),
        "max": _finite(c.maximum),
        "low": c.low,
        "histogram": list(c.histogram),
    }
