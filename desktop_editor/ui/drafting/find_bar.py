"""Find and replace, as a bar under the editor (Ctrl+F, Ctrl+H)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QWidget

from desktop_editor.ui.drafting.editor import MarkdownEditor


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, editor: MarkdownEditor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.find_edit = QLineEdit(placeholderText="Find")
        self.find_edit.setAccessibleName("Find")
        self.replace_edit = QLineEdit(placeholderText="Replace with")
        self.replace_edit.setAccessibleName("Replace with")
        self.case_box = QCheckBox("Match case")
        self.whole_box = QCheckBox("Whole words")
        self.status = QLabel()
        previous = QPushButton("Previous")
        following = QPushButton("Next")
        replace = QPushButton("Replace")
        replace_all = QPushButton("Replace all")
        close = QToolButton(text="✕", autoRaise=True, toolTip="Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        for widget in (self.find_edit, previous, following, self.replace_edit, replace, replace_all,
                       self.case_box, self.whole_box, self.status):
            layout.addWidget(widget)
        layout.addStretch()
        layout.addWidget(close)
        self.find_edit.returnPressed.connect(self.find_next)
        following.clicked.connect(self.find_next)
        previous.clicked.connect(self.find_previous)
        replace.clicked.connect(self.replace_one)
        replace_all.clicked.connect(self.replace_all)
        close.clicked.connect(self.close_bar)
        self.hide()

    def open(self, replace: bool = False) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        (self.replace_edit if replace and self.find_edit.text() else self.find_edit).setFocus()
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
        text, case, whole = self._options()
        self.editor.replace_current(text, self.replace_edit.text(), case, whole)

    def replace_all(self) -> int:
        text, case, whole = self._options()
        count = self.editor.replace_all(text, self.replace_edit.text(), case, whole)
        self.status.setText(f"Replaced {count}" if count else "Not found")
        return count
