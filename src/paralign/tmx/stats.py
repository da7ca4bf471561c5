"""What a TM holds: TU count, languages, bead types and the x-score distribution."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from paralign.distribution import histogram, quantile
from paralign.lang import canonical as canonical_lang
from paralign.model import Bitext
from paralign.tmx.read import TranslationUnit, read_all, read_header, read_tmx
from paralign.tmx.scan import FALLBACK, scan_records
from paralign.tmx.slices import Slice, cut, in_processes, plain_slice, scan_slice
from paralign.tmx.views import read_units_to_bitexts
from paralign.tmxprops import read_score
from paralign.urls import Location


def tmx_stats(path: Location, workers: int = 1) -> dict[str, Any]:
    """TU count, languages (tuvs and characters), bead types and x-score distribution of a
    TMX file, as JSON-ready data. Read in slices by `workers` processes (this one, with one)
    when it can be cut, else by `scan` (no tree); anything the scan leaves to the exact
    reader, or any error (whose message names a line only the exact reader knows), and the
    whole file is read again by `read_tmx`."""
    srclang = read_header(path).srclang
    parts = cut(path)
    try:
        if parts is None:
            tally = _tally(((0, v, p) for _, _, v, p in scan_records(path)), str(path))
        else:
            tally = _Tally()
            for part in in_processes(_slice_tally, parts, None, workers):
                tally.add(part)
        return _summary(tally, str(path), srclang)
    except FALLBACK:  # a Misread slice too
        return units_stats(read_tmx(path), str(path), srclang)


def tmx_stats_and_bitexts(path: Location) -> tuple[dict[str, Any], list[Bitext]]:
    """`tmx_stats` and `tmx_to_bitexts` of one parse of the file (for `tmx stats --report`,
    which needs the whole TM as Bitexts anyway)."""
    srclang, units = read_all(path)
    return units_stats(units, str(path), srclang), read_units_to_bitexts(path, srclang, units)


def units_stats(units: Iterable[TranslationUnit], file: str, srclang: str) -> dict[str, Any]:
    """`tmx_stats` of TUs already read."""
    return _summary(_tally(((u.line, u.variants, u.props) for u in units), file), file, srclang)


@dataclass(slots=True)
class _Tally:
    """What the stats count, of part of a TM or all of it. Scores are kept as 8-byte
    doubles: a million TUs cost 8 MB."""

    tus: int = 0
    tuvs: dict[str, int] = field(default_factory=dict)
    chars: dict[str, int] = field(default_factory=dict)
    beads: dict[str, int] = field(default_factory=dict)
    scores: array[float] = field(default_factory=lambda: array("d"))

    def add(self, other: _Tally) -> None:
        """`other`'s counts added to these (the TUs of the next slice)."""
        self.tus += other.tus
        for mine, theirs in (
            (self.tuvs, other.tuvs),
            (self.chars, other.chars),
            (self.beads, other.beads),
        ):
            for key, count in theirs.items():
                mine[key] = mine.get(key, 0) + count
        self.scores.extend(other.scores)


def _slice_tally(_: None, part: Slice) -> _Tally:
    excerpt = part.excerpt()
    units = plain_slice((), part, excerpt)
    if units is not None:
        return _tally((0, u.variants, u.props) for u in units)
    return _tally((0, v, p) for _, _, v, p in scan_slice((), part, excerpt))


def _tally(
    units: Iterable[tuple[int, Mapping[str, str], Sequence[tuple[str, str]]]], file: str = ""
) -> _Tally:
    """The counts of (line, variants, props) per TU."""
    tally = _Tally()
    tuvs, chars, beads, scores = tally.tuvs, tally.chars, tally.beads, tally.scores
    canonical: dict[str, str] = {}  # a TM uses a few codes: each is made canonical once
    for line, variants, props in units:
        tally.tus += 1
        if props:
            bead, score = _first(props, "x-bead"), _first(props, "x-score")
            if bead:
                beads[bead] = beads.get(bead, 0) + 1
            if score:
                scores.append(read_score(score, file, line))
        for code, text in variants.items():
            lang = canonical.get(code)
            if lang is None:
                lang = canonical[code] = canonical_lang(code)
            tuvs[lang] = tuvs.get(lang, 0) + 1
            chars[lang] = chars.get(lang, 0) + len(text)
    return tally


def _summary(tally: _Tally, file: str, srclang: str) -> dict[str, Any]:
    """The stats, as JSON-ready data, of what a TM's TUs counted."""
    tuvs, chars, beads = tally.tuvs, tally.chars, tally.beads
    result: dict[str, Any] = {
        "file": file,
        "srclang": srclang,
        "translation_units": tally.tus,
        "languages": {lang: {"tuvs": tuvs[lang], "characters": chars[lang]} for lang in tuvs},
    }
    if beads:
        result["beads"] = dict(sorted(beads.items(), key=lambda kv: (-kv[1], kv[0])))
    ordered = sorted(s for s in tally.scores if s == s)  # NaN: an x-score that is not a number
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


def _first(props: Sequence[tuple[str, str]], kind: str) -> str:
    """The first prop of `kind` ('' when none), as `TranslationUnit.prop` reads it."""
    for name, value in props:
        if name == kind:
            return value
    return ""
