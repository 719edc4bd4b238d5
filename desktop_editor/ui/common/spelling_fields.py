"""Spelling in the fields themselves: the context menu's suggestions, "Add to newsroom
dictionary" and "Ignore" at the top of a field's menu (`add_spelling_actions`), and a line
edit that underlines its own misspellings (`SpellCheckedLineEdit`, the headline)."""

from __future__ import annotations


from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QLineEdit, QMenu

from desktop_editor.ui.common.spelling_layer import UNDERLINE, SpellingLayer, add_spelling_actions
from desktop_editor.ui.common.spelling_service import SpellingService

class SpellCheckedLineEdit(QLineEdit):
    """A line edit that underlines misspelt words (a QLineEdit draws no character formats,
    so the underline is painted over it, under each word where the line lays it out)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.spelling = SpellingLayer(None, lambda _blocks: self.update())
        self._misspelt: list[tuple[int, int, str]] = []
        self.textChanged.connect(lambda _text: self.update())
        self.cursorPositionChanged.connect(lambda _old, _new: self.update())

    def set_spelling(self, service: SpellingService | None) -> None:
        self.spelling = SpellingLayer(service, lambda _blocks: self.update())
        self.update()

    def misspelt(self) -> list[tuple[int, int, str]]:
        typing = self.hasFocus() and not self.hasSelectedText()
        return self.spelling.misspelt(self.text(), typing_at=self.cursorPosition() if typing else -1)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        self._misspelt = self.misspelt() if self.echoMode() == QLineEdit.EchoMode.Normal else []
        if not self._misspelt:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(UNDERLINE, 1))
        clip = self.contentsRect().marginsRemoved(self.textMargins())
        painter.setClipRect(clip)
        metrics = QFontMetricsF(self.font())
        text = self.text()
        # Where the line is laid out now (scrolled, aligned): the cursor's place tells it.
        origin = self.cursorRect().center().x() - metrics.horizontalAdvance(text[: self.cursorPosition()])
        baseline = self.cursorRect().top() + metrics.ascent() + 1.5
        for start, length, _word in self._misspelt:
            left = origin + metrics.horizontalAdvance(text[:start])
            right = origin + metrics.horizontalAdvance(text[: start + length])
            painter.drawPath(_wave(QRectF(left, baseline, right - left, 3)))
        painter.end()

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt API)
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self, point: QPoint) -> QMenu:
        menu = self.createStandardContextMenu()
        column = self.cursorPositionAt(point)
        for start, length, word in self.spelling.misspelt(self.text(), typing_at=-1):
            if start <= column <= start + length and self.spelling.service is not None:
                def replace(suggestion: str, start=start, length=length) -> None:
                    self.setSelection(start, length)
                    self.insert(suggestion)  # an edit as typing is: textEdited reports it

                add_spelling_actions(menu, self.spelling.service, word, replace)
                break
        return menu


def _wave(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    x, step, up = rect.left(), 2.0, True
    path.moveTo(x, rect.bottom())
    while x < rect.right():
        x = min(rect.right(), x + step)
        path.lineTo(x, rect.top() if up else rect.bottom())
        up = not up
    return path


