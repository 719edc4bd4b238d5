"""Articles, revisions and full-text search: the drafting loop.

Revision ID: 0001_drafting
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_drafting"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("slug", sa.String(120), nullable=False, unique=True),
        sa.Column("slug_locked", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("headline", sa.Text, nullable=False, server_default=""),
        sa.Column("standfirst", sa.Text, nullable=False, server_default=""),
        sa.Column("byline", sa.Text, nullable=False, server_default=""),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="draft"),
        sa.Column("language", sa.String(35), nullable=False, server_default="en-GB"),
        sa.Column("word_target", sa.Integer, nullable=True),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
        sa.Column("lead_image", sa.String(64), nullable=True),
        sa.Column("word_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_articles_updated", "articles", ["updated"])
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("label", sa.Text, nullable=False, server_default=""),
        sa.Column("headline", sa.Text, nullable=False, server_default=""),
        sa.Column("standfirst", sa.Text, nullable=False, server_default=""),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
        sa.Column("word_count", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_revisions_article_id", "revisions", ["article_id"])
    if op.get_bind().dialect.name == "sqlite":
        # Kept in step by the store in the same transaction as every article write.
        op.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "headline, standfirst, body, tokenize = 'unicode61 remove_diacritics 2')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE article_search")
    op.drop_table("revisions")
    op.drop_table("articles")
