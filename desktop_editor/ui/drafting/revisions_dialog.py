"""Browse an article's revisions, see each against the current text, choose one to restore."""

from __future__ import annotations

import difflib
import html
import re

from PySide6.QtCore import Qt
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


WORDS = re.compile(r"\s+|[^\s]+")
ADDED = "background:#d7f5dd;color:#0b4a1c;text-decoration:none"
REMOVED = "background:#fbd9d6;color:#7a1010;text-decoration:line-through"


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """The text from old to new as (kind, text) runs: "same", "added" or "removed", word
    by word (white space kept), as WordPress's revisions screen shows them."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("same", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            runs.append(("removed", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            runs.append(("added", "".join(b[j1:j2])))
    return runs


def diff_html(old: str, new: str, context_paragraphs: int = 1) -> str:
    """Readable changes from a revision (old) to the current text (new): paragraphs with
    removed words struck through in red and added words in green; unchanged paragraphs far
    from any change are folded into one line saying how many."""
    runs = word_changes(old, new)
    if all(kind == "same" for kind, _text in runs):
        return "<p>Same text as now.</p>"
    # Split the runs into paragraphs at blank lines in unchanged text.
    paragraphs: list[list[tuple[str, str]]] = [[]]
    for kind, text in runs:
        if kind != "same":
            paragraphs[-1].append((kind, text))
            continue
        pieces = re.split(r"(\n\s*\n)", text)
        for n, piece in enumerate(pieces):
            if n % 2:
                paragraphs.append([])
            elif piece:
                paragraphs[-1].append(("same", piece))
    changed = [any(kind != "same" for kind, _t in p) for p in paragraphs]
    near = [any(changed[max(0, i - context_paragraphs):i + context_paragraphs + 1]) for i in range(len(paragraphs))]
    out, folded = [], 0
    for paragraph, show in zip(paragraphs, near):
        if not show:
            folded += 1
            continue
        if folded:
            out.append(_folded(folded))
            folded = 0
        html_runs = []
        for kind, text in paragraph:
            escaped = html.escape(text).replace("\n", "<br>")
            if kind == "added":
                html_runs.append(f'<span style="{ADDED}">{escaped}</span>')
            elif kind == "removed":
                html_runs.append(f'<span style="{REMOVED}">{escaped}</span>')
            else:
                html_runs.append(escaped)
        out.append(f'<p style="margin:0 0 0.9em">{"".join(html_runs) or "&nbsp;"}</p>')
    if folded:
        out.append(_folded(folded))
    legend = (
        f'<p style="color:#6e7781"><span style="{REMOVED}">struck out</span>: in this revision, not now · '
        f'<span style="{ADDED}">marked</span>: added since</p>'
    )
    return legend + '<div style="font-size:11pt;line-height:150%">' + "".join(out) + "</div>"


def _folded(count: int) -> str:
    return f'<p style="color:#6e7781;font-style:italic">… {count} unchanged paragraph{"s" if count > 1 else ""} …</p>'


class RevisionsDialog(QDialog):
    def __init__(self, revisions: list[Revision], current_text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Revisions")
        self.resize(900, 560)
        self._revisions = revisions
        self._current = current_text
        self.list = QListWidget()
        self.list.setAccessibleName("Revisions")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
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
        # The list as wide as its longest entry needs (within reason), the comparison the rest.
        widest = max((self.list.fontMetrics().horizontalAdvance(line) for r in range(self.list.count())
                      for line in self.list.item(r).text().splitlines()), default=200)
        self.list.setMinimumWidth(min(420, widest + 40))
        row = QHBoxLayout()
        row.addWidget(self.list, 0)
        row.addWidget(self.diff, 1)
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
