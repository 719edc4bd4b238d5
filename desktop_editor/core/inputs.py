"""Reading a file a person gave the app (to import, attach, drop or paste): a regular file
only, never more than its kind allows.

A pipe, a device, a socket or a folder is said to be one, before anything is read from it:
the file is opened without waiting (a pipe with no writer would otherwise hang the open) and
checked on the opened descriptor, so it cannot be swapped in between. Its size is checked
before reading, and no more than the limit is read even if it grows meanwhile.
Pure Python, no Qt.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

MB = 1 << 20


class UnreadableFile(Exception):
    """str() is the end of a sentence about the file: "is a pipe, not a file"."""


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


def not_a_file(path: str | os.PathLike) -> str | None:
    """Why path cannot be read as a file ("does not exist", "is a pipe, not a file"...);
    None when it is a regular file (after links)."""
    try:
        return _kind(os.stat(path).st_mode)
    except FileNotFoundError:
        return "does not exist"
    except OSError as error:
        return _failure(error)


def _failure(error: OSError) -> str:
    return f"cannot be read ({(error.strerror or str(error)).lower()})"


def open_file(path: str | os.PathLike, limit: int, what: str) -> tuple[BinaryIO, int]:
    """(the opened regular file, its size); UnreadableFile when it is anything else, or
    larger than limit bytes (what names the kind: "a Markdown article")."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFile("does not exist") from None
    except OSError as error:  # a folder, a socket...: say what it is, if it is not a file
        raise UnreadableFile(not_a_file(path) or _failure(error)) from None
    try:
        status = os.fstat(descriptor)
        refusal = _kind(status.st_mode)
        if refusal is not None:
            raise UnreadableFile(refusal)
        if status.st_size > limit:
            raise UnreadableFile(f"is {size_text(status.st_size)}, more than the {size_text(limit)} {what} may be")
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        file = os.fdopen(descriptor, "rb")
        file.raw.name = os.fspath(path)  # as open(path) would name it
        return file, status.st_size
    except BaseException:
        os.close(descriptor)
        raise


def read_file(path: str | os.PathLike, limit: int, what: str) -> bytes:
    """The bytes of a regular file no larger than limit; UnreadableFile otherwise."""
    file, _size = open_file(path, limit, what)
    with file:
        try:
            data = file.read(limit + 1)
        except OSError as error:
            raise UnreadableFile(_failure(error)) from None
    if len(data) > limit:  # it grew while it was read
        raise UnreadableFile(f"is more than the {size_text(limit)} {what} may be")
    return data


def size_text(size: int) -> str:
    """1.5 MB, 200 MB, 12 KB: sizes as a person reads them."""
    if size >= MB:
        value = size / MB
        return f"{value:,.1f} MB" if value < 10 and value != int(value) else f"{value:,.0f} MB"
    return f"{max(1, round(size / 1024)):,} KB"
