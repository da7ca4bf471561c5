"""The glue between the commands and the review page: findings, signature, atomic writing."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from paralign.model import Bitext, Finding, Glossary
from paralign.urls import Location

if TYPE_CHECKING:
    from paralign.align import AlignOptions
    from paralign.config import Config

UNLIMITED = sys.maxsize


def project_glossary(config: Config, given: Glossary | None) -> Glossary | None:
    """The glossary the findings are checked against: the one given, else the project's."""
    if given is not None:
        return given
    name = config.get("glossary", "")
    path = config.root / name if name else None
    if path is None or not path.is_file():
        return None
    from paralign.glossary_files import load_glossary

    return load_glossary(path)


def findings_of(
    bitexts: Sequence[Bitext], glossary: Glossary | None, config: Config
) -> list[Finding]:
    """The check findings of aligned Bitexts (no glossary: the rules that need none)."""
    from dataclasses import replace

    from paralign.checks import CheckSettings, check_bitexts
    from paralign.model import Glossary as EmptyGlossary

    settings = replace(CheckSettings.from_config(config), root=config.root)
    return check_bitexts(bitexts, glossary or EmptyGlossary(()), settings)


def write_review(
    bitexts: Sequence[Bitext],
    path: Path,
    signature: Mapping[str, str],
    config: Config,
    options: AlignOptions,
    title: str,
) -> None:
    """The review page of an alignment run, written atomically."""
    glossary = project_glossary(config, options.glossary)
    write_page(bitexts, path, signature, config, glossary, options.threshold, title)


def write_page(
    bitexts: Sequence[Bitext],
    path: Path,
    signature: Mapping[str, str],
    config: Config,
    glossary: Glossary | None,
    threshold: float,
    title: str,
) -> None:
    from paralign.checks import RULES
    from paralign.files import write_text_atomic
    from paralign.progress import stage
    from paralign.report.review import ReviewPage, render_review

    page = ReviewPage(
        bitexts=bitexts,
        title=f"Alignment review: {title}",
        file=path.stem,
        signature=signature,
        findings=findings_of(bitexts, glossary, config),
        glossary=glossary,
        threshold=threshold,
        rules={rule.id: rule.summary for rule in RULES.values()},
    )
    with stage("review page"):
        write_text_atomic(path, render_review(page))


def quality_text(
    bitexts: Sequence[Bitext], options: AlignOptions, fmt: str, limit: int | None
) -> str:
    """`align --report`: the quality report, every list whole unless `limit` caps it, with the
    sentences a merge may have swallowed; the beads to review in order of suspicion
    (review/suspicion.py), the most suspicious tenth of them listed whatever their cues."""
    from paralign.quality import QualitySettings, quality_report
    from paralign.report.quality import quality_json, render_quality
    from paralign.review.suspicion import corpus_suspicion, document_evidence

    cap = limit or UNLIMITED
    evidence = [document_evidence(bitext, options.glossary) for bitext in bitexts]
    swallowed = [s for _, found in evidence for s in found]
    # a merge that swallowed a sentence can have any confidence: it is on the review list
    flags: dict[tuple[str, int], str] = {}
    for s in swallowed:
        reason = f"{s.what}: {s.side} sentence {s.sentence}"
        key = (s.document, s.link)
        flags[key] = f"{flags[key]}; {reason}" if key in flags else reason
    settings = QualitySettings(low_confidence=options.threshold, review=cap)
    suspicion = {
        (bitext.name, i): score
        for bitext, scores in zip(
            bitexts, corpus_suspicion(bitexts, evidence=evidence), strict=True
        )
        for i, score in enumerate(scores)
    }
    quality = quality_report(bitexts, settings, flags, suspicion)
    if fmt == "json":
        data = quality_json(quality)
        by_name = {b.name: b for b in bitexts}
        for entry in data["review"]:  # whole texts: the JSON is for tools, never cut
            bitext = by_name[entry["document"]]
            entry["source"] = " ".join(bitext.source[i].text for i in entry["src"])
            entry["target"] = " ".join(bitext.target[j].text for j in entry["tgt"])
        data["swallowed"] = [
            {
                "document": s.document,
                "index": s.link,
                "side": s.side,
                "sentence": s.sentence,
                "line": s.line,
                "flag": s.what,
                "text": s.text,
            }
            for s in swallowed
        ]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = [f"sentences a merge may have swallowed: {len(swallowed)}"]
    for s in swallowed[:cap]:
        lines.append(
            f"  {s.what}: {s.document} bead {s.link} {s.side} {s.sentence} (line {s.line}): "
            f"{s.text}"
        )
    return render_quality(quality, limit=cap) + "\n".join(lines) + "\n"


def review_tmx(
    file: Location,
    output: Path,
    config: Config,
    src: str | None,
    tgt: str | None,
    glossary_path: Path | None,
    threshold: float,
) -> int:
    """`tmx review`: the page of a TMX, its header props (the run's signature) on top."""
    from paralign.tmx import iter_tu_elements, tmx_to_bitexts

    bitexts = tmx_to_bitexts(file, src, tgt)
    first = next(iter_tu_elements(file), None)
    signature = dict(first[0].props) if first is not None else {}
    glossary = None
    if glossary_path is not None:
        from paralign.glossary_files import load_glossary

        glossary = load_glossary(glossary_path)
    glossary = project_glossary(config, glossary)
    write_page(bitexts, output, signature, config, glossary, threshold, str(file))
    return sum(len(b.links) for b in bitexts)
