"""A photo's own warnings (what ingest noticed about the picture), as one small line with an icon."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

ICON_SIZE = 16


def warning_sentences(warnings: list[str] | tuple[str, ...]) -> list[str]:
    """Each stored warning is the end of a sentence about the photo ("is an animation of 12
    frames: only the first frame is used"): made whole, starting "This photo"."""
    sentences = []
    for end in warnings:
        end = " ".join(str(end).split())
        if end:
            sentences.append(f"This photo {end}{'' if end.endswith('.') else '.'}")
    return sentences


class PhotoWarningLine(QWidget):
    """Hidden while the selected photo has no warnings; the text wraps in a narrow panel."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.icon = QLabel()  # its picture is drawn when there is first a warning to show
        self.icon.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.icon.setAccessibleName("Warning")
        self.text = QLabel(wordWrap=True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # a file's words, never markup
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.setAccessibleName("Photo warnings")
        self.show_warnings([])

    def show_warnings(self, warnings: list[str] | tuple[str, ...]) -> None:
        sentences = warning_sentences(warnings)
        text = "\n".join(sentences)
        self.text.setText(text)
        self.setAccessibleDescription(text)
        self.text.setAccessibleName(text)
        self.setToolTip(text)
        if sentences and self.icon.pixmap().isNull():
            self._draw_icon()
        self.setVisible(bool(sentences))

    def _draw_icon(self) -> None:
        # QStyle is among the costliest Qt classes for Python to load: not before it is needed.
        from PySide6.QtWidgets import QStyle

        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) or ICON_SIZE
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(icon.pixmap(size, size))

    def sentences(self) -> list[str]:
        text = self.text.text()
        return text.split("\n") if text else []
