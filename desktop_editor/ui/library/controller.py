"""What the library panel asks of the store: lists, search and the trash.

Listing and searching run on a worker, one at a time: the store may be busy (a long write, a
desk server far away) and the search box must never wait for it. While one runs, only the
newest request waits its turn; a result for an older one is never shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_editor.ui.common.workers import Task, in_background, serial_pool

# Around the matched words in a snippet: private-use characters, which no article uses, so
# the panel can tell a match from the article's own Markdown **bold**.
SNIPPET_MARKS = ("\ue000", "\ue001")


def _fetch(store, query: str, trash: bool) -> tuple[list, dict[int, str]]:
    """(summaries, snippet by article id) for what the library shows."""
    if query and not trash:
        found = store.search_snippets(query, SNIPPET_MARKS)
        return [summary for summary, _ in found], {summary.id: snippet for summary, snippet in found if snippet}
    summaries = store.list_articles(trash=trash)
    if query:
        words = query.lower().split()
        summaries = [s for s in summaries if all(w in s.headline.lower() for w in words)]
    return summaries, {}


class LibraryController(QObject):
    listed = Signal(list, object)  # list[ArticleSummary], {article id: snippet with SNIPPET_MARKS}
    failed = Signal(str)  # the list could not be read: one sentence

    def __init__(self, store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.query = ""
        self.trash = False
        self._pool = serial_pool(self)
        self._running: Task | None = None
        self._again = False  # a request arrived while one was running
        self._closed = False

    def refresh(self, query: str | None = None, trash: bool | None = None) -> None:
        if query is not None:
            self.query = query
        if trash is not None:
            self.trash = trash
        if self._closed or not self.store.ready:
            return  # the window refreshes the list once the store has opened
        if self._running is not None:
            self._again = True  # asked once the running one is in, with what is wanted then
            return
        task = Task(_fetch, self.store, self.query, self.trash)
        task.signals.finished.connect(lambda result, task=task: self._done(task, result))
        task.signals.failed.connect(lambda error, task=task: self._done(task, None, error))
        self._running = task
        task.start(self._pool)

    def _done(self, task: Task, result, error: Exception | None = None) -> None:
        if self._closed or task is not self._running:
            return  # overtaken, or arriving after the window (and this object) has gone
        self._running = None
        if self._again:
            self._again = False
            self.refresh()  # newer wishes: this result is already out of date
            return
        if error is not None:
            self.failed.emit(str(error))
            return
        summaries, snippets = result
        self.listed.emit(summaries, snippets)

    def wait(self) -> None:
        """Until the list being read is in (tests)."""
        self._pool.waitForDone()

    def shut_down(self) -> None:
        """The window is closing: let the list being read finish, and show nothing more."""
        self._closed = True
        self._pool.waitForDone()

    # Changes, each made on the worker before the list is read again; then(result) follows
    # on the UI thread, and a store that fails is said by `failed`.

    def duplicate(self, article_id: int, then: Callable[[int], None]) -> None:
        self._change(lambda: self.store.duplicate_article(article_id).id, then)

    def delete(self, article_id: int, then: Callable[[None], None]) -> None:
        self._change(lambda: self.store.move_to_trash(article_id), then)

    def restore(self, article_id: int, then: Callable[[None], None]) -> None:
        self._change(lambda: self.store.restore_from_trash(article_id), then)

    def empty_trash(self, then: Callable[[int], None]) -> None:
        self._change(self.store.empty_trash, then)

    def _change(self, make: Callable, then: Callable) -> None:
        def made(result) -> None:
            self.refresh()
            then(result)

        in_background(make, made, lambda error: self.failed.emit(str(error)), self._pool)
