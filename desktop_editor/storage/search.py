"""Full-text search over headline, standfirst, byline, tags, photo captions and body.

The one dialect-specific part of the store: SQLite uses an FTS5 table with the Porter
stemmer ("ferry" finds "ferries"), kept in step with every article write; other
databases fall back to a portable word match (their own search is for later).
"""

from __future__ import annotations

import re

from sqlalchemy import exists, or_, select, text
from sqlalchemy.orm import Session

from desktop_editor.storage.tables import ArticleRow, FigureRow

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Weights for bm25, one per column: a match in the headline counts most.
_WEIGHTS = "10.0, 4.0, 3.0, 4.0, 1.5, 1.0"  # headline, standfirst, byline, tags, captions, body
SNIPPET_MARK = ("**", "**")  # the matched words in a snippet, as Markdown bold


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def index_article(session: Session, row: ArticleRow) -> None:
    if not _is_sqlite(session):
        return
    captions = session.scalars(
        select(FigureRow.caption).where(FigureRow.article_id == row.id).order_by(FigureRow.position)
    )
    session.execute(text("DELETE FROM article_search WHERE rowid = :id"), {"id": row.id})
    session.execute(
        text(
            "INSERT INTO article_search (rowid, headline, standfirst, byline, tags, captions, body) "
            "VALUES (:id, :headline, :standfirst, :byline, :tags, :captions, :body)"
        ),
        {
            "id": row.id,
            "headline": row.headline,
            "standfirst": row.standfirst,
            "byline": row.byline,
            "tags": " ".join(row.tags or ()),
            "captions": "\n".join(c for c in captions if c),
            "body": row.body,
        },
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
    return [article_id for article_id, _ in matches(session, query, limit, snippets=False)]


def matches(session: Session, query: str, limit: int = 500, snippets: bool = True) -> list[tuple[int, str]]:
    """(id, snippet) of articles matching query, best match first. The snippet is a few
    words around the best match, the matched words in **bold**; "" where there is none."""
    if _is_sqlite(session):
        match = fts_query(query)
        if not match:
            return []
        open_mark, close_mark = SNIPPET_MARK
        snippet = (
            "snippet(article_search, -1, :open, :close, '…', 12)" if snippets else "''"
        )
        rows = session.execute(
            text(
                f"SELECT rowid, {snippet} FROM article_search WHERE article_search MATCH :match "
                f"ORDER BY bm25(article_search, {_WEIGHTS}) LIMIT :limit"
            ),
            {"match": match, "limit": limit, "open": open_mark, "close": close_mark},
        )
        return [(row[0], " ".join((row[1] or "").split())) for row in rows]
    return [(article_id, "") for article_id in _portable_ids(session, query, limit)]


def _portable_ids(session: Session, query: str, limit: int) -> list[int]:
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
                ArticleRow.byline.ilike(pattern),
                ArticleRow.body.ilike(pattern),
                exists().where(FigureRow.article_id == ArticleRow.id, FigureRow.caption.ilike(pattern)),
            )
        )
    return list(session.scalars(statement))
