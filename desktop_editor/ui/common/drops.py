"""What a drop or a paste carries: local files, or picture data."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QMimeData


def local_files(mime: QMimeData) -> list[str]:
    """Paths of the local files in a drop or paste (none for web links)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def png_bytes(image) -> bytes:
    """A pasted QImage as PNG bytes."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


class FileDropTarget:
    """Mixin, listed before the Qt widget class: local files dropped on the widget go to
    files_dropped_here(); every other drag is the widget's own business."""

    def files_dropped_here(self, files: list[str], event) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        files = local_files(event.mimeData())
        if files:
            self.files_dropped_here(files, event)
            event.acceptProposedAction()
        else:
            super().dropEvent(event)
