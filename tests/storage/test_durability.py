"""Commits survive a power cut, and the store never gives up its SQLite locks."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_editor.core.model import Article
from desktop_editor.storage import snapshot
from desktop_editor.storage.schema import HEAD_REVISION, SCHEMA_REVISIONS
from desktop_editor.storage.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Another program trying to take the store out of WAL mode: SQLite allows that only when no
# other connection (in any process) has the file open, so it must fail while a Store is open.
SWITCH_JOURNAL = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=0.2)
try:
    print(db.execute("PRAGMA journal_mode=DELETE").fetchone()[0])
except sqlite3.OperationalError as error:
    print(error)
"""


def another_program_switches_journal(path: Path) -> str:
    done = subprocess.run([sys.executable, "-c", SWITCH_JOURNAL, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_every_connection_commits_with_synchronous_full(store):
    # Several connections at once, as the window's threads would hold them.
    connections = [store.engine.connect() for _ in range(3)]
    try:
        assert [c.execute(text("PRAGMA synchronous")).scalar() for c in connections] == [2, 2, 2]
        assert [c.execute(text("PRAGMA journal_mode")).scalar() for c in connections] == ["wal"] * 3
    finally:
        for connection in connections:
            connection.close()
    seen = []

    def from_a_thread():
        with store.session() as session:
            seen.append(session.execute(text("PRAGMA synchronous")).scalar())

    thread = threading.Thread(target=from_a_thread)
    thread.start()
    thread.join()
    assert seen == [2]


def test_opening_the_same_store_again_keeps_the_first_ones_locks(store_path):
    with Store(store_path) as first:
        article = first.create_article(Article(headline="Held open", body="Typing goes on."))
        assert another_program_switches_journal(store_path) == "database is locked"
        # What the window does at start-up and when a second window or tool opens the store:
        assert snapshot.first_article(store_path, article.id).body == "Typing goes on."
        with Store(store_path) as second:
            assert second.get_article(article.id).headline == "Held open"
            assert another_program_switches_journal(store_path) == "database is locked"
        assert another_program_switches_journal(store_path) == "database is locked"
        first.save_article(article.replace(body="Typing goes on, still in WAL."))
        assert Path(f"{store_path}-wal").exists()
    raw = sqlite3.connect(store_path)
    assert raw.execute("SELECT body FROM articles").fetchone()[0] == "Typing goes on, still in WAL."
    raw.close()


@pytest.mark.parametrize("revision", SCHEMA_REVISIONS[:-1])
def test_upgrading_an_old_store_keeps_a_consistent_copy_and_the_locks(tmp_path, revision):
    path = tmp_path / "articles.sqlite"
    shutil.copy(FIXTURES / f"store-{revision}.sqlite", path)
    with Store(path) as store:
        assert store.backup_path == path.with_name(f"articles.sqlite.before-{HEAD_REVISION}-from-{revision}.bak")
        assert another_program_switches_journal(path) == "database is locked"
        backup = sqlite3.connect(store.backup_path)
        try:
            assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revision
            assert backup.execute("SELECT body FROM articles").fetchone()[0].startswith("The council voted")
        finally:
            backup.close()
        assert store.find_article("council-approves-new-bridge").version == 3
