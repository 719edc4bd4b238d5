"""The store host: the window's store in a process of its own, reached through StoreClient.

Real SQLite files, real host processes. The point of it all is the lock test: whatever the
window's process does with the database file, the host's SQLite locks stay where they are.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from desktop_editor.core.model import Article, Figure, PhotoChange
from desktop_editor.storage.client import StoreClient
from desktop_editor.storage.errors import ConflictError, NotFound, Refused, StoreError
from desktop_editor.storage.store import Store
from desktop_editor.workflows import attach_files
from tests.images import photo

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def client(store_path):
    opened = StoreClient(str(store_path))
    yield opened
    opened.close()


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has stopped; only its reaping is left


def wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def open_files(pid: int) -> list[str]:
    targets = []
    for entry in Path(f"/proc/{pid}/fd").iterdir():
        try:
            targets.append(os.readlink(entry))
        except OSError:
            pass  # closed while we looked
    return targets


def test_the_client_returns_at_once_and_every_kind_of_call_works(store_path, tmp_path):
    started = time.monotonic()
    client = StoreClient(str(store_path))
    assert time.monotonic() - started < 0.5 and not client.ready  # the host opens the store
    try:
        article = client.create_article(Article(headline="Council approves new bridge", body="First."))
        assert client.ready and client.path == store_path and client.url.startswith("sqlite:///")
        saved = client.save_article(article.replace(body="The council voted on Tuesday."))
        assert saved.version == article.version + 1
        assert client.find_article("council-approves-new-bridge") == saved
        assert [summary.id for summary in client.list_articles()] == [article.id]
        assert [summary.id for summary in client.search("voted")] == [article.id]
        assert client.unique_slug("council-approves-new-bridge") != "council-approves-new-bridge"

        revision = client.take_revision(article.id, "manual", "First draft")
        assert [r.label for r in client.list_revisions(article.id)] == ["First draft"]
        restored = client.restore_revision(saved, revision)
        assert restored.body == "The council voted on Tuesday."

        big = os.urandom(3 * 2**20)  # a few MB each way
        sha = hashlib.sha256(big).hexdigest()
        asset = client.put_image(sha, big, "JPEG", 4000, 3000, {"caption": "Big"})
        assert asset.sha256 == sha and client.image_bytes(sha) == big
        assert client.thumbnail(sha, 256) is None
        client.put_thumbnail(sha, 256, b"thumb")
        assert client.thumbnail(sha, 256) == b"thumb"

        (tmp_path / "ship.jpg").write_bytes(photo(caption="HMS Ocean", credit="Navy"))
        added, refused = attach_files(client, article.id, [tmp_path / "ship.jpg"])  # IngestedImage travels
        assert refused == [] and added[0].caption == "HMS Ocean"
        client.update_figure(article.id, "ship", alt="A grey warship at sea")  # keyword arguments travel
        assert [(f.handle, f.alt) for f in client.figures(article.id)] == [("ship", "A grey warship at sea")]
        client.move_to_trash(article.id)
        assert client.empty_trash() == 1
    finally:
        client.close()
        client.close()  # closing twice is harmless
    with pytest.raises(StoreError):
        client.article_count()
    assert not Path(f"{store_path}-wal").exists()  # the host closed the store cleanly


def test_errors_arrive_with_their_class_and_sentence(client):
    article = client.create_article(Article(headline="Bridge"))
    client.save_article(article.replace(body="Window A's text."))
    with pytest.raises(ConflictError) as conflict:
        client.save_article(article.replace(body="Window B's text."))
    assert conflict.value.article_id == article.id
    assert "changed elsewhere" in str(conflict.value)
    with pytest.raises(NotFound, match="no article"):
        client.get_article(999)
    client.put_image("a" * 64, b"x", "PNG", 1, 1, {})
    client.add_figure(article.id, Figure("dup", "a" * 64))
    client.add_figure(article.id, Figure("other", "a" * 64))
    with pytest.raises(Refused, match="already has a photo"):
        client.change_photos(client.get_article(article.id), None, PhotoChange.rename("other", "dup"))
    with pytest.raises(StoreError) as other:  # not a StoreError in the host: told as one sentence
        client._call("get_article")  # a call the host cannot make (an argument missing)
    assert str(other.value).startswith("The store failed: ") and "\n" not in str(other.value)
    assert type(other.value) is StoreError
    with pytest.raises(AttributeError):
        client.no_such_method


def refused_by_the_host(path: Path) -> str:
    before = path.read_bytes()
    siblings = sorted(p.name for p in path.parent.iterdir())
    client = StoreClient(str(path))
    try:
        with pytest.raises(StoreError) as caught:
            client.wait_ready()
        with pytest.raises(StoreError):
            client.article_count()  # calls say the same
    finally:
        client.close()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings
    assert "\n" not in str(caught.value) and str(caught.value).endswith(".")
    return str(caught.value)


def test_a_refused_store_is_reported_and_left_untouched(tmp_path, store_path):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Reporter's notes, not a database.\n" * 20)
    assert "not a SQLite database" in refused_by_the_host(notes)

    Store(store_path).close()
    db = sqlite3.connect(store_path)
    db.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    db.commit()
    db.execute("PRAGMA journal_mode=DELETE")
    db.close()
    assert "newer version" in refused_by_the_host(store_path)


def test_calls_from_four_threads_at_once_all_succeed(client):
    client.wait_ready()
    failures: list[BaseException] = []

    def write(number: int) -> None:
        try:
            article = client.create_article(Article(headline=f"Story {number}"))
            for version in range(10):
                article = client.save_article(article.replace(body=f"Draft {version} of {number}."))
        except BaseException as error:  # noqa: BLE001 (reported below)
            failures.append(error)

    threads = [threading.Thread(target=write, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(client.get_article(s.id).body for s in client.list_articles()) == [
        f"Draft 9 of {number}." for number in range(4)
    ]


def test_closing_the_database_file_in_this_process_cannot_cost_the_store_its_locks(client, store_path):
    article = client.create_article(Article(headline="Bridge", body="First."))
    open(store_path, "rb").close()  # what a file dialog, a file watcher or MIME sniffing does
    listed = subprocess.run(
        [sys.executable, "-m", "desktop_editor", "list", "--store", str(store_path)],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    client.save_article(article.replace(body="Saved, and really on disk."))
    shown = subprocess.run(
        [sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("
         "'SELECT body FROM articles').fetchone()[0])", str(store_path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert shown.stdout.strip() == "Saved, and really on disk."
    store_files = {target for target in open_files(client.pid) if target.startswith(str(store_path))}
    assert f"{store_path}-wal" in store_files  # the host still writes to the live WAL...
    assert not [target for target in store_files if target.endswith("(deleted)")]  # ...not a ghost


def test_the_host_ignores_signals_meant_for_the_window(client):
    client.wait_ready()
    for number in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        os.kill(client.pid, number)
    time.sleep(0.2)
    assert client.article_count() == 0


def test_when_the_window_dies_the_host_lands_the_save_and_goes(store_path):
    script = textwrap.dedent("""
        import sys, time
        from desktop_editor.core.model import Article, Figure
        from desktop_editor.storage.client import StoreClient
        client = StoreClient(sys.argv[1])
        article = client.create_article(Article(headline="Bridge"))
        client.save_article(article.replace(body="Typed just before the crash."))
        print(client.pid, flush=True)
        time.sleep(60)
    """)
    window = subprocess.Popen(
        [sys.executable, "-c", script, str(store_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, cwd=REPO,
    )  # fmt: skip
    try:
        host = int(window.stdout.readline())
        window.kill()
        window.wait()
        assert wait_gone(host, 5)
    finally:
        window.kill()
    assert window.stderr.read() == ""  # the host says nothing when all is well
    with Store(store_path) as store:
        assert store.list_articles()[0].id == 1
        assert store.get_article(1).body == "Typed just before the crash."
    assert not Path(f"{store_path}-wal").exists()  # it closed the store cleanly


def test_a_host_killed_under_the_client_is_replaced_by_the_next_call(client):
    article = client.create_article(Article(headline="Bridge"))
    first = client.pid
    os.kill(first, signal.SIGKILL)
    assert wait_gone(first, 5)
    with pytest.raises(StoreError) as stopped:
        client.save_article(article.replace(body="Lost? No: kept in the window."))
    assert "stopped working" in str(stopped.value) and "SIGKILL" in str(stopped.value)
    saved = client.save_article(article.replace(body="Saved by the fresh host."))
    assert client.pid != first
    assert client.get_article(article.id) == saved
