"""One process at a time checks, creates or upgrades the SQLite stores of a folder.

Several windows, store hosts and command lines may open a new store at the same moment.
SQLite alone does not make them take turns: two connections switching a brand-new file to
WAL mode at once can deadlock on its locks, and SQLite then answers "database is locked"
at once, without waiting. So the opening is serialised with an flock on the store's folder.

The folder, never the store's file: POSIX locks belong to the process, and closing any
other descriptor of the database file would drop the locks SQLite holds on it. An flock on
the folder is a separate lock on a separate file, and leaves no file behind.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on this platform: the opening's own retries have to do
    fcntl = None


@contextmanager
def setup_lock(folder: Path, wait: float) -> Iterator[bool]:
    """Hold the folder's setup lock; yields False when it could not be had within wait
    seconds (or the file system has no such locks), and the caller goes on without it."""
    if fcntl is None:
        yield False
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield False
        return
    try:
        held = _take(descriptor, time.monotonic() + wait)
        yield held
    finally:
        os.close(descriptor)  # releases the flock


def _take(descriptor: int, deadline: float) -> bool:
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(random.uniform(0.01, 0.05))
        except OSError:  # a file system without flock (some network mounts)
            return False
