"""A store a newsroom shares on one PostgreSQL server.

Revision ID: 0005_desk_server
Revises: 0004_search_and_publish_time

- store_meta: facts about the store itself; 'app_version' is the version of Desktop
  Editor that set it up or last upgraded it, so a desk on an older version is told which
  version to install.
- PostgreSQL: full-text search of its own. articles.search_config (the text-search
  configuration of the article's language) and articles.search_vector (headline A,
  standfirst and tags B, byline and captions C, body D, accents folded by
  desktop_editor_fold()), with a GIN index, filled here from the stored articles and kept
  in step by the store with every write (storage.search); an index for looking up the
  next free slug.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_desk_server"
down_revision = "0004_search_and_publish_time"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from desktop_editor.storage import search

    op.create_table(
        "store_meta",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False, server_default=""),
    )
    op.execute("INSERT INTO store_meta (name, value) VALUES ('app_version', '')")
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    fold_from = search.FOLD_FROM.replace("'", "''")
    fold_to = search.FOLD_TO.replace("'", "''")
    op.execute(
        "CREATE OR REPLACE FUNCTION desktop_editor_fold(value text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        f"AS $$ SELECT translate(value, '{fold_from}', '{fold_to}') $$"
    )
    op.execute("ALTER TABLE articles ADD COLUMN search_config regconfig NOT NULL DEFAULT 'simple'")
    op.execute("ALTER TABLE articles ADD COLUMN search_vector tsvector")
    languages = [row[0] for row in bind.execute(sa.text("SELECT DISTINCT language FROM articles"))]
    for language in languages:
        bind.execute(
            sa.text(search.PG_INDEX + " WHERE a.language = :language"),
            {"language": language, "config": search.text_search_config(language)},
        )
    op.execute("CREATE INDEX ix_articles_search ON articles USING gin (search_vector)")
    op.execute("CREATE INDEX ix_articles_search_config ON articles (search_config)")
    # The next free slug is looked for with LIKE 'base%': an index that can serve it.
    op.execute("CREATE INDEX ix_articles_slug_prefix ON articles (slug text_pattern_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_articles_slug_prefix")
        op.execute("DROP INDEX ix_articles_search_config")
        op.execute("DROP INDEX ix_articles_search")
        op.execute("ALTER TABLE articles DROP COLUMN search_vector")
        op.execute("ALTER TABLE articles DROP COLUMN search_config")
        op.execute("DROP FUNCTION desktop_editor_fold(text)")
    op.drop_table("store_meta")
