"""Which article is open: opening another, a new one, the first one, reading it again, and
moving it to the trash.

Part of OpenArticle (editing.open_article), kept in a file of its own: the article is read on
the open article's worker, after the saves before it, and shown when it arrives; whatever
was typed meanwhile into the article still shown is stored first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from desktop_editor.core.model import Article, Figure
from desktop_editor.editing.ports import ArticleStore, Job
from desktop_editor.storage.errors import NotFound, StoreError


class ArticleOpening:
    def open(self, article_id: int, then: Callable[[Article], None] | None = None) -> bool:
        """Open another article, read on the worker and shown when it arrives (then(article)
        after that); False (nothing changes) when this one could not be saved."""
        if self.article is not None and self.article.id == article_id:
            self._opening = None  # a choice made meanwhile is overtaken by this one
            if then is not None:
                then(self.article)
            return True  # already open: reloading would put the stored text over the typing
        if not self.flush():
            return False
        self._read_and_show(lambda store: _with_figures(store, store.get_article(article_id)), then)
        return True

    def open_new(self, then: Callable[[Article], None] | None = None) -> bool:
        """Open a new, empty draft (made on the worker); False when this one could not be saved."""
        if not self.flush():
            return False
        self._read_and_show(lambda store: (store.create_article(Article()), []), then)
        return True

    def open_first(self, wanted: int | None, wait: bool = False) -> bool:
        """Open wanted, unless it is gone or in the trash; else the most recent article; on an
        empty store a new draft. wait: shown before this returns (a window not yet shown has
        nothing to show meanwhile; a StoreError is raised)."""
        if not self.flush():
            return False
        if wait:
            self._opening = None
            self._load(*self._store_now(lambda: _first_article(self.store, wanted)))
        else:
            self._read_and_show(lambda store: _first_article(store, wanted))
        return True

    def _read_and_show(self, read: Callable, then: Callable[[Article], None] | None = None) -> None:
        """read(store) -> (article, figures) on the worker, after the saves before it; shown
        when it arrives, unless another article was chosen meanwhile. Whatever was typed into
        the article still shown while it was read is stored first."""
        ticket = self._opening = object()

        def arrived(job: Job) -> None:
            if self._opening is not ticket or self._shut_down:
                return  # overtaken by a later choice, or the window has closed
            self._opening = None
            if job.error is not None:
                self.not_opened.emit(_not_opened_sentence(job.error))
            elif self.flush():
                self._load(*job.result)
                if then is not None:
                    then(self.article)

        self.worker.submit(lambda: read(self.store), arrived)

    def reload(self) -> bool:
        """Read the open article again from the store (after it left the trash, say), shown
        when it arrives; False, with nothing changed, while it has edits not yet stored."""
        if self.article is None or self.is_modified():
            return False
        article_id = self.article.id
        self._read_and_show(lambda store: _with_figures(store, store.get_article(article_id)))
        return True

    def store_opened(self) -> None:
        self.reload_figures()
        self.save_soon()  # whatever was typed while the store was opening

    def move_to_trash(self, then: Callable[[Article], None] | None = None) -> bool:
        """Trash the open article (saved first) and open the most recent other one (then(it))."""
        if self.article is None or self.read_only or not self.flush():
            return False
        article_id = self.article.id
        # Shown until the next article arrives, and no longer edited: nothing typed is kept.
        self.article = self.article.replace(deleted=datetime.now(UTC))

        def trash_and_read(store):
            store.move_to_trash(article_id)
            return _first_article(store, None)

        self._read_and_show(trash_and_read, then)
        return True



def _with_figures(store: ArticleStore, article: Article) -> tuple[Article, list[Figure]]:
    return article, store.figures(article.id)


def _first_article(store: ArticleStore, wanted: int | None) -> tuple[Article, list[Figure]]:
    """wanted with its photos, unless it is gone or in the trash; else the most recent
    article; on an empty store a new draft. On the worker."""
    if wanted is not None:
        try:
            article = store.get_article(wanted)
        except NotFound:
            article = None
        if article is not None and article.deleted is None:
            return _with_figures(store, article)
    recent = next(iter(store.list_articles()), None)
    if recent is not None:
        return _with_figures(store, store.get_article(recent.id))
    return store.create_article(Article()), []


def _not_opened_sentence(error: BaseException) -> str:
    if isinstance(error, NotFound):
        return "That article is no longer in the store (deleted elsewhere); the library shows what is there now."
    if isinstance(error, StoreError):
        return f"The article could not be opened: {error}"
    return f"The article could not be opened ({error})."
