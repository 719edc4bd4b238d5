"""Keeping the image libraries quiet: what Pillow warns (Python warnings) and what its C
libraries print (libtiff, libheif write to the process's stderr, file descriptor 2) while a
picture is decoded is captured, never shown to the person, and handed to the caller to turn
into a refusal's reason or a warning on the photo where it matters.

Both are process-wide: the warnings filters and descriptor 2 belong to every thread. So the
capture is shared: the first thread to start decoding redirects descriptor 2 into a
temporary file and records warnings, later ones join in, and the last one out restores
both; each caller gets what was written while it was inside. A lock guards the switch.
Anything another thread prints to stderr while a picture decodes is captured too (the
windows are short: one decode).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

_lock = threading.Lock()
_state: dict = {"depth": 0}
_MAX_READ = 64 * 1024


@dataclass
class Captured:
    """What the libraries said during one capture."""

    messages: list[str] = field(default_factory=list)  # lines printed at the C level
    warnings: list[str] = field(default_factory=list)  # Python warnings' messages

    @property
    def lines(self) -> list[str]:
        return [*self.warnings, *self.messages]

    def says(self, pattern: str) -> bool:
        """True when any captured line matches pattern (a regular expression, any case)."""
        return any(re.search(pattern, line, re.IGNORECASE) for line in self.lines)


def _start() -> None:
    try:
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass
    sink = tempfile.TemporaryFile()
    try:
        saved = os.dup(2)
    except OSError:
        saved = None  # no descriptor 2 at all (a detached process): nothing to redirect
    if saved is not None:
        os.dup2(sink.fileno(), 2)
    catcher = warnings.catch_warnings(record=True)
    records = catcher.__enter__()
    warnings.simplefilter("always")
    _state.update(sink=sink, saved=saved, catcher=catcher, records=records)


def _stop() -> None:
    saved = _state.pop("saved")
    if saved is not None:
        os.dup2(saved, 2)
        os.close(saved)
    _state.pop("catcher").__exit__(None, None, None)
    _state.pop("records")
    _state.pop("sink").close()


def _read_at(fd: int, offset: int, size: int, end: int) -> bytes:
    """Bytes of the sink without moving the offset the writers share (it is one open file
    behind descriptor 2 and ours)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    try:
        return os.read(fd, size)
    finally:
        os.lseek(fd, end, os.SEEK_SET)


@contextmanager
def captured() -> Iterator[Captured]:
    """Capture the libraries' warnings and stderr output for the duration of the block."""
    result = Captured()
    with _lock:
        if _state["depth"] == 0:
            _start()
        _state["depth"] += 1
        sink = _state["sink"]
        start = os.lseek(sink.fileno(), 0, os.SEEK_END)
        first_record = len(_state["records"])
    try:
        yield result
    finally:
        with _lock:
            end = os.lseek(sink.fileno(), 0, os.SEEK_END)
            if end > start:
                raw = _read_at(sink.fileno(), start, min(end - start, _MAX_READ), end)
                text = raw.decode("utf-8", "replace")
                result.messages.extend(line.strip() for line in text.splitlines() if line.strip())
            result.warnings.extend(str(record.message) for record in _state["records"][first_record:])
            _state["depth"] -= 1
            if _state["depth"] == 0:
                _stop()
