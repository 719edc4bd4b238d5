"""The newsroom's own words for the spelling checker.

Revision ID: 0006_newsroom_words
Revises: 0005_desk_server

- newsroom_words: names, places and terms every desk's spelling checker accepts
  (Stoltenberg, BALTOPS), kept in the store so that a word added at one desk is known at all.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_newsroom_words"
down_revision = "0005_desk_server"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "newsroom_words",
        sa.Column("word", sa.String(100), primary_key=True),
        sa.Column("added", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("newsroom_words")
