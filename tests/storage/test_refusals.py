"""Stores we must not open: each gets one sentence and stays byte-for-byte untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from desktop_editor.storage.errors import StoreError
from desktop_editor.storage.store import Store


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refuse(path, **kwargs) -> str:
    before = digest(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(StoreError) as caught:
        Store(path, **kwargs)
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings  # no -wal, -shm or backup
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")
    return message


def test_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Reporter's notes, not a database.\n" * 20)
    assert "not a SQLite database" in refuse(path)


def test_a_sqlite_database_of_another_program(tmp_path):
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE contacts (name TEXT)")
    db.execute("INSERT INTO contacts VALUES ('Source A')")
    db.commit()
    db.close()
    assert "another program" in refuse(path)


def test_a_store_from_a_newer_version(tmp_path, store_path):
    Store(store_path).close()
    db = sqlite3.connect(store_path)
    db.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    db.commit()
    db.execute("PRAGMA journal_mode=DELETE")
    db.close()
    assert "newer version" in refuse(store_path)


def test_a_store_locked_by_another_program(store_path):
    Store(store_path).close()
    db = sqlite3.connect(store_path)
    db.execute("PRAGMA journal_mode=DELETE")
    db.close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3,sys,time; db=sqlite3.connect(sys.argv[1], isolation_level=None);"
         "db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(30)",
         str(store_path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(StoreError) as caught:
            Store(store_path, busy_timeout_ms=300)
        assert "locked" in str(caught.value)
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def _make_read_only(folder, target) -> list[str]:
    """Make folder and target unwritable; as root, permission bits do not stop writes, so the
    immutable attribute does. Returns the chattr arguments to undo it ([] for chmod)."""
    os.chmod(target, 0o444)
    os.chmod(folder, 0o555)
    if os.access(folder, os.W_OK) and shutil.which("chattr"):
        done = subprocess.run(["chattr", "+i", str(target), str(folder)], capture_output=True)
        if done.returncode == 0:
            return [str(target), str(folder)]
    return []


def test_a_store_in_a_read_only_location(tmp_path, store_path):
    Store(store_path).close()
    db = sqlite3.connect(store_path)
    db.execute("PRAGMA journal_mode=DELETE")
    db.close()
    folder = tmp_path / "readonly"
    folder.mkdir()
    target = folder / "store.sqlite"
    shutil.copy(store_path, target)
    immutable = _make_read_only(folder, target)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this file system lets root write anywhere and has no immutable attribute")
        message = refuse(target)
        assert "read-only" in message and "was not opened" in message
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", *immutable], check=True)
        os.chmod(folder, 0o755)
