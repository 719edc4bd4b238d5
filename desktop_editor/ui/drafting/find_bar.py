"""Find and replace, as a bar under the editor (Ctrl+F, Ctrl+H)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from desktop_editor.ui.drafting.editor import MarkdownEditor


class FindBar(QWidget):
    """Two short rows (find; replace, shown for Ctrl+H) whose boxes take the spare width
    and whose minimum fits the writing column, so opening it never widens the window."""

    closed = Signal()

    def __init__(self, editor: MarkdownEditor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.find_edit = QLineEdit(placeholderText="Find")
        self.find_edit.setAccessibleName("Find")
        self.replace_edit = QLineEdit(placeholderText="Replace with")
        self.replace_edit.setAccessibleName("Replace with")
        for edit in (self.find_edit, self.replace_edit):
            edit.setMinimumWidth(140)
            edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.case_box = _toggle("Aa", "Match case")
        self.whole_box = _toggle("W", "Whole words")
        self.status = QLabel()
        self.status.setFixedWidth(self.status.fontMetrics().horizontalAdvance("Replaced 9999") + 4)
        previous = _button("↑", "Previous match (Shift+F3)")
        following = _button("↓", "Next match (F3, Enter)")
        self.replace_button = QPushButton("Replace")
        self.replace_all_button = QPushButton("Replace all")
        close = _button("✕", "Close (Esc)")
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 2, 6, 2)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.find_edit, 0, 0)
        row = QHBoxLayout()
        row.setSpacing(2)
        for widget in (previous, following, self.case_box, self.whole_box, self.status, close):
            row.addWidget(widget)
        grid.addLayout(row, 0, 1)
        grid.addWidget(self.replace_edit, 1, 0)
        replace_row = QHBoxLayout()
        replace_row.addWidget(self.replace_button)
        replace_row.addWidget(self.replace_all_button)
        replace_row.addStretch()
        grid.addLayout(replace_row, 1, 1)
        grid.setColumnStretch(0, 1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_one)
        following.clicked.connect(self.find_next)
        previous.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close_bar)
        self.hide()

    def _show_replace(self, on: bool) -> None:
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(on)

    def open(self, replace: bool = False) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self._show_replace(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()
        self.closed.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def _options(self) -> tuple[str, bool, bool]:
        return self.find_edit.text(), self.case_box.isChecked(), self.whole_box.isChecked()

    def find_next(self) -> bool:
        text, case, whole = self._options()
        found = self.editor.find_text(text, case, whole)
        self.status.setText("" if found or not text else "Not found")
        return found

    def find_previous(self) -> bool:
        text, case, whole = self._options()
        found = self.editor.find_text(text, case, whole, backward=True)
        self.status.setText("" if found or not text else "Not found")
        return found

    def replace_one(self) -> None:
        if self.editor.isReadOnly():
            return
        text, case, whole = self._options()
        self.editor.replace_current(text, self.replace_edit.text(), case, whole)

    def replace_all(self) -> int:
        if self.editor.isReadOnly():
            self.status.setText("Read-only")
            return 0
        text, case, whole = self._options()
        if self.editor.suggest_replacements is not None:  # suggesting: each one a suggestion
            count = self.editor.suggest_replacements(self.editor.matches(text, case, whole), self.replace_edit.text())
            self.status.setText(f"Suggested {count}" if count else "Not found")
            return count
        count = self.editor.replace_all(text, self.replace_edit.text(), case, whole)
        self.status.setText(f"Replaced {count}" if count else "Not found")
        return count


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton(text=text, autoRaise=True, toolTip=tip)
    button.setAccessibleName(tip.split(" (")[0])
    return button


def _toggle(text: str, name: str) -> QToolButton:
    """An option as a small checkable button: its name in the tooltip and for screen readers."""
    button = _button(text, name)
    button.setCheckable(True)
    button.setAutoRaise(False)
    return button
