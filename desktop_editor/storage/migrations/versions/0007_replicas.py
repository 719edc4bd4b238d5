"""Every store is a replica: identities the same in every store, and what sync needs.

Revision ID: 0007_replicas
Revises: 0006_newsroom_words

- articles.uid, revisions.uid: a random UUID (text) given once, carried by sync to every
  store, so that "the same article" never depends on a store's own id or slug; filled in
  here for the articles and revisions already stored.
- articles.conflicts: the values a merge did not keep for a field changed on two desks,
  [{field, handle, kept, other, other_from, at}], until someone settles them.
- store_meta 'store_id': this store's own UUID, which other stores know it by.
- sync_bases: per other store (peer) and per article uid (or "words" for the newsroom's word
  list), the state both last agreed on, with the versions it had in each store: the base of
  the next three-way merge, and its marks (version/number of photos) in each store then: how
  sync tells that nothing changed without reading texts.
Photos are already the same everywhere (SHA-256), and so is a photo's text (article, handle).
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007_replicas"
down_revision = "0006_newsroom_words"
branch_labels = None
depends_on = None


def _fill(table: str) -> None:
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text(f"SELECT id FROM {table} WHERE uid IS NULL"))]
    for row_id in ids:
        bind.execute(sa.text(f"UPDATE {table} SET uid = :uid WHERE id = :id"), {"uid": str(uuid.uuid4()), "id": row_id})


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy: on SQLite, copying articles would drop the old
    # table, and its ON DELETE CASCADE would take every revision and photo with it.
    op.add_column("articles", sa.Column("uid", sa.String(36), nullable=True))
    op.add_column("articles", sa.Column("conflicts", sa.JSON, nullable=False, server_default="[]"))
    op.add_column("revisions", sa.Column("uid", sa.String(36), nullable=True))
    for table in ("articles", "revisions"):
        _fill(table)
        if op.get_bind().dialect.name != "sqlite":  # SQLite cannot add NOT NULL to a column
            op.alter_column(table, "uid", existing_type=sa.String(36), nullable=False)
        op.create_index(f"ix_{table}_uid", table, ["uid"], unique=True)
    op.execute(f"INSERT INTO store_meta (name, value) VALUES ('store_id', '{uuid.uuid4()}')")
    op.create_table(
        "sync_bases",
        sa.Column("peer", sa.String(36), primary_key=True),
        sa.Column("item", sa.String(36), primary_key=True),
        sa.Column("local_mark", sa.String(40), nullable=False, server_default=""),
        sa.Column("peer_mark", sa.String(40), nullable=False, server_default=""),
        sa.Column("state", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_bases")
    op.execute("DELETE FROM store_meta WHERE name = 'store_id'")
    for table in ("revisions", "articles"):
        op.drop_index(f"ix_{table}_uid", table)
    op.drop_column("revisions", "uid")
    op.drop_column("articles", "conflicts")
    op.drop_column("articles", "uid")
