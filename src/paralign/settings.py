"""The project's settings, frozen, with every default written once.

`config.py` finds and parses `[tool.paralign]` (pyproject.toml or paralign.toml); this module
turns its values into one frozen object the commands and the library read. A default named
here (the corpus folder, the glossary, the languages, the build folder, fail-on) is the only
place that default is spelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from paralign.config import Config, load_config
from paralign.model import ParalignError

DEFAULTS = MappingProxyType(
    {
        "texts": "texts",
        "glossary": "glossary/arvak.tbx",
        "build": "build",
        "src-lang": "ru",
        "tgt-lang": "en",
        "fail-on": "error",
    }
)
"""Every default of `[tool.paralign]`, by its key there."""


@dataclass(frozen=True, slots=True)
class Settings:
    """`[tool.paralign]` resolved: paths absolute (relative to the project root)."""

    config: Config
    texts: Path
    glossary: Path
    build: Path
    src_lang: str
    tgt_lang: str
    workers: int = 0
    """Worker processes (0: one per core)."""
    scheduler: str = ""
    """A Dask scheduler address, `local`, or empty for no Dask."""

    @classmethod
    def from_config(cls, config: Config) -> Settings:
        return cls(
            config=config,
            texts=config.path("texts", DEFAULTS["texts"]),
            glossary=config.path("glossary", DEFAULTS["glossary"]),
            build=config.path("build", DEFAULTS["build"]),
            src_lang=str(config.get("src-lang", DEFAULTS["src-lang"])),
            tgt_lang=str(config.get("tgt-lang", DEFAULTS["tgt-lang"])),
            workers=_whole(config, "workers", 0),
            scheduler=str(config.get("scheduler", "")),
        )

    @classmethod
    def load(cls, start: Path | None = None, explicit: Path | None = None) -> Settings:
        """The settings of the project around `start` (the working directory by default)."""
        return cls.from_config(load_config(start, explicit))

    @property
    def root(self) -> Path:
        return self.config.root

    def relative(self, path: Path | str) -> str:
        """A path as reports show it: relative to the project root when inside it."""
        return self.config.relative(path)


def _whole(config: Config, key: str, default: int) -> int:
    value = config.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ParalignError(f"[tool.paralign] {key}: expected a whole number ≥ 0, not {value!r}")
    return value
