"""The status bar's lasting parts: whether the article is saved, and its length."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar

from desktop_editor.core.text import reading_minutes
from desktop_editor.editing.open_article import OpenArticle, SaveState

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
        bar.addPermanentWidget(self.save_label)
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
