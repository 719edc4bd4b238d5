"""The bar over an article shown from the trash: it cannot be edited until it is restored."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QStyle

MESSAGE = "In the trash — Restore to edit"


class TrashBar(QFrame):
    restore_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("trash-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_TrashIcon).pixmap(size, size))
        self.message = QLabel(MESSAGE, wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setToolTip("Take this article out of the trash and edit it")
        self.restore_button.setAccessibleName("Restore this article from the trash")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.icon)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.restore_button)
        self.setAccessibleName(MESSAGE)
        self.restore_button.clicked.connect(self.restore_requested)
        self.hide()
