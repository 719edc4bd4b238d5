"""A notice in the window that never takes the keyboard: why the text is not saved just now,
and what the person may choose (reload an article changed elsewhere, or keep theirs as a copy).

A save fails on its own (the store stopped, the disk is full) while someone types; a dialog
then would take the focus and its OK button the next space or Enter. This bar says what
happened beside the text instead, takes no focus and goes away when a save succeeds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QVBoxLayout


class Notice(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self._icon = QLabel()  # drawn when first shown: the window starts with nothing to say
        self._said: dict[str, str] = {}  # what is said, by what it is about
        self._buttons: dict[str, list[QPushButton]] = {}
        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hide = QToolButton(text="✕", autoRaise=True, toolTip="Hide this notice")
        hide.setAccessibleName("Hide this notice")
        hide.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hide.clicked.connect(self._hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()  # the sentence, and under it any choices: the text keeps the width
        text.addWidget(self.message)
        self._choices = QHBoxLayout()
        self._choices.addStretch(1)
        text.addLayout(self._choices)
        layout.addLayout(text, 1)
        layout.addWidget(hide, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def say(self, sentence: str | None, about: str = "saving", choices: tuple = ()) -> None:
        """Say sentence about one thing (saving, photos...), in place of what was said about
        it before; None takes that back. The notice shows while anything is said.

        choices: (label, callback) pairs offered as buttons beside it, for as long as it is
        said. They take the keyboard only when tabbed to or clicked, never by appearing."""
        for button in self._buttons.pop(about, []):
            button.deleteLater()
        if sentence:
            self._said[about] = sentence
            self._buttons[about] = [self._button(label, callback) for label, callback in choices]
        else:
            self._said.pop(about, None)
        text = "\n".join(self._said.values())
        if text and self._icon.pixmap().isNull():
            self._draw_icon()
        self.message.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))

    def _draw_icon(self) -> None:
        # QStyle's Python enums take milliseconds to make: not on the way to the first frame.
        from PySide6.QtWidgets import QStyle

        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))

    def offer_conflict(self, sentence: str | None, resolve, then) -> None:
        """The article changed elsewhere (sentence), or that is settled (None): resolve(choice)
        with "reload" or "copy" as the person clicks, then() after."""

        def choose(choice: str) -> None:
            resolve(choice)
            then()

        choices = (("Reload theirs", lambda: choose("reload")), ("Save mine as a copy", lambda: choose("copy")))
        self.say(sentence and f"{sentence} Your text is kept here.", about="conflict", choices=choices)

    def _button(self, label: str, callback) -> QPushButton:
        button = QPushButton(label)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus | Qt.FocusPolicy.ClickFocus)
        button.clicked.connect(callback)
        self._choices.addWidget(button)
        return button

    def _hide(self) -> None:
        """Take back all that is said, except a choice still awaited (a conflict to settle)."""
        for about in [about for about in self._said if not self._buttons.get(about)]:
            self.say(None, about)
