"""The open article's revisions, and what happens when it was changed elsewhere.

Part of OpenArticle (editing.open_article), kept in a file of its own: the methods here work
on its state, its store and its prompts, through its save pipeline (flush, snapshots, load).
"""

from __future__ import annotations

from datetime import datetime

from desktop_editor.core.model import Article, Revision
from desktop_editor.editing.saving import SaveState
from desktop_editor.storage.errors import StoreError


class ArticleHistory:
    # Revisions -----------------------------------------------------------------------------

    def save_revision(self) -> Revision | None:
        """Keep a named snapshot (Ctrl+S); the person names it or accepts the suggestion."""
        if self.article is None or self.read_only:
            return None
        suggested = f"Saved {datetime.now():%d %b %H:%M}"
        label = self.prompts.revision_name(suggested)
        if label is None:
            return None
        return self.take_revision(label.strip() or suggested)

    def take_revision(self, label: str = "", reason: str = "manual") -> Revision | None:
        if self.article is None or self.read_only or not self.flush():
            return None
        revision = self.store.take_revision(self.article.id, reason, label)
        self._edited_since_revision = False
        self.revision_taken.emit(revision)
        return revision

    def _timed_revision(self) -> None:
        self._revision_timer = None
        if self.article is not None and self._edited_since_revision and self.flush(ask=False):
            self.store.take_revision_if_changed(self.article.id, "timer")
            self._edited_since_revision = False

    def revisions(self) -> list[Revision]:
        return self.store.list_revisions(self.article.id) if self.article else []

    def restore(self, revision: Revision) -> bool:
        if self.article is None or self.read_only or not self.flush():
            return False
        self._load(self.store.restore_revision(self.article, revision))
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
        try:
            self.store.keep_as_revision(mine.article, "conflict", "Your text from before the reload", figure_text=mine.figure_text)
            theirs = self.store.get_article(mine.article.id)
        except BaseException:
            self._put_back(mine)
            raise
        self._load(theirs)

    def save_as_copy(self) -> Article:
        """Store everything typed here, photos and their text included, as a new article."""
        mine = self._take_snapshot()
        try:
            copy = self.store.duplicate_article(mine.article.id)
            copy_figures = {f.handle for f in self.store.figures(copy.id)}
            stored = self.store.save_article(
                mine.article.replace(
                    id=copy.id, version=copy.version, slug="", slug_locked=False,
                    headline=f"{mine.article.headline} (copy)".strip(),
                ),
                {h: text for h, text in mine.figure_text.items() if h in copy_figures} or None,
            )  # fmt: skip
        except BaseException:
            self._put_back(mine)
            raise
        self._load(stored)
        return stored
