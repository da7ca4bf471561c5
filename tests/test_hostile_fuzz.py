"""Hypothesis against every reader: whatever the bytes, a result or one ParalignError.

Only the promise is asserted (no other exception escapes, the message is one line), not
what a reader makes of the bytes. Inputs are built from fragments of each format, so that
the fuzzing reaches past the first check of each reader.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paralign.model import ParalignError

FRAGMENTS = [
    b'<?xml version="1.0" encoding="UTF-8"?>',
    b'<tmx version="1.4"><header srclang="ru" segtype="sentence"/><body>',
    b'<tu tuid="1"><prop type="x-score">',
    b'<tuv xml:lang="ru"><seg>',
    b"</seg></tuv>",
    b"</tu></body></tmx>",
    b'<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"><text><body><conceptEntry id="c">',
    b'<langSec xml:lang="en"><termSec><term>OTS</term></termSec></langSec>',
    b'<srx version="2.0" xmlns="http://www.lisa.org/srx20"><body><languagerules>',
    b'<rule break="yes"><beforebreak>[.]</beforebreak><afterbreak>\\s</afterbreak></rule>',
    b'{"tool": "paralign", "version": 1, "findings": [',
    b'{"fingerprint": "a", "rule": "r", "file": "f", "count": ',
    "id,en,ru\nc-1,OTS,ОТГ\n".encode(),
    "# Heading\n\nТекст. Ещё.\n".encode(),
    b"<html><body><p>Text.</p></body></html>",
    b"[tool.paralign]\nsrc-lang = ",
    b'"ru"',
    "Организация".encode(),
    "Организация".encode("cp1251"),
    b"\x00",
    b"\xff\xfe",
    b"]]>",
    b"&amp;",
    b"<!ENTITY x 'y'>",
    b"1e309",
    b"nan",
    b"\n",
]
CONTENT = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(b"".join),
)


def _read_document(suffix: str) -> Callable[[Path], object]:
    def read(path: Path) -> object:
        from paralign.read import read_document

        return read_document(path)

    return read


def _tmx(path: Path) -> object:
    from paralign.tmx import tmx_stats, tmx_to_bitexts

    tmx_stats(path)
    return tmx_to_bitexts(path)


def _glossary(path: Path) -> object:
    from paralign.glossary_files import load_glossary

    return load_glossary(path)


def _srx(path: Path) -> object:
    from paralign.segment.srx import Segmenter, parse_srx

    document = parse_srx(path.read_bytes(), str(path))
    return Segmenter(document.rules_for("ru"), str(path)).breaks("Текст. Ещё текст.")


def _baseline(path: Path) -> object:
    from paralign.baseline import read_baseline

    return read_baseline(path)


def _config(path: Path) -> object:
    from paralign.checks import CheckSettings
    from paralign.config import load_config

    return CheckSettings.from_config(load_config(explicit=path))


READERS = {
    ".txt": _read_document(".txt"),
    ".md": _read_document(".md"),
    ".html": _read_document(".html"),
    ".docx": _read_document(".docx"),
    ".tmx": _tmx,
    ".tbx": _glossary,
    ".csv": _glossary,
    ".srx": _srx,
    ".json": _baseline,
    "paralign.toml": _config,
}


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_a_reader_gives_a_result_or_one_line(suffix: str) -> None:
    reader = READERS[suffix]
    folder = Path(tempfile.mkdtemp(prefix="paralign-fuzz-"))
    path = folder / (suffix if suffix.endswith(".toml") else f"input{suffix}")

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(CONTENT)
    def promise(data: bytes) -> None:
        path.write_bytes(data)
        try:
            reader(path)
        except ParalignError as error:
            assert "\n" not in str(error).strip(), str(error)

    try:
        promise()
    finally:
        path.unlink(missing_ok=True)
        folder.rmdir()
