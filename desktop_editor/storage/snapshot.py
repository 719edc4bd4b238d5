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

from desktop_editor.core.model import Article, Status
from desktop_editor.storage import schema

COLUMNS = (
    "id, headline, standfirst, byline, slug, slug_locked, tags, status, language, word_target, "
    "body, lead_image, publish_at, created, updated, version, word_count"
)


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def first_article(path: Path, preferred_id: int | None) -> Article | None:
    """The preferred article (or else the most recent one) of a current-schema store.

    None when there is nothing to show quickly; raises StoreError for files to refuse.
    """
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
    except sqlite3.Error:
        return None  # the full store will say what is wrong
    finally:
        connection.close()
    if row is None:
        return None
    (article_id, headline, standfirst, byline, slug, slug_locked, tags, status, language,
     word_target, body, lead_image, publish_at, created, updated, version, word_count) = row  # fmt: skip
    return Article(
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
    )
