"""A real CAT tool reuses paralign's output: OmegaT 3.6 (Debian `omegat`) in console mode.

One OmegaT project, built once for the module around the shipped corpus: the Russian text
as HTML rendered from its Markdown (emphasis becomes tags on both sides), paralign's TMX of
the corpus in `tm/auto/` (exact matches inserted automatically), paralign's rules as the
project's `omegat/segmentation.conf`. Two OmegaT runs side by side: `console-translate` (its
project memory says what it inserted) and `console-createpseudotranslatetmx` (every source
segment it made). Leverage is the share of OmegaT's segments translated exactly as the TMX
says; every segment that is not is listed with its reason.

Outside CI a machine without OmegaT skips; with CI=true the test fails instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import ROOT, STEM, TEXTS

GLOSSARY = ROOT / "glossary" / "arvak.tbx"

pytestmark = pytest.mark.xdist_group("omegat")

OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes/>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>ru</source_lang>
        <target_lang>en</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneRussianTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""
# "Display tags" of External TMX options: read a foreign TMX's codes as OmegaT tags (level 2)
# rather than dropping them, so that a segment with emphasis can match a TU at all.
OMEGAT_PREFS = """<?xml version="1.0" encoding="UTF-8" ?>
<omegat>
  <preference version="1.0">
    <ext_tmx_show_level2>true</ext_tmx_show_level2>
  </preference>
</omegat>
"""


def omegat_binary() -> str:
    found = shutil.which("omegat")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("OmegaT is not installed: .ci/run installs the Debian package omegat")
    pytest.skip("OmegaT (Debian package omegat) is not installed")


# Run by OmegaT on project load: its own glossary readers (TSV and TBX) read our files.
GLOSSARY_SCRIPT = """import org.omegat.core.Core
import org.omegat.gui.glossary.GlossaryReaderTBX
import org.omegat.gui.glossary.GlossaryReaderTSV
def root = new File(Core.getProject().getProjectProperties().getGlossaryRoot())
root.listFiles().sort { it.name }.each { file ->
    def tbx = file.name.endsWith(".tbx")
    def entries = tbx ? GlossaryReaderTBX.read(file, false) : GlossaryReaderTSV.read(file, false)
    entries.each { e ->
        println("GLOSSARY\t${file.name}\t${e.getSrcText()}\t${e.getLocText()}\t${e.getCommentText()}")
    }
}
"""


@dataclass(frozen=True)
class OmegatRun:
    project: Path
    log: str
    segments: list[str]  # OmegaT's source segments, in its tag notation
    translations: dict[str, str]  # source segment → what OmegaT inserted
    units: list[tuple[str, str, str]]  # (bead, source, target) of paralign's TMX, same notation
    xliff: Path  # paralign's XLIFF 1.2 of the corpus
    xliff_project: Path  # a project translating it, sentence segmentation off
    xliff_log: str
    glossary: list[tuple[str, str, str, str]]  # (file, term, translation, comment) OmegaT read
    sentences: int  # paralign's Russian sentences


def _project(root: Path, files: dict[str, bytes | str], sentences: bool = True) -> Path:
    for sub in ("source", "target", "tm/auto", "glossary", "omegat", "dictionary"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    project = OMEGAT_PROJECT
    if not sentences:
        project = project.replace("<sentence_seg>true", "<sentence_seg>false")
    (root / "omegat.project").write_text(project, encoding="utf-8")
    for name, data in files.items():
        path = root / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def _launch(binary: str, project: Path, home: Path, *args: str) -> subprocess.Popen[str]:
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "omegat.prefs").write_text(OMEGAT_PREFS, encoding="utf-8")
    env = {**os.environ, "HOME": str(home)}
    env.pop("DISPLAY", None)
    command = [binary, str(project), f"--config-dir={config}", "--disable-project-locking"]
    return subprocess.Popen(
        [*command, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def omegat_tags(seg: etree._Element | None) -> str:
    """A TMX seg as OmegaT (External TMX, level 2) reads it: `<e0>…</e0>`, the letter from
    the code inside the bpt (else its type), the number from `x` (minus one)."""
    if seg is None:
        return ""
    out = [seg.text or ""]
    letters: dict[str, tuple[str, int]] = {}
    for code in seg:
        content = "".join(code.itertext())
        if code.tag == "bpt":
            letter = next((c.lower() for c in content + code.get("type", "f") if c.isalpha()), "f")
            number = max(0, int(code.get("x", "1")) - 1)
            letters[code.get("i", "")] = (letter, number)
            out.append(f"<{letter}{number}>")
        elif code.tag == "ept":
            letter, number = letters.get(code.get("i", ""), ("f", 0))
            out.append(f"</{letter}{number}>")
        out.append(code.tail or "")
    return "".join(out)


def _units(tmx: Path) -> list[tuple[str, str, str]]:
    units = []
    for tu in etree.parse(str(tmx)).iter("tu"):
        bead = next(p.text for p in tu.iter("prop") if p.get("type") == "x-bead")
        texts = {
            tuv.get("{http://www.w3.org/XML/1998/namespace}lang"): omegat_tags(tuv.find("seg"))
            for tuv in tu.iter("tuv")
        }
        units.append((bead or "", texts.get("ru", ""), texts.get("en", "")))
    return units


def _pairs(tmx: Path) -> tuple[list[str], dict[str, str]]:
    """Source segments in file order, and source → target, of a TMX OmegaT wrote."""
    order: list[str] = []
    pairs: dict[str, str] = {}
    for tu in etree.parse(str(tmx)).iter("tu"):
        segs = ["".join(t.find("seg").itertext()) for t in tu.iter("tuv")]
        order.append(segs[0])
        pairs[segs[0]] = segs[1] if len(segs) > 1 else ""
    return order, pairs


def russian_html() -> str:
    """The corpus's Russian Markdown as the HTML page a user would hand OmegaT."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").render((TEXTS / "ru" / f"{STEM}.md").read_text("utf-8"))
    return f'<html><head><meta charset="utf-8"></head><body>\n{body}</body></html>\n'


