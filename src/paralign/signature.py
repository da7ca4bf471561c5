"""The one Signature, in sacrebleu's manner: every option that changes an output, with the
versions of the code that made it, as ordered `key:value` parts joined by `|`.

`align` and `run` build theirs with `align_signature`, `check` with
`CheckSettings.signature`, the quality report with `QualitySettings.signature`; they carry it
where their outputs go: TMX header props (`x-align-<key>`), the JSON report (`signature`),
SARIF `run.properties.signature`. Two outputs made with different rules, glossaries or
dictionaries never carry the same signature.

The digests are computed one way each: a glossary by its content (so a TBX and the CSV saved
from it agree), a dictionary and an SRX file by their bytes. The files are read here, at the
edge, and never by the aligner or the checks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from paralign.model import Glossary


class AlignSettings(Protocol):
    """What `align_signature` reads of `paralign.align.AlignOptions`."""

    @property
    def glossary(self) -> Glossary | None: ...

    @property
    def dictionary(self) -> Path | None: ...

    def signature(self) -> Mapping[str, str]: ...


_DIGEST = 16  # hex digits: 64 bits, ample to tell two rule sets or glossaries apart


@dataclass(frozen=True, slots=True)
class Signature:
    """Ordered (key, value) parts; empty values are left out of every rendering."""

    parts: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        return "|".join(f"{key}:{value}" for key, value in self.parts if value)

    def get(self, key: str, default: str = "") -> str:
        return next((value for name, value in self.parts if name == key), default)

    def with_parts(self, parts: Iterable[tuple[str, str]]) -> Signature:
        """This signature with `parts` added (a key already present keeps its place and
        takes the new value)."""
        merged = dict(self.parts)
        merged.update(parts)
        return Signature(tuple(merged.items()))

    def header_props(self, prefix: str = "x-align-") -> tuple[tuple[str, str], ...]:
        """The parts as TMX header props, `<prop type="x-align-beads">…`."""
        return tuple((f"{prefix}{key}", value) for key, value in self.parts if value)

    def as_dict(self) -> dict[str, str]:
        return {key: value for key, value in self.parts if value}


def digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()[:_DIGEST]


def glossary_digest(glossary: Glossary | None) -> str:
    """The digest of what a glossary says: each concept's id and its terms (language, text,
    status, part of speech), in order. '' for no glossary."""
    if glossary is None:
        return ""
    lines = (
        "\t".join(
            (
                concept.id,
                *(f"{t.lang}:{t.text}:{t.status.value}:{t.part_of_speech}" for t in concept.terms),
            )
        )
        for concept in glossary.concepts
    )
    return digest("\n".join(lines).encode("utf-8"))


def file_digest(path: Path | None) -> str:
    """`name sha256:…` of a file's bytes ('' for none): a dictionary, an SRX file."""
    if path is None:
        return ""
    from paralign.files import read_bytes

    return f"{path.name} {digest(read_bytes(path))}"


def dictionary_digest(path: Path | None) -> str:
    """The content digest of a bilingual dictionary; a dictd `.index` is hashed with its
    `.dict` or `.dict.dz` beside it, since the index alone says little of the entries."""
    if path is None:
        return ""
    if path.suffix == ".index":
        from paralign.files import read_bytes

        data = read_bytes(path)
        for suffix in (".dict", ".dict.dz"):
            beside = path.with_suffix(suffix)
            if beside.is_file():
                data += read_bytes(beside)
                break
        return f"{path.name} {digest(data)}"
    return file_digest(path)


def segmentation_digest(rules: Path | None = None) -> str:
    """The SRX rules a segmentation used (paralign's own when None), by content."""
    from paralign.segment import rules_signature

    return rules_signature(rules)


def align_signature(options: AlignSettings, rules: Path | None = None) -> Signature:
    """What made an alignment: paralign's version, the SRX rules, every AlignOptions field
    that changes the beads, the glossary and dictionary by content."""
    parts: Mapping[str, str] = options.signature()
    signature = Signature(tuple(parts.items()))
    return signature.with_parts(
        [
            ("segmentation", segmentation_digest(rules)),
            ("glossary", glossary_digest(options.glossary)),
            ("dictionary", dictionary_digest(options.dictionary)),
        ]
    )
