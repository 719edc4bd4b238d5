"""The subeditor's review: the data of suggestions and comments beside the body.

Revision ID: 0010_review
Revises: 0009_change_counter

- articles.review: {item id: {kind, author, at, text, words, replies, resolved, events}}
  (core.review). The items themselves stand in the body as CriticMarkup with an id marker
  (core.critic), so edits, revisions and merges carry them; this column holds what the
  markup has no room for. Articles already stored start with an empty review.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_review"
down_revision = "0009_change_counter"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy (see 0008): a copy of articles would cascade.
    op.add_column("articles", sa.Column("review", sa.JSON, nullable=False, server_default="{}"))


def downgrade() -> None:
    op.drop_column("articles", "review")
