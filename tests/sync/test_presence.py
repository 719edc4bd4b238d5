"""Who else has an article open: each laptop's store host notes on the desk which article its
window shows, and hears who else has one open (from the last minute); a hint for the library,
never a lock. Real store host processes on two laptops' SQLite files, a real desk (a SQLite
file, and the PostgreSQL server when DESKTOP_EDITOR_TEST_POSTGRES is set)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop_editor.core.model import Article
from desktop_editor.storage import presence
from desktop_editor.storage.client import StoreClient
from desktop_editor.storage.store import Store
from desktop_editor.storage.sync import sync
from desktop_editor.storage.sync_service import ask_status
from desktop_editor.storage.tables import PresenceRow
from tests.waiting import wait_for


@pytest.fixture
def laptops(tmp_path, backend_url):
    """Two laptops holding the same story (synced through the desk before their hosts start)."""
    a_path, b_path = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    with Store(a_path) as a, Store(b_path) as b, Store(backend_url) as desk:
        story = a.create_article(Article(headline="Council votes", body="The vote was close."))
        a.create_article(Article(headline="Schools", body="Exam results are out."))
        sync(a, desk, "laptop A", "desk")
        sync(b, desk, "laptop B", "desk")
        b_story = b.find_article(story.slug).id
    clients = [StoreClient(str(path)) for path in (a_path, b_path)]
    for client in clients:
        client.wait_ready(30)
    yield clients[0], clients[1], story.id, b_story
    for client in clients:
        client.close()


def test_each_laptop_hears_who_else_has_the_story_open_and_not_once_they_close_it(laptops, backend_url):
    a, b, a_story, b_story = laptops
    wait_for(lambda: ask_status(a, backend_url, 0, (a_story, "Anna Reporter")), lambda s: s["state"] == "synced")
    heard = wait_for(
        lambda: ask_status(b, backend_url, 0, (None, "Ben Sub"))["present"], lambda present: present, timeout=20,
        describe=lambda present: f"laptop B never heard that laptop A has the story open (heard {present})",
    )  # fmt: skip
    assert list(heard) == [b_story] and heard[b_story][0].startswith("Anna Reporter on ")
    assert all(b_story not in ask_status(a, backend_url, 0, (a_story, "Anna Reporter"))["present"] for _ in range(2))
    ask_status(a, backend_url, 0, (None, "Anna Reporter"))  # laptop A's window closes the story
    wait_for(lambda: ask_status(b, backend_url, 0, (None, "Ben Sub"))["present"], lambda present: not present, timeout=20,
             describe="laptop B still hears the story is open on laptop A after it was closed")  # fmt: skip


def test_a_note_older_than_a_minute_is_somebody_who_has_gone(tmp_path, backend_url):
    with Store(tmp_path / "a.sqlite") as a, Store(tmp_path / "b.sqlite") as b, Store(backend_url) as desk:
        story = a.create_article(Article(headline="Council votes"))
        sync(a, desk, "laptop A", "desk")
        sync(b, desk, "laptop B", "desk")
        presence.exchange(a, desk, story.id, "Anna Reporter", "laptop-a")
        theirs = b.find_article(story.slug).id
        assert presence.exchange(b, desk, None, "Ben Sub", "laptop-b") == {theirs: ["Anna Reporter on laptop-a"]}
        with desk._write() as session:  # laptop A's host died two minutes ago, its note left behind
            for row in session.query(PresenceRow):
                row.seen = datetime.now(UTC) - timedelta(minutes=2)
        assert presence.exchange(b, desk, None, "Ben Sub", "laptop-b") == {}
