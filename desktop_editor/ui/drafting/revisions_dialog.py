"""Browse an article's revisions, see each against the current text, choose one to restore."""

from __future__ import annotations

import difflib
import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

from desktop_editor.core.model import Revision

REASONS = {
    "manual": "Saved by you",
    "timer": "Every 5 minutes",
    "before restore": "Before a restore",
    "before delete": "Before delete",
    "conflict": "Kept from a conflict",
}


def diff_html(old: str, new: str) -> str:
    """The changes from old to new, line by line, as small coloured HTML."""
    rows = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), "revision", "current", n=2, lineterm=""):
        if line.startswith(("---", "+++")):
            continue
        escaped = html.escape(line) or "&nbsp;"
        if line.startswith("+"):
            rows.append(f'<div style="background:#e6ffec">{escaped}</div>')
        elif line.startswith("-"):
            rows.append(f'<div style="background:#ffebe9">{escaped}</div>')
        elif line.startswith("@@"):
            rows.append(f'<div style="color:#6e7781">{escaped}</div>')
        else:
            rows.append(f"<div>{escaped}</div>")
    if not rows:
        return "<p>Same text as now.</p>"
    return '<div style="font-family:monospace;white-space:pre-wrap">' + "".join(rows) + "</div>"


class RevisionsDialog(QDialog):
    def __init__(self, revisions: list[Revision], current_text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Revisions")
        self.resize(900, 560)
        self._revisions = revisions
        self._current = current_text
        self.list = QListWidget()
        self.list.setAccessibleName("Revisions")
        self.diff = QTextBrowser()
        self.diff.setAccessibleName("Changes from this revision to the current text")
        for revision in revisions:
            when = revision.created.astimezone().strftime("%d %b %Y %H:%M:%S")
            reason = REASONS.get(revision.reason, revision.reason)
            label = f" — {revision.label}" if revision.label else ""
            item = QListWidgetItem(f"{when}\n{reason}{label} · {revision.word_count} words")
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore this revision", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.diff, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        if revisions:
            self.list.setCurrentRow(0)
        else:
            self.diff.setHtml("<p>No revisions yet. Press Ctrl+S to take one.</p>")

    def _show(self, row: int) -> None:
        self.restore_button.setEnabled(row >= 0)
        if row >= 0:
            self.diff.setHtml(diff_html(self._revisions[row].body, self._current))

    def chosen(self) -> Revision | None:
        row = self.list.currentRow()
        return self._revisions[row] if row >= 0 else None

    @classmethod
    def choose(cls, revisions: list[Revision], current_text: str, parent=None) -> Revision | None:
        dialog = cls(revisions, current_text, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
