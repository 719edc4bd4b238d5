"""What the library panel asks of the store: lists, search and the trash."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal



class LibraryController(QObject):
    listed = Signal(list)  # list[ArticleSummary]

    def __init__(self, store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.query = ""
        self.trash = False

    def refresh(self, query: str | None = None, trash: bool | None = None) -> None:
        if query is not None:
            self.query = query
        if trash is not None:
            self.trash = trash
        if not self.store.ready:
            return  # the window refreshes the list once the store has opened
        if self.query and not self.trash:
            summaries = self.store.search(self.query)
        else:
            summaries = self.store.list_articles(trash=self.trash)
            if self.query:
                words = self.query.lower().split()
                summaries = [s for s in summaries if all(w in s.headline.lower() for w in words)]
        self.listed.emit(summaries)

    def duplicate(self, article_id: int) -> int:
        copy = self.store.duplicate_article(article_id)
        self.refresh()
        return copy.id

    def delete(self, article_id: int) -> None:
        self.store.move_to_trash(article_id)
        self.refresh()

    def restore(self, article_id: int) -> None:
        self.store.restore_from_trash(article_id)
        self.refresh()

    def empty_trash(self) -> int:
        removed = self.store.empty_trash()
        self.refresh()
        return removed

    def most_recent_id(self) -> int | None:
        summaries = self.store.list_articles()
        return summaries[0].id if summaries else None
