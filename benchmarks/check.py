"""`paralign check` on a large TMX: throughput and peak memory, beside translate-toolkit's pofilter.

The file: --units distinct Russian–English TUs (default 1,000,000) built from templates over
real ARVAK terms in their inflected forms, a running document number in every TU, and
planted faults: deprecated variants, wrong numbers and dates, untranslated targets, straight
quotes, one concept drifting between two renderings (so the second, targeted pass runs).
The glossary: glossary/arvak.tbx plus synthetic concepts, --concepts in all (default 200).

Every measurement is a whole process from a cold start (`paralign check …`, `pofilter …`),
timed from outside; peak RSS comes from wait4's rusage of that child. Runs alternate
between the tools and medians of --repeat runs are reported, since the two cores are
shared with other jobs (the load average is printed beside the figures).

pofilter runs the checks both tools have: numbers and untranslated. paralign runs twice:
all rules, and those two rules alone (a paralign.toml turning the rest off).

    .venv/bin/python benchmarks/check.py                       # 1,000,000 TUs, 1 run each
    .venv/bin/python benchmarks/check.py --units 50000 --repeat 3
    .venv/bin/python benchmarks/check.py --write-docs          # rewrite the ## check section
    .venv/bin/python benchmarks/check.py --dirty --units 100000 --before build/before/src

--dirty: a TM as a bad aligner leaves it (real ntrex-dev news pairs, most mispaired; about
0.7 findings per TU), to show that memory no longer grows with the number of findings.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- check:begin -->", "<!-- check:end -->"
BIN = Path(sys.executable).parent

# (ru, en) templates over real glossary terms, inflected as the sentence needs. {n} is the
# running number that makes every TU distinct, {d} a day, {y} a year, {s} a synthetic term.
TEMPLATES = [
    (
        "Документ № {n}: {d} мая {y} г. в Туркестане прошёл неформальный саммит Организации "
        "тюркских государств.",
        "Document No. {n}: on May {d}, {y}, an informal summit of the Organization of Turkic "
        "States was held in Turkestan.",
    ),
    (
        "В записке № {n} говорится, что Анкара продвигала «Цифровой коридор» вместе с {s_ins}.",
        "Note No. {n} says that Ankara promoted the “Digital Corridor” together with the {s}.",
    ),
    (
        "Сообщение № {n}: Р. Т. Эрдоган прибыл в Астану {d} мая {y} г.",
        "Message No. {n}: R. T. Erdoğan arrived in Astana on May {d}, {y}.",
    ),
    (
        "По данным {s_gen}, в {y} г. в регионе усилились течения пантюркизма и пантуранизма "
        "(выпуск {n}).",
        "According to the {s}, the movements of Pan-Turkism and Pan-Turanism grew stronger in "
        "the region in {y} (issue {n}).",
    ),
    (
        "Справка № {n}: ОТГ и КНР обсудили «Степную культуру» и Великий шёлковый путь.",
        "Brief No. {n}: the OTS and the PRC discussed the “Steppe Culture” and the Great Silk "
        "Road.",
    ),
    (
        "В обзоре № {n} отмечено, что К.-Ж. Токаев поддерживает многовекторную политику "
        "Казахстана.",
        "Review No. {n} notes that K.-J. Tokayev supports Kazakhstan's multi-vector policy.",
    ),
    (
        "Протокол № {n}: истребители Сил воздушной обороны сопровождали самолёт до Астаны.",
        "Protocol No. {n}: fighters of the Air Defense Forces escorted the aircraft to Astana.",
    ),
    (
        "Доклад № {n} о деятельности {s_gen} подготовлен в {y} г.",
        "Report No. {n} on the work of the {s} was prepared in {y}.",
    ),
]
SYLLABLES = ["kar", "vel", "dor", "min", "sol", "tar", "ben", "rus", "lan", "tek", "mor", "zan"]
CYRILLIC = {
    "kar": "кар",
    "vel": "вел",
    "dor": "дор",
    "min": "мин",
    "sol": "сол",
    "tar": "тар",
    "ben": "бен",
    "rus": "рус",
    "lan": "лан",
    "tek": "тек",
    "mor": "мор",
    "zan": "зан",
}


# The rules pofilter has no counterpart for, turned off for the like-for-like run.
NOT_IN_POFILTER = (
    "term-missing",
    "term-deprecated",
    "term-inconsistent",
    "term-unexpected",
    "quote-style",
    "unaligned",
    "term-variant",
    "language-mismatch",
    "possible-omission",
    "possible-addition",
)


def synthetic_names(count: int) -> list[tuple[str, str]]:
    """(English, Russian) names for synthetic institutes: Karvel / Карвел."""
    names = []
    for a in SYLLABLES:
        for b in SYLLABLES:
            if a != b and len(names) < count:
                names.append(((a + b).capitalize(), (CYRILLIC[a] + CYRILLIC[b]).capitalize()))
    return names


def make_glossary(path: Path, concepts: int) -> list[tuple[str, str]]:
    from paralign.glossary_files import load_glossary, save_glossary
    from paralign.model import Concept, Glossary, Status, Term

    base = load_glossary(ROOT / "glossary" / "arvak.tbx")
    names = synthetic_names(max(0, concepts - len(base.concepts)))
    extra = tuple(
        Concept(
            f"c-bench-{en.lower()}",
            (
                Term(f"{en} Institute", "en", Status.PREFERRED),
                Term(f"{en} Institution", "en", Status.DEPRECATED),
                Term(f"Институт «{ru}»", "ru", Status.PREFERRED),
            ),
        )
        for en, ru in names
    )
    save_glossary(Glossary(base.concepts + extra, str(path)), path)
    return names


def make_tmx(path: Path, units: int, names: list[tuple[str, str]], seed: int = 7) -> dict:
    """The TMX, written as plain text for speed; returns the planted fault counts."""
    rng = random.Random(seed)
    planted = {"deprecated": 0, "number": 0, "untranslated": 0, "quotes": 0, "drift": 0}
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        out.write(
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" '
            'o-tmf="bench" adminlang="en" srclang="ru" datatype="plaintext"/>\n<body>\n'
        )
        for i in range(units):
            ru, en = TEMPLATES[i % len(TEMPLATES)]
            en_name, ru_name = names[rng.randrange(len(names))] if names else ("Karvel", "Карвел")
            values = {
                "n": i + 1,
                "d": 1 + i % 28,
                "y": 1990 + i % 37,
                "s": f"{en_name} Institute",
                "s_gen": f"Института «{ru_name}»",
                "s_ins": f"Институтом «{ru_name}»",
            }
            src, tgt = ru.format(**values), en.format(**values)
            fault = rng.random()
            if fault < 0.01:
                tgt = tgt.replace("Erdoğan", "Erdogan").replace("Organization", "Organisation")
                tgt = tgt.replace("Institute", "Institution")
                planted["deprecated"] += 1
            elif fault < 0.02:
                tgt = tgt.replace(f"No. {i + 1}", f"No. {i + 2}")
                planted["number"] += 1
            elif fault < 0.025:
                tgt = src
                planted["untranslated"] += 1
            elif fault < 0.03:
                tgt = tgt.replace("“", '"').replace("”", '"')
                planted["quotes"] += 1
            elif fault < 0.031:
                # two admitted renderings of one concept (Air Defence Forces is deprecated
                # as house style since issue 13, so it no longer drifts: it is wrong)
                tgt = tgt.replace("multi-vector policy", "multi-vector foreign policy")
                planted["drift"] += 1
            out.write(
                f'<tu tuid="bench-{i + 1}"><prop type="x-document">doc{i // 1000:04d}</prop>'
                f'<tuv xml:lang="ru"><seg>{escape(src)}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{escape(tgt)}</seg></tuv></tu>\n'
            )
        out.write("</body>\n</tmx>\n")
    return planted


DEV = ROOT.parent / "shared" / "data" / "align" / "ntrex-dev"


def dev_pairs(folder: Path = DEV) -> list[tuple[str, str]]:
    """The one-to-one beads of the dev set's gold alignments: real ru–en news sentence pairs."""
    pairs = []
    for gold in sorted(folder.glob("*.ru-en.align")):
        stem = gold.name[: -len(".ru-en.align")]
        ru = (folder / f"{stem}.ru").read_text(encoding="utf-8").splitlines()
        en = (folder / f"{stem}.en").read_text(encoding="utf-8").splitlines()
        for line in gold.read_text(encoding="utf-8").splitlines():
            left, _, right = line.partition(":")
            src, tgt = left.strip("[]"), right.strip("[]")
            if src.isdigit() and tgt.isdigit():
                pairs.append((ru[int(src)], en[int(tgt)]))
    return pairs


