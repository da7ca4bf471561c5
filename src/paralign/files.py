"""The disk edge shared by every reader and writer: checked text input, atomic output.

Bad input raises ParalignError with one line naming the file and the problem; outputs are
written to a temporary file beside the target and moved into place, so a crash or an error
half-way never leaves a partial file behind.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from paralign.model import ParalignError
from paralign.urls import Location, Url

_SNIFF = 8192
_TEMP_STEM = 40  # of the output's name kept in its temporary sibling's name


def check_readable(path: Location) -> None:
    """Raise ParalignError unless `path` is an existing, non-empty, readable regular file."""
    if isinstance(path, Url):
        from paralign.urls import check_file

        return check_file(path)
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ParalignError(f"{path}: symbolic link loop") from None
        if error.errno == errno.ENAMETOOLONG:
            raise ParalignError(f"{path}: file name too long") from None
        if error.errno == errno.EACCES:
            raise ParalignError(f"{path}: permission denied") from None
        if error.errno not in (errno.ENOENT, errno.ENOTDIR):
            raise ParalignError(f"{path}: cannot read: {error.strerror}") from None
    if not path.exists():
        raise ParalignError(f"{path}: no such file")
    if path.is_dir():
        raise ParalignError(f"{path}: is a directory, a file is needed")
    if not path.is_file():
        raise ParalignError(f"{path}: not a regular file")
    if path.stat().st_size == 0:
        raise ParalignError(f"{path}: empty file")
    if not os.access(path, os.R_OK):
        raise ParalignError(f"{path}: permission denied")


def read_bytes(path: Location) -> bytes:
    """The bytes of a readable, non-empty file, on this machine or at an fsspec URL."""
    if isinstance(path, Url):
        from paralign.urls import read_url

        return read_url(path)
    check_readable(path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise ParalignError(f"{path}: cannot read: {error.strerror}") from None


def decode_utf8(data: bytes, path: Location | str) -> str:
    """Decode UTF-8 (a BOM is dropped); binary or other encodings raise a one-line error."""
    if b"\x00" in data[:_SNIFF]:
        raise ParalignError(f"{path}: binary file (NUL byte at offset {data.index(0)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParalignError(
            f"{path}: not UTF-8: invalid byte 0x{data[error.start]:02x} at offset {error.start}"
        ) from None
    return text.removeprefix("\ufeff")


STDIN = "-"  # the file name that means standard input, as for cat and grep


def stdin_bytes() -> bytes:
    """Standard input, whole (`segment -`, `score - REF`); one line when there is none."""
    stream = sys.stdin
    if stream is None or stream.closed:
        raise ParalignError("standard input: closed")
    try:
        data = stream.buffer.read()
    except OSError as error:
        raise ParalignError(f"standard input: cannot read: {error.strerror}") from None
    if not data.strip():
        raise ParalignError("standard input: empty")
    return data


def read_text(path: Location) -> str:
    """The text of a UTF-8 file that must exist and hold something other than whitespace."""
    text = decode_utf8(read_bytes(path), path)
    if not text.strip():
        raise ParalignError(f"{path}: empty file (whitespace only)")
    return text


def check_output(path: Path, *, inputs: Iterable[Path] = (), folder: bool = False) -> None:
    """Raise ParalignError (one line) unless `path` can receive an output file, or with
    `folder` a folder of outputs; called by every writing command before it reads anything.

    Refused: an existing directory (a file is wanted) or file (a folder is wanted), a path
    under a regular file, a missing parent folder, a read-only file or folder, a name too
    long for the file system, and an output that is one of `inputs`. A read-only file is
    refused even for root, who could overwrite it: its mode says it is not to be replaced.
    """
    name = str(path)
    parent = path.parent
    for ancestor in reversed(path.parents):
        if ancestor.exists() and not ancestor.is_dir():
            raise ParalignError(f"{name}: {ancestor} is a file, not a folder")
    if not parent.exists():
        raise ParalignError(f"{name}: folder {parent} does not exist")
    if len(os.fsencode(path.name)) > _name_max(parent):
        raise ParalignError(f"{name}: file name too long ({len(os.fsencode(path.name))} bytes)")
    if folder:
        if path.exists() and not path.is_dir():
            raise ParalignError(f"{name}: is a file, a folder is needed")
        if path.is_dir() and not _writable(path):
            raise ParalignError(f"{name}: read-only folder")
    elif path.is_dir():
        raise ParalignError(f"{name}: is a directory, a file is needed")
    elif path.exists() and not path.is_file():
        raise ParalignError(f"{name}: not a regular file")
    elif path.exists() and not _writable(path):
        raise ParalignError(f"{name}: read-only file")
    if not _writable(parent):
        raise ParalignError(f"{name}: read-only folder {parent}")
    for source in inputs:
        if _same_file(path, source):
            raise ParalignError(f"{name}: is also an input; give another output")


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _writable(path: Path) -> bool:
    mode = path.stat().st_mode
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(
        path, os.W_OK | (os.X_OK if path.is_dir() else 0)
    )


def _same_file(output: Path, source: Path) -> bool:
    try:
        return output.exists() and source.exists() and os.path.samefile(output, source)
    except OSError:
        return False


@contextmanager
def atomic_output(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside `path`; on success it replaces `path`, on error it vanishes.

    Missing parent folders are created (commands check a user's path first with
    `check_output`); an OSError on the way becomes one line naming `path`.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name[:_TEMP_STEM]}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        raise ParalignError(f"{path}: cannot write: {error.strerror}") from None
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=None if "b" in mode else "") as out:
            yield out
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise ParalignError(f"{path}: cannot write: {error.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    with atomic_output(path) as out:
        out.write(text)
