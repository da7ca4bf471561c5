"""The disk edge shared by every reader and writer: checked text input, atomic output.

Bad input raises ParalignError with one line naming the file and the problem; outputs are
written to a temporary file beside the target and moved into place, so a crash or an error
half-way never leaves a partial file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from paralign.model import ParalignError

_SNIFF = 8192


def check_readable(path: Path) -> None:
    """Raise ParalignError unless `path` is an existing, non-empty regular file."""
    if not path.exists():
        raise ParalignError(f"{path}: no such file")
    if path.is_dir():
        raise ParalignError(f"{path}: is a directory, a file is needed")
    if not path.is_file():
        raise ParalignError(f"{path}: not a regular file")
    if path.stat().st_size == 0:
        raise ParalignError(f"{path}: empty file")


def read_bytes(path: Path) -> bytes:
    check_readable(path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise ParalignError(f"{path}: cannot read: {error.strerror}") from None


def decode_utf8(data: bytes, path: Path | str) -> str:
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


def read_text(path: Path) -> str:
    """The text of a UTF-8 file that must exist and hold something other than whitespace."""
    text = decode_utf8(read_bytes(path), path)
    if not text.strip():
        raise ParalignError(f"{path}: empty file (whitespace only)")
    return text


@contextmanager
def atomic_output(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside `path`; on success it replaces `path`, on error it vanishes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=None if "b" in mode else "") as out:
            yield out
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
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
