"""The library's commands on the window: open, new, duplicate, trash, restore, empty the
trash. The panel reports what the person chose; this asks what needs asking and lets the
open article (editing.open_article) save before anything else is shown.

An article chosen in the trash is shown read-only, under a bar that offers to restore it:
the open article keeps nothing done to it (OpenArticle.read_only) and the window's editing
surfaces are locked; leaving the trash goes back to the article that was open before."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


class LibraryCommands:
    def __init__(self, window):
        self.window = window
        self.document = window.document
        self.panel = window.library
        self.controller = window.library_controller
        a, d, panel, controller = window.actions, self.document, self.panel, self.controller
        controller.listed.connect(
            lambda summaries, snippets: panel.show_articles(summaries, d.article.id if d.article else None, snippets)
        )
        controller.failed.connect(lambda sentence: window.statusBar().showMessage(sentence, 5000))
        panel.query_changed.connect(lambda query, trash: controller.refresh(query, trash))
        panel.article_chosen.connect(self.open_article)
        panel.trashed_chosen.connect(self.show_trashed)
        panel.trash_toggle.toggled.connect(self._trash_shown)
        window.trash_bar.restore_requested.connect(lambda: d.article and self.restore_article(d.article.id))
        d.article_loaded.connect(self._lock_if_trashed)
        self._live_id: int | None = None  # the article open before one was shown from the trash
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
        self.window.remember_cursor()
        self.document.open(article_id)

    def show_trashed(self, article_id: int) -> None:
        """Show an article from the trash, read-only."""
        if self.document.article is not None and not self.document.read_only:
            self._live_id = self.document.article.id
            self.window.remember_cursor()
        self.document.open(article_id)

    def restore_article(self, article_id: int) -> None:
        """Out of the trash; shown from there, it becomes the open article, editable."""
        self.controller.restore(article_id)
        d = self.document
        if d.article is not None and d.article.id == article_id and d.read_only:
            d.reload()
            self.panel.trash_toggle.setChecked(False)  # back among the articles, it selected
            self.window.editor.setFocus()
        self.window.statusBar().showMessage("Restored from the trash.", 5000)

    def _trash_shown(self, on: bool) -> None:
        if not on and self.document.read_only:
            self._back_to_live()

    def _back_to_live(self) -> None:
        """Leave an article shown from the trash for the one open before (else the newest)."""
        from desktop_editor.storage.errors import NotFound

        wanted, self._live_id = self._live_id, None
        try:
            if wanted is not None and self.document.store.get_article(wanted).deleted is None:
                self.open_article(wanted)
                return
        except NotFound:
            pass
        recent = self.controller.most_recent_id()
        if recent is not None:
            self.open_article(recent)
        else:
            self.document.open_new()

    def _lock_if_trashed(self, _article) -> None:
        """An article shown from the trash can be read, selected and copied; not changed."""
        w, locked = self.window, self.document.read_only
        w.trash_bar.setVisible(locked)
        w.editor.setReadOnly(locked)
        w.form.setEnabled(not locked)
        if w.image_panel is not None:  # else it is made in this state
            w.image_panel.setEnabled(not locked)
        for action in (w.actions.delete, w.actions.add_photos, w.actions.save_revision, w.actions.revisions):
            action.setEnabled(not locked)

    def new_article(self) -> None:
        if self.document.open_new() is not None:
            self.window.form.headline.setFocus()

    def duplicate_article(self, article_id: int) -> None:
        if self.document.flush():  # the copy takes the text as it is on screen
            self.open_article(self.controller.duplicate(article_id))

    def delete_article(self, article_id: int) -> None:
        if self.document.article and self.document.article.id == article_id:
            if not self.document.move_to_trash():
                return
        else:
            self.controller.delete(article_id)
        self.controller.refresh()
        self.window.statusBar().showMessage("Moved to the trash. Show the trash in the library to restore it.", 5000)

    def empty_trash(self) -> None:
        question = "Delete the articles in the trash for good? This cannot be undone."
        if QMessageBox.question(self.window, "Empty trash", question) == QMessageBox.StandardButton.Yes:
            removed = self.controller.empty_trash()
            if self.document.read_only:  # it was shown from the trash, and is gone now
                self._back_to_live()
            self.window.statusBar().showMessage(f"{removed} article(s) deleted for good.", 5000)
