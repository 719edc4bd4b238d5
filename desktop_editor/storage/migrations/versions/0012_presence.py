"""Presence: which article each store's window shows, noted on the desk for the others.

Revision ID: 0012_presence
Revises: 0011_dateline_kicker

- presence: one row per store whose window has an article open, written by that store's
  sync with the desk every few seconds (storage.presence): the article's identity, who and
  on which machine, and when. Only the desk's table is read; a row older than a minute is
  stale. A hint for the library, never a lock.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_presence"
down_revision = "0011_dateline_kicker"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "presence",
        sa.Column("store_id", sa.String(36), primary_key=True),
        sa.Column("article_uid", sa.String(36), nullable=False, index=True),
        sa.Column("user", sa.String(200), nullable=False, server_default=""),
        sa.Column("machine", sa.String(200), nullable=False, server_default=""),
        sa.Column("seen", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("presence")
