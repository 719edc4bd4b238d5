"""The open article's moves through the desk's workflow (core.workflow).

Part of OpenArticle (editing.open_article), kept in a file of its own. A move is not a field
edit: it goes through the save pipeline as a save of its own, made with the store's
change_status on the worker, carrying the fields and text typed so far under the article's
version, so nothing typed is lost and the version the store gives back is the one the next
save builds on (no conflict with our own move). A move the table or the article's times
refuse is said in one sentence (move_refused) and the status stays as stored.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_editor.core import workflow
from desktop_editor.core.model import Article, Status


class ArticleMoves:
    author: str = ""  # who makes the moves: the window's user name
    workflow_table: Callable[[], workflow.Workflow] = staticmethod(lambda: workflow.DEFAULT)  # the table in force

    def move_to(self, target: str, note: str = "") -> None:
        """Move the open article to target (a state, or "corrected"), checked against the table
        at once and again by the store; made as soon as the save in progress is in."""
        if self.article is None or self.read_only:
            return
        target = str(target)
        if target == str(self.article.status) and self._move is None:
            return
        if self.in_conflict:
            self._refuse_move(f"{self.conflict} Reload it or save yours as a copy first; the status was not changed.")
            return
        try:
            self.workflow_table().check(self.current_fields().replace(status=self.article.status), target)
        except workflow.WorkflowRefused as refusal:
            self._refuse_move(str(refusal))
            return
        self._move = (target, note)
        if target not in workflow.CORRECTION_STATES:
            self._fields["status"] = Status(target)
        self.fields_changed.emit(self.current_fields())
        self._edited()
        self._schedule_save(0.0)

    def _move_snapshot_wanted(self) -> tuple[str, str, str, workflow.Workflow] | None:
        """The move the next save makes, when one waits: (target, note, author, table)."""
        if self._move is None:
            return None
        target, note = self._move
        return target, note, self.author, self.workflow_table()

    def _moved(self, stored: Article, snapshot) -> None:
        """A move is in: the status as stored, and the moves it offers now."""
        if snapshot.move is not None and self._move is not None and self._move[0] == snapshot.move[0]:
            self._move = None
            self._fields["status"] = stored.status
            if self._fields.get("publish_at") == snapshot.article.publish_at:
                self._fields["publish_at"] = stored.publish_at  # publishing sets it to the moment
        self.moved.emit(stored)

    def _move_refused_by_store(self, sentence: str, snapshot) -> None:
        """The store refused the move (the table, or a time that has passed meanwhile): the
        rest of what the snapshot carried is saved on without it."""
        self._put_back(snapshot)
        self._refuse_move(sentence)
        self._schedule_save(0.0)

    def _refuse_move(self, sentence: str) -> None:
        self._move = None
        self._fields["status"] = self.article.status
        self.fields_changed.emit(self.current_fields())
        self.move_refused.emit(sentence)

    def list_history(self, then: Callable[[list[workflow.Transition]], None]) -> None:
        """then(the open article's recorded moves, oldest first), read on the worker; a store
        that fails is said by problem_changed."""
        self._read_list(lambda article_id: self.store.history(article_id), then, "The workflow history")

    @property
    def closed(self) -> bool:
        """The window has closed (shut_down): nothing more is asked of the store for it."""
        return self._shut_down

    @property
    def move_pending(self) -> bool:
        return self._move is not None
