"""Full-text search over headline, standfirst, byline, tags, photo captions and body.

The one dialect-specific part of the store, kept in step with every article write:
- SQLite: an FTS5 table with the Porter stemmer ("ferry" finds "ferries"), ranked by bm25
  with the headline counting most;
- PostgreSQL (schema 0005): a tsvector column on articles with a GIN index, made with the
  text-search configuration of the article's language ('simple' where the server has none
  for it), the headline weighted A, standfirst and tags B, byline and captions C, body D,
  ranked by ts_rank; accents folded on both sides, as SQLite's remove_diacritics does;
- other databases: a portable word match, newest first.
Both full-text variants take every word typed, the last one as a prefix (search as you type).
"""

from __future__ import annotations

import re

from sqlalchemy import exists, or_, select, text
from sqlalchemy.orm import Session

from desktop_editor.storage.tables import ArticleRow, FigureRow

_TOKEN = re.compile(r"\w+", re.UNICODE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # what a text-search parser takes as a word
# Weights for bm25, one per column: a match in the headline counts most.
_WEIGHTS = "10.0, 4.0, 3.0, 4.0, 1.5, 1.0"  # headline, standfirst, byline, tags, captions, body
SNIPPET_MARK = ("**", "**")  # the matched words in a snippet, as Markdown bold


# PostgreSQL: headline A, standfirst and tags B, byline and captions C, body D; ts_rank's
# weights are given as {D, C, B, A}; rank normalisation 1 divides by 1 + log(length).
PG_RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"

# Accented Latin letters and their plain forms, for desktop_editor_fold() (schema 0005).
FOLD_FROM = (
    "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķ"
    "ĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻ"
    "ȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ"
)
FOLD_TO = (
    "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKk"
    "LlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzsOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAa"
    "AaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYy"
)
_FOLD = str.maketrans(FOLD_FROM, FOLD_TO)

# An article's language (BCP 47, "en-GB") to the PostgreSQL text-search configuration
# that stems it; any other language, or one the server lacks, is searched with 'simple'.
PG_CONFIGS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish",
    "nl": "dutch", "en": "english", "fi": "finnish", "fr": "french", "de": "german",
    "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "nn": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip

# Fills an article's search columns from its stored fields and captions; run after the
# article's own UPDATE in the same transaction, so it reads what was just written.
PG_INDEX = """
UPDATE articles AS a SET search_config = c.cfg, search_vector =
    setweight(to_tsvector(c.cfg, desktop_editor_fold(a.headline)), 'A')
 || setweight(to_tsvector(c.cfg, desktop_editor_fold(a.standfirst || ' ' || COALESCE(
        (SELECT string_agg(t.value, ' ') FROM json_array_elements_text(a.tags::json) AS t), ''))), 'B')
 || setweight(to_tsvector(c.cfg, desktop_editor_fold(a.byline || ' ' || COALESCE(
        (SELECT string_agg(f.caption, ' ' ORDER BY f.position, f.id) FROM figures AS f
         WHERE f.article_id = a.id), ''))), 'C')
 || setweight(to_tsvector(c.cfg, desktop_editor_fold(a.body)), 'D')
FROM (SELECT COALESCE(
        (SELECT t.oid::regconfig FROM pg_catalog.pg_ts_config AS t
         WHERE t.cfgname = :config AND t.cfgnamespace = 'pg_catalog'::regnamespace),
        'simple'::regconfig) AS cfg) AS c
"""

PG_SEARCH = f"""
WITH RECURSIVE configs AS (  -- the configurations in use, a step through their index each
    (SELECT search_config AS cfg FROM articles ORDER BY search_config LIMIT 1)
    UNION ALL
    SELECT (SELECT a.search_config FROM articles AS a WHERE a.search_config > c.cfg
            ORDER BY a.search_config LIMIT 1)
    FROM configs AS c WHERE c.cfg IS NOT NULL
), parts AS (
    SELECT to_tsquery(cfg, :query) AS part FROM configs WHERE cfg IS NOT NULL
), q AS (
    SELECT string_agg('(' || part::text || ')', ' | ')::tsquery AS query FROM parts
    WHERE numnode(part) > 0
), ranked AS (
    SELECT a.id, a.search_config, a.body,
           ts_rank('{PG_RANK_WEIGHTS}', a.search_vector, (SELECT query FROM q), 1) AS rank
    FROM articles AS a
    WHERE a.search_vector @@ (SELECT query FROM q)
    ORDER BY rank DESC, a.id
    LIMIT :limit
)
"""


def text_search_config(language: str | None) -> str:
    primary = (language or "").replace("_", "-").split("-", 1)[0].strip().lower()
    return PG_CONFIGS.get(primary, "simple")


def fold(text: str) -> str:
    return text.translate(_FOLD)


def pg_query(query: str) -> str:
    """to_tsquery's text: every word typed, ANDed, the last one a prefix."""
    words = _WORD.findall(fold(query))
    if not words:
        return ""
    quoted = [f"'{word}'" for word in words]
    quoted[-1] += ":*"
    return " & ".join(quoted)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _is_sqlite(session: Session) -> bool:
    return _dialect(session) == "sqlite"


def index_article(session: Session, row: ArticleRow) -> None:
    dialect = _dialect(session)
    if dialect == "postgresql":
        session.execute(
            text(PG_INDEX + " WHERE a.id = :id"), {"id": row.id, "config": text_search_config(row.language)}
        )
        return
    if dialect != "sqlite":
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


def matches(
    session: Session, query: str, limit: int = 500, snippets: bool = True, marks: tuple[str, str] = SNIPPET_MARK
) -> list[tuple[int, str]]:
    """(id, snippet) of articles matching query, best match first. The snippet is a few
    words around the best match, the matched words between marks (**bold** unless other
    marks are given: a window that draws them itself asks for marks no Markdown uses);
    "" where there is none."""
    if _is_sqlite(session):
        match = fts_query(query)
        if not match:
            return []
        open_mark, close_mark = marks
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
    if _dialect(session) == "postgresql":
        return _pg_matches(session, query, limit, snippets, marks)
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


def _pg_matches(
    session: Session, query: str, limit: int, snippets: bool, marks: tuple[str, str] = SNIPPET_MARK
) -> list[tuple[int, str]]:
    match = pg_query(query)
    if not match:
        return []
    if snippets:
        select_ = (
            "SELECT id, ts_headline(search_config, body, (SELECT query FROM q), :options) "
            "FROM ranked ORDER BY rank DESC, id"
        )
    else:
        select_ = "SELECT id, '' FROM ranked ORDER BY rank DESC, id"
    options = (
        f'StartSel="{marks[0]}", StopSel="{marks[1]}", MaxWords=14, MinWords=6, MaxFragments=1, FragmentDelimiter=…'
    )
    rows = session.execute(text(PG_SEARCH + select_), {"query": match, "limit": limit, "options": options})
    return [(row[0], " ".join((row[1] or "").split())) for row in rows]
