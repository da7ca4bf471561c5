"""What a TM holds: TU count, languages, bead types and the x-score distribution."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from paralign.distribution import histogram, quantile
from paralign.lang import canonical as canonical_lang
from paralign.model import Bitext
from paralign.tmx.read import TranslationUnit, read_all, read_header, read_tmx
from paralign.tmx.views import read_units_to_bitexts
from paralign.tmxprops import read_score


def tmx_stats(path: Path) -> dict[str, Any]:
    """TU count, languages (tuvs and characters), bead types and x-score distribution of a
    TMX file, as JSON-ready data."""
    return units_stats(read_tmx(path), str(path), read_header(path).srclang)


def tmx_stats_and_bitexts(path: Path) -> tuple[dict[str, Any], list[Bitext]]:
    """`tmx_stats` and `tmx_to_bitexts` of one parse of the file (for `tmx stats --report`,
    which needs the whole TM as Bitexts anyway)."""
    srclang, units = read_all(path)
    return units_stats(units, str(path), srclang), read_units_to_bitexts(path, srclang, units)


def units_stats(units: Iterable[TranslationUnit], file: str, srclang: str) -> dict[str, Any]:
    """`tmx_stats` of TUs already read. Scores are kept as 8-byte doubles: a million TUs
    cost 8 MB."""
    tus = 0
    tuvs: dict[str, int] = {}
    chars: dict[str, int] = {}
    beads: dict[str, int] = {}
    scores = array("d")
    canonical: dict[str, str] = {}  # a TM uses a few codes: each is made canonical once
    for unit in units:
        tus += 1
        if unit.props:
            bead, score = unit.prop("x-bead"), unit.prop("x-score")
            if bead:
                beads[bead] = beads.get(bead, 0) + 1
            if score:
                scores.append(read_score(score, f"{file}:{unit.line}"))
        for code, text in unit.variants.items():
            lang = canonical.get(code)
            if lang is None:
                lang = canonical[code] = canonical_lang(code)
            tuvs[lang] = tuvs.get(lang, 0) + 1
            chars[lang] = chars.get(lang, 0) + len(text)
    result: dict[str, Any] = {
        "file": file,
        "srclang": srclang,
        "translation_units": tus,
        "languages": {lang: {"tuvs": tuvs[lang], "characters": chars[lang]} for lang in tuvs},
    }
    if beads:
        result["beads"] = dict(sorted(beads.items(), key=lambda kv: (-kv[1], kv[0])))
    ordered = sorted(s for s in scores if s == s)  # NaN: an x-score that is not a number
    del scores
    if ordered:
        n = len(ordered)
        result["scores"] = {
            "count": n,
            "min": round(ordered[0], 3),
            "p10": round(quantile(ordered, 0.1), 3),
            "median": round(quantile(ordered, 0.5), 3),
            "p90": round(quantile(ordered, 0.9), 3),
            "max": round(ordered[-1], 3),
            "mean": round(sum(ordered) / n, 3),
            "histogram": {
                f"{i / 10:.1f}-{(i + 1) / 10:.1f}": count
                for i, count in enumerate(histogram(ordered))
            },
        }
    return result
