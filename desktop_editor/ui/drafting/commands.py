"""The reporter's commands around the open article: revisions, the workflow history and
importing a bundle.
Conflicts and failed saves are the open article's (editing.open_article),
asked through ui.common.qt_ports.QtPrompts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop_editor.editing.open_article import OpenArticle


class Drafting:
    def __init__(
        self, document: OpenArticle, actions, text: Callable[[], str], open_article: Callable[[int], None],
        *, dialog_parent: QWidget, status: Callable[[str, int], None],
    ):  # fmt: skip
        """text(): the body as the editor shows it; open_article(id): show another article
        (the library follows); status(sentence, milliseconds): a line in the status bar."""
        self.document = document
        self.text = text
        self.open_article = open_article
        self.dialog_parent = dialog_parent
        self.status = status
        a = actions
        a.save_revision.triggered.connect(self.save_revision)
        a.revisions.triggered.connect(self.show_revisions)
        a.import_bundle.triggered.connect(self.import_bundle)
        a.workflow_history.triggered.connect(self.show_history)
        self.history_dialog = None  # made when first shown
        document.moved.connect(lambda _article: self._read_history(only_if_shown=True))
        document.article_loaded.connect(lambda _article: self._read_history(only_if_shown=True))
        document.revision_taken.connect(lambda _revision: self.status("Revision saved.", 3000))

    def save_revision(self) -> None:
        """Ctrl+S: keep a named snapshot. Enter accepts the suggested name at once."""
        self.document.save_revision()  # "Revision saved." when it is kept: see __init__

    def show_revisions(self) -> None:
        if self.document.article is None or not self.document.flush():
            return
        self.document.list_revisions(self._choose_revision)

    def _choose_revision(self, revisions) -> None:
        from desktop_editor.ui.drafting.revisions_dialog import RevisionsDialog

        revision = RevisionsDialog.choose(revisions, self.text(), self.dialog_parent)
        if revision is not None and self.document.restore(revision):
            self.status("Revision restored; the text before it was kept as a revision.", 5000)

    def show_history(self) -> None:
        """The article's recorded moves, in a window beside the text (read on the worker)."""
        from desktop_editor.ui.drafting.history_dialog import HistoryDialog

        if self.history_dialog is None:
            self.history_dialog = HistoryDialog(self.dialog_parent)
        self._read_history()

    def _read_history(self, only_if_shown: bool = False) -> None:
        dialog = self.history_dialog
        if dialog is None or (only_if_shown and not dialog.isVisible()):
            return

        def listed(transitions) -> None:
            dialog.show_history(self.document.current_fields().headline, transitions)
            if not only_if_shown:
                dialog.show()
                dialog.raise_()

        self.document.list_history(listed)

    def import_bundle(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.dialog_parent, "Import Markdown", "", "Markdown (*.md *.markdown *.txt)")
        if not path:
            return
        from desktop_editor.ui.common.workers import in_background
        from desktop_editor.workflows import import_bundle

        self.status("Importing…", 0)
        in_background(lambda: import_bundle(self.document.store, Path(path)), self._imported, self._not_imported)

    def _imported(self, article) -> None:
        self.status("Imported.", 3000)
        self.open_article(article.id)

    def _not_imported(self, error: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop_editor.core.bundle import BundleError
        from desktop_editor.core.images import ImageRejected
        from desktop_editor.storage.errors import StoreError

        self.status("Not imported.", 3000)
        known = isinstance(error, BundleError | ImageRejected | StoreError | OSError)
        sentence = str(error) if known else f"The file could not be imported ({error})."
        QMessageBox.warning(self.dialog_parent, "Not imported", sentence)
