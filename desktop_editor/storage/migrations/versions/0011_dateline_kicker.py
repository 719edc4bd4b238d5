"""The dateline and the kicker: two more fields of an article.

Revision ID: 0011_dateline_kicker
Revises: 0010_review

- articles.dateline: the place the story was filed from (e.g. BRUSSELS), written at the
  start of the first paragraph in the house's format (core.dateline).
- articles.kicker: the small label above the headline (e.g. Analysis).
Articles already stored start with neither.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_dateline_kicker"
down_revision = "0010_review"
branch_labels = None
depends_on = None
NEW_COLUMNS = ("dateline", "kicker")  # text, "" when absent


def upgrade() -> None:
    for name in NEW_COLUMNS:  # plain ADD COLUMN, never a batch copy, which would cascade (see 0008)
        op.add_column("articles", sa.Column(name, sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    for name in reversed(NEW_COLUMNS):
        op.drop_column("articles", name)
