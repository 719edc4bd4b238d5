"""The open article's revisions, and what happens when it was changed elsewhere.

Part of OpenArticle (editing.open_article), kept in a file of its own: the methods here work
on its state, its store and its prompts, through its save pipeline (flush, snapshots, load).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from desktop_editor.core.model import Article, Revision
from desktop_editor.editing.saving import SaveState
from desktop_editor.storage.errors import StoreError


class ArticleHistory:
    # Revisions -----------------------------------------------------------------------------

    def save_revision(self) -> bool:
        """Keep a named snapshot (Ctrl+S); the person names it or accepts the suggestion.
        False when nothing is kept (cancelled, nothing open, not saved)."""
        if self.article is None or self.read_only:
            return False
        suggested = f"Saved {datetime.now():%d %b %H:%M}"
        label = self.prompts.revision_name(suggested)
        if label is None:
            return False
        return self.take_revision(label.strip() or suggested)

    def take_revision(self, label: str = "", reason: str = "manual") -> bool:
        """Store everything typed, then keep it as a revision on the worker; revision_taken
        (or problem_changed, should the store fail) tells when it is kept."""
        if self.article is None or self.read_only or not self.flush():
            return False
        article_id = self.article.id

        def taken(job) -> None:
            if job.error is not None:
                self._set_problem(f"The revision was not kept ({job.error}); your text is saved.")
                return
            self._edited_since_revision = False
            self.revision_taken.emit(job.result)

        self.worker.submit(lambda: self.store.take_revision(article_id, reason, label), taken)
        return True

    def _timed_revision(self) -> None:
        self._revision_timer = None
        if self.article is not None and self._edited_since_revision and self.flush(ask=False):
            article_id = self.article.id
            self._edited_since_revision = False
            self.worker.submit(lambda: self.store.take_revision_if_changed(article_id, "timer"), lambda _job: None)

    def list_revisions(self, then: Callable[[list[Revision]], None]) -> None:
        """then(the open article's revisions, newest first), read on the worker; a store that
        fails is said by problem_changed."""
        self._read_list(lambda article_id: self.store.list_revisions(article_id), then, "The revisions")

    def _read_list(self, read: Callable[[int], list], then: Callable[[list], None], what: str) -> None:
        """then(read(the open article's id)), read on the worker; [] with no article open; a
        failure is said by problem_changed ("what could not be read") and then() not called."""
        if self.article is None:
            then([])
            return
        article_id = self.article.id

        def listed(job) -> None:
            if job.error is not None:
                self._set_problem(f"{what} could not be read ({job.error}).")
            elif self.article is not None and self.article.id == article_id:
                then(job.result)

        self.worker.submit(lambda: read(article_id), listed)

    def restore(self, revision: Revision) -> bool:
        """Put revision's text back (the text before it kept as a revision), shown when the
        store has made it."""
        if self.article is None or self.read_only or not self.flush():
            return False
        article = self.article

        def restore_and_read(store):
            restored = store.restore_revision(article, revision)
            return restored, store.figures(restored.id)

        self._read_and_show(restore_and_read)
        return True

    # Conflicts -----------------------------------------------------------------------------

    def _conflict_found(self, sentence: str) -> None:
        """A save was refused: the article changed elsewhere. Nothing more is saved until the
        person decides (resolve_conflict); typing goes on meanwhile, and is kept either way.
        Said by conflict_changed, not asked: the person may be typing."""
        self._cancel(self._save_timer)
        self._set_state(SaveState.CONFLICT)
        self.conflict = sentence
        self.conflict_changed.emit(sentence)

    def resolve_conflict(self, choice: str) -> None:
        """"reload": take theirs, keeping everything typed here as a revision; "copy" (or
        anything else: nothing is lost): keep mine as a new article."""
        if not self.in_conflict:
            return
        changes, self._photo_changes = self._photo_changes, []
        try:
            if choice == "reload":
                self.reload_keeping_mine_as_revision()
            else:
                self.save_as_copy()
        except StoreError as error:  # the store is down: still undecided, nothing lost
            self._photo_changes = changes
            self._set_problem(f"{error} Nothing was reloaded or copied; choose again once the store is back.")
            return
        if changes and choice == "reload":
            self.photo_refused.emit("The photo changes made since the article changed elsewhere were not kept; make them again if they still apply.")
        elif changes:  # the copy has the same photos: they are made there
            self._photo_changes = changes
            self._schedule_save(0.0)

    def _ask_about_conflict(self) -> None:
        """On the way out the person asked for (switching, closing, exporting): the question,
        answered now."""
        if self.in_conflict:
            self.resolve_conflict(self.prompts.resolve_conflict(self.conflict))

    def reload_keeping_mine_as_revision(self) -> None:
        """Take the stored article; keep everything typed here as one of its revisions."""
        mine = self._take_snapshot()

        def keep_mine_and_read_theirs():
            self.store.keep_as_revision(mine.article, "conflict", "Your text from before the reload", figure_text=mine.figure_text)
            theirs = self.store.get_article(mine.article.id)
            return theirs, self.store.figures(theirs.id)

        try:
            theirs, figures = self._store_now(keep_mine_and_read_theirs)
        except BaseException:
            self._put_back(mine)
            raise
        self._load(theirs, figures)

    def save_as_copy(self) -> Article:
        """Store everything typed here, photos and their text included, as a new article."""
        mine = self._take_snapshot()

        def store_copy():
            copy = self.store.duplicate_article(mine.article.id)
            copy_figures = {f.handle for f in self.store.figures(copy.id)}
            stored = self.store.save_article(
                mine.article.replace(
                    id=copy.id, version=copy.version, slug="", slug_locked=False,
                    headline=f"{mine.article.headline} (copy)".strip(),
                ),
                {h: text for h, text in mine.figure_text.items() if h in copy_figures} or None,
            )  # fmt: skip
            return stored, self.store.figures(stored.id)

        try:
            stored, figures = self._store_now(store_copy)
        except BaseException:
            self._put_back(mine)
            raise
        self._load(stored, figures)
        return stored