@pytest.fixture(scope="module")
def omegat_run(tmp_path_factory: pytest.TempPathFactory) -> OmegatRun:
    binary = omegat_binary()
    from paralign.align import align_corpus
    from paralign.cat_glossary import martif_bytes
    from paralign.corpus import corpus_pairs, read_bitexts
    from paralign.glossary_files import load_glossary
    from paralign.omegat import omegat_glossary_text, segmentation_conf
    from paralign.segment import DEFAULT_RULES
    from paralign.segment.srx import load_srx
    from paralign.tmx import TmxOptions, write_tmx
    from paralign.xliff import xliff_bytes

    base = tmp_path_factory.mktemp("omegat")
    tmx = base / "arvak.ru-en.tmx"
    bitexts = align_corpus(read_bitexts(corpus_pairs(TEXTS, "ru", "en"), "ru", "en"))
    write_tmx(bitexts, tmx, TmxOptions(creation_date="20260530T000000Z"))
    xliff = base / f"{STEM}.xlf"
    xliff.write_bytes(xliff_bytes(bitexts[0]))
    glossary = load_glossary(GLOSSARY)
    (base / "script.groovy").write_text(GLOSSARY_SCRIPT, encoding="utf-8")
    files: dict[str, bytes | str] = {
        f"source/{STEM}.html": russian_html(),
        "tm/auto/arvak.ru-en.tmx": tmx.read_bytes(),
        "omegat/segmentation.conf": segmentation_conf(load_srx(DEFAULT_RULES)),
        "glossary/arvak.txt": omegat_glossary_text(glossary, "ru", "en"),
        "glossary/arvak.tbx": martif_bytes(glossary),
    }
    translate = _project(base / "translate", files)
    pseudo = _project(base / "pseudo", files)
    through_xliff = _project(
        base / "xliff",
        {
            f"source/{STEM}.xlf": _as_job(xliff),
            "tm/auto/arvak.ru-en.tmx": tmx.read_bytes(),
        },
        sentences=False,
    )
    all_segments = base / "segments.tmx"
    runs = [
        _launch(
            binary,
            translate,
            base / "home1",
            "--mode=console-translate",
            f"--script={base / 'script.groovy'}",
        ),
        _launch(binary, through_xliff, base / "home3", "--mode=console-translate"),
        _launch(
            binary,
            pseudo,
            base / "home2",
            "--mode=console-createpseudotranslatetmx",
            f"--pseudotranslatetmx={all_segments}",
            "--pseudotranslatetype=equal",
        ),
    ]
    logs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], "\n".join(logs)[-3000:]
    segments, _ = _pairs(all_segments)
    _, translations = _pairs(translate / "translate-omegat.tmx")
    read = [
        tuple(line.split("\t")[1:5])
        for line in dict.fromkeys(logs[0].splitlines())  # the script runs on each event
        if line.startswith("GLOSSARY\t")
    ]
    return OmegatRun(
        translate,
        logs[0],
        segments,
        translations,
        _units(tmx),
        xliff,
        through_xliff,
        logs[1],
        read,  # type: ignore[arg-type]
        len(bitexts[0].source),
    )


