"""Short multi-line boxes (the standfirst, a photo's caption and alt text) as tall as a
number of whole lines, whatever the font, the theme's frame or the focus frame: a line is
never shown cut in half at the bottom."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFontMetricsF, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

_REFIT = (QEvent.Type.StyleChange, QEvent.Type.FontChange, QEvent.Type.Polish, QEvent.Type.Show)


def show_whole_lines(edit: QPlainTextEdit, lines: int) -> None:
    """Keep edit exactly lines lines high (and again when its font or style changes)."""
    fitter = _Fitter(edit, lines)
    edit.installEventFilter(fitter)
    fitter.fit()


def line_height(edit: QPlainTextEdit) -> float:
    """The height the text's lines are laid out with (the font's, with its leading when the
    layout includes it)."""
    layout = QTextLayout("Xg", edit.document().defaultFont())
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return line.height() if line.isValid() else QFontMetricsF(edit.font()).height()


class _Fitter(QObject):
    def __init__(self, edit: QPlainTextEdit, lines: int):
        super().__init__(edit)
        self.edit = edit
        self.lines = lines

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if watched is self.edit and event.type() in _REFIT:
            # After the edit has taken the change (a frame's width follows a style change).
            QTimer.singleShot(0, self, self.fit)
        return False

    def fit(self) -> None:
        edit = self.edit
        margin = edit.document().documentMargin()
        # The first line starts below the document's margin; no room for the margin under the
        # last line, where the next line's top would show in it.
        text = margin + self.lines * line_height(edit)
        # What the frame and margins take, as laid out (the style decides, the focus frame
        # too); before the first layout, as the frame says.
        extra = 2 * edit.frameWidth()
        height = int(text) + extra
        if edit.minimumHeight() != height or edit.maximumHeight() != height:
            edit.setFixedHeight(height)
