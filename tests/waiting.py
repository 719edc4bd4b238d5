"""Waiting for a condition, never for a fixed time.

A test that needs something to have happened (the store holds the text, a window is on
screen, a process has exited) asks for it again and again until it holds, and fails with a
sentence saying what never happened when a deadline passes. The deadlines are generous (a
CI machine has two busy cores); a condition that holds returns at once, so they cost
nothing when all is well.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

DEADLINE_S = 30.0  # for anything a person would expect within a second or two
_UNREAD = object()


def wait_for(
    read: Callable[[], T],
    accept: Callable[[T], bool] = bool,
    *,
    timeout: float = DEADLINE_S,
    interval: float = 0.05,
    pause: Callable[[float], object] = time.sleep,
    describe: str | Callable[[T], str] = "the condition did not hold",
) -> T:
    """read() again and again until accept(value) is true; that value.

    Past the deadline an AssertionError says describe (called with the last value read,
    when it is a function) and how long was waited. pause(seconds) waits between tries:
    time.sleep by default, a Qt test passes one that keeps the event loop running.
    """
    started = time.monotonic()
    deadline = started + timeout
    last = _UNREAD
    while True:
        last = read()
        if accept(last):
            return last
        if time.monotonic() >= deadline:
            break
        pause(interval)
    sentence = describe(last) if callable(describe) else describe
    raise AssertionError(f"{sentence} (waited {time.monotonic() - started:.1f} s)")


def wait_until_steady(
    read: Callable[[], T],
    *,
    interval: float,
    timeout: float = DEADLINE_S,
    pause: Callable[[float], object] = time.sleep,
    describe: str = "it kept changing",
) -> T:
    """read() until two readings interval seconds apart are equal; that reading."""
    readings = [read()]

    def again() -> bool:
        pause(interval)
        readings.append(read())
        return readings[-1] == readings[-2]

    wait_for(again, timeout=timeout, interval=0, pause=lambda _s: None, describe=lambda _ok: f"{describe}: last read {readings[-1]!r}")
    return readings[-1]


def qt_pause(qtbot) -> Callable[[float], None]:
    """A pause for wait_for in a Qt test: the event loop runs meanwhile."""
    return lambda seconds: qtbot.wait(max(1, round(seconds * 1000)))


def layout_settled(qtbot, window, timeout: float = DEADLINE_S) -> None:
    """Until the window's layout is at rest: events delivered, and delivering what they
    posted moves or resizes no widget any more."""
    from PySide6.QtWidgets import QApplication, QWidget

    def geometry() -> list:
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        widgets = [window, *window.findChildren(QWidget)]
        return [(w.isVisible(), w.geometry().getRect()) for w in widgets]

    wait_until_steady(
        geometry, interval=0.01, timeout=timeout, pause=qt_pause(qtbot),
        describe=f"the layout of {type(window).__name__} never came to rest",
    )  # fmt: skip
