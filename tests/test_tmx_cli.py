"""`paralign tmx …`: exit codes, outputs, and no partial file on bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paralign.cli import app
from paralign.model import Bitext, Link, Sentence
from paralign.tmx import TmxOptions, read_tmx, write_tmx
from tests.test_tmx_read import tmx, tu

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    source = tuple(Sentence(t, block=i) for i, t in enumerate(["Один.", "Два.", "Три."]))
    target = (Sentence("One.", block=0), Sentence("Two, three.", block=1))
    links = (Link((0,), (0,), 0.9), Link((1, 2), (1,), 0.4))
    path = tmp_path / "ours.tmx"
    write_tmx(
        [Bitext("d", "ru", "en", source, target, links)],
        path,
        TmxOptions(creation_date="20260530T000000Z"),
    )
    return path


def test_validate_exit_codes(ours: Path, tmp_path: Path) -> None:
    ok = invoke("tmx", "validate", str(ours))
    assert ok.exit_code == 0 and "valid TMX 1.4b" in ok.stdout
    body = "\n".join(
        [
            tu('a <bpt i="1"/>b', 'c <ept i="2"/>d'),
            tu("x", "y").replace('lang="en"', 'lang="de"').replace("<tu>", '<tu tuid="t2">'),
            '<tu><tuv xml:lang="ru_RU"><seg>a</seg><seg>b</seg></tuv></tu>',
        ]
    )
    bad = tmx(tmp_path, body, name="bad.tmx")
    result = invoke("tmx", "validate", str(bad))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith(f"{bad}:") for line in lines)
    text = result.stdout
    assert f'{bad}:5: <bpt i="1"> without its <ept i="1">' in text
    assert f'{bad}:5: <ept i="2"> without a <bpt i="2"> before it' in text
    assert f"{bad}:6: language 'de' is neither the source 'ru' nor a target (en)" in text
    assert f"{bad}:7: language 'ru_RU' is not a BCP 47 code" in text
    assert f"{bad}:7: <tuv> has 2 <seg>, needs one" in text
    assert any("DTD:" in line for line in lines)
    truncated = tmp_path / "cut.tmx"
    truncated.write_bytes(ours.read_bytes()[:300])
    cut = invoke("tmx", "validate", str(truncated))
    assert cut.exit_code == 2 and "not well-formed XML" in cut.stderr
    assert len(cut.stderr.strip().splitlines()) == 1 and "Traceback" not in cut.output


def test_stats_json(ours: Path) -> None:
    result = invoke("tmx", "stats", str(ours), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["translation_units"] == 2 and data["srclang"] == "ru"
    assert data["languages"] == {
        "ru": {"tuvs": 2, "characters": len("Один.Два. Три.")},
        "en": {"tuvs": 2, "characters": len("One.Two, three.")},
    }
    assert data["beads"] == {"1-1": 1, "2-1": 1}
    assert (data["scores"]["min"], data["scores"]["max"]) == (0.4, 0.9)
    text = invoke("tmx", "stats", str(ours))
    assert "2 translation units" in text.stdout and "beads: 1-1 1, 2-1 1" in text.stdout


def test_merge_keeps_identical_pairs_once(ours: Path, tmp_path: Path) -> None:
    other = tmx(tmp_path, tu("Один.", "One.") + tu("Четыре.", "Four."), name="other.tmx")
    out = tmp_path / "merged.tmx"
    result = invoke(
        "tmx", "merge", str(ours), str(other), "-o", str(out), "--creation-date", "2026-05-30"
    )
    assert result.exit_code == 0, result.output
    units = list(read_tmx(out, "ru", "en"))
    assert [u.variants["en"] for u in units] == ["One.", "Two, three.", "Four."]
    assert units[0].prop("x-score") == "0.900"
    assert invoke("tmx", "validate", str(out)).exit_code == 0
    german = tmx(tmp_path, tu("a", "b"), src="de", name="de.tmx")
    clash = invoke("tmx", "merge", str(ours), str(german), "-o", str(tmp_path / "x.tmx"))
    assert clash.exit_code == 2 and "different srclang" in clash.stderr
    assert not (tmp_path / "x.tmx").exists()


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("tsv", ["Один.\tOne.", "Два. Три.\tTwo, three."]),
        ("csv", ["ru,en", "Один.,One.", 'Два. Три.,"Two, three."']),
        (
            "jsonl",
            [
                '{"tuid": "d-1", "ru": "Один.", "en": "One."}',
                '{"tuid": "d-2", "ru": "Два. Три.", "en": "Two, three."}',
            ],
        ),
    ],
)
def test_export_formats(ours: Path, fmt: str, expected: list[str]) -> None:
    result = invoke("tmx", "export", str(ours), "--to", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == expected


def test_export_to_file_and_import_back(ours: Path, tmp_path: Path) -> None:
    csv_out = tmp_path / "pairs.csv"
    assert invoke("tmx", "export", str(ours), "--to", "csv", "-o", str(csv_out)).exit_code == 0
    back = tmp_path / "back.tmx"
    result = invoke(
        "tmx", "import", str(csv_out), "-o", str(back), "--creation-date", "20260530T000000Z"
    )
    assert result.exit_code == 0, result.output
    units = list(read_tmx(back, "ru", "en"))
    assert [(u.tuid, u.variants["en"]) for u in units] == [
        ("pairs-2", "One."),
        ("pairs-3", "Two, three."),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\tb\nc\n", r"bad\.tsv:2: expected 2 tab-separated fields, found 1"),
        ("a\tb\nc\x01\td\n", r"bad\.tsv:2: contains U\+0001"),
    ],
)
def test_import_bad_rows_exit_2_without_output(tmp_path: Path, text: str, message: str) -> None:
    source = tmp_path / "bad.tsv"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.tmx"
    result = invoke("tmx", "import", str(source), "-o", str(out))
    assert result.exit_code == 2
    assert re.search(message, result.stderr)
    assert not out.exists()


def test_third_language_in_export_is_exit_2(tmp_path: Path) -> None:
    body = tu("а", "b") + "\n" + tu("в", "c").replace('lang="en"', 'lang="fr"')
    result = invoke(
        "tmx",
        "export",
        str(tmx(tmp_path, body)),
        "--src",
        "ru",
        "--tgt",
        "en",
        "-o",
        str(tmp_path / "o.tsv"),
    )
    assert result.exit_code == 2
    assert "t.tmx:6: TU 2 has language 'fr'" in result.stderr
    assert not (tmp_path / "o.tsv").exists()


def test_main_job_output_validates_and_its_csv_glossary_loads(tmp_path: Path) -> None:
    """The foundation's build/arvak.ru-en.tmx (from `paralign run` on a copy of the shipped
    corpus) passes `tmx validate`, and build/arvak.csv holds every concept of the TBX."""
    import shutil
    import subprocess
    import sys

    from paralign.glossary_files import load_glossary

    root = Path(__file__).resolve().parents[1]
    assert (root / "glossary" / "arvak.tbx").is_file() and (root / "texts" / "ru").is_dir(), (
        "the corpus and the glossary are shipped in the repository"
    )
    for name in ("texts", "glossary"):
        shutil.copytree(root / name, tmp_path / name)
    shutil.copy(root / "pyproject.toml", tmp_path / "pyproject.toml")
    paralign = Path(sys.executable).with_name("paralign")
    done = subprocess.run([str(paralign), "run"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    built = tmp_path / "build" / "arvak.ru-en.tmx"
    result = invoke("tmx", "validate", str(built))
    assert result.exit_code == 0, result.stdout
    from translate.storage.tmx import tmxfile

    ours = [(u.variants.get("ru"), u.variants.get("en")) for u in read_tmx(built, "ru", "en")]
    # translate-toolkit reads the native code inside <bpt>/<ept> as text: <em>, <strong>,
    # and a footnote marker with its label (<sup>1</sup>), which paralign's reader drops
    codes = re.compile(r"<sup>[^<]*</sup>|</?(?:em|strong)>")
    theirs = [
        (codes.sub("", u.source or "").strip(), codes.sub("", u.target or "").strip())
        for u in tmxfile.parsefile(str(built)).units
    ]
    both = [pair for pair in ours if pair[0] and pair[1]]
    assert len(both) >= 50
    assert both == [pair for pair in theirs if pair[0] and pair[1]]
    tbx = load_glossary(root / "glossary" / "arvak.tbx")
    csv = load_glossary(tmp_path / "build" / "arvak.csv")
    assert [c.id for c in csv.concepts] == [c.id for c in tbx.concepts]
    assert [[(t.text, t.status) for t in c.terms] for c in csv.concepts] == [
        [(t.text, t.status) for t in c.terms] for c in tbx.concepts
    ]


def test_gold_alignment_of_the_corpus_as_tmx_validates_and_opens_in_translate_toolkit(
    tmp_path: Path,
) -> None:
    """Independent of the aligner: the gold beads of the shipped corpus, written as TMX."""
    from translate.storage.tmx import tmxfile

    gold = Path(__file__).resolve().parents[1] / "texts" / "gold"
    stem = "2026-05-30-ots-summit-turkestan"
    assert (gold / f"{stem}.ru-en.align").is_file(), "texts/gold is shipped in the repository"
    ru = (gold / f"{stem}.ru.sents").read_text(encoding="utf-8").splitlines()
    en = (gold / f"{stem}.en.sents").read_text(encoding="utf-8").splitlines()
    links = []
    for line in (gold / f"{stem}.ru-en.align").read_text(encoding="utf-8").splitlines():
        left, right = line.split(":")[:2]
        links.append(Link(tuple(json.loads(left)), tuple(json.loads(right))))
    bitext = Bitext(
        stem,
        "ru",
        "en",
        tuple(Sentence(s) for s in ru),
        tuple(Sentence(s) for s in en),
        tuple(links),
    )
    out = tmp_path / "gold.tmx"
    write_tmx([bitext], out, TmxOptions(creation_date="20260530T000000Z"))
    assert invoke("tmx", "validate", str(out)).exit_code == 0
    units = tmxfile.parsefile(str(out)).units
    assert len(units) == len(links)
    first_pair = next(lk for lk in links if lk.src and lk.tgt)
    unit = units[links.index(first_pair)]
    assert unit.source == " ".join(ru[i] for i in first_pair.src)
    assert unit.target == " ".join(en[i] for i in first_pair.tgt)


@pytest.mark.parametrize(
    "command", [["tmx", "validate"], ["tmx", "stats"], ["tmx", "export"], ["glossary", "lint"]]
)
def test_entity_files_exit_2_with_one_line(tmp_path: Path, command: list[str]) -> None:
    from tests.test_tmx_read import BOMB

    path = tmp_path / ("bomb.tbx" if command[0] == "glossary" else "bomb.tmx")
    path.write_text(BOMB, encoding="utf-8")
    result = invoke(*command, str(path))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"paralign: error: {path}: declares the entity 'a' in its DOCTYPE; entity declarations "
        "are refused (entity expansion and external entities are unsafe)"
    ]


def test_align_writes_deterministic_tmx_with_writer_flags(tmp_path: Path) -> None:
    """`paralign align` passes --creation-date, --drop-unaligned and --plain to the writer."""
    ru, en = tmp_path / "a.ru.md", tmp_path / "a.en.md"
    ru.write_text(
        "# Саммит\n\nСаммит *ОТГ* прошёл в Туркестане.\n\n## Итоги\n\nИтоги подведены.\n",
        encoding="utf-8",
    )
    en.write_text("# Summit\n\nThe *OTS* summit took place in Turkestan.\n", encoding="utf-8")
    outs = []
    for n, flags in enumerate([[], [], ["--drop-unaligned", "--plain"]]):
        out = tmp_path / f"o{n}.tmx"
        result = invoke(
            "align",
            str(ru),
            str(en),
            "-o",
            str(out),
            "--creation-date",
            "2026-05-30T12:00:00Z",
            *flags,
        )
        assert result.exit_code == 0, result.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert b'creationdate="20260530T120000Z"' in outs[0]
    assert b"<bpt" in outs[0] and b"<bpt" not in outs[2]
    # the heading and the sentence of "Итоги" have no English: 1-0 TUs, left out on request
    assert outs[0].count(b"<tu ") == 4 and outs[2].count(b"<tu ") == 2


def test_jsonl_export_imports_back_and_bad_lines_exit_2(ours: Path, tmp_path: Path) -> None:
    lines = tmp_path / "pairs.jsonl"
    assert invoke("tmx", "export", str(ours), "--to", "jsonl", "-o", str(lines)).exit_code == 0
    back = tmp_path / "back.tmx"
    assert invoke("tmx", "import", str(lines), "-o", str(back)).exit_code == 0
    assert [u.variants for u in read_tmx(back, "ru", "en")] == [
        {"ru": "Один.", "en": "One."},
        {"ru": "Два. Три.", "en": "Two, three."},
    ]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"ru": "а", "en": "b"}\n{"ru": "в"}\n', encoding="utf-8")
    result = invoke("tmx", "import", str(bad), "-o", str(tmp_path / "x.tmx"))
    assert result.exit_code == 2 and "bad.jsonl:2: no string under the key 'en'" in result.stderr
    assert not (tmp_path / "x.tmx").exists()
