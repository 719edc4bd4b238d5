"""The store host syncs with the desk by itself (storage.sync_service), as the window uses
it: a real store host process on a laptop's SQLite file, a real desk store."""

from __future__ import annotations

import time

import pytest

from desktop_editor.core.model import Article
from desktop_editor.storage.client import StoreClient
from desktop_editor.storage.store import Store
from desktop_editor.storage.sync import sync
from desktop_editor.storage.sync_service import ask_status
from tests.waiting import wait_for


@pytest.fixture
def laptop(tmp_path):
    client = StoreClient(str(tmp_path / "laptop.sqlite"))
    client.wait_ready(30)
    yield client
    client.close()


def desk_headlines(desk_url) -> set[str]:
    with Store(desk_url) as desk:
        return {summary.headline for summary in desk.list_articles()}


def test_a_save_reaches_the_desk_within_five_seconds(laptop, backend_url):
    assert wait_for(lambda: ask_status(laptop, backend_url, 0), lambda s: s["state"] == "synced")["waiting"] == 0
    article = laptop.create_article(Article(headline="Ferry strike"))
    laptop.save_article(article.replace(body="Crews walked out at dawn.\n"))
    saved = time.monotonic()
    wait_for(lambda: desk_headlines(backend_url), lambda found: "Ferry strike" in found, timeout=10,
             describe="the saved article never reached the desk")  # fmt: skip
    assert time.monotonic() - saved <= 5.0
    status = ask_status(laptop, backend_url, 0)
    assert (status["state"], status["waiting"]) == ("synced", 0)
    assert "password" not in repr(status).lower()


def test_changes_from_the_desk_are_named_for_the_window(laptop, backend_url, tmp_path):
    ask_status(laptop, backend_url, 0)
    article = laptop.create_article(Article(headline="Harbour wall", body="First.\n"))
    wait_for(lambda: desk_headlines(backend_url), lambda found: "Harbour wall" in found)
    generation = ask_status(laptop, backend_url, 0)["generation"]
    with Store(tmp_path / "other.sqlite") as other, Store(backend_url) as desk:
        sync(other, desk, "other laptop", "desk")
        theirs = other.find_article(article.slug)
        other.save_article(theirs.replace(body="First.\n\nSecond, from the other laptop.\n"))
        sync(other, desk, "other laptop", "desk")
    status = wait_for(lambda: ask_status(laptop, backend_url, generation), lambda s: s["changed"],
                      describe="the desk's change never arrived")  # fmt: skip
    assert status["changed"] == [article.id]
    assert laptop.get_article(article.id).body == "First.\n\nSecond, from the other laptop.\n"
    assert ask_status(laptop, backend_url, status["generation"])["changed"] == []


def test_an_unreachable_desk_is_offline_with_the_changes_waiting(laptop, tmp_path):
    desk = "postgresql+psycopg://someone:s3cret-pass@127.0.0.1:9/nowhere?connect_timeout=2"
    for n in range(3):
        laptop.create_article(Article(headline=f"Story {n}"))
    status = wait_for(lambda: ask_status(laptop, desk, 0), lambda s: s["state"] == "offline", timeout=20)
    assert status["waiting"] == 3
    assert "s3cret-pass" not in repr(status)
    assert status["reason"]
    # the desk is set right: the waiting changes go at once
    good = str(tmp_path / "desk.sqlite")
    wait_for(lambda: ask_status(laptop, good, 0), lambda s: s["state"] == "synced" and s["waiting"] == 0)
    assert desk_headlines(good) == {"Story 0", "Story 1", "Story 2"}
