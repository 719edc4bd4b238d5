"""One store's side of sync, as functions over a Session: an article's state as core.merge
reads it, writing a merged state back, the bases agreed with each peer, revisions, photos
and the newsroom's words in the form they travel in between stores.

An article's state holds every column of the article but the LOCAL_COLUMNS (so a column
added later travels without a change here), its photos, and its workflow history."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import JSON, DateTime, func, select, text
from sqlalchemy.orm import Session

from desktop_editor.core.merge import FIGURE_FIELDS
from desktop_editor.core.model import FIGURE_TEXT_FIELDS, Article
from desktop_editor.core.text import word_count
from desktop_editor.storage import articles, words
from desktop_editor.storage.tables import (
    ArticleRow, FigureRow, ImageRow, NewsroomWordRow, RevisionRow, SyncBaseRow, TransitionRow,
)  # fmt: skip

WORDS = "words"  # the item of the newsroom's word list in sync_bases
CHANGES = "changes"  # the item holding both stores' change counters when they last agreed

# The article's columns that stay each store's own, and why; every other column travels.
LOCAL_COLUMNS = {
    "id": "each store numbers its own rows",
    "uid": "what sync knows the article by: the same in every store already",
    "slug": "unique within one store: a clash between two new stories is resolved there",
    "slug_locked": "goes with the slug",
    "version": "each store's own check against a stale save; it moves with every write",
    "created": "when the article reached this store",
    "updated": "this store's last write; sync carries the time of the last edit itself",
    "word_count": "counted from the body wherever it is written (it feeds the search index)",
}
SYNCED_FIELDS = tuple(c.key for c in ArticleRow.__table__.columns if c.key not in LOCAL_COLUMNS)
_TIMES = frozenset(c.key for c in ArticleRow.__table__.columns if isinstance(c.type, DateTime))
_JSON = frozenset(c.key for c in ArticleRow.__table__.columns if isinstance(c.type, JSON))
MOVE_FIELDS = ("uid", "at", "author", "from_state", "to_state", "note")  # a move of the workflow, as it travels


class Changed(Exception):
    """The article changed in this store while sync was merging it: left for the next sync."""


class Entry(NamedTuple):
    id: int
    version: int
    updated: str  # ISO 8601, UTC
    photos: int

    @property
    def mark(self) -> str:
        """What moves on with every change sync carries (adding a photo leaves the version)."""
        return f"{self.version}/{self.photos}"


def iso(moment: datetime | None) -> str | None:
    return articles._utc(moment).isoformat() if moment is not None else None


def store_id(session: Session) -> str:
    return session.execute(text("SELECT value FROM store_meta WHERE name = 'store_id'")).scalar()


def changes(session: Session) -> str:
    """The store's change counter (schema 0009): it moves with every change sync carries."""
    return session.execute(text("SELECT value FROM store_meta WHERE name = 'changes'")).scalar() or ""


def index(session: Session) -> dict[str, Entry]:
    """uid -> (id, version, updated, photos) of every article: what sync compares, no texts read."""
    photos = select(FigureRow.article_id, func.count().label("n")).group_by(FigureRow.article_id).subquery()
    statement = select(
        ArticleRow.uid, ArticleRow.id, ArticleRow.version, ArticleRow.updated, func.coalesce(photos.c.n, 0)
    ).outerjoin(photos, photos.c.article_id == ArticleRow.id)
    return {row[0]: Entry(row[1], row[2], iso(row[3]), row[4]) for row in session.execute(statement)}


def row_of(session: Session, uid: str) -> ArticleRow | None:
    return session.scalar(select(ArticleRow).where(ArticleRow.uid == uid))


def _out(row: ArticleRow, name: str):
    value = getattr(row, name)
    if name == "deleted":
        return value is not None
    if name in _TIMES:
        return iso(value)
    if name in _JSON:
        return copy.deepcopy(value if value is not None else ArticleRow.__table__.columns[name].default.arg(None))
    return value


def read_state(session: Session, row: ArticleRow) -> dict:
    figures = session.scalars(select(FigureRow).where(FigureRow.article_id == row.id))
    moves = session.scalars(select(TransitionRow).where(TransitionRow.article_id == row.id).order_by(TransitionRow.id))
    return {
        **{name: _out(row, name) for name in SYNCED_FIELDS},
        "figures": {
            figure.handle: {name: getattr(figure, name) for name in FIGURE_FIELDS} for figure in figures
        },
        "history": [{**{n: getattr(move, n) for n in MOVE_FIELDS}, "at": iso(move.at)} for move in moves],
    }  # fmt: skip


def mark(session: Session, row: ArticleRow) -> str:
    photos = session.scalar(select(func.count()).select_from(FigureRow).where(FigureRow.article_id == row.id))
    return f"{row.version}/{photos}"


def later(mark: str, than: str) -> bool:
    """True when mark was taken after than, both marks of one article in one store (its
    version only grows)."""
    try:
        return int(mark.split("/")[0]) > int(than.split("/")[0])
    except ValueError:
        return False


