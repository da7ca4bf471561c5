"""Inputs named by an fsspec URL rather than a path: `zip://ru::corpus.zip`,
`file:///data/ru`, `s3://bucket/corpus/ru` (with s3fs), `memory://ru` (in this process only).

A `Url` stands where readers take a `Path`: it has the `name` and `suffix` they look at, and
`paralign.files.read_bytes` reads it through fsspec. fsspec is an optional extra, imported
only when a URL is given; without it, or when a URL cannot be read, the error is one line.
A worker of a Dask cluster is sent the URL and reads the file itself (see docs/scale.md).
"""

from __future__ import annotations

import io
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from paralign.model import ParalignError


@dataclass(frozen=True, slots=True, order=True)
class Url:
    """An fsspec URL, chained (`zip://inner::outer.zip`) or not; compared as its text."""

    url: str

    def __str__(self) -> str:
        return self.url

    @property
    def name(self) -> str:
        """The last part of the path the URL names (what `Path.name` gives for a path)."""
        return posixpath.basename(_inner_path(self.url).rstrip("/"))

    @property
    def suffix(self) -> str:
        return posixpath.splitext(self.name)[1] if not self.name.startswith(".") else ""

    @property
    def stem(self) -> str:
        return self.name.removesuffix(self.suffix)

    def open(self, mode: str = "rb") -> IO[bytes]:
        """The file, opened for reading through fsspec (what `Path.open("rb")` gives a
        reader that streams); a missing file or a folder is one line. No check before the
        open: readers check the input once (`files.check_readable`) and then open it more
        than once, and each check of a remote file is a round trip."""
        if mode != "rb":
            raise ValueError(f"{self}: a URL is opened for reading bytes only")
        fs, path = _filesystem(self)
        try:
            return cast(IO[bytes], _Held(fs, fs.open(path, "rb")))
        except (FileNotFoundError, IsADirectoryError):
            check_file(self)  # says which: no such file, or a folder
            raise ParalignError(f"{self}: no such file") from None
        except (OSError, ValueError) as error:
            raise ParalignError(f"{self}: cannot read: {_reason(error)}") from None

    def child(self, name: str) -> Url:
        """The URL of `name` inside this folder; in a chain the first part with a path holds
        it (`zip://ru::c.zip` → `zip://ru/a.txt::c.zip`)."""
        parts = self.url.split("::")
        index = next((i for i, part in enumerate(parts) if "://" in part), 0)
        protocol, sep, path = parts[index].rpartition("://")
        folder = path.rstrip("/")
        # the root of a file system or an archive (`zip://`, `file:///`) has no folder part
        joined = f"{folder}/{name}" if folder else ("/" + name if path.startswith("/") else name)
        parts[index] = f"{protocol}{sep}{joined}"
        return Url("::".join(parts))

    def local_file(self) -> Path | None:
        """The file on this machine the URL reads (`file:///x`, or the archive of a chain
        `zip://a::/x/c.zip`), so that an output can be refused when it is an input."""
        parts = self.url.split("::")
        last = parts[-1]
        if last.startswith("file://"):
            return Path(last.removeprefix("file://"))
        return Path(last) if len(parts) > 1 and "://" not in last else None


class _Held(io.RawIOBase):
    """A file of an fsspec file system that holds the file system while it is read: an
    archive's file system (zip://) closes the archive when it is collected."""

    def __init__(self, fs: Any, handle: Any) -> None:
        self._fs = fs
        self._handle = handle

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return bool(self._handle.seekable())

    def read(self, size: int = -1) -> bytes:
        return bytes(self._handle.read(size))

    def seek(self, offset: int, whence: int = 0) -> int:
        return int(self._handle.seek(offset, whence))

    def close(self) -> None:
        self._handle.close()
        super().close()


Location = Path | Url
"""Where an input document is: a path on this machine, or an fsspec URL."""


