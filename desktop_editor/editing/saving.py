"""When the open article is written, and what one save carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from desktop_editor.core.model import Article, PhotoChange

AUTOSAVE_QUIET = 0.4  # seconds after the last edit
AUTOSAVE_MAX_WAIT = 0.5  # after the first unsaved edit: the promise is "within 1 s", with room
# for the write itself on a busy machine
RETRY_AFTER = 3.0  # after a failed save
REVISION_INTERVAL = 5 * 60.0  # a revision every five minutes of editing
FORM_FIELDS = (
    "headline", "standfirst", "byline", "slug", "slug_locked", "tags", "status", "language",
    "word_target", "lead_image",
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
    # Saves that failed without an answer (the store host died as it committed, a link cut):
    # one of them may have landed all the same, and a version conflict is then this
    # window's own save, not another desk's.
    unconfirmed: tuple[Article, ...] = ()


CONTENT_FIELDS = ("headline", "standfirst", "byline", "tags", "status", "language", "word_target", "lead_image", "body")


def landed(stored: Article, unconfirmed: tuple[Article, ...]) -> bool:
    """Whether stored is one of the unconfirmed saves, landed: the version after it, holding
    its text (the slug aside: the store may have made it unique)."""
    return any(
        stored.version == sent.version + 1 and all(getattr(stored, name) == getattr(sent, name) for name in CONTENT_FIELDS)
        for sent in unconfirmed
    )


def lead_after(change: PhotoChange | None, lead: str | None) -> str | None:
    """The lead photo's handle once change is made."""
    if change is not None and lead == change.handle:
        return change.new_handle if change.kind == "rename" else None if change.kind == "remove" else lead
    return lead
