"""Give memory back to the system when it is freed, where the C library allows it (glibc).

A photo decoded for a thumbnail or a preview image is freed at once, but glibc keeps large
freed blocks for reuse (one pool per thread, and a threshold that grows with the largest
block freed), so a window that made five thumbnails stays tens of MB larger for the rest of
the session. Elsewhere these calls do nothing.
"""

from __future__ import annotations

import ctypes

_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
LARGE_BLOCK = 64 * 1024  # blocks this large come from, and go back to, the system directly
POOLS = 2  # per process, however many threads allocate


def _libc():
    try:
        libc = ctypes.CDLL(None)  # the C library the interpreter itself is linked with
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def return_freed_memory() -> None:
    """Call once, early (before threads start): large blocks and pools as above."""
    libc = _libc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)
        libc.mallopt(_M_ARENA_MAX, POOLS)


def trim() -> None:
    """Hand freed memory at the top of the pools back now (after a batch of pictures)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