def local_paths(locations: Iterable[Location]) -> list[Path]:
    """The files on this machine that `locations` read: the paths, and the local files of
    the URLs that have one (so that an output can be refused when it is an input)."""
    found = (each if isinstance(each, Path) else each.local_file() for each in locations)
    return [path for path in found if path is not None]


def is_url(text: str) -> bool:
    """A protocol (`scheme://`) or a chain (`a::b`): `C:\\x` and `./a:b` stay paths."""
    return "://" in text or "::" in text


def location(text: str) -> Location:
    """A command-line input as a Path, or as a Url whose local last part (`::corpus.zip`)
    is made absolute: a Dask worker in another folder must find the same file."""
    if not is_url(text):
        return Path(text)
    parts = text.split("::")
    if len(parts) > 1 and "://" not in parts[-1]:
        parts[-1] = os.path.abspath(parts[-1])
    return Url("::".join(parts))


def _inner_path(url: str) -> str:
    first = next((part for part in url.split("::") if "://" in part), url)
    return first.split("://", 1)[1] if "://" in first else first


def _fsspec(url: Url) -> Any:
    try:
        import fsspec
    except ImportError:
        raise ParalignError(
            f"{url}: reading a URL needs fsspec: pip install 'paralign[fsspec]'"
        ) from None
    return fsspec


def _filesystem(url: Url) -> tuple[Any, str]:
    """fsspec's file system and path for `url`; an unknown protocol or a missing back end
    (s3fs for s3://) is one line."""
    fsspec = _fsspec(url)
    try:
        fs, path = fsspec.core.url_to_fs(url.url)
    except (ImportError, ValueError, OSError) as error:
        raise ParalignError(f"{url}: cannot read: {_reason(error)}") from None
    return fs, str(path)


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def kind(url: Url) -> str | None:
    """'dir', 'file', or None when nothing is there."""
    fs, path = _filesystem(url)
    try:
        if fs.isdir(path):
            return "dir"
        return "file" if fs.isfile(path) else None
    except (OSError, ValueError) as error:
        raise ParalignError(f"{url}: cannot read: {_reason(error)}") from None


def check_file(url: Url) -> None:
    """Raise ParalignError unless `url` names an existing, non-empty file (what
    `files.check_readable` asks of a path)."""
    found = kind(url)
    if found is None:
        raise ParalignError(f"{url}: no such file")
    if found == "dir":
        raise ParalignError(f"{url}: is a directory, a file is needed")
    fs, path = _filesystem(url)
    try:
        size = fs.size(path)
    except (OSError, ValueError) as error:
        raise ParalignError(f"{url}: cannot read: {_reason(error)}") from None
    if not size:
        raise ParalignError(f"{url}: empty file")


def list_files(url: Url) -> list[Url]:
    """The files directly in a folder URL (hidden ones left out), sorted by name."""
    fs, path = _filesystem(url)
    try:
        entries = fs.ls(path, detail=True)
    except (OSError, ValueError) as error:
        raise ParalignError(f"{url}: cannot read: {_reason(error)}") from None
    names = sorted(
        posixpath.basename(str(entry["name"]).rstrip("/"))
        for entry in entries
        if entry.get("type") == "file"
    )
    return [url.child(name) for name in names if name and not name.startswith(".")]


def read_url(url: Url) -> bytes:
    """The bytes of the file at `url`; missing, a folder, or empty is one line."""
    fs, path = _filesystem(url)
    try:
        if fs.isdir(path):
            raise ParalignError(f"{url}: is a directory, a file is needed")
        with fs.open(path, "rb") as handle:
            data: bytes = handle.read()
    except FileNotFoundError:
        raise ParalignError(f"{url}: no such file") from None
    except (OSError, ValueError) as error:
        raise ParalignError(f"{url}: cannot read: {_reason(error)}") from None
    if not data:
        raise ParalignError(f"{url}: empty file")
    return data
