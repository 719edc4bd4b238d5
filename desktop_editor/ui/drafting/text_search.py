"""Find and replace in the editor's text: the find bar's commands, as a mixin of the editor."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCursor, QTextDocument


class TextSearch:
    """Mixin, listed before the QPlainTextEdit: find (wrapping around once), replace the
    match found, and replace all as one undo step."""

    def find_text(self, text: str, case: bool, whole: bool, backward: bool = False) -> bool:
        if not text:
            return False
        flags = QTextDocument.FindFlag(0)
        if case:
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if whole:
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        if self.find(text, flags):
            return True
        # Wrap around once.
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        return self.find(text, flags)

    def replace_current(self, text: str, replacement: str, case: bool, whole: bool) -> bool:
        cursor = self.textCursor()
        selected = cursor.selectedText()
        matches = selected == text if case else selected.lower() == text.lower()
        if cursor.hasSelection() and matches and self.text_pasted is not None:
            self.text_pasted(replacement)  # suggesting: the replacement is suggested
        elif cursor.hasSelection() and matches:
            cursor.insertText(replacement)
        return self.find_text(text, case, whole)

    def matches(self, text: str, case: bool, whole: bool) -> list[tuple[int, int]]:
        """Where text is found in the body (Python indices), as Replace all would replace it."""
        return [m.span() for m in _finder(text, case, whole).finditer(self.toPlainText())] if text else []

    def replace_all(self, text: str, replacement: str, case: bool, whole: bool) -> int:
        if not text:
            return 0
        regex = _finder(text, case, whole)
        original = self.toPlainText()
        new_text, count = regex.subn(lambda _m: replacement, original)
        if count:
            cursor = self.textCursor()
            cursor.beginEditBlock()  # one undo step
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(new_text)
            cursor.endEditBlock()
        return count


def _finder(text: str, case: bool, whole: bool) -> re.Pattern:
    pattern = re.escape(text)
    return re.compile(rf"\b{pattern}\b" if whole else pattern, 0 if case else re.IGNORECASE)
