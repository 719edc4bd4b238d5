"""Wiring between the photo panel, the editor, the open article and the images controller.

The panel and the editor only report what the person did; the open article keeps the
photos' text and list (editing.open_article), the images controller takes files in; this
glue asks the questions that need a dialog (which files, remove a photo still in use?) and
says what went wrong where it takes no focus from the typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop_editor.core.model import PhotoChange
from desktop_editor.core.text import counted
from desktop_editor.editing.open_article import OpenArticle
from desktop_editor.ui.drafting.editor import MarkdownEditor
from desktop_editor.ui.picture_desk.controller import ImagesController
from desktop_editor.ui.picture_desk.panel import IMAGE_FILTER, ImagePanel


class PictureDesk:
    def __init__(
        self,
        panel: ImagePanel,
        editor: MarkdownEditor,
        document: OpenArticle,
        images: ImagesController,
        *,
        dialog_parent: QWidget,
        status: Callable[[str, int], None],
        notice: Callable[[str | None], None],
    ):
        """status(sentence, milliseconds): a line in the status bar; notice(sentence): a
        notice beside the text that takes no focus (None hides it)."""
        self.panel = panel
        self.editor = editor
        self.document = document
        self.images = images
        self.dialog_parent = dialog_parent
        self.status = status
        self.notice = notice
        self._lead: str | None = None
        document.figures_changed.connect(self.show_figures)
        document.fields_changed.connect(self._lead_may_have_changed)
        document.figure_edited.connect(panel.figure_edited)
        document.photo_renamed.connect(editor.rename_references)
        document.photo_refused.connect(self._refused)
        document.article_loaded.connect(lambda _article: notice(None))  # what was said was about the last one
        panel.add_requested.connect(self.choose_files)
        panel.files_dropped.connect(images.add_files)
        panel.cancel_requested.connect(images.cancel_import)
        panel.insert_requested.connect(lambda handle: editor.insert_figures([handle]))
        panel.replace_requested.connect(self.replace_file)
        panel.remove_requested.connect(self.remove)
        panel.field_edited.connect(document.edit_figure)
        panel.rename_requested.connect(lambda old, new: document.change_photos(PhotoChange.rename(old, new)))
        panel.lead_toggled.connect(self.set_lead)
        panel.order_changed.connect(lambda handles: document.change_photos(PhotoChange.reorder(handles)))
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
        self.status(sentence, 10000)
        self.notice(sentence)

    def _refused(self, sentence: str) -> None:
        self._problem(sentence)
        self.show_figures(self.document.figures)  # the panel shows the photos as they are

    def _lead_may_have_changed(self, article) -> None:
        if article.lead_image != self._lead:  # not on every headline keystroke
            self.show_figures(self.document.figures)

    def set_lead(self, handle: str, on: bool) -> None:
        if on:
            self.document.set_fields(lead_image=handle)
        elif self.document.current_fields().lead_image == handle:
            self.document.set_fields(lead_image=None)

    def show_figures(self, figures) -> None:
        document = self.document
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

        paths, _ = QFileDialog.getOpenFileNames(self.dialog_parent, "Add photos", "", IMAGE_FILTER)
        if paths:
            self.images.add_files(paths)

    def _imported(self, added, refused) -> None:
        self.panel.show_progress(1, 1)
        position = self.images.take_insert_position()
        if added and position is not None:
            self.editor.insert_figures([figure.handle for figure in added], position)
        if added:
            self.panel.select(added[-1].handle)
        summary = f"Added {counted(len(added), 'photo')}." if added else "No photos were added."
        self.status(summary, 5000)
        if refused:  # the import ran while the person may be typing: nothing takes the keys
            self.notice(" ".join([summary, "Refused:", *refused]))

    def replace_file(self, handle: str) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.dialog_parent, f"Replace the photo “{handle}”", "", IMAGE_FILTER)
        if path:
            self.images.replace_file(handle, path)

    def remove(self, handle: str) -> None:
        """Remove a photo; when the text still places it, ask whether its places go too (one
        undo step in the text), stay (the check then warns about them), or nothing is done."""
        from PySide6.QtWidgets import QMessageBox

        from desktop_editor.core.preflight import figure_references

        uses = [r.handle for r in figure_references(self.editor.toPlainText())].count(handle)
        if uses:
            box = QMessageBox(QMessageBox.Icon.Question, "Remove photo", (
                f"The text still places “{handle}” {_times(uses)}. Remove {'that place' if uses == 1 else 'those places'} "
                "from the text too, or only the photo (the check then warns about what is left)?"
            ), parent=self.dialog_parent)  # fmt: skip
            both = box.addButton("Remove photo and its &references", QMessageBox.ButtonRole.AcceptRole)
            only = box.addButton("Remove photo &only", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(both)
            box.exec()
            chosen = box.clickedButton()
            box.deleteLater()
            if chosen is both:
                self.editor.remove_references(handle)
            elif chosen is not only:
                return
        self.document.change_photos(PhotoChange.remove(handle))


def _times(number: int) -> str:
    return {1: "once", 2: "twice"}.get(number) or f"{number} times"
