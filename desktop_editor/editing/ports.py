"""What the open article needs from outside, as Protocols.

The window gives it Qt implementations (ui.common.qt_ports); tests give it a fake clock, a
worker that runs at once and scripted answers, with a real store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, Protocol

from desktop_editor.storage.interface import FigureText, StoreOperations

__all__ = ["ArticleStore", "ConflictChoice", "FigureText", "Job", "Prompts", "Scheduler", "Timer", "Worker"]


class ArticleStore(StoreOperations, Protocol):
    """The store as the open article sees it: every declared operation (storage.interface),
    and whether it is open yet (the window's store host may still be opening it)."""

    @property
    def ready(self) -> bool: ...


class Timer(Protocol):
    def cancel(self) -> None: ...


class Scheduler(Protocol):
    """A clock and one-shot timers whose callbacks run on the owner's thread."""

    def now(self) -> float: ...  # seconds, monotonic
    def call_later(self, seconds: float, callback: Callable[[], None]) -> Timer: ...


class Job(Protocol):
    result: Any
    error: BaseException | None

    def wait(self) -> None: ...  # until the work has finished (its report may come later)


class Worker(Protocol):
    """Runs work off the owner's thread, one job at a time, in order."""

    def submit(self, fn: Callable[[], Any], settled: Callable[[Job], None]) -> Job:
        """Start fn; settled(job) is called later on the owner's thread."""
        ...


ConflictChoice = Literal["reload", "copy"]


class Prompts(Protocol):
    """The questions the open article asks the person, each about something they just did
    or must decide (a save that failed on its own is not one: see OpenArticle.problem).
    Each returns the answer."""

    def resolve_conflict(self, sentence: str) -> ConflictChoice: ...
    def confirm(self, title: str, question: str) -> bool: ...
    def revision_name(self, suggested: str) -> str | None: ...  # None: cancelled
