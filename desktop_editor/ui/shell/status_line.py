"""The status bar's lasting parts: whether the article is saved, whether it is in step with
the desk server, and its length."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar

from desktop_editor.core.text import reading_minutes
from desktop_editor.editing.open_article import OpenArticle, SaveState
from desktop_editor.ui.common.sync_watch import sync_text

SAVE_STATE_LABELS = {
    SaveState.SAVED: "Saved",
    SaveState.MODIFIED: "Saving…",
    SaveState.SAVING: "Saving…",
    SaveState.FAILED: "Not saved",
    SaveState.CONFLICT: "Changed elsewhere",
}


class StatusLine:
    def __init__(self, window: QMainWindow, bar: QStatusBar):
        self.window = window  # its title's [*] shows unsaved changes
        self.save_label = QLabel()
        self.words_label = QLabel()
        self.sync_label = QLabel()
        self.sync_label.hide()  # until a desk server is set
        bar.addPermanentWidget(self.save_label)
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.words_label)

    def show_save_state(self, state: SaveState) -> None:
        self.window.setWindowModified(state is not SaveState.SAVED)
        self.save_label.setText(SAVE_STATE_LABELS[state])

    def show_words(self, words: int, document: OpenArticle) -> None:
        article = document.current_fields() if document.article else None
        text = f"{words:,} words · {reading_minutes(words)} min read"
        if article is not None and article.word_target:
            text += f" · {round(100 * words / article.word_target)}% of {article.word_target:,}"
        self.words_label.setText(text)

    def show_sync(self, status: dict | None, document: OpenArticle) -> None:
        """"Synced", "Offline — 3 changes waiting", "Conflict — headline" (the open article's)."""
        conflicts = document.article.conflicts if document.article is not None else ()
        text, tip = sync_text(status, conflicts)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(tip)
        self.sync_label.setAccessibleName(f"Sync: {text}" if text else "")
        self.sync_label.setVisible(bool(text))