_TAG = re.compile(r"</?[a-z]\d+/?>")


def reasons(run: OmegatRun) -> dict[str, str]:
    """Each OmegaT segment not translated as the TMX says → why."""
    by_source = {source: target for _, source, target in run.units if source and target}
    found: dict[str, str] = {}
    for segment in run.segments:
        expected = by_source.get(segment)
        if expected is not None and run.translations.get(segment) == expected:
            continue
        found[segment] = _reason(segment, expected, run)
    return found


def _reason(segment: str, expected: str | None, run: OmegatRun) -> str:
    if expected is not None:
        return f"inserted {run.translations.get(segment)!r}, the TMX says {expected!r}"
    plain = _TAG.sub("", segment)
    for bead, source, target in run.units:
        if source == segment and not target:
            return f"{bead} bead: the TMX has no translation"
        if bead != "1-1" and segment in source:
            return f"sentence of a {bead} bead: OmegaT looks it up alone"
        if plain == _TAG.sub("", source):
            return f"inline codes differ: TMX {source!r}"
    if any(plain in _TAG.sub("", source) for _, source, _ in run.units):
        return "segmentation: OmegaT cut a paralign sentence"
    return "segmentation: no TU source is or contains this segment"


def test_omegat_reads_every_tu_and_its_segmentation_rules(omegat_run: OmegatRun) -> None:
    assert "Source segment could not be located" not in omegat_run.log
    assert "loading segmentation rules" not in omegat_run.log
    assert "Error" not in omegat_run.log.replace("Errors: 0", "")


def test_omegat_segments_the_source_as_paralign_does(omegat_run: OmegatRun) -> None:
    sentences = [s for _, source, _ in omegat_run.units for s in [source] if source]
    # a merged TU holds its sentences joined by one space: each is one OmegaT segment
    plain = sorted(_TAG.sub("", s) for s in omegat_run.segments)
    # 112 today, the gold count of texts/README.md
    assert len(omegat_run.segments) == omegat_run.sentences
    joined = " ".join(_TAG.sub("", s) for s in sentences)
    assert all(segment in joined for segment in plain)
    assert not [r for r in reasons(omegat_run).values() if r.startswith("segmentation")]


