"""The open article's corrections, for the preview's page: read from the store off the UI
thread when an article opens and whenever its count of corrections moves (a correction made
in the window, or arriving from another desk), so the live preview ends with the same dated
notes as the exported page."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_editor.core.model import Article
from desktop_editor.editing.open_article import OpenArticle
from desktop_editor.ui.common.workers import in_background


class PreviewCorrections(QObject):
    changed = Signal()  # notes differ from those shown: the page is made again with them

    def __init__(self, document: OpenArticle, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.notes: tuple = ()  # core.corrections.Correction, oldest first
        self._read_for: tuple[int | None, int] = (None, 0)  # (article id, correction count) read or asked for
        document.article_loaded.connect(self._follow)
        document.saved.connect(self._follow)

    def _follow(self, article: Article) -> None:
        wanted = (article.id, article.correction_count)
        if wanted == self._read_for:
            return
        self._read_for = wanted
        if not article.correction_count:
            self._take(wanted, ())
            return
        store = self.document.store

        def read() -> tuple:
            from desktop_editor.workflows import corrections_of

            return corrections_of(store, article)

        in_background(read, lambda notes: self._take(wanted, notes), lambda _error: None)  # unread: the export still has them

    def _take(self, read_for: tuple, notes: tuple) -> None:
        if read_for != self._read_for or tuple(notes) == self.notes:
            return  # another article (or count) since, or nothing new to show
        self.notes = tuple(notes)
        self.changed.emit()
