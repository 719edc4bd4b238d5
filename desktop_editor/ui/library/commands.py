"""The library's commands on the window: open, new, duplicate, trash, restore, empty the
trash. The panel reports what the person chose; this asks what needs asking and lets the
open article (editing.open_article) save before anything else is shown."""

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
        panel.new_requested.connect(self.new_article)
        panel.duplicate_requested.connect(self.duplicate_article)
        panel.delete_requested.connect(self.delete_article)
        panel.restore_requested.connect(controller.restore)
        panel.empty_trash_requested.connect(self.empty_trash)
        a.new_article.triggered.connect(self.new_article)
        a.duplicate.triggered.connect(lambda: d.article and self.duplicate_article(d.article.id))
        a.delete.triggered.connect(lambda: d.article and self.delete_article(d.article.id))
        a.focus_library.triggered.connect(lambda: (panel.show(), panel.search.setFocus()))
        a.toggle_library.toggled.connect(panel.setVisible)

    def open_article(self, article_id: int) -> None:
        self.window.remember_cursor()
        self.document.open(article_id)

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
            self.window.statusBar().showMessage(f"{removed} article(s) deleted for good.", 5000)
