"""The review is stored with the article, snapshotted by revisions and never dropped by a save."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop_editor.core import critic, review
from desktop_editor.core.model import Article
from desktop_editor.storage.errors import ConflictError
from desktop_editor.storage.store import Store

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def desk(backend_url):
    with Store(backend_url) as store:
        yield store


def commented(store: Store) -> Article:
    """An article with a suggestion and then a comment: their ids are review.unresolved's, in that order."""
    article = store.create_article(Article(headline="Bridge", body="The council voted 7-2 on Tuesday."))
    body, data, _ = review.suggest(article.body, {}, 4, 11, "city council", "Sam Sub", NOW)
    body, data, _ = review.comment_on(body, data, "7-2", "Source for this figure?", "Sam Sub", NOW)
    return store.save_article(article.replace(body=body, review=data))


def ids(article: Article) -> tuple[str, str]:
    s1, c2 = (item.id for item in review.unresolved(article.body, article.review))
    return s1, c2


def test_suggestions_and_comments_are_stored_with_their_authors_and_times(desk):
    article = commented(desk)
    s1, c2 = ids(article)
    again = desk.get_article(article.id)
    items = {item.id: (item.kind, item.author, item.at) for item in review.unresolved(again.body, again.review)}
    assert items == {
        s1: ("substitution", "Sam Sub", "2026-05-01T09:00:00+00:00"),
        c2: ("comment", "Sam Sub", "2026-05-01T09:00:00+00:00"),
    }
    assert again.word_count == 7  # the accepted text's words, never the markup's


def test_a_save_from_an_article_without_the_review_data_keeps_it(desk):
    article = commented(desk)
    saved = desk.save_article(article.replace(review={}, body=article.body + " More."))
    assert set(saved.review) == set(ids(article)) and len(saved.review) == 2


def test_a_stale_decision_is_refused_and_changes_nothing(desk):
    article = commented(desk)
    desk.save_article(article.replace(headline="Bridge vote"))
    body, data = review.decide(article.body, article.review, ids(article)[0], True, "Ann", NOW)
    with pytest.raises(ConflictError):
        desk.save_article(article.replace(body=body, review=data))
    assert review.open_suggestions(desk.get_article(article.id).body)


def test_restoring_a_revision_brings_back_its_suggestions_and_comments(desk):
    article = commented(desk)
    s1, c2 = ids(article)
    revision = desk.take_revision(article.id, label="reviewed")
    assert revision.fields["review"][c2]["text"] == "Source for this figure?"
    body, data = review.decide_all(article.body, article.review, True, "Ann", NOW)
    data = review.resolve(data, c2, "Ann", NOW)
    decided = desk.save_article(article.replace(body=body, review=data))
    assert review.unresolved(decided.body, decided.review) == []
    restored = desk.restore_revision(decided, revision)
    assert restored.body == article.body
    assert [i.id for i in review.unresolved(restored.body, restored.review)] == [s1, c2]
    before = desk.list_revisions(article.id)[0]  # what was current is kept, decisions and all
    assert before.reason == "before restore" and before.fields["review"][c2]["resolved"] is True
    assert critic.clean(before.body) == "The city council voted 7-2 on Tuesday."
