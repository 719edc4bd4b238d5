"""Search that finds what a person means, and the time an article is published.

Revision ID: 0004_search_and_publish_time
Revises: 0003_full_revisions

- articles.publish_at: when the article is (to be) published; the exported page's
  datePublished. Empty for every article so far.
- SQLite's full-text index is made again with the Porter stemmer ("ferry" finds
  "ferries") and with byline, tags and the photos' captions beside headline, standfirst
  and body, then filled from the stored articles. Other databases have no such index.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_search_and_publish_time"
down_revision = "0003_full_revisions"
branch_labels = None
depends_on = None

SEARCH_COLUMNS = "headline, standfirst, byline, tags, captions, body"


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS article_search")
        op.execute(
            f"CREATE VIRTUAL TABLE article_search USING fts5({SEARCH_COLUMNS}, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            f"INSERT INTO article_search (rowid, {SEARCH_COLUMNS}) "
            "SELECT a.id, a.headline, a.standfirst, a.byline, "
            "COALESCE((SELECT group_concat(t.value, ' ') FROM json_each(a.tags) AS t), ''), "
            "COALESCE((SELECT group_concat(f.caption, ' ') FROM figures AS f "
            "WHERE f.article_id = a.id), ''), a.body FROM articles AS a"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE article_search")
        op.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "headline, standfirst, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        op.execute(
            "INSERT INTO article_search (rowid, headline, standfirst, body) "
            "SELECT id, headline, standfirst, body FROM articles"
        )
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("publish_at")
