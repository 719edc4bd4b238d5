"""Text that arrives for the open article (a sync) is fitted into the editor by the smallest
edits: the editor ends up holding exactly the text, the cursor stays on its word, and one
undo takes the arrival back."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop_editor.ui.drafting.incoming_text import take_in_text

PARAGRAPHS = [f"Paragraph {n} says what the council decided about the bridge, in words." for n in range(300)]
STORY = "\n\n".join(PARAGRAPHS)


def editor_with(qtbot, text: str, cursor_at: int) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    cursor = editor.textCursor()
    cursor.setPosition(cursor_at)
    editor.setTextCursor(cursor)
    return editor


def test_changes_at_both_ends_of_a_long_story_arrive_around_the_cursor(qtbot):
    middle = STORY.index("Paragraph 150 ")
    editor = editor_with(qtbot, STORY, middle)
    arrived = "Breaking: " + STORY.replace("Paragraph 299 says", "Paragraph 299 now says") + "\n\nA new last paragraph."
    take_in_text(editor, arrived)
    assert editor.toPlainText() == arrived
    assert editor.textCursor().position() == middle + len("Breaking: ")  # still before "Paragraph 150"
    editor.undo()
    assert editor.toPlainText() == STORY


def test_a_changed_middle_paragraph_and_repeated_lines_arrive_exactly(qtbot):
    text = "Same.\n\nSame.\n\nOdd one.\n\nSame.\n\nSame."
    editor = editor_with(qtbot, text, len(text))
    arrived = "Same.\n\nSame.\n\nOdd one, changed.\n\nSame.\n\nSame.\n\nSame."
    take_in_text(editor, arrived)
    assert editor.toPlainText() == arrived
