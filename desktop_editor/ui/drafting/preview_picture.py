"""The preview's picture from the last session, painted in the window's first frame where
the preview will be, until Chromium has drawn the same page (ui.drafting.page_cache keeps
both). Only a picture taken at the preview's present size is painted: any other size leaves
the place as it would be without one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget


class PreviewPicture(QWidget):
    shown = Signal()  # painted for the first time (at its own size)

    def __init__(self, picture, parent=None):
        super().__init__(parent)
        self._pixels = picture.pixels  # the image below reads them in place
        self._image = QImage(self._pixels, picture.width, picture.height, picture.width * 4, QImage.Format.Format_ARGB32_Premultiplied)
        self._image.setDevicePixelRatio(picture.ratio)
        self._shown = False

    def fits(self) -> bool:
        ratio = self.devicePixelRatioF()
        return (
            abs(ratio - self._image.devicePixelRatio()) < 0.01
            and round(self.width() * ratio) == self._image.width()
            and round(self.height() * ratio) == self._image.height()
        )

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.fits():
            return
        QPainter(self).drawImage(0, 0, self._image)
        if not self._shown:
            self._shown = True
            self.shown.emit()
