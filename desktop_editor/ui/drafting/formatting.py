"""The Format menu's commands on the Markdown text: bold and italic, subheadings and
quotes, links. Mixed into the editor, which they act on."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCursor


class MarkdownFormatting:
    def toggle_markup(self, marker: str) -> None:
        """Ctrl+B / Ctrl+I: wrap the selection (or the word at the cursor) in marker, or
        unwrap it when it is wrapped already; with nothing to wrap, leave the cursor inside
        an empty pair."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
            if not cursor.selectedText().strip() or not cursor.selectedText()[0].isalnum():
                cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        text = self.toPlainText()
        size = len(marker)
        if self.text_pasted is not None:  # suggesting mode: the words formatted are a suggestion
            self._suggest_markup(cursor, text, start, end, marker)
            return
        cursor.beginEditBlock()
        if start >= size and text[start - size:start] == marker and text[end:end + size] == marker:
            unwrap = QTextCursor(self.document())
            unwrap.setPosition(end)
            unwrap.setPosition(end + size, QTextCursor.MoveMode.KeepAnchor)
            unwrap.removeSelectedText()
            unwrap.setPosition(start - size)
            unwrap.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
            unwrap.removeSelectedText()
            start, end = start - size, end - size
        else:
            selected = text[start:end]
            cursor.insertText(f"{marker}{selected}{marker}")
            start, end = start + size, end + size
        cursor.endEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _suggest_markup(self, cursor: QTextCursor, text: str, start: int, end: int, marker: str) -> None:
        """The selection wrapped in marker (or unwrapped), suggested in its place."""
        if start == end:
            return  # nothing to format: what is typed next is suggested as ever
        size = len(marker)
        if start >= size and text[start - size:start] == marker and text[end:end + size] == marker:
            start, end, new = start - size, end + size, text[start:end]
        else:
            new = f"{marker}{text[start:end]}{marker}"
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.text_pasted(new)

    def toggle_line_prefix(self, prefix: str) -> None:
        """Ctrl+2 / Ctrl+Shift+.: make the selected lines a subheading or a quote, or back."""
        cursor = self.textCursor()
        blocks = list(selected_blocks(cursor))
        remove = all(block.text().startswith(prefix) for block in blocks)
        if self.suggest_line_edits is not None:  # suggesting mode: each line's change suggested
            stripped = lambda text: len(text) - len(re.sub(r"^(#{1,6} |> )", "", text))  # noqa: E731
            self.suggest_line_edits([
                (b.position(), b.position() + (len(prefix) if remove else stripped(b.text())), "" if remove else prefix)
                for b in blocks
            ])  # fmt: skip
            return
        cursor.beginEditBlock()
        for block in blocks:
            edit = QTextCursor(block)
            if remove:
                edit.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len(prefix))
                edit.removeSelectedText()
            else:
                stripped = len(block.text()) - len(re.sub(r"^(#{1,6} |> )", "", block.text()))
                edit.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, stripped)
                edit.insertText(prefix)
        cursor.endEditBlock()

    def insert_link(self) -> None:
        """Ctrl+K: [selection](https://) with the address selected, ready to paste over."""
        cursor = self.textCursor()
        label = cursor.selectedText() or "link text"
        address = "https://"
        if self.text_pasted is not None:  # suggesting mode: the link suggested, its address selected
            self.text_pasted(f"[{label}]({address})")
            cursor = self.textCursor()  # after the suggestion's new words
            end = cursor.position() - 1
            cursor.setPosition(end - len(address))
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            return
        cursor.beginEditBlock()
        start = cursor.selectionStart()
        cursor.insertText(f"[{label}]({address})")
        cursor.endEditBlock()
        cursor.setPosition(start + len(label) + 3)
        cursor.setPosition(start + len(label) + 3 + len(address), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)


def selected_blocks(cursor: QTextCursor):
    document = cursor.document()
    block = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    while block.isValid():
        yield block
        if block == last:
            break
        block = block.next()
