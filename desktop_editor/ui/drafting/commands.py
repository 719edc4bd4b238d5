"""The reporter's commands around the open article: revisions and importing a bundle.
Conflicts and failed saves are the open article's (editing.open_article),
asked through ui.qt_ports.QtPrompts."""

from __future__ import annotations

from pathlib import Path


class Drafting:
    def __init__(self, window):
        self.window = window
        self.document = window.document
        a = window.actions
        a.save_revision.triggered.connect(self.save_revision)
        a.revisions.triggered.connect(self.show_revisions)
        a.import_bundle.triggered.connect(self.import_bundle)

    def save_revision(self) -> None:
        """Ctrl+S: keep a named snapshot. Enter accepts the suggested name at once."""
        if self.document.save_revision() is not None:
            self.window.statusBar().showMessage("Revision saved.", 3000)

    def show_revisions(self) -> None:
        if self.document.article is None or not self.document.flush():
            return
        from desktop_editor.ui.drafting.revisions_dialog import RevisionsDialog

        revision = RevisionsDialog.choose(self.document.revisions(), self.window.editor.toPlainText(), self.window)
        if revision is not None:
            self.document.restore(revision)
            self.window.statusBar().showMessage("Revision restored; the text before it was kept as a revision.", 5000)

    def import_bundle(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        path, _ = QFileDialog.getOpenFileName(self.window, "Import Markdown", "", "Markdown (*.md *.markdown *.txt)")
        if not path:
            return
        from desktop_editor.core.bundle import BundleError
        from desktop_editor.core.images import ImageRejected
        from desktop_editor.workflows import import_bundle

        try:
            article = import_bundle(self.document.store, Path(path))
        except (BundleError, ImageRejected) as error:
            QMessageBox.warning(self.window, "Not imported", str(error))
            return
        self.window.library_controller.refresh()
        self.window.open_article(article.id)
