"""What the open article needs from outside, as Protocols.

The window gives it Qt implementations (ui.shell.qt_ports); tests give it a fake clock, a
worker that runs at once and scripted answers, with a real store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal, Protocol

from desktop_editor.core.model import Article, ArticleSummary, Figure, Revision

FigureText = Mapping[str, Mapping[str, str]]  # handle -> {field: value}


class ArticleStore(Protocol):
    """The part of storage.store.Store the open article uses (the store host's client and
    the in-process Store both satisfy it)."""

    @property
    def ready(self) -> bool: ...  # False while a store opening behind the window is not open

    def get_article(self, article_id: int) -> Article: ...
    def create_article(self, article: Article | None = None) -> Article: ...
    def duplicate_article(self, article_id: int) -> Article: ...
    def move_to_trash(self, article_id: int) -> None: ...
    def list_articles(self, trash: bool = False) -> list[ArticleSummary]: ...
    def save_article(self, article: Article, figure_text: FigureText | None = None) -> Article: ...
    def figures(self, article_id: int) -> list[Figure]: ...
    def take_revision(self, article_id: int, reason: str = "manual", label: str = "") -> Revision: ...
    def take_revision_if_changed(self, article_id: int, reason: str) -> Revision | None: ...
    def keep_as_revision(
        self, article: Article, reason: str, label: str, figure_text: FigureText | None = None
    ) -> Revision: ...
    def list_revisions(self, article_id: int) -> list[Revision]: ...
    def restore_revision(self, article: Article, revision: Revision) -> Article: ...


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