def apply_state(
    session: Session, row: ArticleRow | None, state: dict, uid: str, slug: str = "", edited: str | None = None
) -> ArticleRow:
    """Make the article (a new one under uid when row is None) hold state; its version moves on.
    edited (ISO 8601): when what state holds was last edited, kept as the article's time of
    change, so that a sync's own write never counts as an edit later than one made elsewhere."""
    if row is None:
        row = articles.create(session, Article(headline=state["headline"], slug=slug), uid=uid)
    for name in SYNCED_FIELDS:
        if name not in state:  # from a store that does not have the column yet
            continue
        value = state[name]
        if name == "deleted":
            value = (row.deleted or articles.now()) if value else None
        elif name in _TIMES:
            value = datetime.fromisoformat(value) if value else None
        elif name in _JSON:
            value = copy.deepcopy(value)
        setattr(row, name, value)
    row.word_count = word_count(row.body)
    _moves_in(session, row.id, state.get("history") or ())
    existing = {figure.handle: figure for figure in session.scalars(select(FigureRow).where(FigureRow.article_id == row.id))}
    for handle, values in state["figures"].items():
        figure = existing.pop(handle, None)
        if figure is None:
            figure = FigureRow(article_id=row.id, handle=handle, sources={})
            session.add(figure)
        for name in FIGURE_FIELDS:
            setattr(figure, name, values.get(name, "" if name in FIGURE_TEXT_FIELDS else 0))
    for figure in existing.values():
        session.delete(figure)
    session.flush()
    articles.touch(row)  # the version moves on; indexed again for search
    if edited:
        row.updated = datetime.fromisoformat(edited)
    session.flush()
    return row


def _moves_in(session: Session, article_id: int, history) -> None:
    """Record the moves of the workflow not yet recorded here (by uid)."""
    have = set(session.scalars(select(TransitionRow.uid).where(TransitionRow.article_id == article_id)))
    for move in history:
        if move["uid"] not in have:
            session.add(TransitionRow(article_id=article_id, **{**move, "at": datetime.fromisoformat(move["at"])}))


# Bases ---------------------------------------------------------------------------------


class Base(NamedTuple):
    local_mark: str
    peer_mark: str


def bases(session: Session, peer: str) -> dict[str, Base]:
    """item -> the marks of what was agreed with peer (the states are read one by one)."""
    statement = select(SyncBaseRow.item, SyncBaseRow.local_mark, SyncBaseRow.peer_mark).where(SyncBaseRow.peer == peer)
    return {item: Base(local, there) for item, local, there in session.execute(statement)}


def peers(session: Session) -> list[str]:
    """The stores this one has synced with."""
    return list(session.scalars(select(SyncBaseRow.peer).distinct()))


class Noted(NamedTuple):
    local_mark: str
    peer_mark: str
    state: object


def noted(session: Session, peer: str, item: str) -> Noted | None:
    """This store's mark, the peer's and the state noted with peer on item, or None."""
    row = session.get(SyncBaseRow, (peer, item))
    return None if row is None else Noted(row.local_mark, row.peer_mark, row.state)


def put_base(session: Session, peer: str, item: str, local_mark: str, peer_mark: str, state) -> None:
    row = session.get(SyncBaseRow, (peer, item))
    if row is None:
        row = SyncBaseRow(peer=peer, item=item)
        session.add(row)
    row.local_mark, row.peer_mark, row.state = local_mark, peer_mark, state
    session.flush()


# Revisions -----------------------------------------------------------------------------


def revision_uids(session: Session, article_id: int) -> set[str]:
    return set(session.scalars(select(RevisionRow.uid).where(RevisionRow.article_id == article_id)))


def revisions_out(session: Session, article_id: int, uids: set[str]) -> list[dict]:
    if not uids:
        return []
    rows = session.scalars(
        select(RevisionRow).where(RevisionRow.article_id == article_id, RevisionRow.uid.in_(uids)).order_by(RevisionRow.id)
    )
    names = ("uid", "reason", "label", "headline", "standfirst", "body", "word_count", "fields", "figures")
    return [{"created": iso(row.created), **{name: getattr(row, name) for name in names}} for row in rows]


def revisions_in(session: Session, article_id: int, payloads: list[dict]) -> int:
    """Add revisions not yet here (by uid); returns how many were added."""
    have = revision_uids(session, article_id)
    added = 0
    for payload in payloads:
        if payload["uid"] in have:
            continue
        session.add(RevisionRow(article_id=article_id, **{**payload, "created": datetime.fromisoformat(payload["created"])}))
        added += 1
    session.flush()
    return added


def merge_revision(kept: dict, uid: str) -> dict:
    """A revision keeping the side of a merge whose words lost in the text."""
    return {
        "uid": uid, "created": datetime.now(UTC).isoformat(), "reason": "merge", "label": kept["label"],
        "headline": kept["headline"], "standfirst": kept["standfirst"], "body": kept["body"],
        "word_count": word_count(kept["body"]), "fields": kept["fields"],
        "figures": {h: {n: f.get(n, "") for n in FIGURE_TEXT_FIELDS} for h, f in kept["figures"].items()},
    }  # fmt: skip


# Photos and words ----------------------------------------------------------------------


def missing_images(session: Session, wanted: set[str]) -> set[str]:
    if not wanted:
        return set()
    return wanted - set(session.scalars(select(ImageRow.sha256).where(ImageRow.sha256.in_(wanted))))


def image_out(session: Session, sha256: str) -> dict:
    row = session.get(ImageRow, sha256)
    names = ("sha256", "format", "width", "height", "byte_size", "image_metadata", "data", "created")
    return {name: getattr(row, name) for name in names}


def image_in(session: Session, payload: dict) -> None:
    if session.get(ImageRow, payload["sha256"]) is None:
        session.add(ImageRow(**payload))
        session.flush()


def word_set(session: Session) -> set[str]:
    return set(words.listed(session))


def set_words(session: Session, add: set[str], remove: set[str]) -> None:
    for word in sorted(add):
        if session.get(NewsroomWordRow, word) is None:
            words.add(session, word)
    for word in sorted(remove):
        words.remove(session, word)
