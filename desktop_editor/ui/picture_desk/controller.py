"""The picture desk's files: imports, thumbnails and replacement pictures, all decoded and
stored off the UI thread.

Each imported file succeeds or fails on its own and the batch reports which. Everything else
about the article's photos, their text and their list (rename, reorder, remove, the lead, a
replaced picture), belongs to the open article (editing.open_article), which saves it under
the article's version.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop_editor.core.model import PhotoChange
from desktop_editor.editing.open_article import OpenArticle
from desktop_editor.storage.errors import StoreError
from desktop_editor.ui.common.workers import Task, serial_pool

THUMBNAIL_SIZE = 160


def _thumbnail(store, sha256: str) -> tuple[str, bytes, list[str]]:
    """The photo's thumbnail (made by the picture worker when none is kept) and what ingest
    noticed about the picture (its stored warnings)."""
    from desktop_editor.core import picture_worker
    from desktop_editor.workflows import thumbnail

    warnings = list(store.image_asset(sha256).metadata.get("warnings") or [])
    return sha256, thumbnail(store, sha256, THUMBNAIL_SIZE, worker=picture_worker.shared()), warnings


def _store_picture(store, path: Path) -> str:
    """Decode and store a picture file (refused with one sentence if it cannot be); its SHA-256."""
    from desktop_editor.core.images import ImageRejected, ingest_file

    try:
        image = ingest_file(path)
    except ImageRejected as error:
        raise StoreError(str(error)) from None
    store.put_image(image.sha256, image.data, image.format, image.width, image.height, image.metadata)
    return image.sha256


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

    def _batch_ended(self, added: list, refused: list[str]) -> None:
        """The batch is over: its photos are read into the open article, then reported."""
        self._batch = None
        if self._paste_folder is not None:
            self._paste_folder.cleanup()
            self._paste_folder = None
        self.document.reload_figures(then=lambda: self._report(added, refused))

    def _report(self, added: list, refused: list[str]) -> None:
        if self.article_id != self._batch_article:
            self._insert_at = None  # another article is open now: place nothing in its text
        self.import_finished.emit(added, refused)
        self._insert_at = None

    def _imported(self, result) -> None:
        added, refused = result
        self._batch_ended(added, refused)

    def take_insert_position(self) -> int | None:
        return self._insert_at

    def _import_failed(self, error: Exception) -> None:
        self._batch_ended([], [f"The photos could not be added: {error}"])

    # Thumbnails ----------------------------------------------------------------------------

    def request_thumbnail(self, sha256: str) -> None:
        task = Task(_thumbnail, self.store, sha256, background=True)
        task.signals.finished.connect(self._thumbnail_done)
        task.start(self.thumbnail_pool)

    def _thumbnail_done(self, result) -> None:
        sha256, data, warnings = result
        self.warnings_ready.emit(sha256, warnings)
        self.thumbnail_ready.emit(sha256, data)

    # Replacing a picture -------------------------------------------------------------------

    def replace_file(self, handle: str, path: str | Path) -> None:
        """A new picture under the same handle, its text kept: decoded and stored on a worker,
        then made part of the article by the open article (under its version)."""
        if self.article_id is None or self.document.read_only:
            return
        task = Task(_store_picture, self.store, Path(path), background=True)
        task.signals.finished.connect(
            lambda sha256, handle=handle, article_id=self.article_id: self._picture_stored(article_id, handle, sha256)
        )
        task.signals.failed.connect(lambda error: self.problem.emit(str(error)))
        task.start(self.pool)

    def _picture_stored(self, article_id: int, handle: str, sha256: str) -> None:
        if self.article_id == article_id:  # still the open article
            self.document.change_photos(PhotoChange.replace_image(handle, sha256))
