"""The reporter's dialogs around the open article: revisions, conflicts, failed saves,
importing a bundle, house style and about. The window lays out; this asks and decides."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from desktop_editor import APP_NAME, __version__


class Drafting:
    def __init__(self, window):
        self.window = window
        self.document = window.document
        a = window.actions
        self.document.save_failed.connect(self.save_failed)
        self.document.conflict.connect(self.resolve_conflict)
        a.save_revision.triggered.connect(self.save_revision)
        a.revisions.triggered.connect(self.show_revisions)
        a.import_bundle.triggered.connect(self.import_bundle)
        a.preferences.triggered.connect(self.edit_preferences)
        a.about.triggered.connect(self.about)

    def save_failed(self, sentence: str) -> None:
        self.window.save_label.setText("Not saved")
        QMessageBox.warning(self.window, "Not saved", sentence)

    def resolve_conflict(self, sentence: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Changed elsewhere", sentence, parent=self.window)
        box.setInformativeText("Reload their version (your text is kept as a revision), or save yours as a copy?")
        reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Save mine as a copy", QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is reload:
            self.document.reload_keeping_mine_as_revision()
        else:
            self.document.save_as_copy()  # also when the box is closed: nothing is lost

    def save_revision(self) -> None:
        """Ctrl+S: keep a named snapshot. Enter accepts the suggested name at once."""
        suggested = f"Saved {datetime.now():%d %b %H:%M}"
        label, ok = QInputDialog.getText(self.window, "Save revision", "Name this revision:", text=suggested)
        if ok and self.document.take_revision(label.strip() or suggested, reason="manual") is not None:
            self.window.save_label.setText("Saved")

    def show_revisions(self) -> None:
        if self.document.article is None or not self.document.flush():
            return
        from desktop_editor.ui.revisions_dialog import RevisionsDialog

        revision = RevisionsDialog.choose(self.document.revisions(), self.window.editor.toPlainText(), self.window)
        if revision is not None:
            self.document.restore(revision)
            self.window.statusBar().showMessage("Revision restored; the text before it was kept as a revision.", 5000)

    def import_bundle(self) -> None:
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

    def edit_preferences(self) -> None:
        from desktop_editor.ui.preferences_dialog import HouseStyle, PreferencesDialog

        settings = self.window.settings
        chosen = PreferencesDialog.ask(HouseStyle(settings.credit_format, settings.credit_required), self.window)
        if chosen is not None:
            settings.credit_required = chosen.credit_required
            settings.credit_format = chosen.credit_format

    def about(self) -> None:
        QMessageBox.about(self.window, APP_NAME, f"<b>{APP_NAME}</b> {__version__}<br>An offline article editor for newsrooms.")
