"""The library's commands on the window: open, new, duplicate, trash, restore, empty the
trash. The panel reports what the person chose; this asks what needs asking and lets the
open article (editing.open_article) save before anything else is shown.

An article chosen in the trash is shown read-only, under a bar that offers to restore it:
the open article keeps nothing done to it (OpenArticle.read_only) and the window's editing
surfaces are locked; leaving the trash goes back to the article that was open before."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_editor.core.text import counted
from desktop_editor.editing.open_article import OpenArticle
from desktop_editor.ui.library.controller import LibraryController
from desktop_editor.ui.library.panel import LibraryPanel
from desktop_editor.ui.library.trash_bar import TrashBar


@dataclass(frozen=True)
class WindowHooks:
    """What the library asks of the window around it."""

    dialog_parent: QWidget
    status: Callable[[str, int], None]  # a line in the status bar, for so many milliseconds
    remember_cursor: Callable[[], None]  # the open article's cursor, before another is shown
    lock_editing: Callable[[bool], None]  # True: an article shown from the trash, read-only
    focus_text: Callable[[], None]
    focus_headline: Callable[[], None]


class LibraryCommands:
    def __init__(
        self, document: OpenArticle, controller: LibraryController, panel: LibraryPanel, trash_bar: TrashBar,
        actions, hooks: WindowHooks,
    ):  # fmt: skip
        self.document = document
        self.panel = panel
        self.controller = controller
        self.trash_bar = trash_bar
        self.actions = actions
        self.hooks = hooks
        a, d = actions, document
        controller.listed.connect(
            lambda summaries, snippets: panel.show_articles(summaries, d.article.id if d.article else None, snippets)
        )
        controller.failed.connect(lambda sentence: hooks.status(sentence, 5000))
        panel.query_changed.connect(lambda query, trash: controller.refresh(query, trash))
        panel.article_chosen.connect(self.open_article)
        panel.trashed_chosen.connect(self.show_trashed)
        panel.trash_toggle.toggled.connect(self._trash_shown)
        trash_bar.restore_requested.connect(lambda: d.article and self.restore_article(d.article.id))
        d.article_loaded.connect(self._lock_if_trashed)
        self._live_id: int | None = None  # the article open before one was shown from the trash
        self._staying = False  # leaving the trash view with the article shown, just restored
        panel.new_requested.connect(self.new_article)
        panel.duplicate_requested.connect(self.duplicate_article)
        panel.delete_requested.connect(self.delete_article)
        panel.restore_requested.connect(self.restore_article)
        panel.empty_trash_requested.connect(self.empty_trash)
        a.new_article.triggered.connect(self.new_article)
        a.duplicate.triggered.connect(lambda: d.article and self.duplicate_article(d.article.id))
        a.delete.triggered.connect(lambda: d.article and self.delete_article(d.article.id))
        a.focus_library.triggered.connect(lambda: (panel.show(), panel.search.setFocus()))
        a.toggle_library.toggled.connect(panel.setVisible)

    def open_article(self, article_id: int) -> None:
        self.hooks.remember_cursor()
        self.document.open(article_id)

    def show_trashed(self, article_id: int) -> None:
        """Show an article from the trash, read-only."""
        if self.document.article is not None and not self.document.read_only:
            self._live_id = self.document.article.id
            self.hooks.remember_cursor()
        self.document.open(article_id)

    def restore_article(self, article_id: int) -> None:
        """Out of the trash; shown from there, it becomes the open article, editable."""
        self.controller.restore(article_id, lambda _: self._restored(article_id))

    def _restored(self, article_id: int) -> None:
        d = self.document
        if d.article is not None and d.article.id == article_id and d.read_only:
            self._live_id, self._staying = None, True
            try:
                self.panel.trash_toggle.setChecked(False)  # back among the articles, it selected
            finally:
                self._staying = False
            d.reload()  # editable once it is read again
            self.hooks.focus_text()
        self.hooks.status("Restored from the trash.", 5000)

    def _trash_shown(self, on: bool) -> None:
        if not on and self.document.read_only and not self._staying:
            self._back_to_live()

    def _back_to_live(self) -> None:
        """Leave an article shown from the trash for the one open before (else the newest)."""
        wanted, self._live_id = self._live_id, None
        self.hooks.remember_cursor()
        self.document.open_first(wanted)

    def _lock_if_trashed(self, _article) -> None:
        """An article shown from the trash can be read, selected and copied; not changed."""
        locked = self.document.read_only
        self.trash_bar.setVisible(locked)
        self.hooks.lock_editing(locked)
        a = self.actions
        for action in (a.delete, a.add_photos, a.save_revision, a.revisions):
            action.setEnabled(not locked)

    def new_article(self) -> None:
        self.document.open_new(then=lambda _article: self.hooks.focus_headline())

    def duplicate_article(self, article_id: int) -> None:
        if self.document.flush():  # the copy takes the text as it is on screen
            self.controller.duplicate(article_id, self.open_article)

    def delete_article(self, article_id: int) -> None:
        def trashed(_) -> None:
            self.controller.refresh()
            self.hooks.status("Moved to the trash. Show the trash in the library to restore it.", 5000)

        if self.document.article and self.document.article.id == article_id:
            self.document.move_to_trash(then=trashed)
        else:
            self.controller.delete(article_id, trashed)

    def empty_trash(self) -> None:
        question = "Delete the articles in the trash for good? This cannot be undone."
        if QMessageBox.question(self.hooks.dialog_parent, "Empty trash", question) == QMessageBox.StandardButton.Yes:
            self.controller.empty_trash(self._trash_emptied)

    def _trash_emptied(self, removed: int) -> None:
        if self.document.read_only:  # it was shown from the trash, and is gone now
            self._back_to_live()
        self.hooks.status(f"{counted(removed, 'article')} deleted for good.", 5000)
