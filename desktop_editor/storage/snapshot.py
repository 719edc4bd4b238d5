"""A read-only peek at the article to show first, without loading SQLAlchemy.

The window shows this snapshot at once, so a reporter can start typing while the full store
opens in the background. Only a store already at the current schema qualifies; anything
else (new, older, newer, foreign) goes through the full Store, which refuses or upgrades.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from dataclasses import dataclass

from desktop_editor.core.model import Article, Author, Figure, Status
from desktop_editor.storage import schema

COLUMNS = (
    "id, headline, standfirst, byline, slug, slug_locked, tags, status, language, word_target, "
    "body, lead_image, publish_at, created, updated, version, word_count, uid, conflicts, "
    "embargo, assignee, desk, correction_count, corrected_at, authors, dateline, kicker"
)


FIGURE_COLUMNS = (
    "f.handle, f.image_sha256, f.caption, f.credit, f.alt, f.extended_description, f.creator, "
    "f.copyright, f.instructions, f.position, f.sources, i.width, i.height, i.format"
)


@dataclass(frozen=True)
class Snapshot:
    article: Article
    figures: list[Figure]  # its photos, in order, as storage.images.figures() reads them


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def first_article(path: Path, preferred_id: int | None) -> Article | None:
    """The preferred article (or else the most recent one) of a current-schema store.

    None when there is nothing to show quickly; raises StoreError for files to refuse.
    """
    snapshot = first_snapshot(path, preferred_id)
    return snapshot.article if snapshot is not None else None


def first_snapshot(path: Path, preferred_id: int | None) -> Snapshot | None:
    """first_article() with its photos (their text and sizes), so that the preview's first
    page shows them, not notes that they are missing."""
    if schema.check_sqlite_file(path) != schema.HEAD_REVISION:
        return None
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
    try:
        row = None
        if preferred_id is not None:
            row = connection.execute(
                f"SELECT {COLUMNS} FROM articles WHERE id = ? AND deleted IS NULL", (preferred_id,)
            ).fetchone()
        if row is None:
            row = connection.execute(
                f"SELECT {COLUMNS} FROM articles WHERE deleted IS NULL ORDER BY updated DESC LIMIT 1"
            ).fetchone()
        figure_rows = [] if row is None else connection.execute(
            f"SELECT {FIGURE_COLUMNS} FROM figures AS f JOIN images AS i ON i.sha256 = f.image_sha256 "
            "WHERE f.article_id = ? ORDER BY f.position, f.id",
            (row[0],),
        ).fetchall()  # fmt: skip
    except sqlite3.Error:
        return None  # the full store will say what is wrong
    finally:
        connection.close()
    if row is None:
        return None
    (article_id, headline, standfirst, byline, slug, slug_locked, tags, status, language,
     word_target, body, lead_image, publish_at, created, updated, version, word_count, uid,
     conflicts, embargo, assignee, desk, correction_count, corrected_at, authors, dateline, kicker) = row  # fmt: skip
    article = Article(
        id=article_id,
        headline=headline,
        standfirst=standfirst,
        byline=byline,
        slug=slug,
        slug_locked=bool(slug_locked),
        tags=tuple(json.loads(tags or "[]")),
        status=Status(status),
        language=language,
        word_target=word_target,
        body=body,
        lead_image=lead_image,
        publish_at=_moment(publish_at),
        created=_moment(created),
        updated=_moment(updated),
        version=version,
        word_count=word_count,
        uid=uid,
        conflicts=tuple(json.loads(conflicts or "[]")),
        # The desk's fields (schema 0008), as storage.transitions.article_fields reads them:
        # the first save after start writes them back, so each must be here as stored.
        embargo=_moment(embargo),
        assignee=assignee or "",
        desk=desk or "",
        correction_count=correction_count or 0,
        corrected_at=_moment(corrected_at),
        authors=tuple(
            Author(a.get("name", ""), a.get("role", "writer"), a.get("url", "")) for a in json.loads(authors or "[]")
        ),
        dateline=dateline or "",  # schema 0011
        kicker=kicker or "",
    )
    figures = [
        Figure(
            handle=handle, image_sha256=sha256, caption=caption, credit=credit, alt=alt,
            extended_description=description, creator=creator, copyright=copyright_,
            instructions=instructions, position=position, sources=json.loads(sources or "{}"),
            width=width, height=height, format=format_,
        )
        for (handle, sha256, caption, credit, alt, description, creator, copyright_, instructions,
             position, sources, width, height, format_) in figure_rows
    ]  # fmt: skip
    return Snapshot(article, figures)
