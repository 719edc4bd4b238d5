"""Wiring between the image panel, the editor and the images controller.

The panel and editor only report what the person did; the controller does the work; this
glue asks the questions that need a dialog (which files, remove a photo still in use?).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop_editor.ui.drafting.editor import MarkdownEditor
from desktop_editor.ui.picture_desk.panel import IMAGE_FILTER, ImagePanel
from desktop_editor.ui.picture_desk.controller import ImagesController


class PictureDesk:
    def __init__(self, window: QWidget, panel: ImagePanel, editor: MarkdownEditor, images: ImagesController):
        self.window = window
        self.panel = panel
        self.editor = editor
        self.images = images
        document = images.document
        self._lead: str | None = None
        document.figures_changed.connect(self.show_figures)
        document.fields_changed.connect(self._lead_may_have_changed)
        document.figure_edited.connect(panel.figure_edited)
        panel.add_requested.connect(self.choose_files)
        panel.files_dropped.connect(images.add_files)
        panel.cancel_requested.connect(images.cancel_import)
        panel.insert_requested.connect(lambda handle: editor.insert_figures([handle]))
        panel.replace_requested.connect(self.replace_file)
        panel.remove_requested.connect(self.remove)
        panel.field_edited.connect(images.update_field)
        panel.rename_requested.connect(self.rename)
        panel.lead_toggled.connect(images.set_lead)
        panel.order_changed.connect(images.reorder)
        editor.images_dropped.connect(images.add_files)
        editor.image_pasted.connect(images.add_image_data)
        editor.figure_activated.connect(panel.select)
        images.import_started.connect(lambda total: panel.show_progress(0, total))
        images.import_progress.connect(panel.show_progress)
        images.import_finished.connect(self._imported)
        images.thumbnail_ready.connect(panel.set_thumbnail)
        images.warnings_ready.connect(panel.set_photo_warnings)
        images.problem.connect(self._problem)

    def _problem(self, sentence: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self.window, "Photos", sentence)

    def _lead_may_have_changed(self, article) -> None:
        if article.lead_image != self._lead:  # not on every headline keystroke
            self.show_figures(self.images.document.figures)

    def show_figures(self, figures) -> None:
        document = self.images.document
        self._lead = document.current_fields().lead_image if document.article else None
        self.panel.show_figures(figures, self._lead)
        # Once this round of UI work is done: thumbnail workers started now would compete
        # with it for the interpreter.
        QTimer.singleShot(0, self._request_missing_thumbnails)

    def _request_missing_thumbnails(self) -> None:
        for sha256 in dict.fromkeys(self.panel.missing_thumbnails() + self.panel.unknown_warnings()):
            self.images.request_thumbnail(sha256)

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self.window, "Add photos", "", IMAGE_FILTER)
        if paths:
            self.images.add_files(paths)

    def _imported(self, added, refused) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.panel.show_progress(1, 1)
        position = self.images.take_insert_position()
        if added and position is not None:
            self.editor.insert_figures([figure.handle for figure in added], position)
        if added:
            self.panel.select(added[-1].handle)
        summary = f"Added {len(added)} photo(s)." if added else "No photos were added."
        self.window.statusBar().showMessage(summary, 5000)
        if refused:
            box = QMessageBox(QMessageBox.Icon.Warning, "Some photos were refused", summary, parent=self.window)
            box.setInformativeText("\n".join(refused))
            box.open()

    def replace_file(self, handle: str) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.window, f"Replace the photo “{handle}”", "", IMAGE_FILTER)
        if path:
            self.images.replace_file(handle, path)

    def remove(self, handle: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop_editor.core.preflight import figure_references

        uses = [r.handle for r in figure_references(self.editor.toPlainText())].count(handle)
        if uses:
            answer = QMessageBox.question(
                self.window,
                "Remove photo",
                f"The text still places “{handle}” {uses} time(s); those places will show a "
                "warning until you remove them. Remove the photo anyway?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.images.remove(handle)

    def rename(self, old: str, new: str) -> None:
        if self.images.rename(old, new):
            self.editor.rename_references(old, new)