def make_dirty_tmx(path: Path, units: int, mispaired: float = 0.8, seed: int = 11) -> int:
    """A TM as a bad aligner or a careless merge leaves it: real ru–en news pairs, the share
    `mispaired` of them with the target of another pair. Returns the mispaired count."""
    pairs = dev_pairs()
    if not pairs:
        raise SystemExit(f"{DEV}: no dev data to build the dirty TM from")
    rng = random.Random(seed)
    wrong = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        out.write(
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" '
            'o-tmf="bench" adminlang="en" srclang="ru" datatype="plaintext"/>\n<body>\n'
        )
        for i in range(units):
            src, tgt = pairs[i % len(pairs)]
            if rng.random() < mispaired:
                tgt = pairs[rng.randrange(len(pairs))][1]
                wrong += 1
            out.write(
                f'<tu tuid="dirty-{i + 1}"><prop type="x-document">doc{i // 1000:04d}</prop>'
                f'<tuv xml:lang="ru"><seg>{escape(src)}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{escape(tgt)}</seg></tuv></tu>\n'
            )
        out.write("</body>\n</tmx>\n")
    return wrong


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process and all its descendants, in KB, from /proc. Forked workers
    share pages with their parent: summed RSS counts a shared page in every process, summed
    PSS once (split between them), which is what the machine holds."""
    rss = pss = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        fields = {line.split(":")[0]: line.split()[1] for line in rollup.splitlines()[1:]}
        rss += int(fields.get("Rss", 0))
        pss += int(fields.get("Pss", 0))
        stack.extend(int(c) for c in children)
    return rss, pss


POFILTER_OK = (0, 1)  # pofilter's exit codes when it ran (1: some unit failed a check)
LAST_CPU: list[float] = [0.0]  # CPU seconds (user + system, children included) of the last run
LAST_PSS: list[float] = [0.0]  # peak summed PSS of the last run's process tree, MB


def measure(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)
) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one child process from a cold start.

    Peak RSS is the larger of wait4's ru_maxrss and the peak of the summed RSS of the
    process tree sampled every 0.2 s, so worker processes are counted too. An exit code not
    in `ok` stops the benchmark: paralign runs with --fail-on never, so its only good code
    is 0 (1 is also a Python traceback); a caller running pofilter allows its 1 too."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    peak_tree = peak_pss = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        rss, pss = _tree_memory_kb(process.pid)
        peak_tree, peak_pss = max(peak_tree, rss), max(peak_pss, pss)
        time.sleep(0.2)
    wall = time.perf_counter() - start
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    LAST_PSS[0] = peak_pss / 1024
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok:
        raise SystemExit(f"{command[0]} failed: {process.stderr.read().decode()[-2000:]}")
    return wall, max(usage.ru_maxrss, peak_tree) / 1024, process.returncode


DIRTY_BEGIN, DIRTY_END = "<!-- check-dirty:begin -->", "<!-- check-dirty:end -->"


def dirty(args: argparse.Namespace) -> None:
    """The dirty TM (real news pairs, most mispaired) checked with all rules against the
    shipped glossary, --format json --output: with the default workers and with one process;
    with --before SRC (the src/ folder of an older paralign) that one too, side by side."""
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    (work / "pyproject.toml").write_text("[project]\nname = 'bench'\n", encoding="utf-8")
    tmx = work / f"dirty-{args.units}.tmx"
    mispaired = make_dirty_tmx(tmx, args.units)
    glossary = ROOT / "glossary" / "arvak.tbx"
    versions = {"this branch": None}
    if args.before:
        versions = {"before": args.before.resolve(), **versions}
    runs: dict[str, list[tuple[float, float, float, float]]] = {}
    reports: dict[str, Path] = {}
    for round_ in range(args.repeat):
        for version, src in versions.items():
            env = dict(os.environ)
            if src is not None:
                env["PYTHONPATH"] = str(src)
            for workers in ("default", "1"):
                name = f"{version}, workers {workers}"
                report = work / f"dirty-report-{len(reports)}.json"
                reports.setdefault(name, report)
                command = [str(BIN / "python"), "-c", "from paralign.cli import main; main()"]
                command += ["check", str(tmx), "--glossary", str(glossary), "--format", "json"]
                command += ["--fail-on", "never", "--output", str(reports[name])]
                command += [] if workers == "default" else ["--workers", workers]
                wall, rss, _ = measure(command, work, env)
                runs.setdefault(name, []).append((wall, LAST_CPU[0], rss, LAST_PSS[0]))
                print(
                    f"run {round_ + 1} {name}: {wall:.1f} s wall, {LAST_CPU[0]:.1f} s CPU, "
                    f"{rss:.0f} MB RSS, {LAST_PSS[0]:.0f} MB PSS, load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
    found = json.loads(next(iter(reports.values())).read_text(encoding="utf-8"))["summary"]
    same = len({r.read_bytes() for r in reports.values()}) == 1
    lines = [
        f"`benchmarks/check.py --dirty`, {time.strftime('%Y-%m-%d', time.gmtime())}: "
        f"{args.units:,} TUs of real ru–en news pairs (the 1:1 gold beads of ntrex-dev, "
        f"{mispaired:,} of them given another pair's target), all rules, glossary/arvak.tbx, "
        f"`--format json --output`; {found['total']:,} findings "
        f"({found['total'] / args.units:.2f} per TU); whole processes from a cold start, median "
        f"of {args.repeat} run(s); {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f} at the end. Reports identical across runs: {same}.",
        "",
        "| run | wall | CPU | TUs/s (wall) | TUs per CPU second | peak RSS (process tree) "
        "| peak PSS (process tree) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, values in runs.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        rss = statistics.median(v[2] for v in values)
        pss = statistics.median(v[3] for v in values)
        lines.append(
            f"| {name} | {wall:.1f} s | {cpu:.1f} s | {args.units / wall:,.0f} | "
            f"{args.units / cpu:,.0f} | {rss:.0f} MB | {pss:.0f} MB |"
        )
    text = "\n".join(lines)
    print(text)
    if args.write_docs:
        current = DOCS.read_text(encoding="utf-8")
        block = f"{DIRTY_BEGIN}\n{text}\n{DIRTY_END}"
        if DIRTY_BEGIN in current:
            head, rest = current.split(DIRTY_BEGIN, 1)
            current = head + block + rest.split(DIRTY_END, 1)[1]
        else:
            current = current.rstrip("\n") + "\n\n### check on a dirty TM\n\n" + block + "\n"
        DOCS.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--dirty", action="store_true", help="the dirty TM instead")
    parser.add_argument("--before", type=Path, help="with --dirty: an older src/ beside")
    parser.add_argument("--concepts", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench-check")
    parser.add_argument("--no-pofilter", action="store_true")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if args.dirty:
        dirty(args)
        return

    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    glossary, tmx = work / "glossary.tbx", work / f"bench-{args.units}.tmx"
    names = make_glossary(glossary, args.concepts)
    started = time.perf_counter()
    planted = make_tmx(tmx, args.units, names)
    print(
        f"wrote {tmx} ({tmx.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.0f} s;"
        f" planted {planted}",
        flush=True,
    )
    (work / "pyproject.toml").write_text("[project]\nname = 'bench'\n", encoding="utf-8")
    two = work / "two-rules"
    two.mkdir(exist_ok=True)
    (two / "paralign.toml").write_text(
        "[check.severities]\n" + "".join(f'"{r}" = "off"\n' for r in NOT_IN_POFILTER),
        encoding="utf-8",
    )
    paralign = str(BIN / "paralign")
    common = [str(tmx), "--glossary", str(glossary), "--format", "json", "--fail-on", "never"]
    commands = {
        "paralign check, all rules, 1 process": [
            paralign,
            "check",
            *common,
            "--output",
            str(work / "report.json"),
            "--jobs",
            "1",
        ],
        "paralign check, all rules, 2 workers": [
            paralign,
            "check",
            *common,
            "--output",
            str(work / "report-2.json"),
            "--jobs",
            "2",
        ],
        "paralign check, numbers + untranslated, 1 process": [
            paralign,
            "--config",
            str(two / "paralign.toml"),
            "check",
            *common,
            "--output",
            str(work / "report-two.json"),
            "--jobs",
            "1",
        ],
    }
    pofilter = shutil.which("pofilter", path=str(BIN))
    if pofilter and not args.no_pofilter:
        commands["pofilter -t numbers -t untranslated"] = [
            pofilter,
            "--progress=none",
            "-t",
            "numbers",
            "-t",
            "untranslated",
            "-i",
            str(tmx),
            "-o",
            str(work / "pofilter-out.tmx"),
        ]
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for round_ in range(args.repeat):
        for name, command in commands.items():
            wall, rss, _ = measure(command, work, ok=POFILTER_OK if "pofilter" in name else (0,))
            runs[name].append((wall, rss, LAST_PSS[0]))
            print(
                f"run {round_ + 1} {name}: {wall:.1f} s, {rss:.0f} MB RSS, "
                f"{LAST_PSS[0]:.0f} MB PSS, load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    report = json.loads((work / "report.json").read_text(encoding="utf-8"))
    rows = []
    for name, values in runs.items():
        wall = statistics.median(v[0] for v in values)
        rss = statistics.median(v[1] for v in values)
        pss = statistics.median(v[2] for v in values)
        rows.append((name, wall, args.units / wall, rss, [v[0] for v in values], pss))
    lines = [
        f"`benchmarks/check.py`, {time.strftime('%Y-%m-%d', time.gmtime())}: one TMX of "
        f"{args.units:,} distinct ru→en TUs ({tmx.stat().st_size / 1e6:.0f} MB), a glossary of "
        f"{args.concepts} concepts (glossary/arvak.tbx plus synthetic ones); whole processes "
        f"from a cold start, median of {args.repeat} run(s), {os.cpu_count()} cores, load "
        f"average {os.getloadavg()[0]:.1f} at the end.",
        "",
        "| command | wall time | TUs/s | peak RSS (process tree) | peak PSS (process tree) "
        "| each run |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {n} | {w:.1f} s | {r:,.0f} | {m:.0f} MB | {p:.0f} MB | "
            f"{', '.join(f'{x:.1f}' for x in e)} s |"
            for n, w, r, m, e, p in rows
        ),
        "",
        f"Planted faults: {planted}; paralign found {report['summary']['by_rule']}.",
    ]
    if len(rows) == 4:
        lines.append(
            f"Time ratio pofilter / paralign on the same two checks: "
            f"{rows[3][1] / rows[2][1]:.2f} (above 1: paralign faster); peak RSS ratio "
            f"{rows[3][3] / rows[2][3]:.2f}; pofilter / paralign with all rules: "
            f"{rows[3][1] / rows[0][1]:.2f}."
        )
    fastest = args.units / min(rows[1][4])
    speed = max(rows[0][2], rows[1][2])
    memory = max(rows[0][3], rows[1][3])
    held = max(rows[0][5], rows[1][5])
    verdict = "met" if speed >= 20_000 and memory < 300 else "not met"
    lines.append(
        f"Against the goal of issue 6 (all rules, ≥ 20,000 TUs/s, peak RSS < 300 MB): "
        f"{rows[0][2]:,.0f} TUs/s in one process, {rows[1][2]:,.0f} with two workers, peak "
        f"RSS {memory:.0f} MB summed over the process tree: {verdict} (medians; the fastest "
        f"run with two workers: {fastest:,.0f} TUs/s). The summed RSS counts the pages the "
        f"forked workers share with the client once in each; their PSS, which splits them, "
        f"is what the machine holds: {held:.0f} MB, "
        f"{'under' if held < 300 else 'over'} 300 MB."
    )
    text = "\n".join(lines)
    print(text)
    if args.write_docs:
        write_docs(text)


def write_docs(text: str) -> None:
    current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        current = head + block + rest.split(END, 1)[1]
    elif "## check" in current:
        head, rest = current.split("## check", 1)
        current = head + "## check\n\n" + block + "\n" + rest.split("\n", 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n## check\n\n" + block + "\n"
    DOCS.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
