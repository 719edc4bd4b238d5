"""The same store code on PostgreSQL, as a newsroom sharing one server would run it.

Runs when DESKTOP_EDITOR_TEST_POSTGRES holds a SQLAlchemy URL of an empty database to use
(tools/start-test-postgres prints one; .ci/run sets it); skipped otherwise.
"""

from __future__ import annotations

import hashlib
import os

import pytest

from desktop_editor.core.model import Article, Figure, Status
from desktop_editor.storage.errors import ConflictError

URL = os.environ.get("DESKTOP_EDITOR_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="DESKTOP_EDITOR_TEST_POSTGRES is not set (no PostgreSQL server here)")


@pytest.fixture
def pg_store():
    from sqlalchemy import create_engine, text

    from desktop_editor.storage.store import Store

    engine = create_engine(URL)
    with engine.begin() as connection:  # a clean schema for every test
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    store = Store(URL)
    yield store
    store.close()


def test_articles_versions_and_conflicts(pg_store):
    article = pg_store.create_article(
        Article(headline="Council approves bridge", body="The council voted on Tuesday.", tags=("transport",), status=Status.SUBBING)
    )
    assert pg_store.find_article("council-approves-bridge") == article
    saved = pg_store.save_article(article.replace(body="Rewritten about ferries."))
    assert saved.version == article.version + 1
    with pytest.raises(ConflictError):
        pg_store.save_article(article.replace(body="A stale window's text."))
    assert pg_store.create_article(Article(headline="Council approves bridge")).slug == "council-approves-bridge-2"


def test_search_revisions_trash_and_photos(pg_store):
    article = pg_store.create_article(Article(headline="Ferries", standfirst="A new route", body="Boats leave at dawn."))
    assert [s.id for s in pg_store.search("dawn")] == [article.id]
    pg_store.take_revision(article.id, "manual", "first")
    assert [r.label for r in pg_store.list_revisions(article.id)] == ["first"]
    data = b"not really a picture, stored as it is"
    sha256 = hashlib.sha256(data).hexdigest()
    pg_store.put_image(sha256, data, "JPEG", 640, 427, {"caption": {"value": "x", "source": "XMP"}})
    pg_store.add_figure(article.id, Figure(handle="boat", image_sha256=sha256, caption="A boat."))
    assert [(f.handle, f.width) for f in pg_store.figures(article.id)] == [("boat", 640)]
    assert pg_store.image_bytes(sha256) == data
    pg_store.move_to_trash(article.id)
    assert pg_store.empty_trash() == 1
    assert pg_store.list_articles() == []


def test_photo_text_saves_with_the_article_and_revisions_keep_everything(pg_store):
    article = pg_store.create_article(Article(headline="Ferries", byline="A Reporter", tags=("transport",), body="Boats."))
    data = b"another picture, stored as it is"
    sha256 = hashlib.sha256(data).hexdigest()
    pg_store.put_image(sha256, data, "JPEG", 640, 427, {})
    pg_store.add_figure(article.id, Figure(handle="boat", image_sha256=sha256, caption="A boat."))
    article = pg_store.get_article(article.id)
    kept = pg_store.take_revision(article.id, "manual", "first")
    saved = pg_store.save_article(article.replace(byline="Desk"), {"boat": {"caption": "Two boats."}})
    assert saved.version == article.version + 1
    with pytest.raises(ConflictError):
        pg_store.save_article(article, {"boat": {"caption": "A stale caption."}})
    with pytest.raises(ConflictError):
        pg_store.update_figure(article.id, "boat", expected_version=article.version, caption="Stale too.")
    assert [f.caption for f in pg_store.figures(article.id)] == ["Two boats."]
    restored = pg_store.restore_revision(saved, kept)
    assert (restored.byline, restored.tags) == ("A Reporter", ("transport",))
    assert [f.caption for f in pg_store.figures(article.id)] == ["A boat."]
    assert pg_store.list_revisions(article.id)[0].figures == {"boat": {**kept.figures["boat"], "caption": "Two boats."}}
