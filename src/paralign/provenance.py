"""Where a text comes from, as its corpus records it, carried into the TMX made from it.

A corpus folder may hold a `provenance.toml`: each key a glob of file paths relative to that
folder (`"ru/*.md"`), each value one line saying where those files come from. The nearest
manifest above a file speaks for it. `align` and `run` put the entry of each side into the
TMX header as `<prop type="x-provenance-ru">…</prop>`, so a TM built from a reconstructed
text says so wherever it travels, and the wording lives in the corpus, not in the code.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from paralign.model import Bitext, ParalignError
from paralign.urls import is_url

MANIFEST = "provenance.toml"


def read_manifest(path: Path) -> dict[str, str]:
    """The entries of one provenance.toml, in file order; bad input is one ParalignError."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ParalignError(f"{path}: cannot read the provenance manifest: {error}") from None
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise ParalignError(f"{path}: {key!r} must be one line of text")
    return {key: " ".join(value.split()) for key, value in data.items()}


def provenance_of(path: Path, manifests: dict[Path, Mapping[str, str]] | None = None) -> str:
    """The first matching entry of the nearest manifest above `path`; '' when none says.

    `manifests` caches parsed manifests across the files of one run."""
    cache = manifests if manifests is not None else {}
    resolved = path.resolve()
    for folder in resolved.parents:
        manifest = folder / MANIFEST
        if not manifest.is_file():
            continue
        if manifest not in cache:
            cache[manifest] = read_manifest(manifest)
        relative = resolved.relative_to(folder).as_posix()
        entries = cache[manifest].items()
        return next((text for glob, text in entries if fnmatch.fnmatchcase(relative, glob)), "")
    return ""


def provenance_props(bitexts: Iterable[Bitext]) -> tuple[tuple[str, str], ...]:
    """TMX header props `x-provenance-<lang>`, one per distinct entry of each side."""
    manifests: dict[Path, Mapping[str, str]] = {}
    props: dict[tuple[str, str], None] = {}
    for bitext in bitexts:
        for lang, where in ((bitext.src_lang, bitext.src_path), (bitext.tgt_lang, bitext.tgt_path)):
            # a manifest is looked for on this disk only: a URL's folders are not walked
            text = provenance_of(Path(where), manifests) if where and not is_url(where) else ""
            if text:
                props.setdefault((f"x-provenance-{lang}", text), None)
    return tuple(props)
