"""The desk's workflow: recorded moves, embargo, assignee, desk, corrections and authors.

Revision ID: 0008_workflow
Revises: 0007_replicas

- transitions: every move of an article through the workflow (core.workflow): when, who,
  from which state to which, and an optional note; a UUID the same in every store.
- articles.embargo: not to be published before then (UTC); articles.assignee, articles.desk;
  articles.correction_count and articles.corrected_at (the last correction or update);
  articles.authors: [{name, role, url}], from which the byline is made when it is not empty.
Articles already stored keep their status (draft, subbing or ready) and start with no history.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_workflow"
down_revision = "0007_replicas"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy: on SQLite, copying articles would drop the old
    # table, and its ON DELETE CASCADE would take every revision and photo with it.
    op.add_column("articles", sa.Column("embargo", sa.DateTime(timezone=True), nullable=True))
    op.add_column("articles", sa.Column("assignee", sa.Text, nullable=False, server_default=""))
    op.add_column("articles", sa.Column("desk", sa.Text, nullable=False, server_default=""))
    op.add_column("articles", sa.Column("correction_count", sa.Integer, nullable=False, server_default="0"))
    op.add_column("articles", sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("articles", sa.Column("authors", sa.JSON, nullable=False, server_default="[]"))
    op.create_table(
        "transitions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.Text, nullable=False, server_default=""),
        sa.Column("from_state", sa.String(16), nullable=False),
        sa.Column("to_state", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("transitions")
    for column in ("authors", "corrected_at", "correction_count", "desk", "assignee", "embargo"):
        op.drop_column("articles", column)
