"""Search ranks the best match first, the same way on SQLite (FTS5, bm25) and on a desk
server (PostgreSQL, tsvector and ts_rank): headline above standfirst above captions above
body; every word must match, the last one may be a prefix; accents do not matter."""

from __future__ import annotations

import hashlib

import pytest

from desktop_editor.core.model import Article, Figure
from desktop_editor.storage.store import Store
from tests.images import photo

FILLER = "The council met on Tuesday to discuss the budget for the coming year. " * 6


def plant(store: Store) -> dict[str, int]:
    """Articles that match "police said" in one field each, and some that must not match."""
    planted = {
        "headline": Article(headline="Police said the bridge was safe", body=FILLER),
        "standfirst": Article(headline="Bridge inspection", standfirst="Police said the bridge was safe.", body=FILLER),
        "body": Article(headline="Bridge news", body=FILLER + "Police said the bridge was safe. " + FILLER),
        "caption": Article(headline="Bridge pictures", body=FILLER),
        "one word": Article(headline="Police arrive at the bridge", body=FILLER),
        "party": Article(headline="A party at the harbour", body=FILLER),
        "café": Article(headline="The café by the quay reopens", body=FILLER),
        "german": Article(headline="Die Polizei sagte", body="Die Brücke ist sicher.", language="de-DE"),
    }
    ids = {name: store.create_article(article).id for name, article in planted.items()}
    data = photo()
    sha256 = hashlib.sha256(data).hexdigest()
    store.put_image(sha256, data, "JPEG", 640, 427, {})
    store.add_figure(ids["caption"], Figure(handle="scene", image_sha256=sha256, caption="Police said the bridge was safe."))
    return ids


def names(store: Store, ids: dict[str, int], query: str) -> list[str]:
    by_id = {article_id: name for name, article_id in ids.items()}
    return [by_id[summary.id] for summary in store.search(query)]


def test_the_best_match_comes_first_the_same_on_both_backends(backend_url):
    with Store(backend_url) as store:
        ids = plant(store)
        assert names(store, ids, "police said") == ["headline", "standfirst", "caption", "body"]
        assert names(store, ids, "said police") == ["headline", "standfirst", "caption", "body"]
        assert names(store, ids, "police sa") == ["headline", "standfirst", "caption", "body"]  # a prefix, as typed
        assert set(names(store, ids, "polic")) == {"headline", "standfirst", "caption", "body", "one word"}
        assert names(store, ids, "police")[0] in {"headline", "one word"}
        assert "party" not in names(store, ids, "art")  # words, not letters inside words
        assert names(store, ids, "part") == ["party"]
        assert names(store, ids, "cafe") == names(store, ids, "café") == ["café"]
        assert names(store, ids, "polizei") == ["german"]
        assert names(store, ids, "police_said") == names(store, ids, "police said")  # no wildcard
        assert names(store, ids, "%") == [] and names(store, ids, "") == []
        ((summary, snippet),) = store.search_snippets("bridge safe police said")[:1]
        assert summary.id == ids["headline"]


def test_search_follows_edits_and_the_trash(backend_url):
    with Store(backend_url) as store:
        ids = plant(store)
        article = store.get_article(ids["body"])
        store.save_article(article.replace(headline="Police said: all clear"))
        assert set(names(store, ids, "police said")[:2]) == {"body", "headline"}
        store.move_to_trash(ids["headline"])
        assert "headline" not in names(store, ids, "police said")


@pytest.mark.parametrize("language", ["en-GB", "fr", "xx-unknown", ""])
def test_any_language_is_searchable(backend_url, language):
    with Store(backend_url) as store:
        article = store.create_article(Article(headline="Ferries cancelled at dawn", language=language))
        assert [s.id for s in store.search("ferries")] == [article.id]
        assert [s.id for s in store.search("dawn ferr")] == [article.id]


def test_snippets_show_the_match_on_both_backends(backend_url):
    with Store(backend_url) as store:
        body = "Opening words. " * 30 + "The ferries were cancelled at dawn. " + "Closing words. " * 30
        article = store.create_article(Article(headline="Storm", body=body))
        ((summary, snippet),) = store.search_snippets("ferry")
        assert summary.id == article.id
        assert "**ferries**" in snippet and len(snippet) < 200 and "\n" not in snippet


def test_snippets_take_marks_that_the_articles_own_markdown_cannot_be_mistaken_for(backend_url):
    with Store(backend_url) as store:
        store.create_article(Article(headline="Harbour", body="The council voted **7-2** as the old ferries were sold."))
        ((_summary, snippet),) = store.search_snippets("ferry", ("\ue000", "\ue001"))
        assert "\ue000ferries\ue001" in snippet and "**7-2**" in snippet