def test_every_one_to_one_bead_is_reused(omegat_run: OmegatRun) -> None:
    found = reasons(omegat_run)
    one_to_one = [source for bead, source, _ in omegat_run.units if bead == "1-1"]
    missed = [source for source in one_to_one if source not in omegat_run.translations]
    assert len(one_to_one) > 70  # 76 with today's aligner
    # the footnote markers too: `<sup>1</sup>` is the same `<s0>1</s0>` in the HTML and TMX
    assert not missed, {s: found.get(s) for s in missed}
    assert sum("<s0>1</s0>" in source for source in one_to_one) == 2
    kinds = Counter(reason.split(":")[0] for reason in found.values())
    assert set(kinds) <= {
        "1-0 bead",
        *(f"sentence of a {b} bead" for b in ("2-1", "3-1", "1-2", "2-2")),
    }, found
    reused = len(omegat_run.segments) - len(found)
    print(f"OmegaT leverage: {reused}/{len(omegat_run.segments)} segments; {dict(kinds)}")
    assert reused == len(omegat_run.translations) > 0.7 * len(omegat_run.segments)


def test_omegat_writes_the_footnote_markers_into_the_translation(omegat_run: OmegatRun) -> None:
    html = (omegat_run.project / "target" / f"{STEM}.html").read_text("utf-8")
    assert "<strong>ARVAK Center comment, 30.05.2026<sup>1</sup></strong>" in html
    assert "<p><sup>1</sup> The original (in Rus.) was posted" in html


def _as_job(path: Path) -> bytes:
    """The XLIFF as OmegaT 3.6 takes a translation job: its XLIFF filter translates what it
    finds in <target> (prepared tools fill it with a copy of the source) and copies a unit
    without one untouched. So every target becomes a copy of its source here, and OmegaT
    has to fill it from the TMX."""
    from copy import deepcopy

    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    tree = etree.parse(str(path))
    for unit in tree.iter(f"{ns}trans-unit"):
        source, old = unit.find(f"{ns}source"), unit.find(f"{ns}target")
        target = deepcopy(source)
        target.tag = f"{ns}target"
        target.tail = old.tail if old is not None else source.tail
        if old is not None:
            unit.replace(old, target)
        else:
            source.addnext(target)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def _unit_texts(path: Path) -> dict[str, tuple[str, str]]:
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    units = {}
    for unit in etree.parse(str(path)).iterfind(".//x:trans-unit", ns):
        source, target = unit.find("x:source", ns), unit.find("x:target", ns)
        units[unit.get("id")] = (
            "".join(source.itertext()),
            "".join(target.itertext()) if target is not None else "",
        )
    return units


def test_omegat_through_the_xliff_source_gives_the_same_texts(omegat_run: OmegatRun) -> None:
    ours = _unit_texts(omegat_run.xliff)
    theirs = _unit_texts(omegat_run.xliff_project / "target" / omegat_run.xliff.name)
    assert list(theirs) == list(ours) and len(ours) > 90
    same = [uid for uid, (_, target) in ours.items() if target and theirs[uid][1] == target]
    differ = {uid: theirs[uid] for uid, (_, t) in ours.items() if t and theirs[uid][1] != t}
    _, from_tm = _pairs(omegat_run.xliff_project / "xliff-omegat.tmx")
    print(
        f"XLIFF through OmegaT: {len(same)} of {sum(1 for _, t in ours.values() if t)} targets "
        f"the same, {len(from_tm)} units filled from the TMX; differ: {differ}"
    )
    # with sentence segmentation off a unit is one segment, so merged beads match whole too
    assert not differ, differ
    assert len(from_tm) == len(same)


