"""Suggesting mode (Edit → Suggesting, Ctrl+Alt+Shift+X): what is typed, pasted or deleted
in the body becomes a suggestion (editing.review_ops) instead of changing the text.

Typing extends one's own insertion at the cursor or starts one (over a selection: a
replacement); Backspace and Delete wrap the character or the selection in a deletion, which
grows as they are pressed again; Enter, Tab, paste and drop insert as suggestions; cut copies
and suggests the deletion; Replace in the find bar suggests its replacement. Commands that
would rewrite the text by themselves (the spelling menu's corrections) are off while it is on;
formatting (bold, italic, links, headings, quotes) and Replace all are suggested. Each suggestion is one
undoable edit; undo takes it back like any edit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel

from desktop_editor.editing.review_ops import ReviewError
from desktop_editor.ui.review.positions import from_qt, to_qt

Key = QKeySequence.StandardKey
DELETING = {
    Key.Delete: (False, True), Key.Backspace: (False, False),
    Key.DeleteEndOfWord: (True, True), Key.DeleteStartOfWord: (True, False),
}  # fmt: skip
NOT_WHILE_SUGGESTING = ()  # formatting is suggested too (ui.drafting.formatting)
WATCHED = (QEvent.Type.KeyPress, QEvent.Type.InputMethod, QEvent.Type.DragMove, QEvent.Type.Drop)
KEPT_IN_MENU = ("edit-copy", "select-all", "review-item")


class Suggesting(QObject):
    def __init__(self, commands, action):
        """commands: the review's commands (ui.review.commands), whose edits these are."""
        super().__init__(commands)
        self.commands = commands
        self.editor = commands.editor
        self.action = action
        self.label = QLabel("Suggesting")
        self.label.setToolTip("What you type and delete is recorded as suggestions (Edit → Suggesting to stop)")
        self.label.setStyleSheet("QLabel { color: #1f7a3a; font-weight: bold; }")
        self.label.hide()
        self.on = False
        action.toggled.connect(self.set_on)

    def set_on(self, on: bool) -> None:
        self.on = on  # kept here: the action may be gone before the editor's last events
        self.label.setVisible(on)
        for name in NOT_WHILE_SUGGESTING:
            getattr(self.commands.actions, name).setEnabled(not on)
        if on:
            self.editor.installEventFilter(self)
            self.editor.viewport().installEventFilter(self)
            self.editor.text_pasted = self.insert
            self.editor.suggest_replacements = self.replace_all
            self.editor.suggest_line_edits = self.line_edits
        else:
            self.editor.removeEventFilter(self)
            self.editor.viewport().removeEventFilter(self)
            self.editor.text_pasted = None
            self.editor.suggest_replacements = None
            self.editor.suggest_line_edits = None

    # What the person does -------------------------------------------------------------------

    def insert(self, text: str) -> None:
        start, end = self._selection()
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
        if text:
            self.commands._run(lambda body: self.commands.ops.typed(body, start, end, text))

    def replace_all(self, spans: list[tuple[int, int]], new: str) -> int:
        """Replace all while suggesting: each place a suggestion, all of them one edit."""
        return self._suggest([(start, end, new) for start, end in spans])

    def line_edits(self, edits: list[tuple[int, int, str]]) -> int:
        """Headings and quotes while suggesting: edits in the editor's positions, suggested."""
        body = self.commands.body()
        return self._suggest([(from_qt(body, start), from_qt(body, end), new) for start, end, new in edits])

    def _suggest(self, edits: list[tuple[int, int, str]]) -> int:
        if not edits:
            return 0
        made = {"count": 0}

        def change(body: str):
            result, made["count"] = self.commands.ops.suggested(body, edits)
            return result

        self.commands._run(change)
        return made["count"]

    def delete(self, word: bool, forward: bool) -> None:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            if word:
                move = QTextCursor.MoveOperation.NextWord if forward else QTextCursor.MoveOperation.PreviousWord
            else:
                move = QTextCursor.MoveOperation.NextCharacter if forward else QTextCursor.MoveOperation.PreviousCharacter
            cursor.movePosition(move, QTextCursor.MoveMode.KeepAnchor)
        if not cursor.hasSelection():
            return
        body = self.commands.body()
        start, end = from_qt(body, cursor.selectionStart()), from_qt(body, cursor.selectionEnd())
        if not self.commands.editable():
            return
        try:
            result = self.commands.ops.deleted(body, start, end, forward)
        except ReviewError as refusal:
            self.commands._refuse(str(refusal))
            return
        if isinstance(result, int):  # over markup: the cursor steps over it
            moved = self.editor.textCursor()
            moved.setPosition(to_qt(body, result))
            self.editor.setTextCursor(moved)
            return
        self.commands.apply(result, body)

    def cut(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            QApplication.clipboard().setText(cursor.selection().toPlainText())
            self.delete(False, False)

    def restrict(self, menu) -> None:
        """The text's menu while suggesting: what would rewrite the text unrecorded (paste,
        cut, delete, the spelling corrections) is off; copying and the review's own stay."""
        for item in menu.actions():
            if not item.isSeparator() and item.objectName() not in KEPT_IN_MENU and item.parent() is menu:
                item.setEnabled(False)

    def _selection(self) -> tuple[int, int]:
        cursor = self.editor.textCursor()
        body = self.commands.body()
        return from_qt(body, cursor.selectionStart()), from_qt(body, cursor.selectionEnd())

    # Events ----------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if not self.on or kind not in WATCHED or self.editor.isReadOnly():
            return False
        if kind == QEvent.Type.KeyPress and watched is self.editor:
            return self._key(event)
        if kind == QEvent.Type.InputMethod and watched is self.editor and event.commitString():
            self.insert(event.commitString())
            return True
        if kind in (QEvent.Type.DragMove, QEvent.Type.Drop) and event.source() is self.editor:
            event.ignore()  # a move within the text would delete its words unrecorded
            return True
        return False

    def _key(self, event) -> bool:
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and not event.modifiers() & ~Qt.KeyboardModifier.ControlModifier:
            self.delete(bool(event.modifiers()), event.key() == Qt.Key.Key_Delete)
            return True
        for key, (word, forward) in DELETING.items():
            if event.matches(key):
                self.delete(word, forward)
                return True
        if event.matches(Key.Paste):
            self.editor.paste()  # through insertFromMimeData: text_pasted
            return True
        if event.matches(Key.Cut):
            self.cut()
            return True
        if event.matches(Key.DeleteEndOfLine) or event.matches(Key.DeleteCompleteLine):
            self.commands._refuse("Select the words to delete while suggesting.")
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.insert("\n")
            return True
        text = event.text()
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        alt_gr = event.modifiers() & Qt.KeyboardModifier.AltModifier and control
        if text and (text.isprintable() or text == "\t") and (not control or alt_gr):
            self.insert(text)
            return True
        return False
