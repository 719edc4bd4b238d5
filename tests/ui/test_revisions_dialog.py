"""The revisions screen: words added and removed inline, the list never clipped."""

from __future__ import annotations

from datetime import datetime, timezone

from desktop_editor.core.model import Revision
from desktop_editor.ui.drafting.revisions_dialog import RevisionsDialog, diff_html, word_changes


def test_changes_are_words_added_and_removed():
    runs = word_changes("The council voted on Tuesday.", "The city council voted on Wednesday.")
    assert ("added", " city") in runs
    assert ("removed", "Tuesday.") in runs and ("added", "Wednesday.") in runs
    shown = diff_html("The council voted on Tuesday.", "The city council voted on Wednesday.")
    assert "@@" not in shown and "line-through" in shown and "Wednesday." in shown


def test_far_away_unchanged_paragraphs_are_folded():
    old = "\n\n".join(f"Paragraph {n}." for n in range(10))
    new = old.replace("Paragraph 9.", "Paragraph nine.")
    shown = diff_html(old, new)
    assert "Paragraph 2." not in shown and "8 unchanged paragraphs" in shown
    assert "Paragraph 8." in shown  # the context around the change
    assert diff_html(old, old) == "<p>Same text as now.</p>"


def test_the_list_shows_every_entry_whole(qtbot):
    created = datetime(2026, 11, 29, 13, 30, tzinfo=timezone.utc)
    revision = Revision(id=1, article_id=1, created=created, reason="before restore", label="Before the rewrite", headline="Exercise", standfirst="",
                        body="Old text.", word_count=2)
    dialog = RevisionsDialog([revision], "New text.")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    item = dialog.list.item(0)
    needed = max(dialog.list.fontMetrics().horizontalAdvance(line) for line in item.text().splitlines())
    assert dialog.list.viewport().width() >= needed
    assert "line-through" in dialog.diff.toHtml() or "Old" in dialog.diff.toPlainText()
