"""Moving the store: SQLite's backup API, a verified copy, the original left, one sentence
for every refusal, and the next start (window and command line) finds the new file."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from desktop_editor.core.model import Article
from desktop_editor.storage import location, move
from desktop_editor.storage.move import StoreMoveError, move_store
from desktop_editor.storage.store import Store
from tests.cli.conftest import run


def test_a_live_store_is_copied_whole_and_checked_and_the_original_stays(tmp_path, store):
    first = store.create_article(Article(headline="Council approves bridge", body="The council voted."))
    store.create_article(Article(headline="Second", body="More."))
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # recent commits are still only in the WAL
    reports = []
    moved = move_store(store.url, tmp_path / "moved.sqlite", progress=lambda done, total: reports.append((done, total)))
    assert (moved.articles, moved.images, moved.target) == (2, 0, tmp_path / "moved.sqlite")
    assert reports and reports[-1][0] == reports[-1][1] > 0
    assert moved.sentence() == (
        f"The store now lives at {tmp_path / 'moved.sqlite'}; the old file is still at {store.path}, "
        "to delete once you no longer need it."
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("moved", ".moved"))) == ["moved.sqlite"]
    with Store(moved.target) as copy:
        assert copy.get_article(first.id).headline == "Council approves bridge"
        assert copy.get_article(first.id).version == store.get_article(first.id).version
    assert store.get_article(first.id).body == "The council voted."  # the original still works


def test_the_default_store_is_where_it_was_moved_and_the_environment_and_option_still_win(tmp_path, monkeypatch):
    assert location.resolve_location() == location.store_url(location.default_store_path())
    location.remember_store(tmp_path / "elsewhere.sqlite")
    assert location.resolve_location() == location.store_url(tmp_path / "elsewhere.sqlite")
    assert location.resolve_location(str(tmp_path / "option.sqlite")).endswith("/option.sqlite")
    monkeypatch.setenv(location.STORE_ENVIRONMENT_VARIABLE, str(tmp_path / "env.sqlite"))
    assert location.resolve_location().endswith("/env.sqlite")
    location.remember_store(None)
    monkeypatch.delenv(location.STORE_ENVIRONMENT_VARIABLE)
    assert location.resolve_location() == location.store_url(location.default_store_path())


def test_refusals_are_one_sentence_and_leave_nothing(tmp_path, store, monkeypatch):
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"someone's file")

    def refusal(target, url=None) -> str:
        with pytest.raises(StoreMoveError) as caught:
            move_store(url or store.url, target)
        return str(caught.value)

    assert refusal(taken) == f"{taken} already exists: choose a new file name (nothing was copied)."
    assert taken.read_bytes() == b"someone's file"
    assert refusal(tmp_path / "no" / "such.sqlite") == f"The folder {tmp_path / 'no'} does not exist."
    assert "database server shared by the desks" in refusal(tmp_path / "a.sqlite", "postgresql://desk:secret@db/news")
    assert "secret" not in refusal(tmp_path / "a.sqlite", "postgresql://desk:secret@db/news")
    monkeypatch.setattr(move, "_free_space", lambda folder: 1000)
    assert refusal(tmp_path / "b.sqlite").startswith(f"There is not enough free space in {tmp_path} for the store")
    monkeypatch.undo()

    def full(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(move, "_copy", full)
    assert refusal(tmp_path / "c.sqlite") == f"The disk holding {tmp_path} is full: the store was not moved (it is still at {store.path})."

    def no_space(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(move, "_copy", no_space)
    assert refusal(tmp_path / "d.sqlite").startswith(f"The disk holding {tmp_path} is full")

    def read_only(*args):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(move, "_copy", read_only)
    assert refusal(tmp_path / "e.sqlite") == f"{tmp_path} is not writable: the store was not moved (it is still at {store.path})."
    assert not [p for p in tmp_path.iterdir() if p.name not in ("taken.sqlite", store.path.name) and not p.name.startswith(store.path.name)]


def test_a_copy_that_does_not_match_is_removed(tmp_path, store, monkeypatch):
    store.create_article(Article(headline="One"))
    real = move._verify
    monkeypatch.setattr(move, "_verify", lambda staging: (real(staging)[0] + 1, *real(staging)[1:]))
    with pytest.raises(StoreMoveError, match="did not match the store"):
        move_store(store.url, tmp_path / "moved.sqlite")
    assert not [p for p in tmp_path.iterdir() if "moved" in p.name]


def test_move_store_on_the_command_line(tmp_path, monkeypatch):
    default = location.default_store_path()
    run(None, "import", str(_bundle(tmp_path)))
    assert default.is_file()
    moved = run(None, "move-store", str(tmp_path / "new.sqlite"))
    assert f"The store now lives at {tmp_path / 'new.sqlite'}; the old file is still at {default}" in moved.stdout
    assert default.is_file()
    run(tmp_path / "new.sqlite", "set", "bridge", "--headline", "Moved")
    assert "Moved" in run(None, "list").stdout  # the default store is the new file now
    monkeypatch.setenv(location.STORE_ENVIRONMENT_VARIABLE, str(default))
    assert "Moved" not in run(None, "list").stdout  # the environment still wins
    again = run(None, "move-store", str(tmp_path / "new.sqlite"), check=False)
    assert again.returncode == 1 and again.stderr.strip() == (
        f"desktop-editor: {tmp_path / 'new.sqlite'} already exists: choose a new file name (nothing was copied)."
    )
    with Store(default) as open_elsewhere:  # a window's store host has it open
        open_elsewhere.list_articles()
        busy = run(None, "move-store", str(tmp_path / "newer.sqlite"), check=False)
    assert busy.returncode == 1 and "is open in a window or another program" in busy.stderr
    assert not (tmp_path / "newer.sqlite").exists()


def _bundle(tmp_path):
    path = tmp_path / "bridge.md"
    path.write_text("---\nheadline: Bridge\nslug: bridge\n---\nText.\n", encoding="utf-8")
    return path
