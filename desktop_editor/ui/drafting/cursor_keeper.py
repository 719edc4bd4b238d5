"""Where the cursor was in each article, kept in the settings: with every save, before
another article is shown, and within a second of moving without typing (Home, a click), so
that after a crash the article reopens with the cursor where it was."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from desktop_editor.editing.open_article import OpenArticle
from desktop_editor.ui.common.settings import AppSettings
from desktop_editor.ui.drafting.editor import MarkdownEditor

KEEP_AFTER_MS = 1000


class CursorKeeper(QObject):
    def __init__(self, document: OpenArticle, editor: MarkdownEditor, settings: AppSettings, parent: QObject):
        super().__init__(parent)
        self.document = document
        self.editor = editor
        self.settings = settings
        self.stopped = False
        self._timer = QTimer(self, singleShot=True, interval=KEEP_AFTER_MS)
        self._timer.timeout.connect(self._keep)
        editor.cursorPositionChanged.connect(self._timer.start)
        document.saved.connect(lambda _article: self._keep())

    def remember(self) -> None:
        """Note the cursor's place (written with the settings' next sync)."""
        if self.document.article is not None:
            self.settings.set_cursor_position(self.document.article.id, self.editor.textCursor().position())

    def _keep(self) -> None:
        if not self.stopped:
            self.remember()
            self.settings.sync_in_background()
