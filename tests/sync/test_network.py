"""Sync through a relay on 127.0.0.1 in front of the PostgreSQL desk: a connection dropped
mid-transfer, and the desk going away and coming back (a restart, as the laptop sees it:
every connection cut, new ones refused, then answered again). The next sync completes;
nothing is duplicated or stored truncated; a sync after that has nothing to do."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from desktop_editor.storage.store import Store
from desktop_editor.storage.sync import sync
from desktop_editor.storage.tables import ImageRow
from tests.storage.conftest import POSTGRES_URL, empty_postgres, needs_postgres
from tests.storage.relay import Relay
from tests.sync.test_sync import counts, seeded

pytestmark = needs_postgres


@pytest.fixture
def relay():
    url = make_url(empty_postgres())
    relay = Relay(url.port or 5432)
    relay.url = url.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
    yield relay
    relay.close()


def images_whole(store: Store) -> bool:
    with store.session() as session:
        return all(hashlib.sha256(row.data).hexdigest() == row.sha256 for row in session.scalars(select(ImageRow)))


def test_a_connection_dropped_while_photos_travel_is_made_good_by_the_next_sync(relay, tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=3)
    with a, Store(relay.url) as desk:
        relay.cut_after = relay.sent + 6_000  # the photos travel first: inside them
        with pytest.raises(Exception):  # noqa: B017 - whatever the driver says about a cut link
            sync(a, desk, "laptop", "desk")
        assert relay.cuts == 1
        with Store(POSTGRES_URL) as seen:  # cut before the article went: photos whole or absent
            articles, photos, _revisions = counts(seen)
            assert articles == 0 and photos < 3 and images_whole(seen)
        report = sync(a, desk, "laptop", "desk")  # a fresh connection from the pool
        assert report.sent == 1 or report.photos_sent
        assert counts(desk) == counts(a) == (1, 3, 1)
        assert images_whole(desk)
        assert sync(a, desk, "laptop", "desk").nothing_to_do
        with Store(tmp_path / "b.sqlite") as b:
            sync(b, desk, "laptop B", "desk")
            there = b.find_article(article.slug)
            assert there.body == article.body and counts(b) == (1, 3, 1) and images_whole(b)


def test_cut_while_the_article_is_written_leaves_it_whole(relay, tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=1)
    with a, Store(relay.url) as desk:
        sync(a, desk, "laptop", "desk")
        a.save_article(a.get_article(article.id).replace(body=article.body + "\nA late paragraph.\n" * 400))
        relay.cut_after = relay.sent + 4_000  # inside the article's own transaction
        with pytest.raises(Exception):  # noqa: B017
            sync(a, desk, "laptop", "desk")
        with Store(POSTGRES_URL) as seen:  # straight to the server, past the relay
            body = seen.find_article(article.slug).body
            assert body in (article.body, article.body + "\nA late paragraph.\n" * 400)  # old or new, never half
        sync(a, desk, "laptop", "desk")
        assert desk.find_article(article.slug).body == a.get_article(article.id).body
        assert counts(desk) == counts(a)
        assert sync(a, desk, "laptop", "desk").nothing_to_do


def test_the_desk_going_away_and_coming_back(relay, tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=1)
    with a, Store(relay.url) as desk:
        sync(a, desk, "laptop", "desk")
        a.save_article(a.get_article(article.id).replace(body="Written while the desk restarted.\n"))
        relay.refusing = True
        relay.cut()
        with pytest.raises(Exception):  # noqa: B017
            sync(a, desk, "laptop", "desk")
        assert a.get_article(article.id).body == "Written while the desk restarted.\n"  # nothing changed here
        relay.refusing = False
        report = sync(a, desk, "laptop", "desk")
        assert report.sent == 1
        assert desk.find_article(article.slug).body == "Written while the desk restarted.\n"
        assert counts(desk) == counts(a)
        assert sync(a, desk, "laptop", "desk").nothing_to_do
