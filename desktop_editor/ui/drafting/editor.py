"""The Markdown editor: a QPlainTextEdit with highlighting, a readable measure and find."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetricsF, QPainter, QPalette, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop_editor.ui.common.drops import FileDropTarget, local_files, png_bytes
from desktop_editor.ui.drafting.formatting import MarkdownFormatting, selected_blocks
from desktop_editor.ui.drafting.highlighter import MarkdownHighlighter
from desktop_editor.ui.drafting.text_search import TextSearch

FIGURE_REFERENCE = re.compile(r"!\[[^\]]*\]\(\s*image:([a-z0-9-]+)\s*\)")


class MarkdownEditor(MarkdownFormatting, TextSearch, FileDropTarget, QPlainTextEdit):
    figure_activated = Signal(str)  # a handle whose reference was double-clicked
    focus_lost = Signal()
    images_dropped = Signal(list, int)  # local file paths, text position to place them at
    image_pasted = Signal(bytes, int)  # PNG bytes of a pasted picture, text position
    first_painted = Signal()  # its first frame has been drawn: a person sees the text

    def __init__(self, font_size: int = 12, measure_chars: int = 78, parent=None):
        super().__init__(parent)
        self.setObjectName("body-editor")
        self.setAccessibleName("Article body")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(False)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font_size)
        self.setFont(font)
        self._measure_chars = measure_chars
        self._base_point_size = font_size
        self.highlighter = MarkdownHighlighter(self.document())
        self.setPlaceholderText("Write your story here. Markdown works: **bold**, *italic*, > quotes, ## headings.")
        self._plain_paste = False
        self.suggest_replacements = None  # suggesting: callable(spans, new) for Replace all; how many
        self.suggest_line_edits = None  # suggesting: callable([(start, end, new)]) for headings, quotes
        self.text_pasted = None  # callable(text) that takes pasted or dropped text instead
        self._marked = None  # the block go_to_line went to, tinted until the next edit
        self._marked_revision = 0
        self._painted = False
        self.document().contentsChange.connect(lambda *_change: self._unmark_after_edit())

    def set_text(self, text: str, cursor_position: int = 0) -> None:
        """Replace the whole text (a different article) without an undo step into the old one."""
        self._marked = None
        self.blockSignals(True)
        with self.highlighter.spelling.later():  # a long article opens without waiting for it
            self.setPlainText(text)
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(cursor_position, len(text))))
        self.setTextCursor(cursor)
        self.centerCursor()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # Margins first, then the text is laid out again for the viewport they leave: the
        # other way round, lines wrapped for the old width would run past the right edge.
        self._centre_measure()
        super().resizeEvent(event)

    def set_zoom(self, factor: float) -> None:
        """Larger or smaller text, the measure kept in characters."""
        font = self.font()
        font.setPointSizeF(self._base_point_size * factor)
        self.setFont(font)
        self._centre_measure()

    def _centre_measure(self) -> None:
        """Soft wrap at a readable measure: centre a column of about measure_chars characters."""
        width = QFontMetricsF(self.font()).horizontalAdvance("n" * self._measure_chars)
        margins = self.viewportMargins()
        # The viewport's width, margins included, worked out rather than asked of viewport():
        # PySide's first wrapper for the viewport (a widget Qt made, known only as a QWidget)
        # loads every widget class to find its type, which would hold up the first frame.
        total = self.maximumViewportSize().width() + margins.left() + margins.right()
        bar = self.verticalScrollBar()
        if bar.isVisibleTo(self) and self.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOn:
            total -= bar.width()
        margin = max(12, int((total - width) / 2))
        if margin != margins.left():
            self.setViewportMargins(margin, 8, margin, 8)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt API)
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self, pos):
        """Spelling suggestions on top, the standard edits, and Paste as plain text after Paste."""
        from desktop_editor.ui.common.spelling_layer import text_menu

        menu = text_menu(self, pos, self.highlighter.spelling)
        paste = next((action for action in menu.actions() if action.objectName() == "edit-paste"), None)
        if paste is not None:
            plain = QAction("Paste as plain text\tCtrl+Shift+V", menu)
            plain.setEnabled(paste.isEnabled())
            plain.triggered.connect(self.paste_plain)
            menu.insertAction(next(iter(menu.actions()[menu.actions().index(paste) + 1:]), None), plain)
        return menu

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 (Qt API)
        cursor = self.cursorForPosition(event.position().toPoint())
        line = cursor.block().text()
        column = cursor.positionInBlock()
        for match in FIGURE_REFERENCE.finditer(line):
            if match.start() <= column <= match.end():
                self.figure_activated.emit(match.group(1))
                return
        super().mouseDoubleClickEvent(event)

    # Photos dropped or pasted ---------------------------------------------------------

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802 (Qt API)
        return source.hasImage() or local_files(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt API)
        files = local_files(source)
        if files:
            self.images_dropped.emit(files, self.textCursor().position())
        elif source.hasImage() and not source.hasText():
            self.image_pasted.emit(png_bytes(source.imageData()), self.textCursor().position())
        elif self.text_pasted is not None and source.hasText():
            self.text_pasted(source.text())  # suggesting mode: the text becomes a suggestion
        elif self._rich_paste(source):
            return
        else:
            super().insertFromMimeData(source)
            self._complete_web_address()

    def _rich_paste(self, source) -> bool:
        """HTML from a web page, Word or Google Docs pasted as clean Markdown. Not when plain
        text was asked for, nor for Qt's own rich text (copied from a field here: its text is
        the Markdown already)."""
        if self._plain_paste or not source.hasHtml() or 'name="qrichtext"' in source.html():
            return False
        from desktop_editor.core.pasted_html import markdown_from_html

        markdown = markdown_from_html(source.html())
        if not markdown:
            return False
        self.textCursor().insertText(markdown)  # one undo step
        self.ensureCursorVisible()
        return True

    def paste_plain(self) -> None:
        """Ctrl+Shift+V: the clipboard's plain text, whatever formatting it has."""
        self._plain_paste = True
        try:
            self.paste()
        finally:
            self._plain_paste = False

    def files_dropped_here(self, files: list[str], event) -> None:
        position = self.cursorForPosition(event.position().toPoint()).position()
        self.images_dropped.emit(files, position)

    def insert_figures(self, handles: list[str], position: int | None = None) -> None:
        """Place figure references as paragraphs of their own at position (else the cursor)."""
        cursor = self.textCursor()
        if position is not None:
            cursor.setPosition(min(position, len(self.toPlainText())))
        block_text = cursor.block().text()
        if block_text.strip():
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        references = "\n\n".join(f"![](image:{handle})" for handle in handles)
        if cursor.block().text().strip():
            before = "\n\n"
        else:  # a blank line: keep a blank line after the paragraph above it
            before = "\n" if cursor.block().previous().text().strip() else ""
        cursor.insertText(f"{before}{references}\n\n")
        self.setTextCursor(cursor)

    def rename_references(self, old: str, new: str) -> None:
        from desktop_editor.core.text import rename_figure_references

        self._replace_text(rename_figure_references(self.toPlainText(), old, new))

    def remove_references(self, handle: str) -> None:
        """Take every `![...](image:handle)` out of the text: a line of its own with the blank
        line after it, else the reference alone (one undo step)."""
        reference = r"!\[[^\]]*\]\(\s*image:" + re.escape(handle) + r"\s*\)"
        text = re.sub(rf"(?m)^[ \t]*{reference}[ \t]*(?:\n[ \t]*(?=\n)|\n|\Z)\n?", "", self.toPlainText())
        self._replace_text(re.sub(reference, "", text))

    def _replace_text(self, text: str) -> None:
        """The whole text replaced as one undo step, the cursor kept where it was."""
        if text != self.toPlainText():
            position = self.textCursor().position()
            cursor = self.textCursor()
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(text)
            cursor.endEditBlock()
            cursor.setPosition(min(position, len(text)))
            self.setTextCursor(cursor)

    def current_line(self) -> int:
        return self.textCursor().blockNumber()

    def go_to_line(self, line: int) -> None:
        """The cursor at the start of line (counted from 1), centred on screen."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            block = self.document().lastBlock()
        self.setTextCursor(QTextCursor(block))
        self.centerCursor()
        self._marked = block  # stays tinted until the text next changes, so it can be found again
        self._marked_revision = self.document().revision()
        self.viewport().update()

    def marked_line(self) -> int | None:
        """The line gone to (counted from 1) while it is marked, else None."""
        return self._marked.blockNumber() + 1 if self._marked is not None and self._marked.isValid() else None

    def _unmark_after_edit(self) -> None:
        # The highlighter's colouring changes the contents too, but is no edit: only an edit
        # (typing, paste, undo, a new text) moves the revision on.
        if self._marked is not None and self.document().revision() != self._marked_revision:
            self._marked = None
            self.viewport().update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._marked is not None and self._marked.isValid() and self._marked.isVisible():
            rect = self.blockBoundingGeometry(self._marked).translated(self.contentOffset()).toRect()
            tint = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            tint.setAlphaF(0.45 if self.palette().color(QPalette.ColorRole.Base).lightness() < 128 else 0.25)
            painter = QPainter(self.viewport())
            painter.fillRect(0, rect.top(), self.viewport().width(), rect.height(), tint)
            painter.end()
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def first_visible_line(self) -> int:
        return self.firstVisibleBlock().blockNumber()

    def followed_line(self) -> tuple[int, float]:
        """The line the preview should show, and where in its height (0 top .. 1 bottom):
        the cursor's paragraph at the height it has here, else the first line on screen."""
        rect = self.cursorRect()
        height = max(1, self.viewport().height())
        if self.viewport().rect().intersects(rect):
            return self.textCursor().blockNumber(), min(1.0, max(0.0, rect.center().y() / height))
        return self.first_visible_line(), 0.0

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers and self._continue_block():
            return
        if key == Qt.Key.Key_Tab and not modifiers and self._tab():
            return
        if key == Qt.Key.Key_Backtab and self._outdent():
            return
        if key == Qt.Key.Key_V and modifiers == PLAIN_PASTE_MODIFIERS:
            self.paste_plain()
            return
        super().keyPressEvent(event)
        if event.text() == ".":
            self._complete_web_address()

    def _complete_web_address(self) -> None:
        """A link's address typed or pasted as www.… gets its https://, which a page needs
        to leave the site (one undo step, as an autocorrection)."""
        cursor = self.textCursor()
        before = cursor.block().text()[:cursor.positionInBlock()]
        match = LINK_WWW.search(before)
        if match:
            edit = QTextCursor(cursor.block())
            edit.setPosition(cursor.block().position() + match.start(1))
            edit.insertText("https://")

    def _continue_block(self) -> bool:
        """Enter at the end of a list item or quote starts the next one, as word processors
        do; Enter on an empty one ends the list or quote with a blank line, so the next
        paragraph stands on its own instead of being swallowed into it."""
        cursor = self.textCursor()
        match = CONTINUED.match(cursor.block().text())
        if not match or not cursor.atBlockEnd() or cursor.hasSelection():
            return False
        if not match.group(3):
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            if cursor.block().previous().text().strip():
                cursor.insertText("\n")  # a blank line between the list and what follows
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return True
        marker = match.group(2)
        if marker[0].isdigit():
            marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
        cursor.insertText(f"\n{match.group(1)}{marker} ")
        self.setTextCursor(cursor)
        return True

    def _tab(self) -> bool:
        """Tab nests a list item and indents code; in prose, where four spaces would turn a
        paragraph into a code block, it moves on to the next field instead."""
        cursor = self.textCursor()
        text = cursor.block().text()
        if LIST_ITEM.match(text):
            cursor.beginEditBlock()
            for block in selected_blocks(cursor):
                if LIST_ITEM.match(block.text()):
                    edit = QTextCursor(block)
                    edit.insertText("    ")
            cursor.endEditBlock()
            return True
        if self._in_code(cursor.block()):
            cursor.insertText("    ")
            return True
        QWidget.focusNextPrevChild(self, True)  # QPlainTextEdit's own refuses while editable
        return True

    def _outdent(self) -> bool:
        cursor = self.textCursor()
        if not LIST_ITEM.match(cursor.block().text()):
            QWidget.focusNextPrevChild(self, False)
            return True
        cursor.beginEditBlock()
        for block in selected_blocks(cursor):
            spaces = len(block.text()) - len(block.text().lstrip(" "))
            if spaces:
                edit = QTextCursor(block)
                edit.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, min(4, spaces))
                edit.removeSelectedText()
        cursor.endEditBlock()
        return True

    def _in_code(self, block) -> bool:
        from desktop_editor.ui.drafting.highlighter import IN_FENCE

        return block.text().startswith("    ") or block.previous().userState() == IN_FENCE or (
            FENCE_LINE.match(block.text()) is not None
        )


PLAIN_PASTE_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
LINK_WWW = re.compile(r"\]\(\s*<?(www\.)[^\s()<>]*$", re.IGNORECASE)  # [text](www. before the cursor
CONTINUED = re.compile(r"^(\s*)([*+-]|\d+[.)]|>)\s+(\S?)")
LIST_ITEM = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s")
FENCE_LINE = re.compile(r"^ {0,3}(```|~~~)")
