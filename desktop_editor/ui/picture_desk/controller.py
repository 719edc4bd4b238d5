"""The picture desk's work on the open article: import, edit, reorder, replace, remove.

Imports and thumbnails run on the thread pool; each file succeeds or fails on its own and the
batch reports which. A photo's text (caption, credit, alt...) belongs to the open article and
is saved with it (editing.open_article); structural changes are written here, after the
article's pending edits are stored.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop_editor.core.model import Figure
from desktop_editor.editing.open_article import OpenArticle
from desktop_editor.storage.errors import StoreError
from desktop_editor.ui.common.workers import Task, serial_pool

THUMBNAIL_SIZE = 160


def _thumbnail(store, sha256: str) -> tuple[str, bytes, list[str]]:
    """The photo's thumbnail and what ingest noticed about the picture (its stored warnings)."""
    from desktop_editor.core.process_memory import trim
    from desktop_editor.workflows import thumbnail

    warnings = list(store.image_asset(sha256).metadata.get("warnings") or [])
    small = thumbnail(store, sha256, THUMBNAIL_SIZE)
    trim()  # the decoded photo is gone: give its memory back
    return sha256, small, warnings


def _import(store, article_id: int, paths: list[Path], task: Task):
    from desktop_editor.workflows import attach_files

    return attach_files(
        store, article_id, paths, progress=task.report_progress, cancelled=task.is_cancelled
    )


class ImagesController(QObject):
    import_started = Signal(int)  # number of files
    import_progress = Signal(int, int)
    import_finished = Signal(list, list)  # figures added, sentences for refused files
    thumbnail_ready = Signal(str, bytes)  # sha256, encoded thumbnail
    warnings_ready = Signal(str, list)  # sha256, the picture's warnings (sentence ends)
    problem = Signal(str)  # a sentence for the desk

    def __init__(self, document: OpenArticle, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.store = document.store
        self.pool = QThreadPool.globalInstance()
        # One thumbnail at a time: with an import running too, more would crowd the UI thread
        # out of its turn at the interpreter, and thumbnails are quick anyway.
        self.thumbnail_pool = serial_pool(self)
        self._batch: Task | None = None
        self._batch_article: int | None = None
        self._insert_at: int | None = None
        self._paste_folder: tempfile.TemporaryDirectory | None = None

    @property
    def article_id(self) -> int | None:
        return self.document.article.id if self.document.article else None

    # Import ------------------------------------------------------------------------------

    def add_files(self, paths: list[str | Path], insert_at: int | None = None) -> None:
        """Import files on a worker. insert_at: a body position to place them at when done."""
        if self.article_id is None or not paths:
            return
        if self.document.read_only:
            self.problem.emit("This article is in the trash: restore it to add photos.")
            return
        if self._batch is not None:
            self.problem.emit("Photos are still being added; wait for that batch or cancel it.")
            return
        self._insert_at = insert_at
        self._batch_article = self.article_id
        task = Task(_import, self.store, self.article_id, [Path(p) for p in paths], pass_task=True, background=True)
        task.signals.progress.connect(self.import_progress)
        task.signals.finished.connect(self._imported)
        task.signals.failed.connect(self._import_failed)
        self._batch = task
        self.import_started.emit(len(paths))
        task.start(self.pool)

    def add_image_data(self, png_bytes: bytes, insert_at: int | None = None) -> None:
        """A pasted picture: imported from a PNG file that lives only until the import ends."""
        if self.document.read_only:
            self.problem.emit("This article is in the trash: restore it to add photos.")
            return
        if self._batch is not None:
            self.problem.emit("Photos are still being added; wait for that batch or cancel it.")
            return
        self._paste_folder = tempfile.TemporaryDirectory(prefix="desktop-editor-paste-")
        path = Path(self._paste_folder.name) / "pasted-image.png"
        path.write_bytes(png_bytes)
        self.add_files([path], insert_at)

    def cancel_import(self) -> None:
        if self._batch is not None:
            self._batch.cancel()

    def is_importing(self) -> bool:
        return self._batch is not None

    def wait(self) -> None:
        self.pool.waitForDone()
        self.thumbnail_pool.waitForDone()

    def _batch_ended(self) -> None:
        self._batch = None
        if self._paste_folder is not None:
            self._paste_folder.cleanup()
            self._paste_folder = None
        if self.article_id != self._batch_article:
            self._insert_at = None  # another article is open now: place nothing in its text
        self.document.reload_figures()

    def _imported(self, result) -> None:
        added, refused = result
        self._batch_ended()
        self.import_finished.emit(added, refused)
        self._insert_at = None

    def take_insert_position(self) -> int | None:
        return self._insert_at

    def _import_failed(self, error: Exception) -> None:
        self._batch_ended()
        self.import_finished.emit([], [f"The photos could not be added: {error}"])

    # Thumbnails ----------------------------------------------------------------------------

    def request_thumbnail(self, sha256: str) -> None:
        task = Task(_thumbnail, self.store, sha256, background=True)
        task.signals.finished.connect(self._thumbnail_done)
        task.start(self.thumbnail_pool)

    def _thumbnail_done(self, result) -> None:
        sha256, data, warnings = result
        self.warnings_ready.emit(sha256, warnings)
        self.thumbnail_ready.emit(sha256, data)

    # Editing -------------------------------------------------------------------------------

    def update_field(self, handle: str, name: str, value: str) -> None:
        """A keystroke in a caption, credit, alt text...: the open article keeps and saves it."""
        self.document.edit_figure(handle, name, value)

    def rename(self, old: str, new: str) -> bool:
        """Rename a handle; the window then updates the references in the text."""
        if not self.document.flush():  # the photo's text typed under the old handle first
            return False
        try:
            self.store.rename_figure_handle(self.article_id, old, new)
        except StoreError as error:
            self.problem.emit(str(error))
            return False
        if self.document.current_fields().lead_image == old:
            self.document.set_fields(lead_image=new)
        self.document.reload_figures()
        return True

    def set_lead(self, handle: str, on: bool) -> None:
        lead = self.document.current_fields().lead_image
        if on:
            self.document.set_fields(lead_image=handle)
        elif lead == handle:
            self.document.set_fields(lead_image=None)

    def reorder(self, handles: list[str]) -> None:
        self.store.reorder_figures(self.article_id, handles)
        self.document.reload_figures()

    def replace_file(self, handle: str, path: str | Path) -> None:
        """A new photo under the same handle; the desk's text fields stay as they are."""
        from desktop_editor.core.images import ImageRejected, ingest_file

        try:
            image = ingest_file(Path(path))
            self.store.put_image(image.sha256, image.data, image.format, image.width, image.height, image.metadata)
            self.store.update_figure(self.article_id, handle, image_sha256=image.sha256)
        except (ImageRejected, StoreError) as error:
            self.problem.emit(str(error))
            return
        self.document.reload_figures()

    def remove(self, handle: str) -> None:
        if not self.document.flush():
            return
        self.store.remove_figure(self.article_id, handle)
        if self.document.current_fields().lead_image == handle:
            self.document.set_fields(lead_image=None)
        self.document.reload_figures()

    def figure(self, handle: str) -> Figure | None:
        return self.document.figure(handle)
