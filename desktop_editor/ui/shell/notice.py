"""A notice in the window that never takes the keyboard: why the text is not saved just now.

A save fails on its own (the store stopped, the disk is full) while someone types; a dialog
then would take the focus and its OK button the next space or Enter. This bar says what
happened beside the text instead, takes no focus and goes away when a save succeeds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QStyle, QToolButton


class Notice(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hide = QToolButton(text="✕", autoRaise=True, toolTip="Hide this notice")
        hide.setAccessibleName("Hide this notice")
        hide.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hide.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message, 1)
        layout.addWidget(hide, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def say(self, sentence: str | None) -> None:
        """Show sentence (replacing what was said), or hide the notice for None."""
        if not sentence:
            self.message.clear()
            self.hide()
            return
        self.message.setText(sentence)
        self.setAccessibleName(sentence)
        self.show()
