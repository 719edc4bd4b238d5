"""When the open article is written, and what one save carries."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from desktop_editor.core.model import Article, PhotoChange
from desktop_editor.storage.errors import ConflictError

AUTOSAVE_QUIET = 0.4  # seconds after the last edit
AUTOSAVE_MAX_WAIT = 0.5  # after the first unsaved edit: the promise is "within 1 s", with room
# for the write itself on a busy machine
RETRY_AFTER = 3.0  # after a failed save
PHOTO_CHANGE_TRIES = 5  # a photo change failing this often is dropped (said), not the text
REVISION_INTERVAL = 5 * 60.0  # a revision every five minutes of editing
FORM_FIELDS = (
    "headline", "standfirst", "byline", "slug", "slug_locked", "tags", "status", "language",
    "word_target", "lead_image", "embargo", "assignee", "desk", "dateline", "kicker", "publish_at", "review",
)  # fmt: skip


class SaveState(StrEnum):
    SAVED = "saved"  # everything is in the store
    MODIFIED = "modified"  # edits not yet written (a save is due within a second)
    SAVING = "saving"
    FAILED = "failed"  # the last save failed; the text is kept here and retried
    CONFLICT = "conflict"  # changed elsewhere: nothing is saved until the person decides


@dataclass(frozen=True)
class Snapshot:
    article: Article  # the fields and body as they were when the save began
    figure_text: dict = field(default_factory=dict)  # handle -> {field: value}
    change: PhotoChange | None = None  # a change to the photos, made with this save
    # Saves that failed without an answer (the store host died as it committed, a link cut),
    # each (article, change): one of them may have landed all the same, and a version
    # conflict is then this window's own save, not another desk's.
    unconfirmed: tuple[tuple[Article, PhotoChange | None], ...] = ()
    # A workflow move made with this save (editing.moves): (target, note, author, table).
    move: tuple | None = None


CONTENT_FIELDS = ("headline", "standfirst", "byline", "tags", "status", "language", "word_target", "lead_image", "body")


def landed(stored: Article, unconfirmed) -> tuple[Article, PhotoChange | None] | None:
    """The unconfirmed save that stored is, landed: the version after it, holding its text
    (the slug aside: the store may have made it unique); None when it is none of them."""
    for sent in unconfirmed:
        article = sent[0]
        if stored.version == article.version + 1 and all(getattr(stored, n) == getattr(article, n) for n in CONTENT_FIELDS):
            return sent
    return None


def lead_after(change: PhotoChange | None, lead: str | None) -> str | None:
    """The lead photo's handle once change is made."""
    if change is not None and lead == change.handle:
        return change.new_handle if change.kind == "rename" else None if change.kind == "remove" else lead
    return lead


def write(store, snapshot: Snapshot):
    """The store call for snapshot, on the open article's worker: a save, or a save with a
    change to the photos (then the stored article and its photos). A conflict with one of
    the window's own unconfirmed saves, found to have landed, is no conflict: the save goes
    on over it, without making a photo change twice."""
    try:
        return _write_once(store, snapshot)
    except ConflictError:
        if not snapshot.unconfirmed:
            raise
        stored = store.get_article(snapshot.article.id)
        sent = landed(stored, snapshot.unconfirmed)
        if sent is None:
            raise
        again = replace(snapshot, article=snapshot.article.replace(version=stored.version))
        if snapshot.change is not None and snapshot.change == sent[1]:  # made already, with it
            saved = store.save_article(again.article, again.figure_text or None)
            return saved, store.figures(saved.id)
        return _write_once(store, again)


def _write_once(store, snapshot: Snapshot):
    figure_text = snapshot.figure_text or None
    if snapshot.move is not None:
        target, note, author, table = snapshot.move
        return store.change_status(snapshot.article.id, target, author, note, None, table, snapshot.article)
    if snapshot.change is None:
        return store.save_article(snapshot.article, figure_text)
    return store.change_photos(snapshot.article, figure_text, snapshot.change)
