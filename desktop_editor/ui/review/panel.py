"""The review panel: the article's suggestions and comments in text order, each with its
kind, author, time, words, comment and replies, and the buttons (and context menu) that
decide, answer and resolve them. It shows and asks; ui.review.commands does the work."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_editor.core.review import ReviewItem

ID_ROLE = Qt.ItemDataRole.UserRole
KINDS = {"insertion": "Added", "deletion": "Deleted", "substitution": "Replaced", "comment": "Comment"}
BUTTONS = (
    ("A&ccept", "Keep the suggested text (Alt+C)"), ("Re&ject", "Keep the text as it was (Alt+J)"),
    ("Repl&y…", "Answer the comment (Alt+Y)"), ("Re&solve", "Mark the comment as dealt with; it stays in the history (Alt+S)"),
)  # fmt: skip
PANEL_WIDTH = 250  # beside the text at 1024 px, the preview keeps its width


def when(stamp: str) -> str:
    """An item's time as a person reads it: 7 Dec 09:14."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or ""
    return f"{moment.day} {moment:%b %H:%M}"


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(item: ReviewItem) -> str:
    """The lines an item shows in the list."""
    head = KINDS.get(item.kind, item.kind)
    if item.state == "resolved":
        head += " (resolved)"
    elif item.state == "detached":
        head += " (its words were deleted)"
    lines = [" · ".join(part for part in (head, item.author, when(item.at)) if part)]
    if item.kind == "insertion":
        lines.append(f"+ “{_short(item.new)}”")
    elif item.kind == "deletion":
        lines.append(f"− “{_short(item.old)}”")
    elif item.kind == "substitution":
        lines.append(f"“{_short(item.old, 60)}” → “{_short(item.new, 60)}”")
    else:
        lines.append(f"On “{_short(item.words, 60)}”")
        lines.append(_short(item.text, 300))
        for answer in item.replies:
            lines.append(f"↳ {answer.get('author', '')}: {_short(answer.get('text', ''), 200)}")
    return "\n".join(lines)


class ReviewPanel(QWidget):
    chosen = Signal(str)  # an item's id: show its words in the text
    accept = Signal(str)
    reject = Signal(str)
    accept_all = Signal()
    reject_all = Signal()
    reply = Signal(str)
    resolve = Signal(str, bool)  # id, reopen

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("review-panel")
        self._items: dict[str, ReviewItem] = {}
        self.summary = QLabel(wordWrap=True)
        self.list = QListWidget()
        self.list.setAccessibleName("Suggestions and comments")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.accept_button, self.reject_button, self.reply_button, self.resolve_button = (
            QPushButton(text, toolTip=tip) for text, tip in BUTTONS
        )
        self.accept_all_button = QPushButton("Accept all", toolTip="Keep every suggested text")
        self.reject_all_button = QPushButton("Reject all", toolTip="Keep the text as it was everywhere")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        for row in ((self.accept_button, self.reject_button), (self.reply_button, self.resolve_button),
                    (self.accept_all_button, self.reject_all_button)):  # fmt: skip
            line = QHBoxLayout()
            for button in row:
                line.addWidget(button)
            layout.addLayout(line)
        self.setMinimumWidth(200)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemClicked.connect(lambda row: self.chosen.emit(row.data(ID_ROLE)))
        self.list.itemActivated.connect(lambda row: self.chosen.emit(row.data(ID_ROLE)))
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.accept_button.clicked.connect(lambda: self._emit_current(self.accept))
        self.reject_button.clicked.connect(lambda: self._emit_current(self.reject))
        self.reply_button.clicked.connect(lambda: self._emit_current(self.reply))
        self.resolve_button.clicked.connect(self._resolve_current)
        self.accept_all_button.clicked.connect(self.accept_all)
        self.reject_all_button.clicked.connect(self.reject_all)
        self._update_buttons()

    def show_items(self, items: list[ReviewItem]) -> None:
        current, place = self.current_id(), max(0, self.list.currentRow())
        self._items = {item.id: item for item in items}
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            row = QListWidgetItem(describe(item))
            row.setData(ID_ROLE, item.id)
            row.setToolTip(describe(item))
            if not item.unresolved:
                row.setForeground(self.palette().placeholderText())
            self.list.addItem(row)
            if item.id == current:
                self.list.setCurrentItem(row)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(min(place, self.list.count() - 1))  # Accept again goes on to the next
        self.list.blockSignals(False)
        suggestions = sum(1 for item in items if item.suggestion)
        comments = sum(1 for item in items if not item.suggestion and item.unresolved)
        self.summary.setText(
            f"{suggestions} suggestion{'s' * (suggestions != 1)} to decide, {comments} open comment{'s' * (comments != 1)}"
            if items else "No suggestions or comments. Select words and press Ctrl+Alt+M to comment."
        )  # fmt: skip
        self._update_buttons()

    def current_id(self) -> str:
        row = self.list.currentItem()
        return row.data(ID_ROLE) if row is not None else ""

    def select(self, item_id: str) -> None:
        for index in range(self.list.count()):
            if self.list.item(index).data(ID_ROLE) == item_id:
                self.list.setCurrentRow(index)
                return

    def ids(self) -> list[str]:
        return [self.list.item(index).data(ID_ROLE) for index in range(self.list.count())]

    def _emit_current(self, signal) -> None:
        if self.current_id():
            signal.emit(self.current_id())

    def _resolve_current(self) -> None:
        item = self._items.get(self.current_id())
        if item is not None and not item.suggestion:
            self.resolve.emit(item.id, item.state == "resolved")

    def _update_buttons(self) -> None:
        item = self._items.get(self.current_id())
        suggestion = item is not None and item.suggestion
        comment = item is not None and not item.suggestion
        self.accept_button.setEnabled(suggestion)
        self.reject_button.setEnabled(suggestion)
        self.reply_button.setEnabled(comment)
        self.resolve_button.setEnabled(comment)
        self.resolve_button.setText("Reopen" if comment and item.state == "resolved" else "Re&solve")
        self.resolve_button.setToolTip(self.resolve_button.toolTip().split(" (Alt")[0] + " (Alt+S)")
        waiting = any(i.suggestion for i in self._items.values())
        self.accept_all_button.setEnabled(waiting)
        self.reject_all_button.setEnabled(waiting)

    def _context_menu(self, pos) -> None:
        row = self.list.itemAt(pos)
        if row is None:
            return
        self.list.setCurrentItem(row)
        menu = QMenu(self)
        for button in (self.accept_button, self.reject_button, self.reply_button, self.resolve_button,
                       self.accept_all_button, self.reject_all_button):  # fmt: skip
            if button.isEnabled():
                action = QAction(button.text().replace("&", ""), menu)
                action.triggered.connect(button.click)
                menu.addAction(action)
        menu.exec(self.list.viewport().mapToGlobal(pos))
