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
from paralign.urls import is_url


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
        """`path` as reports show it: relative to the root when inside it, POSIX separators;
        an fsspec URL as it was given."""
        if isinstance(path, str) and is_url(path):
            return path
        try:
            resolved = Path(path).resolve()
            return resolved.relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # elsewhere, or a symlink loop
            return Path(path).as_posix()


# The type every known key must have: a wrong type is one line naming file, key and type,
# here, once, rather than a traceback wherever a stage first uses the value. Keys not
# listed are left to the stage that reads them.
_STRING = (str,)
_TABLE = (dict,)
_TOP_LEVEL: dict[str, tuple[type, ...]] = {
    "src-lang": _STRING,
    "tgt-lang": _STRING,
    "texts": _STRING,
    "glossary": _STRING,
    "build": _STRING,
    "allow-unpaired": (bool,),
    "force-languages": (bool,),
    "check": _TABLE,
}
_CHECK: dict[str, tuple[type, ...]] = {
    "inputs": (str, list),
    "glossary": _STRING,
    "baseline": _STRING,
    "src-lang": _STRING,
    "tgt-lang": _STRING,
    "fail-on": _STRING,
    "severities": _TABLE,
    "severity": _TABLE,
    "ignore": _TABLE,
    "per-file-ignores": _TABLE,
    "quotes": _TABLE,
    "jobs": (int,),
}
_TYPE_NAMES = {str: "a string", list: "a list", dict: "a table", bool: "true or false"}
_TYPE_NAMES[int] = "a whole number"


def validate_table(table: Mapping[str, Any], file: Path) -> None:
    """Raise one line naming `file`, the key and the expected type on the first value of a
    wrong type in the paralign table (its `check` section and the tables inside included)."""
    _validate(table, _TOP_LEVEL, "tool.paralign", file)
    check = table.get("check", {})
    _validate(check, _CHECK, "tool.paralign.check", file)
    inputs = check.get("inputs")
    if isinstance(inputs, list) and not all(isinstance(i, str) for i in inputs):
        raise ParalignError(f"{file}: [tool.paralign.check] inputs must be a list of strings")
    for name in ("severities", "severity"):
        for rule, word in check.get(name, {}).items():
            _expect(word, _STRING, f"[tool.paralign.check.{name}] {rule}", file)
    for name in ("ignore", "per-file-ignores"):
        for pattern, rules in check.get(name, {}).items():
            where = f"[tool.paralign.check.{name}] {pattern!r}"
            _expect(rules, (str, list), where, file)
            if isinstance(rules, list) and not all(isinstance(r, str) for r in rules):
                raise ParalignError(f"{file}: {where} must be a list of rule ids (strings)")
    for lang, marks in check.get("quotes", {}).items():
        _expect(marks, (str, list), f"[tool.paralign.check.quotes] {lang}", file)


def _validate(
    table: Mapping[str, Any], schema: dict[str, tuple[type, ...]], name: str, file: Path
) -> None:
    for key, value in table.items():
        expected = schema.get(key.replace("_", "-"))
        if expected is not None:
            _expect(value, expected, f"[{name}] {key}", file)


def _expect(value: Any, types: tuple[type, ...], where: str, file: Path) -> None:
    # bool is an int to Python, and a number where true/false belongs is a mistake too
    wrong_bool = isinstance(value, bool) and bool not in types
    if wrong_bool or not isinstance(value, types):
        wanted = " or ".join(_TYPE_NAMES[t] for t in types)
        raise ParalignError(f"{file}: {where} must be {wanted}, not {_kind(value)}")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    if isinstance(value, float):
        return "a number"
    return type(value).__name__


def _table_in(file: Path) -> Mapping[str, Any] | None:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ParalignError(f"{file}: cannot read configuration: {error}") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ParalignError(f"{file}: [tool] must be a table, not {_kind(tool)}")
    table = tool.get("paralign") if file.name == "pyproject.toml" else tool.get("paralign", data)
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ParalignError(f"{file}: [tool.paralign] must be a table, not {_kind(table)}")
    validate_table(table, file)
    return table


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
