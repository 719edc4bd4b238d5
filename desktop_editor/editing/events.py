"""A minimal observer: `event.connect(callback)`, `event.emit(*args)`.

The open article reports changes this way so it needs no Qt; the window connects its
widgets exactly as it would to a Qt signal. Callbacks run on the emitting thread (the UI
thread: the article is only ever touched there).
"""

from __future__ import annotations

from collections.abc import Callable


class Event:
    __slots__ = ("_callbacks",)

    def __init__(self) -> None:
        self._callbacks: list[Callable] = []

    def connect(self, callback: Callable) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable) -> None:
        self._callbacks.remove(callback)

    def emit(self, *args) -> None:
        for callback in list(self._callbacks):
            callback(*args)
