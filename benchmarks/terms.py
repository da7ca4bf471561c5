"""Benchmarks of `paralign terms mine`.

    python benchmarks/terms.py quality     # recall/precision on texts/ vs glossary; ntrex top 50
    python benchmarks/terms.py ntrex HALF  # HALF = all|even|odd: ntrex-dev's top 50, one half
    python benchmarks/terms.py speed N     # N TUs built from ntrex-dev into build/, timed
    python benchmarks/terms.py docs        # the terms section of docs/benchmarks.md

quality: the shipped corpus (texts/, aligned as `check` aligns it) is mined with an EMPTY
glossary and compared with the glossary there now (glossary/arvak.tbx), so the figures
follow whatever corpus and glossary the tree holds:

- recall: of the glossary's concepts found (by the matcher) on both sides of at least two
  TUs, the share with a candidate among the top 100 whose Russian side and English side
  are both whole terms of that concept;
- precision: of the top 50, the share whose two sides are whole terms of one concept of the
  glossary or of benchmarks/terms_extras.csv (the acceptable extras, written before mining).

ntrex-dev is mined from its gold alignment; its top 50 are printed for judging by hand
(the judgement is in docs/terms.md, by the rule in benchmarks/terms_news_rule.md, which also
says how the documents are split into a tune half, even positions, and a held-out half, odd).
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "data" / "align" / "ntrex-dev"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def corpus_pieces():  # type: ignore[no-untyped-def]
    from paralign.jobs import input_pieces

    return input_pieces(ROOT / "texts", "ru", "en")


def gold_bitexts(folder: Path, half: str = "all") -> list:
    """ntrex-dev documents as Bitexts linked by their gold beads; `half` "even" or "odd"
    keeps the documents at even or odd positions of the sorted names."""
    from paralign.model import Bitext, Link, Sentence

    found = []
    aligns = sorted(folder.glob("*.ru-en.align"))
    if half != "all":
        aligns = aligns[{"even": 0, "odd": 1}[half] :: 2]
    for align in aligns:
        stem = align.name[: -len(".ru-en.align")]
        ru = (folder / f"{stem}.ru").read_text(encoding="utf-8").splitlines()
        en = (folder / f"{stem}.en").read_text(encoding="utf-8").splitlines()
        links = []
        for line in align.read_text(encoding="utf-8").splitlines():
            left, right = line.split(":")
            src = tuple(int(x) for x in left.strip("[]").split(",") if x.strip())
            tgt = tuple(int(x) for x in right.strip("[]").split(",") if x.strip())
            links.append(Link(src, tgt, tuid=f"{stem}:{len(links) + 1}"))
        found.append(
            Bitext(
                stem,
                "ru",
                "en",
                tuple(Sentence(t) for t in ru),
                tuple(Sentence(t) for t in en),
                tuple(links),
            )
        )
    return found


def _whole(matcher, text: str, lang: str) -> set[str]:  # type: ignore[no-untyped-def]
    from paralign.terms.known import _concepts

    return set(_concepts(matcher, text, lang))


def quality() -> str:
    from paralign.glossary import TermMatcher
    from paralign.glossary_files import load_glossary
    from paralign.model import Glossary
    from paralign.terms import MineSettings, mine_terms
    from paralign.terms.mine import units

    pieces = corpus_pieces()
    glossary = load_glossary(ROOT / "glossary" / "arvak.tbx")
    extras = load_glossary(ROOT / "benchmarks" / "terms_extras.csv")
    matcher = TermMatcher(glossary)
    accepted = TermMatcher(Glossary(glossary.concepts + extras.concepts))
    occurring: dict[str, int] = {}
    total = 0
    for _tuid, ru, en in units(pieces()):
        total += 1
        both = {m.concept for m in matcher.find(ru, "ru")} & {
            m.concept for m in matcher.find(en, "en")
        }
        for concept in both:
            occurring[concept] = occurring.get(concept, 0) + 1
    frequent = sorted(c for c, n in occurring.items() if n >= 2)
    proposals = mine_terms(pieces, Glossary(()), MineSettings(limit=100))
    found: set[str] = set()
    for proposal in proposals[:100]:
        pair = proposal.ranked.pair
        found |= _whole(matcher, pair.ru.text, "ru") & _whole(matcher, pair.en.text, "en")
    hits = [c for c in frequent if c in found]
    misses = [c for c in frequent if c not in found]
    rows = []
    good = 0
    for rank, proposal in enumerate(proposals[:50], 1):
        pair = proposal.ranked.pair
        same = _whole(accepted, pair.ru.text, "ru") & _whole(accepted, pair.en.text, "en")
        verdict = (
            "glossary"
            if same & set(c.id for c in glossary.concepts)
            else ("extra" if same else "no")
        )
        good += verdict != "no"
        rows.append(f"| {rank} | {pair.ru.text} | {pair.en.text} | {pair.joint} | {verdict} |")
    recall = len(hits) / len(frequent) if frequent else 0.0
    precision = good / min(50, len(proposals)) if proposals else 0.0
    lines = [
        f"TUs: {total}; glossary concepts {len(glossary.concepts)}, of which on both sides of "
        f"≥2 TUs: {len(frequent)}",
        f"recall (top 100, both sides right): {len(hits)}/{len(frequent)} = {recall:.2f}",
        f"precision (top 50): {good}/{min(50, len(proposals))} = {precision:.2f}",
        "missed: " + ", ".join(misses),
        "",
        "| rank | ru | en | joint TUs | accepted as |",
        "| --- | --- | --- | --- | --- |",
        *rows,
    ]
    return "\n".join(lines)


def ntrex(half: str = "all") -> str:
    from paralign.model import Glossary
    from paralign.terms import MineSettings, mine_terms

    bitexts = gold_bitexts(NTREX, half)
    proposals = mine_terms(lambda: iter(bitexts), Glossary(()), MineSettings(limit=50))
    lines = ["| rank | ru | en | joint TUs | Dice |", "| --- | --- | --- | --- | --- |"]
    for rank, proposal in enumerate(proposals, 1):
        pair = proposal.ranked.pair
        lines.append(
            f"| {rank} | {pair.ru.text} | {pair.en.text} | {pair.joint} | {pair.dice:.2f} |"
        )
    return "\n".join(lines)


def build_tmx(count: int, path: Path) -> None:
    """`count` TUs: ntrex-dev's 1-1 gold pairs repeated, each with a made-up name added on
    both sides (one of count/5), so that candidates keep appearing and the counters must
    prune."""
    from xml.sax.saxutils import escape

    pairs = []
    for bitext in gold_bitexts(NTREX):
        for link in bitext.links:
            if len(link.src) == 1 and len(link.tgt) == 1:
                pairs.append((bitext.source[link.src[0]].text, bitext.target[link.tgt[0]].text))
    chooser = random.Random(7)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        out.write(
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" '
            'o-tmf="none" adminlang="en" srclang="ru" datatype="plaintext"/>\n<body>\n'
        )
        for n in range(count):
            ru, en = pairs[n % len(pairs)]
            made_up = chooser.randrange(max(count // 5, 1))
            ru = f"{ru} Зорбов{made_up}."
            en = f"{en} Zorbov{made_up}."
            out.write(
                f'<tu tuid="{n + 1}"><tuv xml:lang="ru"><seg>{escape(ru)}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{escape(en)}</seg></tuv></tu>\n'
            )
        out.write("</body>\n</tmx>\n")


RUNS = ROOT / "build" / "terms-speed.jsonl"  # one measured run a line, kept for `docs`


def speed(count: int) -> str:
    """Time `paralign terms mine` on the N-TU TMX as a user runs it (its own process), and
    record the run in build/terms-speed.jsonl: wall and CPU seconds (the CPU figure is the
    steadier one on a shared machine), peak RSS of the child, the load around it."""
    import json
    import os

    from docs_section import machine

    path = ROOT / "build" / f"terms-bench-{count}.tmx"
    if not path.exists():
        build_tmx(count, path)
    load = os.getloadavg()[0]
    before = machine()
    commit = subprocess.run(  # the code that runs: asked before, the tree may move on
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "paralign.cli",
            "terms",
            "mine",
            str(path),
            "--no-glossary",
            "-o",
            str(ROOT / "build" / f"terms-bench-{count}.tbx"),
        ],
        check=True,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = {
        "tus": count,
        "mb": round(path.stat().st_size / 1e6),
        "wall": round(seconds),
        "cpu": round(usage.ru_utime + usage.ru_stime),
        "rss": round(usage.ru_maxrss / 1024),
        "load": [round(load, 1), round(os.getloadavg()[0], 1)],
        "commit": commit,
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
    }
    RUNS.parent.mkdir(parents=True, exist_ok=True)
    with RUNS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(run) + "\n")
    return (
        f"{count} TUs ({run['mb']} MB TMX): {seconds:.0f} s wall, {run['cpu']} s CPU, "
        f"{count / seconds:.0f} TUs/s, peak RSS {run['rss']} MB; {before}"
    )


def docs() -> None:
    """Write the `terms` section of docs/benchmarks.md from the runs recorded by `speed`
    (the latest run of each size)."""
    import json

    from docs_section import write_section

    latest: dict[int, dict] = {}
    for line in RUNS.read_text(encoding="utf-8").splitlines():
        run = json.loads(line)
        latest[run["tus"]] = run
    rows = [
        f"| {n:,} | {r['mb']} MB | {r['wall']:,} s | {r['cpu']:,} s | {n / r['cpu']:,.0f} | "
        f"{r['rss']:,} MB | {r['load'][0]}–{r['load'][1]} | {r['commit']} ({r['date']}) |"
        for n, r in sorted(latest.items())
    ]
    body = "\n".join(
        [
            "## terms",
            "",
            "`python benchmarks/terms.py speed N`: `paralign terms mine` (whole process, two "
            "passes, lexicon training, ranking, TBX written) on a TMX of N TUs built in `build/` "
            "from ntrex-dev's 1-1 gold pairs repeated, each TU given a made-up name on both "
            "sides (one of N/5), so that new candidates keep coming and the counters must "
            "prune. CPU is the child's user + system time, the figure to compare on a machine "
            "this loaded (2 cores shared with the other helpers' jobs; the load average at "
            "the start and end of each run is shown); peak RSS is the child's `ru_maxrss`. "
            "`python benchmarks/terms.py docs` rewrites this section from the recorded runs.",
            "",
            "| TUs | TMX | wall | CPU | TUs per CPU s | peak RSS | load | code |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            *rows,
            "",
            "What was measured, what it cost and why: `docs/terms.md` (Speed and memory); "
            "quality figures there too (`python benchmarks/terms.py quality`).",
        ]
    )
    write_section("terms", body)


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "quality"
    if what == "quality":
        print(quality())
        if NTREX.is_dir():
            print()
            print(ntrex())
    elif what == "ntrex":
        print(ntrex(sys.argv[2] if len(sys.argv) > 2 else "all"))
    elif what == "speed":
        print(speed(int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000))
    elif what == "docs":
        docs()
