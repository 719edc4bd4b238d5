"""Full-text search over headline, standfirst and body.

The one dialect-specific part of the store: SQLite uses an FTS5 table kept in step with
every article write; other databases fall back to a portable LIKE search.
"""

from __future__ import annotations

import re

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from desktop_editor.storage.tables import ArticleRow

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def index_article(session: Session, row: ArticleRow) -> None:
    if not _is_sqlite(session):
        return
    session.execute(text("DELETE FROM article_search WHERE rowid = :id"), {"id": row.id})
    session.execute(
        text(
            "INSERT INTO article_search (rowid, headline, standfirst, body) "
            "VALUES (:id, :headline, :standfirst, :body)"
        ),
        {"id": row.id, "headline": row.headline, "standfirst": row.standfirst, "body": row.body},
    )


def unindex_article(session: Session, article_id: int) -> None:
    if _is_sqlite(session):
        session.execute(text("DELETE FROM article_search WHERE rowid = :id"), {"id": article_id})


def fts_query(query: str) -> str:
    """Every word the person typed must match; the last one may be a prefix (search as you type)."""
    tokens = _TOKEN.findall(query)
    if not tokens:
        return ""
    quoted = [f'"{token}"' for token in tokens]
    quoted[-1] += "*"
    return " ".join(quoted)


def matching_ids(session: Session, query: str, limit: int = 500) -> list[int]:
    """Ids of articles matching query, best match first."""
    if _is_sqlite(session):
        match = fts_query(query)
        if not match:
            return []
        rows = session.execute(
            text(
                "SELECT rowid FROM article_search WHERE article_search MATCH :match "
                "ORDER BY bm25(article_search, 10.0, 4.0, 1.0) LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        )
        return [row[0] for row in rows]
    tokens = _TOKEN.findall(query)
    if not tokens:
        return []
    statement = select(ArticleRow.id).order_by(ArticleRow.updated.desc()).limit(limit)
    for token in tokens:
        pattern = f"%{token}%"
        statement = statement.where(
            or_(
                ArticleRow.headline.ilike(pattern),
                ArticleRow.standfirst.ilike(pattern),
                ArticleRow.body.ilike(pattern),
            )
        )
    return list(session.scalars(statement))
