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
