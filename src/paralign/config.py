"""Project configuration: `[tool.paralign]` in pyproject.toml, or the same table in paralign.toml.

The nearest such file above the working directory is the project root; every path in the
configuration, and every path in a report or baseline, is relative to that root, so a
checkout can move without breaking them. Sections of the table (such as `check`) belong to
the stage that reads them: this module only finds and parses the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paralign.model import ParalignError


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    file: Path | None = None
    table: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """A top-level key; `src-lang` and `src_lang` are the same key."""
        for name in (key, key.replace("_", "-"), key.replace("-", "_")):
            if name in self.table:
                return self.table[name]
        return default

    def section(self, name: str) -> Mapping[str, Any]:
        value = self.get(name, {})
        if not isinstance(value, Mapping):
            raise ParalignError(f"{self.file}: [tool.paralign.{name}] must be a table")
        return value

    def path(self, key: str, default: str) -> Path:
        return self.root / str(self.get(key, default))

    def relative(self, path: Path | str) -> str:
        """`path` as reports show it: relative to the root when inside it, POSIX separators."""
        resolved = Path(path).resolve()
        try:
            return resolved.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()


def _table_in(file: Path) -> Mapping[str, Any] | None:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ParalignError(f"{file}: cannot read configuration: {error}") from None
    table: Mapping[str, Any] | None = data.get("tool", {}).get("paralign")
    if file.name == "pyproject.toml":
        return table
    return data if table is None else table


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """The configuration for `start` (default: the working directory).

    paralign.toml wins over pyproject.toml in the same directory; a pyproject.toml without
    a `[tool.paralign]` table still marks the root. With neither, the root is `start`.
    """
    if explicit is not None:
        if not explicit.is_file():
            raise ParalignError(f"{explicit}: no such configuration file")
        return Config(explicit.parent.resolve(), explicit, _table_in(explicit) or {})
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in ("paralign.toml", "pyproject.toml"):
            file = folder / name
            if file.is_file():
                return Config(folder, file, _table_in(file) or {})
    return Config(here)
