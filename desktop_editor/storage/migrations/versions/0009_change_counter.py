"""A change counter: what sync compares first, so that nothing changed costs two reads.

Revision ID: 0009_change_counter
Revises: 0008_workflow

- store_meta 'changes': a number that moves on, in the same transaction, with every change
  to articles, their photos or the newsroom's words (triggers, so no write can forget it).
  Sync notes both stores' numbers when they last agreed; while neither has moved, nothing
  is read. It is a row, not a PostgreSQL sequence: a sequence moves before its transaction
  commits, so a sync could note a number whose change it had not yet seen.
"""

from alembic import op

revision = "0009_change_counter"
down_revision = "0008_workflow"
branch_labels = None
depends_on = None

TABLES = ("articles", "figures", "newsroom_words")
EVENTS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    op.execute("INSERT INTO store_meta (name, value) VALUES ('changes', '0')")
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for event in EVENTS:
                op.execute(
                    f"CREATE TRIGGER {table}_{event.lower()}_changes AFTER {event} ON {table} FOR EACH ROW BEGIN "
                    "UPDATE store_meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'changes'; END"
                )
        return
    op.execute(
        "CREATE FUNCTION store_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "UPDATE store_meta SET value = (CAST(value AS BIGINT) + 1)::text WHERE name = 'changes'; "
        "RETURN NULL; END $$"
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_changes AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION store_changed()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{event.lower()}_changes")
    else:
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_changes ON {table}")
        op.execute("DROP FUNCTION IF EXISTS store_changed()")
    op.execute("DELETE FROM store_meta WHERE name = 'changes'")
