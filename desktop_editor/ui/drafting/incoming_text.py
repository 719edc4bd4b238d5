"""Text that arrived for the open article (a sync), fitted into the editor around the cursor.

Only the stretches that differ are replaced, each trimmed to the characters that changed,
so the cursor stays on its word and the view where it was, however the text moved around it.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit


def take_in_text(editor: QPlainTextEdit, text: str) -> None:
    """Make the editor hold text by the smallest edits (one undo step)."""
    old = editor.toPlainText()
    if old == text:
        return
    old_lines, new_lines = old.splitlines(keepends=True), text.splitlines(keepends=True)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    # The lines alike at the start and the end are left out of the comparison: the blank
    # lines between paragraphs, all alike, make it slow on a long story otherwise.
    head, limit = 0, min(len(old_lines), len(new_lines))
    while head < limit and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while tail < limit - head and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(
        lambda line: line == "\n", old_lines[head : len(old_lines) - tail], new_lines[head : len(new_lines) - tail], autojunk=False
    )  # blank lines, all alike, only extend a match: else a change at both ends costs quadratic time
    edits = []
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        if tag == "equal":
            continue
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        start, end, added = starts[i1], starts[i2], "".join(new_lines[j1:j2])
        removed = old[start:end]
        same = 0
        while same < min(len(removed), len(added)) and removed[same] == added[same]:
            same += 1
        tail = 0
        while tail < min(len(removed), len(added)) - same and removed[-1 - tail] == added[-1 - tail]:
            tail += 1
        edits.append((start + same, end - tail, added[same:len(added) - tail]))
    cursor = QTextCursor(editor.document())
    cursor.beginEditBlock()
    for start, end, added in reversed(edits):  # from the end: earlier positions stay valid
        cursor.setPosition(_qt_position(old, start))
        cursor.setPosition(_qt_position(old, end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(added)
    cursor.endEditBlock()


def _qt_position(text: str, index: int) -> int:
    """Qt counts UTF-16 code units; Python, code points."""
    return len(text[:index].encode("utf-16-le")) // 2
