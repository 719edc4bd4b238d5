"""Revisions keep every field of the article and the text of its photos.

Revision ID: 0003_full_revisions
Revises: 0002_picture_desk

`fields` holds the article's other fields (byline, slug, slug_locked, tags, status,
language, word_target, lead_image); `figures` holds {handle: {caption, credit, alt, ...}}.
Revisions kept before this hold only headline, standfirst and body: both are {} for them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_full_revisions"
down_revision = "0002_picture_desk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("fields", sa.JSON, nullable=False, server_default="{}"))
        batch.add_column(sa.Column("figures", sa.JSON, nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("figures")
        batch.drop_column("fields")
