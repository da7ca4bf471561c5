"""`paralign score --format json`: the metrics' results as one JSON document (unrounded
scores, each with its sacrebleu signature)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from paralign.metrics import Scores, SegmentScore, SystemResult


def scores_json(
    scores: Scores, *, worst: Sequence[SegmentScore] = (), systems: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The JSON document of `paralign score --json`: unrounded scores, each with a signature."""
    doc: dict[str, Any] = {
        "metrics": {
            s.metric: {"name": s.name, "score": s.score, "signature": s.signature}
            for s in scores.corpus
        }
    }
    if scores.segments:
        doc["segment_signatures"] = dict(scores.segment_signatures)
        doc["segments"] = [_segment_json(s) for s in scores.segments]
    if worst:
        doc["worst"] = [s.line for s in worst]
    if scores.paired:
        paired: dict[str, Any] = dict(systems or {})
        for result in scores.paired:
            paired.setdefault(result.metric, {})[result.test] = {
                "n": result.n_samples,
                "baseline": _system_json(result.baseline),
                "system": _system_json(result.system),
                "p_value": result.p_value,
                "signature": result.signature,
            }
        doc["paired"] = paired
    return doc


def _segment_json(segment: SegmentScore) -> dict[str, Any]:
    item: dict[str, Any] = {"line": segment.line, **segment.scores}
    if segment.ter_edits is not None:
        item["ter_edits"] = segment.ter_edits
        item["ter_ref_length"] = segment.ter_ref_length
    item["hypothesis"] = segment.hypothesis
    item["references"] = list(segment.references)
    return item


def _system_json(result: SystemResult) -> dict[str, Any]:
    return {"name": result.name, "score": result.score, "mean": result.mean, "ci": result.ci}
