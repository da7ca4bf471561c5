"""issue 13: the corpus says where its texts come from, in the files and in the TMX made of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from paralign.cli import app
from paralign.model import Bitext, ParalignError
from paralign.provenance import provenance_of, provenance_props, read_manifest
from tests.conftest import ROOT, STEM, TEXTS

RU = TEXTS / "ru" / f"{STEM}.md"
runner = CliRunner()


def test_the_nearest_manifest_speaks_for_a_file(tmp_path: Path) -> None:
    (tmp_path / "provenance.toml").write_text('"*" = "outer"\n', encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "ru").mkdir(parents=True)
    (corpus / "en").mkdir()
    (corpus / "provenance.toml").write_text(
        '"ru/*.md" = "reconstructed,\\n  by us"\n"ru/*" = "never reached for .md"\n',
        encoding="utf-8",
    )
    assert provenance_of(corpus / "ru" / "a.md") == "reconstructed, by us"
    assert provenance_of(corpus / "ru" / "a.txt") == "never reached for .md"
    assert provenance_of(corpus / "en" / "a.md") == ""  # the nearest manifest has no entry
    assert provenance_of(tmp_path / "b.md") == "outer"


@pytest.mark.parametrize(
    ("text", "message"),
    [('"ru/*.md" = [1]\n', "must be one line of text"), ("ru = \n", "cannot read")],
)
def test_a_bad_manifest_is_one_line_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "provenance.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ParalignError, match=message):
        provenance_of(tmp_path / "ru" / "a.md")


def test_props_name_each_side_once(tmp_path: Path) -> None:
    (tmp_path / "provenance.toml").write_text('"ru/*" = "ours"\n', encoding="utf-8")
    docs = [
        Bitext(n, "ru", "en", (), (), (), str(tmp_path / "ru" / n), str(tmp_path / "en" / n))
        for n in ("a", "b")
    ]
    assert provenance_props(docs) == (("x-provenance-ru", "ours"),)


def _header_props(tmx: bytes) -> dict[str, str]:
    header = etree.fromstring(tmx).find("header")
    return {p.get("type"): p.text for p in header.iter("prop")}


def test_align_writes_the_corpus_provenance_into_the_tmx(tmp_path: Path) -> None:
    manifest = read_manifest(TEXTS / "provenance.toml")
    gold = TEXTS / "gold"
    out = tmp_path / "gold.tmx"
    sents = [str(gold / f"{STEM}.{lang}.sents") for lang in ("ru", "en")]
    result = runner.invoke(app, ["align", "--presegmented", *sents, "-o", str(out)])
    assert result.exit_code == 0, result.output
    props = _header_props(out.read_bytes())
    assert props["x-provenance-ru"] == manifest["gold/*.ru.sents"]
    assert props["x-provenance-en"] == manifest["gold/*.en.sents"]
    assert "not ARVAK's Russian original" in props["x-provenance-ru"]


def test_the_russian_text_does_not_claim_to_be_arvaks_original() -> None:
    from paralign.read import read_document

    text = RU.read_text(encoding="utf-8")
    label = re.match(r"<!--(.*?)-->\n\n", text, re.S)
    assert label, "the reconstruction label must open the file, as a comment readers skip"
    assert "реконструирован" in label.group(1) and "не оригинал Центра АРВАК" in label.group(1)
    blocks = read_document(RU).blocks
    assert not any("реконструирован" in b.text for b in blocks)
    footnote = blocks[-1].text
    assert footnote.startswith("Комментарий размещён")
    assert not re.search(r"оригинал|на русском языке", footnote, re.I)
    gold = (TEXTS / "gold" / f"{STEM}.ru.sents").read_text(encoding="utf-8").splitlines()
    assert gold[-1] == footnote
    manifest = read_manifest(TEXTS / "provenance.toml")
    assert "reconstruction" in manifest["ru/*.md"] and "not ARVAK's" in manifest["ru/*.md"]


def test_the_glossary_says_its_russian_contexts_are_not_arvaks_usage() -> None:
    from paralign.tbx import read_tbx

    description = read_tbx(ROOT / "glossary" / "arvak.tbx").description
    assert "Russian contexts are quoted from a Russian reconstruction" in description
    assert "not ARVAK's own usage" in description