def test_omegat_loads_both_converted_glossaries(omegat_run: OmegatRun) -> None:
    from paralign.glossary_files import load_glossary
    from paralign.model import Status

    by_file: dict[str, list[tuple[str, str, str]]] = {}
    for name, term, translation, comment in omegat_run.glossary:
        by_file.setdefault(name, []).append((term, translation, comment))
    assert set(by_file) == {"arvak.txt", "arvak.tbx"}
    rows = by_file["arvak.txt"]
    glossary = load_glossary(GLOSSARY)
    status = {(t.lang[:2], t.text): t.status for c in glossary.concepts for t in c.terms}
    assert len(rows) > 200
    assert all(status[("ru", term)] in (Status.PREFERRED, Status.ADMITTED) for term, _, _ in rows)
    deprecated = {text for (lang, text), st in status.items() if st is Status.DEPRECATED}
    assert deprecated and not deprecated & {t for row in rows for t in row[:2]}
    assert ("Организация тюркских государств", "Organization of Turkic States") in {
        row[:2] for row in rows
    }
    assert any(comment.startswith("admitted") for _, _, comment in rows)
    # OmegaT's TBX reader takes the martif: every usable term of a concept appears
    tbx_terms = {t for row in by_file["arvak.tbx"] for t in row[:2]}
    assert {"Организация тюркских государств", "Organization of Turkic States"} <= tbx_terms
    assert not deprecated & tbx_terms


# Paragraphs written for this test (our own text, both languages): each place a footnote
# marker stands relative to emphasis, as OmegaT's HTML filter tags it (measured with OmegaT
# 3.6: `<e0>словом</e0><s1>1</s1>`, `<e0>словом<s1>2</s1></e0>`, `<s0>Заголовок</s0><s1>3</s1>`,
# `Заголовок второй<s0>4</s0>`, `<s0>5</s0> Примечание…`, `Текст <s0>6</s0> внутри.`).
MARKED_RU = """<p>Первый абзац с <em>словом</em><sup>1</sup> и далее.</p>
<p>Второй абзац с <em>словом<sup>2</sup></em> и далее.</p>
<p><strong>Заголовок</strong><sup>3</sup></p>
<p><strong>Заголовок второй<sup>4</sup></strong></p>
<p><sup>5</sup> Примечание с <em>курсивом</em>.</p>
<p>Текст <sup>6</sup> внутри.</p>"""
MARKED_EN = """<p>A first paragraph with a <em>word</em><sup>1</sup> and more.</p>
<p>A second paragraph with a <em>word<sup>2</sup></em> and more.</p>
<p><strong>Heading</strong><sup>3</sup></p>
<p><strong>Second heading<sup>4</sup></strong></p>
<p><sup>5</sup> A note with <em>italics</em>.</p>
<p>Text <sup>6</sup> inside.</p>"""


def test_omegat_reuses_footnote_markers_wherever_they_stand(tmp_path: Path) -> None:
    """paralign reads both pages, writes the TMX of their six 1-1 pairs; OmegaT, translating
    the Russian page from it, writes exactly the English page: every segment matched."""
    binary = omegat_binary()
    from paralign.model import Bitext, Link
    from paralign.read import read_document
    from paralign.segment import segment_document
    from paralign.tmx import TmxOptions, write_tmx

    def page(body: str) -> str:
        return f'<html><head><meta charset="utf-8"></head><body>\n{body}\n</body></html>\n'

    (tmp_path / "ru.html").write_text(page(MARKED_RU), encoding="utf-8")
    (tmp_path / "en.html").write_text(page(MARKED_EN), encoding="utf-8")
    source = segment_document(read_document(tmp_path / "ru.html"), "ru")
    target = segment_document(read_document(tmp_path / "en.html"), "en")
    assert len(source) == len(target) == 6
    links = tuple(Link((i,), (i,)) for i in range(6))
    tmx = tmp_path / "m.tmx"
    write_tmx([Bitext("m", "ru", "en", source, target, links)], tmx, TmxOptions())
    project = _project(
        tmp_path / "markers", {"source/m.html": page(MARKED_RU), "tm/auto/m.tmx": tmx.read_bytes()}
    )
    run = _launch(binary, project, tmp_path / "home", "--mode=console-translate")
    log = run.communicate(timeout=300)[0]
    assert run.returncode == 0, log[-3000:]
    _, inserted = _pairs(project / "markers-omegat.tmx")
    assert len(inserted) == 6, inserted
    translated = (project / "target" / "m.html").read_text("utf-8")
    assert MARKED_EN in translated
