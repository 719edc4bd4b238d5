"""The one owner of the open article: its fields, body, photos' text, version and save state.

Everything a person edits in the window (text, headline, caption...) is reported here, and
this decides when it is written: shortly after typing pauses, and never later than
AUTOSAVE_MAX_WAIT after the first unsaved edit however steadily someone types, in one
transaction with the article's version check. Saves run on a worker so the UI thread only
takes the snapshot; flush() saves on the calling thread and is what every way out uses
(switch, close, quit, a signal, logout). No Qt here: see ports.py for what it is given.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_editor.core.model import Article, Figure, PhotoChange
from desktop_editor.core.text import slugify
from desktop_editor.editing.events import Event
from desktop_editor.editing.history import ArticleHistory
from desktop_editor.editing.incoming import ArticleIncoming
from desktop_editor.editing.moves import ArticleMoves
from desktop_editor.editing.opening import ArticleOpening
from desktop_editor.editing.photos import ArticlePhotos
from desktop_editor.editing.ports import ArticleStore, Job, Prompts, Scheduler, Timer, Worker
from desktop_editor.editing.saving import (
    AUTOSAVE_MAX_WAIT,
    AUTOSAVE_QUIET,
    FORM_FIELDS,
    RETRY_AFTER,
    REVISION_INTERVAL,
    SaveState,
    Snapshot,
    lead_after,
    write,
)
from desktop_editor.storage.errors import ConflictError, NotFound, Refused, StoreError

__all__ = ["AUTOSAVE_MAX_WAIT", "RETRY_AFTER", "OpenArticle", "SaveState"]

class OpenArticle(ArticleOpening, ArticleHistory, ArticlePhotos, ArticleIncoming, ArticleMoves):
    def __init__(self, store: ArticleStore, scheduler: Scheduler, worker: Worker, prompts: Prompts):
        self.store = store
        self.scheduler = scheduler
        self.worker = worker
        self.prompts = prompts
        self.article: Article | None = None  # as last loaded or stored
        self.figures: list[Figure] = []  # as shown: stored text with unsaved edits applied
        self._fields: dict = {}
        self._body_source: Callable[[], str] = lambda: self.article.body if self.article else ""
        self._body_dirty = False
        self._pending_figures: dict[str, dict[str, str]] = {}
        self._figure_was: dict[tuple[str, str], str] = {}  # (handle, field) -> as stored, for merges
        self._dirty_since: float | None = None  # the first edit not yet in any save
        self._save_timer: Timer | None = None
        self._revision_timer: Timer | None = None
        self._edited_since_revision = False
        self._in_flight: tuple[Job, Snapshot] | None = None
        self._photo_changes: list[PhotoChange] = []  # asked for, made one per save, in order
        self._move: tuple[str, str] | None = None  # a workflow move asked for (moves.py): target, note
        self._photo_change_tries: dict[PhotoChange, int] = {}  # failed attempts, by change
        self._unconfirmed: tuple = ()  # saves that failed with no answer: see Snapshot
        self._state = SaveState.SAVED
        self.problem: str | None = None  # why the last save failed, until one succeeds
        self.conflict: str | None = None  # why saving waits for the person to decide (history.py)
        self._shut_down = False  # the window has closed: nothing more is scheduled
        self._opening: object | None = None  # the article being read to be shown next
        self._taking_in = False  # the editor is being given text that arrived (incoming.py)
        self._merging = False  # a refused save's article is being read to merge with (incoming.py)
        # What the window shows; each is emitted on the UI thread.
        self.article_loaded = Event()  # Article: another article (or a reload) is open
        self.fields_changed = Event()  # Article: the fields as they are now
        self.figures_changed = Event()  # list[Figure]: added, removed, reordered, reloaded
        self.figure_edited = Event()  # Figure whose text changed
        self.saved = Event()  # Article as stored
        self.state_changed = Event()  # SaveState
        # str: why saving failed (said where it takes no focus: typing goes on); None: cleared
        self.problem_changed = Event()
        self.conflict_changed = Event()  # str: changed elsewhere, resolve_conflict() awaited; None: settled
        self.revision_taken = Event()  # Revision
        self.photo_renamed = Event()  # old handle, new handle: the text's references follow
        self.photo_refused = Event()  # str: a photo change the store would not make, and why
        self.not_opened = Event()  # str: the article asked for could not be read, and why
        self.body_arrived = Event()  # str: the open article's text as it now is, changed elsewhere
        self.moved = Event()  # Article: a workflow move is in (moves.py)
        self.move_refused = Event()  # str: a move the workflow would not make, and why

    # Opening -------------------------------------------------------------------------------

    def set_body_source(self, source: Callable[[], str]) -> None:
        """Where the current body comes from (the editor); read only when saving."""
        self._body_source = source

    def show_snapshot(self, article: Article, figures: list[Figure] | None = None) -> None:
        """An article read before the store has opened, with its photos when they were read
        with it; the store's own follow in store_opened()."""
        self._load(article, figures=list(figures or []))

    @property
    def read_only(self) -> bool:
        """True while the open article is in the trash: it is shown, and nothing done to it is
        kept (restoring it, then reload(), makes it editable)."""
        return self.article is not None and self.article.deleted is not None

    def _load(self, article: Article, figures: list[Figure]) -> None:
        self._cancel(self._save_timer)
        self.article = article
        self._fields = {name: getattr(article, name) for name in FORM_FIELDS}
        self._body_dirty = self._merging = False
        self._pending_figures, self._figure_was = {}, {}
        self._photo_changes = []
        self._move = None
        self._unconfirmed = ()
        self._dirty_since = None
        self._edited_since_revision = False
        self._set_problem(None)
        if self.conflict is not None:
            self.conflict = None
            self.conflict_changed.emit(None)
        self.figures = figures
        self._state = SaveState.SAVED
        self.state_changed.emit(self._state)  # also when it was already: a new article shows it
        self.article_loaded.emit(article)
        self.figures_changed.emit(self.figures)

    # Editing -------------------------------------------------------------------------------

    def body_edited(self) -> None:
        if self.read_only or self._taking_in:
            return  # in the trash: shown, never changed; or the text that arrived
        self._body_dirty = True
        self._edited()

    def set_fields(self, **changes) -> None:
        if self.article is None or self.read_only:
            return
        if "status" in changes:  # a move through the workflow, not a field edit (moves.py)
            self.move_to(changes.pop("status"), changes.pop("note", ""))
            if not changes:
                return
        if "headline" in changes and not changes.get("slug_locked", self._fields["slug_locked"]):
            changes.setdefault("slug", slugify(changes["headline"]))
        if changes.get("slug_locked") is False and "slug" not in changes:
            changes["slug"] = slugify(changes.get("headline", self._fields["headline"]))
        self._fields.update(changes)
        self.fields_changed.emit(self.current_fields())
        self._edited()

    def current_fields(self) -> Article:
        """The article's fields as they are now, body as last saved (cheap)."""
        return self.article.replace(**self._fields)

    def _edited(self) -> None:
        now = self.scheduler.now()
        if self._dirty_since is None:
            self._dirty_since = now
        self._edited_since_revision = True
        if self._revision_timer is None and not self._shut_down:
            self._revision_timer = self.scheduler.call_later(REVISION_INTERVAL, self._timed_revision)
        if self._state not in (SaveState.FAILED, SaveState.CONFLICT):
            self._set_state(SaveState.MODIFIED)
        self._schedule_save()

    def _schedule_save(self, delay: float | None = None) -> None:
        if self._shut_down:
            return  # a late report (a save's, an edit's) after the window closed
        if delay is None:
            now = self.scheduler.now()
            first = now if self._dirty_since is None else self._dirty_since
            due = min(now + AUTOSAVE_QUIET, first + AUTOSAVE_MAX_WAIT)
            delay = max(0.0, due - now)
        self._cancel(self._save_timer)
        self._save_timer = self.scheduler.call_later(delay, self.save_soon)

    # State ---------------------------------------------------------------------------------

    @property
    def state(self) -> SaveState:
        return self._state

    @property
    def in_conflict(self) -> bool:
        return self._state is SaveState.CONFLICT

    def is_modified(self) -> bool:
        """True while anything typed is not yet confirmed stored."""
        if self.article is None:
            return False
        return (
            self._body_dirty
            or bool(self._pending_figures)
            or bool(self._photo_changes)
            or self._in_flight is not None or self._move is not None
            or any(getattr(self.article, k) != v for k, v in self._fields.items())
        )

    def _set_state(self, state: SaveState) -> None:
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state)

    # Saving --------------------------------------------------------------------------------

    def _take_snapshot(self, change: PhotoChange | None = None, move=None) -> Snapshot:
        """What the next save writes (a move's save leaves the photos' text to the next one);
        the status is always the stored one: it moves only by a move (moves.py)."""
        body = self._body_source() if self._body_dirty else self.article.body
        fields = {**self._fields, "status": self.article.status, "lead_image": lead_after(change, self._fields["lead_image"])}
        figure_text = {} if move else self._pending_figures
        snapshot = Snapshot(self.article.replace(body=body, **fields), figure_text, change, self._unconfirmed, move)
        self._body_dirty = False
        if not move:
            self._pending_figures = {}
            self._dirty_since = None
        return snapshot

    def _next_snapshot(self) -> Snapshot:
        if self._photo_changes:
            return self._take_snapshot(self._photo_changes.pop(0))
        return self._take_snapshot(move=self._move_snapshot_wanted())

    def save_soon(self) -> None:
        """Save now on the worker (the UI thread only takes the snapshot)."""
        self._cancel(self._save_timer)
        self._save_timer = None
        if self._shut_down or self.article is None or self.in_conflict or self._merging or not self.is_modified():
            return  # shut down: what was left went to flush() or to a recovery file; merging: saved after
        if not self.store.ready:
            self._schedule_save(AUTOSAVE_QUIET)  # again once the store has opened
            return
        if self._in_flight is not None:
            return  # _settled() saves what is left as soon as this save is in
        snapshot = self._next_snapshot()
        if self._state is not SaveState.FAILED:
            self._set_state(SaveState.SAVING)
        job = self.worker.submit(lambda: write(self.store, snapshot), self._settled)
        self._in_flight = (job, snapshot)

    def _settled(self, job: Job, resume: bool = True) -> None:
        """Take in a save's outcome, once: when its report arrives, or earlier when flush()
        has waited for it (and then saves what is left itself)."""
        if self._in_flight is None or self._in_flight[0] is not job:
            return
        _, snapshot = self._in_flight
        self._in_flight = None
        if self.article is None or snapshot.article.id != self.article.id:
            return  # another article is open now (flush stored this one before switching)
        if job.error is not None:
            if snapshot.move is not None and isinstance(job.error, Refused):
                self._move_refused_by_store(str(job.error), snapshot)
            else:
                self._save_failed(job.error, snapshot)
            return
        self._stored(job.result, snapshot)
        if resume and self.is_modified():
            self._schedule_save(0.0 if self._photo_changes else None)

    def _stored(self, result, snapshot: Snapshot) -> None:
        change = snapshot.change
        if change is None:
            self._accept(result, snapshot)
            if snapshot.move is not None:
                self._moved(result, snapshot)
            return
        stored, figures = result
        self._photo_change_tries.pop(change, None)
        if lead_after(change, self._fields["lead_image"]) == stored.lead_image:
            self._fields["lead_image"] = stored.lead_image  # unless another lead was chosen since
        pending = self._pending_figures.pop(change.handle, None)  # typed while it was in flight
        if pending and change.kind != "remove":
            self._pending_figures[change.new_handle or change.handle] = pending
        self.figures = [self._with_pending(f) for f in figures]
        self._accept(stored, snapshot)
        if change.kind == "rename":
            self.photo_renamed.emit(change.handle, change.new_handle)
        self.fields_changed.emit(self.current_fields())
        if not self._photo_changes:  # else the photos shown already have the changes still to come
            self.figures_changed.emit(self.figures)

    def _accept(self, stored: Article, snapshot: Snapshot) -> None:
        self.article = stored
        self._unconfirmed = ()
        self._set_problem(None)
        if self._fields.get("slug") == snapshot.article.slug and stored.slug != snapshot.article.slug:
            # The store made the slug unique or tidy; take it unless it was edited meanwhile.
            self._fields["slug"] = stored.slug
            self.fields_changed.emit(self.current_fields())
        for handle, changes in snapshot.figure_text.items():  # stored now: what a merge starts from
            self._figure_was.update({(handle, name): value for name, value in changes.items()})
        if snapshot.figure_text:  # typed values no longer come "from the photo"
            self.figures = [
                f.replace(sources={k: v for k, v in f.sources.items() if k not in snapshot.figure_text[f.handle]})
                if f.handle in snapshot.figure_text else f
                for f in self.figures
            ]  # fmt: skip
        self._set_state(SaveState.MODIFIED if self.is_modified() else SaveState.SAVED)
        self.saved.emit(stored)

    def _put_back(self, snapshot: Snapshot) -> None:
        """What snapshot took was not stored: it is unsaved again (newer edits win)."""
        if snapshot.article.body != self.article.body:
            self._body_dirty = True  # the text is still in the editor
        for handle, changes in snapshot.figure_text.items():
            self._pending_figures[handle] = {**changes, **self._pending_figures.get(handle, {})}
        if self._dirty_since is None:
            self._dirty_since = self.scheduler.now()

    def _save_failed(self, error: BaseException, snapshot: Snapshot, now: bool = False) -> None:
        """Put back what was not stored and tell the person (now: from flush, on this thread)."""
        self._put_back(snapshot)
        if isinstance(error, ConflictError):
            if snapshot.change is not None:
                self._photo_changes.insert(0, snapshot.change)  # made after the merge, or settled with the conflict
            self._merge_after_refused_save(str(error), now)
            return
        if snapshot.change is not None and isinstance(error, Refused | NotFound):
            self.photo_refused.emit(str(error))  # that change is not made; the text saves on
            self._schedule_save(0.0)
            return
        if snapshot.change is not None and self._retry_photo_change(snapshot.change, error):
            self._photo_changes.insert(0, snapshot.change)  # made with the next save that works
        if not any(sent == (snapshot.article, snapshot.change) for sent in self._unconfirmed):
            self._unconfirmed += ((snapshot.article, snapshot.change),)  # it may have landed: see Snapshot
        sentence = str(error) if isinstance(error, StoreError) else f"Your text could not be saved ({error})."
        if "kept here" not in sentence:
            sentence += " Your text is kept here and saving is retried."
        self._set_state(SaveState.FAILED)
        self._schedule_save(RETRY_AFTER)
        self._set_problem(sentence)

    def _set_problem(self, sentence: str | None) -> None:
        if sentence != self.problem:
            self.problem = sentence
            self.problem_changed.emit(sentence)

    def flush(self, ask: bool = True) -> bool:
        """Save everything now, on this thread; True when nothing is left unsaved.

        ask: on the way somewhere the person asked to go (another article, closing, an
        export), a conflict is asked about and settled first; nothing is asked on a way out
        nobody is there to answer (a signal, logout, a timer)."""
        self._cancel(self._save_timer)
        self._save_timer = None
        if self._in_flight is not None:
            job = self._in_flight[0]
            job.wait()
            self._settled(job, resume=False)  # its report has not arrived yet
        if ask:
            self._ask_about_conflict()
        merges = 0
        while self.is_modified() and not self.in_conflict:
            snapshot = self._next_snapshot()
            try:
                result = self._store_now(lambda snapshot=snapshot: write(self.store, snapshot))
            except Exception as error:  # noqa: BLE001 - any failure: keep the text, say so
                if snapshot.move is not None and isinstance(error, Refused):
                    self._move_refused_by_store(str(error), snapshot)
                    continue  # the rest is saved without the move
                self._save_failed(error, snapshot, now=True)
                merges += isinstance(error, ConflictError)
                if isinstance(error, ConflictError) and merges < 3:
                    continue  # merged with what the store holds now (or a conflict, said)
                if snapshot.change is None or not isinstance(error, Refused | NotFound):
                    break
                continue  # that photo change was refused; the rest is saved on
            self._stored(result, snapshot)
        if ask:
            self._ask_about_conflict()  # found just now
        return not self.is_modified()  # a settled conflict leaves nothing unsaved

    def _store_now(self, call: Callable):
        """call() on the worker, after the saves before it, waited for: for the ways out
        (switching, closing, a signal), which must not go on before the store has answered.
        Returns its result or raises its error."""
        job = self.worker.submit(call, lambda _job: None)
        job.wait()
        if job.error is not None:
            raise job.error
        return job.result

    def close_requested(self) -> bool:
        """True when the window may close: everything stored, or the person chose to lose it."""
        if self.flush() or not self.is_modified():
            return True
        return self.prompts.confirm("Not saved", "Your latest changes could not be saved. Close anyway and lose them?")

    def shut_down(self) -> None:
        """The window is closing with the text stored (close_requested): no timed save or
        revision may reach the store after it has closed."""
        self._shut_down = True
        self._cancel(self._save_timer)
        self._cancel(self._revision_timer)
        self._save_timer = self._revision_timer = None

    @staticmethod
    def _cancel(timer: Timer | None) -> None:
        if timer is not None:
            timer.cancel()

