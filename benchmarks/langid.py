"""Accuracy of paralign's language check (`paralign.langid`) on short sentences of ../shared/data.

Two tests. The script test: every line of ntrex-dev (one sentence a line, ru and en) is
judged against its own language (a correct side must pass) and against the other one (a
swapped side must be caught). The word test, for a script several languages share: English
(ntrex-dev and UD English-EWT), German and French (textberg-dev) sentences, each judged
against its own language and against the two others; Russian sentences (ntrex-dev, UD
Russian-GSD and -Taiga) against Russian only, since the data holds no other Cyrillic text.

The word test's two settings (NGRAM_MIN_LETTERS, UNLIKELY) were chosen on the "tune" half
of the sentences (an even CRC-32 of the text) and are reported on both halves; the script
test's thresholds were set before any run.

Usage: python benchmarks/langid.py [DATA]   (default ../shared/data)
"""

from __future__ import annotations

import json
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from paralign.langid import language_mismatch, script_mismatch

LATIN = ("en", "de", "fr")


def _lines(path: Path) -> Iterator[str]:
    return (line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def _ud(path: Path) -> Iterator[str]:
    for record in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
        for start, end in record["spans"]:
            yield record["text"][start:end]


def sentences(data: Path) -> list[tuple[str, str]]:
    """(language, sentence) for every sentence the word test reads."""
    ntrex, berg, seg = data / "align" / "ntrex-dev", data / "align" / "textberg-dev", data / "seg"
    found = [(p.suffix[1:], s) for p in sorted(ntrex.glob("*.[re][un]")) for s in _lines(p)]
    found += [(lang, s) for lang in ("de", "fr") for s in _lines(berg / f"dev.{lang}")]
    found += [("en", s) for s in _ud(seg / "en_ud_ewt.jsonl")]
    found += [
        ("ru", s) for name in ("ru_ud_gsd", "ru_ud_taiga") for s in _ud(seg / f"{name}.jsonl")
    ]
    return found


def _band(text: str) -> str:
    letters = sum(c.isalpha() for c in text)
    return (
        "< 40 letters" if letters < 40 else "40–100 letters" if letters <= 100 else "> 100 letters"
    )


def word_test(found: list[tuple[str, str]]) -> list[str]:
    rows = ["| half | language | length | sentences | correct passes | other language caught |"]
    rows.append("| --- | --- | --- | --- | --- | --- |")
    tally: Counter[tuple[str, str, str, str]] = Counter()
    for lang, text in found:
        half = "tune" if zlib.crc32(text.encode()) % 2 == 0 else "measure"
        key = (half, lang, _band(text))
        tally[(*key, "n")] += 1
        tally[(*key, "pass")] += language_mismatch(text, lang) is None
        if lang in LATIN:
            for other in set(LATIN) - {lang}:
                tally[(*key, "judged")] += 1
                tally[(*key, "caught")] += language_mismatch(text, other) is not None
    for half, lang, band in sorted({k[:3] for k in tally}, key=lambda k: (k[0] != "tune", k)):
        n, passed = tally[(half, lang, band, "n")], tally[(half, lang, band, "pass")]
        judged = tally[(half, lang, band, "judged")]
        caught = f"{tally[(half, lang, band, 'caught')] / judged:.4f}" if judged else "–"
        rows.append(f"| {half} | {lang} | {band} | {n} | {passed / n:.4f} | {caught} |")
    return rows


def script_test(data: Path) -> list[str]:
    counts: Counter[str] = Counter()
    for path in sorted((data / "align" / "ntrex-dev").glob("*.[re][un]")):
        lang = path.suffix[1:]
        for line in _lines(path):
            counts["n"] += 1
            counts["pass"] += script_mismatch(line, lang) is None
            counts["caught"] += script_mismatch(line, "en" if lang == "ru" else "ru") is not None
    n = counts["n"]
    return [
        f"script test, {n} ntrex-dev sentences: correct side passes {counts['pass'] / n:.4f}, "
        f"swapped side caught {counts['caught'] / n:.4f}"
    ]


def main(data: Path) -> None:
    found = sentences(data)
    print("\n".join(script_test(data)))
    started = time.perf_counter()
    print("\n".join(word_test(found)))
    elapsed = time.perf_counter() - started
    print(f"word test: {len(found)} sentences judged in {elapsed:.1f} s (load included)")


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parents[1].parent / "shared" / "data"
    )
