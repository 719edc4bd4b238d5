"""Immutable snapshots of the newsroom's data.

The UI, the render worker and the exporter only ever see these: they are plain frozen
dataclasses, safe to hand between threads, and carry no database session.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    SUBBING = "subbing"
    LEGAL = "legal"
    READY = "ready"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    KILLED = "killed"


HANDLE_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
DEFAULT_LANGUAGE = "en-GB"

# Fields of an article a person edits in the metadata form or a bundle sets.
TEXT_FIELDS = ("headline", "standfirst", "byline", "slug", "language", "body")


@dataclass(frozen=True, slots=True)
class Author:
    """One of an article's authors: a name, a role (core.authors.ROLES) and an optional URL."""

    name: str
    role: str = "writer"
    url: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    id: int | None = None
    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    slug: str = ""
    slug_locked: bool = False  # True once a person typed the slug by hand
    tags: tuple[str, ...] = ()
    status: Status = Status.DRAFT
    language: str = DEFAULT_LANGUAGE
    word_target: int | None = None
    body: str = ""
    lead_image: str | None = None  # a figure handle
    publish_at: datetime | None = None  # when the article is (to be) published
    # The desk's workflow (core.workflow): status moves only through its table, recorded.
    embargo: datetime | None = None  # not to be published before then (timezone-aware)
    assignee: str = ""
    desk: str = ""  # e.g. News, Sport, Pictures
    correction_count: int = 0
    corrected_at: datetime | None = None  # the last correction or update
    authors: tuple[Author, ...] = ()  # when empty, byline is the whole credit
    dateline: str = ""  # the place filed from, e.g. BRUSSELS (written per core.dateline)
    kicker: str = ""  # the small label above the headline, e.g. Analysis
    created: datetime | None = None
    updated: datetime | None = None
    deleted: datetime | None = None  # in the trash since
    version: int = 0
    word_count: int = 0
    uid: str = ""  # the same in every store the article reaches (given by the store)
    # Values a merge did not keep, a field changed on two desks: ({field, handle, kept,
    # other, other_from, at}, ...), until someone settles them.
    conflicts: tuple = field(default=(), compare=False, hash=False)
    # The review's data (core.review): {item id: {kind, author, at, text, replies, events...}};
    # the items themselves stand in the body as CriticMarkup (core.critic).
    review: dict = field(default_factory=dict, compare=False, hash=False)

    def replace(self, **changes) -> Article:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the library list."""

    id: int
    slug: str
    headline: str
    status: Status
    updated: datetime
    word_count: int
    deleted: datetime | None = None
    # The desk's fields, for the library's filters and its sort by publish time.
    desk: str = ""
    assignee: str = ""
    embargo: datetime | None = None
    publish_at: datetime | None = None
    # What a sync left in conflict (Article.conflicts), by name: "headline", "caption of photo ship".
    conflicts: tuple[str, ...] = ()

    @classmethod
    def of(cls, article: Article) -> ArticleSummary:
        """The row of an article as it now is (the library shows a save without reading the list)."""
        return cls(
            article.id, article.slug, article.headline, article.status, article.updated, article.word_count,
            article.deleted, article.desk, article.assignee, article.embargo, article.publish_at,
            conflict_names(article.conflicts),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class ImageAsset:
    """An original image, stored once, keyed by the SHA-256 of its bytes."""

    sha256: str
    format: str  # "JPEG", "PNG", ...
    width: int  # as displayed, after EXIF orientation
    height: int
    byte_size: int
    metadata: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Figure:
    """A photo placed in one article, with the desk's text for it."""

    handle: str
    image_sha256: str
    caption: str = ""
    credit: str = ""
    alt: str = ""
    extended_description: str = ""
    creator: str = ""
    copyright: str = ""
    instructions: str = ""
    position: int = 0
    # field name -> where its value came from, e.g. {"credit": "IPTC Credit"}; absent = typed
    sources: dict = field(default_factory=dict, hash=False, compare=False)
    width: int = 0
    height: int = 0
    format: str = ""

    def replace(self, **changes) -> Figure:
        return dataclasses.replace(self, **changes)


FIGURE_TEXT_FIELDS = (
    "caption",
    "credit",
    "alt",
    "extended_description",
    "creator",
    "copyright",
    "instructions",
)


@dataclass(frozen=True, slots=True)
class PhotoChange:
    """One change to an article's list of photos, made with the article's own save.

    kind: "rename" (handle -> new_handle), "reorder" (handles, in their new order),
    "remove" (handle) or "replace" (handle shows image_sha256 from now on; its text stays).
    """

    kind: str
    handle: str = ""
    new_handle: str = ""
    handles: tuple[str, ...] = ()
    image_sha256: str = ""

    @classmethod
    def rename(cls, old: str, new: str) -> PhotoChange:
        return cls("rename", handle=old, new_handle=new)

    @classmethod
    def reorder(cls, handles) -> PhotoChange:
        return cls("reorder", handles=tuple(handles))

    @classmethod
    def remove(cls, handle: str) -> PhotoChange:
        return cls("remove", handle=handle)

    @classmethod
    def replace_image(cls, handle: str, image_sha256: str) -> PhotoChange:
        return cls("replace", handle=handle, image_sha256=image_sha256)


@dataclass(frozen=True, slots=True)
class Revision:
    id: int
    article_id: int
    created: datetime
    reason: str  # "manual", "timer", "before restore", "before import", ...
    label: str
    headline: str
    standfirst: str
    body: str
    word_count: int
    # The article's other fields: byline, slug, slug_locked, tags (a list), status, language,
    # word_target, lead_image. Empty in revisions kept before photos' text was versioned.
    fields: dict = field(default_factory=dict, hash=False, compare=False)
    # The photos' text: {handle: {caption, credit, alt, extended_description, creator,
    # copyright, instructions}}. Empty in those older revisions too.
    figures: dict = field(default_factory=dict, hash=False, compare=False)


def conflict_names(conflicts) -> tuple[str, ...]:
    """The fields a sync left in conflict, each named once: "headline", "caption of photo ship"."""
    names = (f"{c['field']} of photo {c['handle']}" if c.get("handle") else c["field"] for c in conflicts or ())
    return tuple(dict.fromkeys(names))
