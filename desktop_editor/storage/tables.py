"""ORM tables. The schema itself is made only by the Alembic migrations in migrations/."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def new_uid() -> str:
    """An identity the same in every store the row reaches (schema 0007)."""
    return str(uuid.uuid4())


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    slug_locked: Mapped[bool] = mapped_column(default=False)
    headline: Mapped[str] = mapped_column(Text, default="")
    standfirst: Mapped[str] = mapped_column(Text, default="")
    byline: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    language: Mapped[str] = mapped_column(String(35), default="en-GB")
    word_target: Mapped[int | None] = mapped_column(Integer, nullable=True)
    body: Mapped[str] = mapped_column(Text, default="")
    lead_image: Mapped[str | None] = mapped_column(String(64), nullable=True)
    publish_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    deleted: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # What merges did not keep for a field changed on two desks (storage.sync).
    conflicts: Mapped[list] = mapped_column(JSON, default=list)
    # The desk's workflow (schema 0008): the status moves only through core.workflow.
    embargo: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    assignee: Mapped[str] = mapped_column(Text, default="")
    desk: Mapped[str] = mapped_column(Text, default="")
    correction_count: Mapped[int] = mapped_column(Integer, default=0)
    corrected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    authors: Mapped[list] = mapped_column(JSON, default=list)  # [{name, role, url}]
    # The review's data, keyed by the ids of the items in the body (schema 0010, core.review).
    review: Mapped[dict] = mapped_column(JSON, default=dict)
    # The dateline's place and the kicker above the headline (schema 0011, core.dateline).
    dateline: Mapped[str] = mapped_column(Text, default="")
    kicker: Mapped[str] = mapped_column(Text, default="")

    __mapper_args__ = {"version_id_col": version}


class RevisionRow(Base):
    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(Text, default="")
    headline: Mapped[str] = mapped_column(Text, default="")
    standfirst: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    # The article's other fields (byline, slug, tags, status, ...); {} in revisions kept
    # before schema 0003, which hold only headline, standfirst and body.
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    # The photos' text: {handle: {caption, credit, alt, ...}}; {} before schema 0003.
    figures: Mapped[dict] = mapped_column(JSON, default=dict)


class TransitionRow(Base):
    """One recorded move of an article through the workflow (schema 0008)."""

    __tablename__ = "transitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(Text, default="")
    from_state: Mapped[str] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")


class ImageRow(Base):
    """An original image, stored once; its bytes are never modified."""

    __tablename__ = "images"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    format: Mapped[str] = mapped_column(String(16))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    byte_size: Mapped[int] = mapped_column(Integer)
    image_metadata: Mapped[dict] = mapped_column("metadata", JSON, default=dict)
    # Megabytes per photo: loaded only when asked for, never with a list of figures.
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    # Stored after the bytes, so SQLite walks the whole blob to reach it: load it only on demand.
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), deferred=True)


class ThumbnailRow(Base):
    __tablename__ = "thumbnails"

    sha256: Mapped[str] = mapped_column(ForeignKey("images.sha256", ondelete="CASCADE"), primary_key=True)
    size: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class FigureRow(Base):
    __tablename__ = "figures"
    __table_args__ = (UniqueConstraint("article_id", "handle"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    handle: Mapped[str] = mapped_column(String(64))
    image_sha256: Mapped[str] = mapped_column(ForeignKey("images.sha256"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    caption: Mapped[str] = mapped_column(Text, default="")
    credit: Mapped[str] = mapped_column(Text, default="")
    alt: Mapped[str] = mapped_column(Text, default="")
    extended_description: Mapped[str] = mapped_column(Text, default="")
    creator: Mapped[str] = mapped_column(Text, default="")
    copyright: Mapped[str] = mapped_column(Text, default="")
    instructions: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[dict] = mapped_column(JSON, default=dict)


class NewsroomWordRow(Base):
    """A word every desk's spelling checker accepts."""

    __tablename__ = "newsroom_words"

    word: Mapped[str] = mapped_column(String(100), primary_key=True)
    added: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SyncBaseRow(Base):
    """What this store and a peer last agreed on for one article (item = its uid) or for the
    newsroom's word list (item = "words"), and its marks on each side then."""

    __tablename__ = "sync_bases"

    peer: Mapped[str] = mapped_column(String(36), primary_key=True)
    item: Mapped[str] = mapped_column(String(36), primary_key=True)
    local_mark: Mapped[str] = mapped_column(String(40), default="")  # "version/photos"
    peer_mark: Mapped[str] = mapped_column(String(40), default="")
    state: Mapped[dict] = mapped_column(JSON, default=dict, deferred=True)  # read only when needed


class PresenceRow(Base):
    """Which article a store's window shows, noted on the desk by that store's sync (schema
    0012, storage.presence): a hint for the other desks' libraries, not a lock."""

    __tablename__ = "presence"

    store_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    article_uid: Mapped[str] = mapped_column(String(36), index=True)
    user: Mapped[str] = mapped_column(String(200), default="")
    machine: Mapped[str] = mapped_column(String(200), default="")
    seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
