"""The open article's photos: their text as typed, and changes to their list.

Part of OpenArticle (editing.open_article), kept in a file of its own: the methods here work
on its state and go through its save pipeline, so a caption typed or a photo renamed is
saved like any other edit, under the article's version.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_editor.core.model import Figure, PhotoChange
from desktop_editor.editing.saving import PHOTO_CHANGE_TRIES


class ArticlePhotos:
    def change_photos(self, change: PhotoChange) -> None:
        """Rename, reorder, remove or replace a photo: made with everything not yet saved, in
        one transaction under the article's version, on the worker, as soon as the save in
        progress is in. figures_changed (and photo_renamed) follow; a change the store
        refuses is said by photo_refused; one that fails with the store is tried again."""
        if self.article is None or self.read_only:
            return
        if self.in_conflict:
            self.photo_refused.emit(f"{self.conflict} Reload it or save yours as a copy first; the photos were not changed.")
            return
        self._photo_changes.append(change)
        self._edited()
        self._schedule_save(0.0)

    @property
    def unsaved_photo_text(self) -> dict:
        """{handle: {field: value}} typed and not yet stored (for a recovery copy)."""
        return {handle: dict(text) for handle, text in self._pending_figures.items()}

    @property
    def unmade_photo_changes(self) -> tuple[PhotoChange, ...]:
        return tuple(self._photo_changes)

    def reload_figures(self, then: Callable[[], None] | None = None) -> None:
        """Read the photos back from the store on the worker, keeping the text typed and not
        yet saved; figures_changed when they are in, and then() after that (also when the
        store failed, the next save saying so, or another article is open by then)."""
        article_id = self.article.id if self.article is not None else None

        def read(job) -> None:
            if job.error is None and self.article is not None and self.article.id == article_id:
                self.figures = [self._with_pending(f) for f in job.result]
                self.figures_changed.emit(self.figures)
            if then is not None:
                then()

        if article_id is None:
            if then is not None:
                then()
            return
        self.worker.submit(lambda: self.store.figures(article_id), read)

    def edit_figure(self, handle: str, name: str, value: str) -> None:
        """A keystroke in a photo's caption, credit, alt text...: shown at once, saved with
        the article (same schedule, same version check)."""
        figure = self.figure(handle)
        if figure is None or self.read_only or getattr(figure, name) == value:
            return
        self._figure_was.setdefault((handle, name), getattr(figure, name))  # as stored: see incoming.py
        self._pending_figures.setdefault(handle, {})[name] = value
        edited = figure.replace(**{name: value})
        self.figures = [edited if f.handle == handle else f for f in self.figures]
        self.figure_edited.emit(edited)
        self._edited()

    def figure(self, handle: str) -> Figure | None:
        return next((f for f in self.figures if f.handle == handle), None)

    def _with_pending(self, figure: Figure) -> Figure:
        return figure.replace(**self._pending_figures[figure.handle]) if figure.handle in self._pending_figures else figure

    def _retry_photo_change(self, change: PhotoChange, error: BaseException) -> bool:
        """Whether to try a failed photo change again: a few times (the store may be back in
        a moment); after that it is dropped and said, so that it cannot hold up the text."""
        tries = self._photo_change_tries.get(change, 0) + 1
        self._photo_change_tries[change] = tries
        if tries < PHOTO_CHANGE_TRIES:
            return True
        self.photo_refused.emit(f"A change to the photos could not be made ({error}); make it again.")
        return False
