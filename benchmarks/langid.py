"""Accuracy of paralign's script-based language check on short sentences of ../shared/data.

Every line of the ntrex-dev and textberg-dev documents (one sentence a line, ru and en) is
judged against its own language (a correct side must pass) and against the other one (a
swapped side must be caught). Sentences with fewer letters than MIN_LETTERS are counted as
"undecided": the check says nothing about them, by design. Nothing was tuned on this data
(the thresholds were set before the run), so there is no tune/measure split to report.

Usage: python benchmarks/langid.py [DATA]   (default ../shared/data)
"""

from __future__ import annotations

import sys
from pathlib import Path

from paralign.langid import script_mismatch


def main(data: Path) -> None:
    counts = {"sentences": 0, "correct-passed": 0, "swapped-caught": 0, "undecided": 0}
    by_length: dict[str, list[int]] = {}
    for corpus in sorted((data / "align").iterdir()):
        for path in sorted(corpus.glob("*.ru")) + sorted(corpus.glob("*.en")):
            lang = path.suffix[1:]
            other = "en" if lang == "ru" else "ru"
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                counts["sentences"] += 1
                own = script_mismatch(line, lang)
                swapped = script_mismatch(line, other)
                counts["correct-passed"] += own is None
                counts["swapped-caught"] += swapped is not None
                undecided = own is None and swapped is None
                counts["undecided"] += undecided
                band = "≤40 chars" if len(line) <= 40 else "41-100" if len(line) <= 100 else ">100"
                tally = by_length.setdefault(band, [0, 0, 0])
                tally[0] += 1
                tally[1] += own is None
                tally[2] += swapped is not None
    n = counts["sentences"]
    print(f"sentences {n}")
    print(f"correct side passes: {counts['correct-passed'] / n:.4f}")
    print(f"swapped side caught: {counts['swapped-caught'] / n:.4f}")
    print(f"undecided (too few letters or mixed): {counts['undecided'] / n:.4f}")
    for band, (total, passed, caught) in sorted(by_length.items()):
        print(
            f"  {band}: {total} sentences, passes {passed / total:.4f}, caught {caught / total:.4f}"
        )


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parents[1].parent / "shared" / "data"
    )
