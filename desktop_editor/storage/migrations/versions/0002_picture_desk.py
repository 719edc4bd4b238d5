"""Images stored once by SHA-256, their thumbnails, and per-article figures.

Revision ID: 0002_picture_desk
Revises: 0001_drafting
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_picture_desk"
down_revision = "0001_drafting"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "images",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("byte_size", sa.Integer, nullable=False),
        sa.Column("metadata", sa.JSON, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "thumbnails",
        sa.Column(
            "sha256",
            sa.String(64),
            sa.ForeignKey("images.sha256", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("size", sa.Integer, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("handle", sa.String(64), nullable=False),
        sa.Column("image_sha256", sa.String(64), sa.ForeignKey("images.sha256"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("caption", sa.Text, nullable=False, server_default=""),
        sa.Column("credit", sa.Text, nullable=False, server_default=""),
        sa.Column("alt", sa.Text, nullable=False, server_default=""),
        sa.Column("extended_description", sa.Text, nullable=False, server_default=""),
        sa.Column("creator", sa.Text, nullable=False, server_default=""),
        sa.Column("copyright", sa.Text, nullable=False, server_default=""),
        sa.Column("instructions", sa.Text, nullable=False, server_default=""),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.UniqueConstraint("article_id", "handle", name="uq_figures_article_handle"),
    )
    op.create_index("ix_figures_article_id", "figures", ["article_id"])
    op.create_index("ix_figures_image_sha256", "figures", ["image_sha256"])


def downgrade() -> None:
    op.drop_table("figures")
    op.drop_table("thumbnails")
    op.drop_table("images")
