"""The open article's workflow history: who moved it, when, from which state to which, and
why. Read on the open article's worker (editing.moves.list_history); it stays open beside
the text and is read again after each move made in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_editor.core.text import counted
from desktop_editor.core.workflow import CORRECTION_STATES, Transition

COLUMNS = ("When", "Who", "From", "To", "Note")


def moment_text(transition: Transition) -> str:
    return transition.at.astimezone().strftime("%-d %b %Y %H:%M %Z")


class HistoryDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Workflow history")
        self.summary = QLabel(wordWrap=True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Workflow history")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def show_history(self, headline: str, transitions: list[Transition]) -> None:
        title = headline.strip() or "Untitled"
        if transitions:
            last = transitions[-1]
            self.summary.setText(f"“{title}”: {counted(len(transitions), 'recorded move')}; the last to {last.to_state} by {last.author or 'someone'}.")
        else:
            self.summary.setText(f"“{title}” has not been moved through the workflow yet: it is where it started.")
        self.table.setRowCount(len(transitions))
        for row, move in enumerate(transitions):
            to = f"{move.to_state} (stays published)" if move.to_state in CORRECTION_STATES else move.to_state
            for column, text in enumerate((moment_text(move), move.author or "someone", move.from_state, to, move.note)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        if transitions:
            self.table.scrollToBottom()
