"""Search finds what a person means: stems, byline, tags and photo captions, with snippets;
and an article's publish time is kept (schema 0004)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from desktop_editor.core.model import Article
from desktop_editor.storage.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def ids(store: Store, query: str) -> list[int]:
    return [summary.id for summary in store.search(query)]


def test_a_0003_store_upgrades_to_a_stemmed_index_of_every_searched_field(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "store-0003_full_revisions.sqlite", path)
    with Store(path) as store:
        article = store.find_article("council-approves-new-bridge")
        assert article.publish_at is None
        assert ids(store, "votes") == [article.id]  # "voted" and "votes" share a stem
        assert ids(store, "reporter") == [article.id]  # byline
        assert ids(store, "transport") == [article.id]  # tags
        assert ids(store, "planned") == [article.id]  # the photo's caption
        assert ids(store, "bridges council") == [article.id]
        assert ids(store, "ferry") == []


def test_stemming_finds_plurals_and_singulars(store):
    ferries = store.create_article(Article(headline="Ferries cancelled", body="Storm at sea."))
    frigate = store.create_article(Article(headline="Navy news", body="A frigate sailed."))
    assert ids(store, "ferry") == [ferries.id]
    assert ids(store, "frigates") == [frigate.id]
    assert ids(store, "cancel") == [ferries.id]
    assert ids(store, "sail") == [frigate.id]


def test_captions_byline_and_tags_are_searched_and_kept_in_step(store, tmp_path):
    from tests.images import photo

    from desktop_editor.workflows import attach_files

    article = store.create_article(Article(headline="Harbour", byline="Jo Smith", tags=("weather",)))
    assert ids(store, "smith") == ids(store, "weather") == [article.id]
    (tmp_path / "boat.jpg").write_bytes(photo())
    attach_files(store, article.id, [tmp_path / "boat.jpg"], {"caption": "A lifeboat returns."})
    assert ids(store, "lifeboats") == [article.id]
    current = store.get_article(article.id)
    store.update_figure(article.id, "boat", expected_version=current.version, caption="A trawler.")
    assert ids(store, "lifeboat") == [] and ids(store, "trawlers") == [article.id]
    current = store.get_article(article.id)
    store.save_article(current, figure_text={"boat": {"caption": "Gulls over the pier."}})
    assert ids(store, "gull") == [article.id] and ids(store, "trawler") == []
    store.save_article(store.get_article(article.id).replace(byline="Ann Lee", tags=("sport",)))
    assert ids(store, "smith") == [] and ids(store, "lee sport") == [article.id]


def test_snippets_show_the_match(store):
    body = "Opening words. " * 30 + "The ferries were cancelled at dawn. " + "Closing words. " * 30
    article = store.create_article(Article(headline="Storm", body=body))
    ((summary, snippet),) = store.search_snippets("ferry")
    assert summary.id == article.id
    assert "**ferries**" in snippet and len(snippet) < 200


def test_publish_time_is_kept_compared_in_utc_and_revised(store):
    article = store.create_article(Article(headline="Embargoed"))
    moment = datetime(2026, 5, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    saved = store.save_article(article.replace(publish_at=moment))
    assert saved.version == article.version + 1
    assert saved.publish_at == moment and saved.publish_at.tzinfo is not None
    again = store.save_article(store.get_article(article.id))
    assert again.version == saved.version  # nothing changed, so no new version
    store.take_revision(article.id, "manual", "with time")
    later = store.save_article(again.replace(publish_at=None))
    (revision,) = store.list_revisions(article.id)
    restored = store.restore_revision(later, revision)
    assert restored.publish_at == moment.astimezone(UTC)
