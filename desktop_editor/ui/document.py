"""The open article: loading, autosave, revisions and conflicts. No widgets here.

The window tells the controller what changed; the controller decides when to write and
reports by signals. Autosave runs on a one-thread pool so the UI thread only hands over a
snapshot; close and article switch save synchronously so nothing is ever left behind.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_editor.core.model import Article, Figure, Revision
from desktop_editor.core.text import slugify
from desktop_editor.storage.errors import ConflictError, StoreError
from desktop_editor.ui.workers import Task, serial_pool

AUTOSAVE_DELAY_MS = 600  # after the last keystroke; the promise is "within 1 s"
REVISION_INTERVAL_MS = 5 * 60 * 1000
FORM_FIELDS = (
    "headline", "standfirst", "byline", "slug", "slug_locked", "tags", "status", "language",
    "word_target", "lead_image",
)  # fmt: skip


class DocumentController(QObject):
    article_loaded = Signal(object)  # Article: a different article (or a reload) is open
    saved = Signal(object)  # Article as stored after an autosave or save
    fields_changed = Signal(object)  # Article: the fields as they are now (unsaved included)
    figures_changed = Signal(object)  # list[Figure]: added, removed, reordered, renamed
    figure_edited = Signal(object)  # Figure whose text fields changed
    save_failed = Signal(str)  # a sentence
    conflict = Signal(str)  # a sentence; the window offers reload or save as copy
    revision_taken = Signal(object)  # Revision
    modified_changed = Signal(bool)

    def __init__(self, store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.article: Article | None = None  # as last loaded or saved
        self.figures: list[Figure] = []
        self._fields: dict = {}
        self._body_source: Callable[[], str] = lambda: self.article.body if self.article else ""
        self._body_dirty = False
        self._flush_hooks: list[Callable[[], bool]] = []
        self._in_flight: tuple[Task, Article] | None = None  # the save running, and its snapshot
        self._save_again = False
        self._in_conflict = False
        self._edited_since_revision = False
        self._pool = serial_pool(self)
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_soon)
        self._revision_timer = QTimer(self, interval=REVISION_INTERVAL_MS)
        self._revision_timer.timeout.connect(self._timed_revision)

    # Opening ---------------------------------------------------------------------------

    def set_body_source(self, source: Callable[[], str]) -> None:
        """Where the current body text comes from (the editor), read only when saving."""
        self._body_source = source

    def open(self, article_id: int) -> bool:
        """Open another article; False (nothing changes) when this one could not be saved."""
        if self.article is not None and self.article.id == article_id:
            return True  # already open: reloading would put the stored text over the typing
        if not self.flush():
            return False
        self._load(self.store.get_article(article_id))
        return True

    def open_new(self) -> Article | None:
        if not self.flush():
            return None
        article = self.store.create_article(Article())
        self._load(article)
        return article

    def show_before_store_opens(self, article: Article) -> None:
        """Show a snapshot read while the store opens; figures follow in store_opened()."""
        self._load(article, figures=[])

    def store_opened(self) -> None:
        self.reload_figures()
        self.save_soon()

    def _load(self, article: Article, figures: list[Figure] | None = None) -> None:
        self.article = article
        self._fields = {name: getattr(article, name) for name in FORM_FIELDS}
        self._body_dirty = False
        self._in_conflict = False
        self._edited_since_revision = False
        self.figures = self.store.figures(article.id) if figures is None else figures
        self.article_loaded.emit(article)
        self.figures_changed.emit(self.figures)
        self.modified_changed.emit(False)

    def add_flush_hook(self, hook: Callable[[], bool]) -> None:
        """Something else with unsaved edits (the photo fields) to store before a flush."""
        self._flush_hooks.append(hook)

    def reload_figures(self) -> None:
        for hook in self._flush_hooks:
            hook()  # edits not yet stored would be overwritten by what is read back
        if self.article is not None:
            self.figures = self.store.figures(self.article.id)
            self.figures_changed.emit(self.figures)

    def replace_figure(self, figure: Figure) -> None:
        """A figure's text changed in the store: keep the snapshot list in step."""
        self.figures = [figure if f.handle == figure.handle else f for f in self.figures]
        self.figure_edited.emit(figure)

    # Editing ---------------------------------------------------------------------------

    def body_edited(self) -> None:
        self._body_dirty = True
        self._edited()

    def set_fields(self, **changes) -> None:
        if self.article is None:
            return
        if "headline" in changes and not changes.get("slug_locked", self._fields["slug_locked"]):
            changes.setdefault("slug", slugify(changes["headline"]))
        if changes.get("slug_locked") is False and "slug" not in changes:
            changes["slug"] = slugify(changes.get("headline", self._fields["headline"]))
        self._fields.update(changes)
        self.fields_changed.emit(self.current_fields())
        self._edited()

    def current_fields(self) -> Article:
        """The article's fields as they are now, body as last saved (cheap)."""
        return self.article.replace(**self._fields)

    def _edited(self) -> None:
        self._edited_since_revision = True
        if not self._revision_timer.isActive():
            self._revision_timer.start()
        self.modified_changed.emit(True)
        self._autosave.start()

    @property
    def in_conflict(self) -> bool:
        """A save was refused because the article changed elsewhere; nothing saves until
        the person reloads or saves a copy."""
        return self._in_conflict

    def is_modified(self) -> bool:
        return self.article is not None and (self._body_dirty or self._fields_differ())

    def _fields_differ(self) -> bool:
        return any(getattr(self.article, k) != v for k, v in self._fields.items())

    def _snapshot(self) -> Article:
        body = self._body_source() if self._body_dirty else self.article.body
        self._body_dirty = False
        return self.article.replace(body=body, **self._fields)

    # Saving ----------------------------------------------------------------------------

    def save_soon(self) -> None:
        """Autosave on the save thread (UI thread only takes the snapshot)."""
        if self.article is None or self._in_conflict or not self.is_modified():
            return
        if not self.store.ready:
            self._autosave.start()  # try again when the store has opened
            return
        if self._in_flight is not None:
            self._save_again = True
            return
        snapshot = self._snapshot()
        task = Task(self.store.save_article, snapshot)
        self._in_flight = (task, snapshot)
        task.signals.finished.connect(lambda _stored, task=task: self._settle(task))
        task.signals.failed.connect(lambda _error, task=task: self._settle(task))
        task.start(self._pool)

    def _settle(self, task: Task, save_again: bool = True) -> None:
        """Take in the outcome of the save in flight, once: when its signal arrives, or
        earlier when flush() has waited for it (and then saves what is left itself)."""
        if self._in_flight is None or self._in_flight[0] is not task:
            return
        _, snapshot = self._in_flight
        self._in_flight = None
        if task.error is not None:
            self._save_error(task.error, snapshot)
            return
        if self.article is None or task.result.id != self.article.id:
            return
        self._accept(task.result, snapshot)
        if save_again and (self._save_again or self.is_modified()):
            self._save_again = False
            self.save_soon()

    def _accept(self, stored: Article, snapshot: Article) -> None:
        self.article = stored
        if self._fields.get("slug") == snapshot.slug and stored.slug != snapshot.slug:
            # The store made the slug unique or tidy; take its version unless the slug has
            # been edited since this save began.
            self._fields["slug"] = stored.slug
            self.fields_changed.emit(self.current_fields())
        self.saved.emit(stored)
        self.modified_changed.emit(self.is_modified())

    def _save_error(self, error: Exception, snapshot: Article) -> None:
        self._save_again = False
        if self.article is not None and snapshot.body != self.article.body:
            self._body_dirty = True  # the text is still in the editor; try again later
        if isinstance(error, ConflictError):
            self._in_conflict = True
            self.conflict.emit(str(error))
        elif isinstance(error, StoreError):
            self.save_failed.emit(str(error))
            self._autosave.start(5000)
        else:
            self.save_failed.emit(f"Your text could not be saved ({error}); it is still here.")
            self._autosave.start(5000)

    def flush(self) -> bool:
        """Save now, on this thread; True when everything is stored."""
        stored = all([hook() for hook in self._flush_hooks])
        self._autosave.stop()
        self._pool.waitForDone()
        if self._in_flight is not None:
            self._settle(self._in_flight[0], save_again=False)  # its signal has not arrived yet
        if self.article is None or not self.is_modified():
            return stored
        if self._in_conflict:
            return False
        snapshot = self._snapshot()
        try:
            saved = self.store.save_article(snapshot)
        except Exception as error:  # noqa: BLE001 - any failure: keep the text, say so
            self._save_error(error, snapshot)
            return False
        self._accept(saved, snapshot)
        return stored

    # Revisions -------------------------------------------------------------------------

    def take_revision(self, label: str = "", reason: str = "manual") -> Revision | None:
        if self.article is None or not self.flush():
            return None
        revision = self.store.take_revision(self.article.id, reason, label)
        self._edited_since_revision = False
        self.revision_taken.emit(revision)
        return revision

    def _timed_revision(self) -> None:
        if not self._edited_since_revision:
            self._revision_timer.stop()
            return
        if self.flush():
            self.store.take_revision_if_changed(self.article.id, "timer")
            self._edited_since_revision = False

    def revisions(self) -> list[Revision]:
        return self.store.list_revisions(self.article.id) if self.article else []

    def restore(self, revision: Revision) -> None:
        if self.article is None or not self.flush():
            return
        self._load(self.store.restore_revision(self.article, revision))

    # Conflicts -------------------------------------------------------------------------

    def reload_keeping_mine_as_revision(self) -> None:
        """Take the stored article; keep the text typed here as one of its revisions."""
        mine = self._snapshot()
        self.store.keep_as_revision(mine, "conflict", "Your text from before the reload")
        self._load(self.store.get_article(mine.id))

    def save_as_copy(self) -> Article:
        """Store the text typed here as a new article and open it."""
        mine = self._snapshot()
        copy = self.store.create_article(
            mine.replace(id=None, headline=f"{mine.headline} (copy)".strip(), slug="", slug_locked=False)
        )
        self._load(copy)
        return copy
