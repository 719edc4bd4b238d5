"""Articles, their revisions and the trash, as functions over a Session."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import flag_modified

from desktop_editor.core import review
from desktop_editor.core.model import Article, ArticleSummary, Revision, Status, conflict_names
from desktop_editor.core.text import slugify, unique_name, word_count
from desktop_editor.storage import search, transitions
from desktop_editor.storage.errors import ConflictError, NotFound, Refused
from desktop_editor.storage.tables import ArticleRow, RevisionRow, new_uid

# What a revision keeps in its `fields`, beside headline, standfirst and body.
REVISION_FIELDS = (
    "byline", "slug", "slug_locked", "tags", "status", "language", "word_target", "lead_image",
    "publish_at", "review", "dateline", "kicker", "authors",
)  # fmt: skip

EDITABLE_FIELDS = (
    "headline", "standfirst", "byline", "slug", "slug_locked", "tags", "language",
    "word_target", "body", "lead_image", "publish_at", "dateline", "kicker",
)  # fmt: skip  (the status moves only through the workflow: storage.transitions)


def now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _utc(moment: datetime | None) -> datetime | None:
    """Stored in UTC: SQLite keeps no offset, and reading assumes UTC."""
    return _aware(moment).astimezone(UTC) if moment is not None else None


def to_article(row: ArticleRow) -> Article:
    return Article(
        id=row.id,
        headline=row.headline,
        standfirst=row.standfirst,
        byline=row.byline,
        slug=row.slug,
        slug_locked=row.slug_locked,
        tags=tuple(row.tags or ()),
        status=Status(row.status),
        language=row.language,
        word_target=row.word_target,
        body=row.body,
        lead_image=row.lead_image,
        publish_at=_aware(row.publish_at),
        created=_aware(row.created),
        updated=_aware(row.updated),
        deleted=_aware(row.deleted),
        version=row.version,
        word_count=row.word_count,
        uid=row.uid,
        conflicts=tuple(row.conflicts or ()),
        review=dict(row.review or {}),
        dateline=row.dateline or "",
        kicker=row.kicker or "",
        **transitions.article_fields(row),
    )


def to_summary(row) -> ArticleSummary:
    """From an ArticleRow or a row of SUMMARY_COLUMNS."""
    return ArticleSummary(
        id=row.id,
        slug=row.slug,
        headline=row.headline,
        status=Status(row.status),
        updated=_aware(row.updated),
        word_count=row.word_count,
        deleted=_aware(row.deleted),
        desk=row.desk or "",
        assignee=row.assignee or "",
        embargo=_aware(row.embargo),
        publish_at=_aware(row.publish_at),
        conflicts=conflict_names(row.conflicts),
    )


def to_revision(row: RevisionRow) -> Revision:
    return Revision(
        id=row.id,
        article_id=row.article_id,
        created=_aware(row.created),
        reason=row.reason,
        label=row.label,
        headline=row.headline,
        standfirst=row.standfirst,
        body=row.body,
        word_count=row.word_count,
        fields=dict(row.fields or {}),
        figures={handle: dict(text) for handle, text in (row.figures or {}).items()},
    )


def get_row(session: Session, article_id: int) -> ArticleRow:
    row = session.get(ArticleRow, article_id)
    if row is None:
        raise NotFound(f"There is no article with id {article_id}.")
    return row


def find_row(session: Session, reference: str | int) -> ArticleRow:
    """An article by id or slug."""
    text = str(reference).strip()
    row = session.scalar(select(ArticleRow).where(ArticleRow.slug == text))
    if row is None and text.isdigit():
        row = session.get(ArticleRow, int(text))
    if row is None:
        raise NotFound(f"There is no article with the id or slug “{text}”.")
    return row


def unique_slug(session: Session, wanted: str, exclude_id: int | None = None) -> str:
    base = slugify(wanted) or "untitled"
    statement = select(ArticleRow.slug).where(ArticleRow.slug.like(f"{base}%"))
    if exclude_id is not None:
        statement = statement.where(ArticleRow.id != exclude_id)
    return unique_name(base, set(session.scalars(statement)))


def insert_unless_taken(session: Session, entity, values: dict, unique: list[str]):
    """INSERT ... ON CONFLICT (unique) DO NOTHING for entity: the statement, or None where the
    database has no such clause (then the store's retry settles a clash)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        return None
    return insert(entity).values(**values).on_conflict_do_nothing(index_elements=unique)


def create(session: Session, article: Article, uid: str | None = None) -> ArticleRow:
    """A new article under the first free slug; another desk taking that slug at the same
    moment moves this one on to the next free one. A new identity unless uid is given (the
    same article arriving from another store)."""
    moment = now()
    values = dict(
        uid=uid or new_uid(),
        conflicts=list(article.conflicts) if uid else [],
        headline=article.headline,
        standfirst=article.standfirst,
        byline=article.byline,
        slug_locked=article.slug_locked,
        tags=list(article.tags),
        status=str(article.status),
        language=article.language,
        word_target=article.word_target,
        body=article.body,
        lead_image=article.lead_image,
        publish_at=_utc(article.publish_at),
        **transitions.row_values(article),
        review=dict(article.review or {}),
        dateline=article.dateline,
        kicker=article.kicker,
        word_count=word_count(article.body),
        created=moment,
        updated=moment,
        version=1,
    )
    wanted = article.slug or article.headline
    row = None
    while row is None:
        values["slug"] = unique_slug(session, wanted)
        statement = insert_unless_taken(session, ArticleRow, values, ["slug"])
        if statement is None:
            row = ArticleRow(**values)
            session.add(row)
            session.flush()
        else:  # nothing comes back when the slug was taken meanwhile: look again
            row = session.scalars(statement.returning(ArticleRow)).first()
    if uid is None and row.status != "draft":  # an import or a copy: its history says how it began
        transitions.record(session, row.id, "new", row.status, "", "Created in this state (imported or copied).", moment)
    search.index_article(session, row)
    return row


def check_version(row: ArticleRow, expected_version: int) -> None:
    if row.version != expected_version:
        raise ConflictError(row.id, expected_version, row.version)


def touch(row: ArticleRow) -> None:
    """Mark the article as changed: its version moves on when the session flushes.

    The ORM bumps the version (checking the old one) only when the row itself is updated,
    so a change to something the article owns (a photo's caption) touches `updated`.
    """
    row.updated = now()
    flag_modified(row, "updated")  # an UPDATE even if the clock has not moved
    session = object_session(row)
    if session is not None:  # what search finds changed too (the photos' captions included)
        search.index_article(session, row)


def save(session: Session, article: Article, touched: bool = False) -> ArticleRow:
    """Write article's fields over the stored row, if nobody changed the row meanwhile.

    touched: something the article owns changed in this transaction, so its version moves
    on even when none of its own fields did.
    """
    row = get_row(session, article.id)
    check_version(row, article.version)
    transitions.check_save(row, to_article(row), article)
    changed = False
    wanted_slug = slugify(article.slug or article.headline) or "untitled"
    if wanted_slug != row.slug:
        slug = unique_slug(session, wanted_slug, exclude_id=row.id)
        if slug != row.slug:  # "taken" may come back as the slug this row already has
            row.slug = slug
            changed = True
    for name in EDITABLE_FIELDS:
        if name == "slug":
            continue
        value = getattr(article, name)
        if name == "tags":
            value = list(value)
        elif name == "status":
            value = str(value)
        elif name == "publish_at":
            value = _utc(value)
            if _aware(row.publish_at) == value:
                continue
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
            settle(row, name)
    if (wanted_review := review.merged(row.review, article.review)) != (row.review or {}):
        row.review, changed = wanted_review, True  # merged: a save never drops an entry
    for name, value in transitions.row_values(article).items():
        if (_utc(getattr(row, name)) if name == "embargo" else getattr(row, name)) != value:
            setattr(row, name, value)
            changed = True
    if str(article.status) != row.status:
        try:  # a move the table allows is made and recorded; any other leaves the status as stored
            transitions.move(session, row, to_article(row), str(article.status))
            changed = True
        except Refused:
            pass
    if changed:
        row.word_count = word_count(row.body)
    if changed or touched:
        touch(row)  # and indexes it again for search
        session.flush()
    return row


def settle(row: ArticleRow, name: str, handle: str = "") -> None:
    """A person set a field (of the photo handle) a merge had a conflict on: that settles it
    (storage.sync)."""
    if any(c.get("field") == name and c.get("handle", "") == handle for c in row.conflicts or ()):
        row.conflicts = [c for c in row.conflicts if not (c.get("field") == name and c.get("handle", "") == handle)]


def settle_photo_text(row: ArticleRow, figure_text) -> None:
    """A caption, credit... typed for a photo settles a conflict on it, as a field does."""
    for handle, text in (figure_text or {}).items():
        for name in text:
            settle(row, name, handle)


SUMMARY_COLUMNS = (
    ArticleRow.id, ArticleRow.slug, ArticleRow.headline, ArticleRow.status, ArticleRow.updated,
    ArticleRow.word_count, ArticleRow.deleted, ArticleRow.desk, ArticleRow.assignee, ArticleRow.embargo,
    ArticleRow.publish_at, ArticleRow.conflicts,
)  # fmt: skip


def summaries(session: Session, trash: bool = False, ids: list[int] | None = None) -> list[ArticleSummary]:
    # Plain rows of the columns a list shows, not ORM objects: bodies can be long, a library
    # holds thousands, and a search result list is rebuilt as the person types.
    statement = select(*SUMMARY_COLUMNS).where(
        ArticleRow.deleted.is_not(None) if trash else ArticleRow.deleted.is_(None)
    )
    if ids is not None:
        if not ids:
            return []
        rows = {row.id: row for row in session.execute(statement.where(ArticleRow.id.in_(ids)))}
        return [to_summary(rows[i]) for i in ids if i in rows]
    return [to_summary(row) for row in session.execute(statement.order_by(ArticleRow.updated.desc()))]


def move_to_trash(session: Session, article_id: int) -> None:
    row = get_row(session, article_id)
    row.deleted = now()


def restore_from_trash(session: Session, article_id: int) -> None:
    row = get_row(session, article_id)
    row.deleted = None
    row.updated = now()


def empty_trash(session: Session) -> int:
    ids = list(session.scalars(select(ArticleRow.id).where(ArticleRow.deleted.is_not(None))))
    for article_id in ids:
        search.unindex_article(session, article_id)
    session.execute(delete(RevisionRow).where(RevisionRow.article_id.in_(ids)))
    session.execute(delete(ArticleRow).where(ArticleRow.id.in_(ids)))
    return len(ids)


def revision_fields(source: Article | ArticleRow) -> dict:
    """The fields a revision keeps besides headline, standfirst and body, as JSON values."""
    return {
        "byline": source.byline,
        "slug": source.slug,
        "slug_locked": bool(source.slug_locked),
        "tags": list(source.tags or ()),
        "status": str(source.status),
        "language": source.language,
        "word_target": source.word_target,
        "lead_image": source.lead_image,
        "publish_at": _utc(source.publish_at).isoformat() if source.publish_at else None,
        "review": dict(source.review or {}),
        "dateline": source.dateline or "",
        "kicker": source.kicker or "",
        "authors": [a if isinstance(a, dict) else {"name": a.name, "role": a.role, "url": a.url} for a in source.authors or ()],
    }


def take_revision(
    session: Session,
    row: ArticleRow,
    reason: str,
    label: str = "",
    text: Article | None = None,
    figures: Mapping[str, Mapping[str, str]] | None = None,
) -> RevisionRow:
    """Snapshot the row's fields, or the given article's fields for the same row, with the
    photos' text ({handle: {caption, credit, ...}})."""
    source = text or row
    revision = RevisionRow(
        article_id=row.id,
        created=now(),
        reason=reason,
        label=label,
        headline=source.headline,
        standfirst=source.standfirst,
        body=source.body,
        word_count=word_count(source.body),
        fields=revision_fields(source),
        figures={handle: dict(values) for handle, values in (figures or {}).items()},
    )
    session.add(revision)
    session.flush()
    return revision


def holds_the_same(revision: RevisionRow, row: ArticleRow, figures: Mapping[str, Mapping[str, str]]) -> bool:
    """Whether a revision already holds everything the row and its photos' text hold now."""
    fields = dict(revision.fields or {})
    wanted = revision_fields(row)
    if wanted["publish_at"] is None and fields and "publish_at" not in fields:
        del wanted["publish_at"]  # kept before articles had a publish time
    for name in ("review", "dateline", "kicker"):
        if not wanted[name] and name not in fields:
            del wanted[name]  # kept before articles had a review, a dateline or a kicker
    return (
        (revision.headline, revision.standfirst, revision.body) == (row.headline, row.standfirst, row.body)
        and fields == wanted
        and (revision.figures or {}) == figures
    )


def last_revision(session: Session, article_id: int) -> RevisionRow | None:
    return session.scalar(
        select(RevisionRow)
        .where(RevisionRow.article_id == article_id)
        .order_by(RevisionRow.id.desc())
        .limit(1)
    )


def revisions(session: Session, article_id: int) -> list[Revision]:
    statement = (
        select(RevisionRow)
        .where(RevisionRow.article_id == article_id)
        .order_by(RevisionRow.id.desc())
    )
    return [to_revision(row) for row in session.scalars(statement)]


def count(session: Session) -> int:
    return session.scalar(select(func.count(ArticleRow.id))) or 0
