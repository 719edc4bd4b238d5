from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from desktop_editor.core.model import Article, Status
from desktop_editor.storage.errors import ConflictError, NotFound
from desktop_editor.storage.schema import HEAD_REVISION
from desktop_editor.storage.store import Store

BODY = "The council voted **7-2** on Tuesday to build the bridge."


def test_store_is_a_real_sqlite_file_with_the_agreed_pragmas(store, store_path):
    assert store_path.read_bytes()[:16] == b"SQLite format 3\x00"
    with store.session() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA busy_timeout")).scalar() > 0
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION


def test_articles_round_trip_with_every_field(store):
    created = store.create_article(
        Article(
            headline="Council approves new bridge",
            standfirst="The crossing will open in 2028.",
            byline="A Reporter",
            tags=("transport", "council"),
            status=Status.SUBBING,
            language="en-GB",
            word_target=600,
            body=BODY,
        )
    )
    again = store.find_article("council-approves-new-bridge")
    assert again == created
    assert again.tags == ("transport", "council")
    assert again.word_count == 10
    assert store.find_article(str(created.id)).id == created.id
    with pytest.raises(NotFound):
        store.find_article("no-such-story")


def test_a_stale_save_is_refused_never_silently_overwritten(store):
    article = store.create_article(Article(headline="Bridge", body="First."))
    window_a = article
    window_b = store.get_article(article.id)
    saved_a = store.save_article(window_a.replace(body="Window A's text."))
    assert saved_a.version == article.version + 1
    with pytest.raises(ConflictError):
        store.save_article(window_b.replace(body="Window B's text."))
    assert store.get_article(article.id).body == "Window A's text."


def test_two_stores_on_one_file_see_each_others_conflicts(store_path):
    with Store(store_path) as first, Store(store_path) as second:
        article = first.create_article(Article(headline="Shared"))
        from_second = second.get_article(article.id)
        first.save_article(article.replace(body="from the first desk"))
        with pytest.raises(ConflictError):
            second.save_article(from_second.replace(body="from the second desk"))


def test_slugs_follow_the_headline_and_stay_unique(store):
    one = store.create_article(Article(headline="Council approves new bridge"))
    two = store.create_article(Article(headline="Council approves new bridge"))
    assert (one.slug, two.slug) == ("council-approves-new-bridge", "council-approves-new-bridge-2")
    renamed = store.save_article(two.replace(headline="Council rejects bridge", slug="council-rejects-bridge"))
    assert renamed.slug == "council-rejects-bridge"
    clash = store.save_article(renamed.replace(slug="council-approves-new-bridge", slug_locked=True))
    assert clash.slug == "council-approves-new-bridge-2"


def test_full_text_search_over_headline_standfirst_and_body(store):
    bridge = store.create_article(Article(headline="Council approves bridge", body=BODY))
    store.create_article(Article(headline="Schools", standfirst="Exam results are out", body="Pupils celebrated."))
    assert [s.id for s in store.search("tuesday")] == [bridge.id]
    assert [s.headline for s in store.search("exam")] == ["Schools"]
    assert [s.headline for s in store.search("celebr")] == ["Schools"]  # prefix while typing
    assert store.search("bridge tuesday")[0].id == bridge.id
    assert store.search('"; DROP TABLE articles; --') == []
    edited = store.save_article(bridge.replace(body="Rewritten entirely about ferries."))
    assert store.search("tuesday") == []
    assert [s.id for s in store.search("ferries")] == [edited.id]


def test_trash_restore_and_empty(store):
    article = store.create_article(Article(headline="Going away", body="Soon gone."))
    store.move_to_trash(article.id)
    assert store.list_articles() == []
    assert [s.id for s in store.list_articles(trash=True)] == [article.id]
    store.restore_from_trash(article.id)
    assert [s.id for s in store.list_articles()] == [article.id]
    store.move_to_trash(article.id)
    assert store.empty_trash() == 1
    assert store.list_articles(trash=True) == []
    assert store.search("gone") == []


def test_revisions_are_kept_and_restoring_snapshots_the_current_text_first(store):
    article = store.create_article(Article(headline="Bridge", body="Version one."))
    store.take_revision(article.id, "manual", "first")
    article = store.save_article(store.get_article(article.id).replace(body="Version two."))
    first = store.list_revisions(article.id)[-1]
    assert (first.body, first.label, first.word_count) == ("Version one.", "first", 2)
    restored = store.restore_revision(article, first)
    assert restored.body == "Version one."
    newest = store.list_revisions(article.id)[0]
    assert (newest.reason, newest.body) == ("before restore", "Version two.")


def test_duplicate_copies_text_and_gets_its_own_slug(store):
    article = store.create_article(Article(headline="Bridge", body="Text."))
    copy = store.duplicate_article(article.id)
    assert copy.id != article.id and copy.body == "Text." and copy.slug != article.slug


def test_writes_are_durable_for_a_second_connection(store, store_path):
    article = store.create_article(Article(headline="Durable", body="Every word."))
    store.save_article(article.replace(body="Every word, saved."))
    raw = sqlite3.connect(store_path)
    assert raw.execute("SELECT body FROM articles").fetchone()[0] == "Every word, saved."
    raw.close()
