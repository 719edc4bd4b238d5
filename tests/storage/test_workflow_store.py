"""The workflow in the store: each move checked and recorded in one transaction, on SQLite
and PostgreSQL; the record survives restores and upgrades."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop_editor.core.model import Article, Author, Status
from desktop_editor.core.workflow import parse_shortcuts
from desktop_editor.storage.errors import ConflictError, Refused
from desktop_editor.storage.store import Store


@pytest.fixture
def desk(backend_url):
    with Store(backend_url) as store:
        yield store


def test_a_story_moves_to_published_with_a_history_of_who_did_what(desk):
    article = desk.create_article(Article(headline="Council approves bridge"))
    desk.change_status(article.id, "subbing", author="Anna Reporter", note="over to the desk")
    desk.change_status(article.id, "legal", author="Sam Sub")
    desk.change_status(article.id, "ready", author="Lee Lawyer", note="cleared")
    published = desk.change_status(article.id, "published", author="Sam Sub")
    corrected = desk.change_status(article.id, "corrected", author="Sam Sub", note="name misspelt")
    assert corrected.status == Status.PUBLISHED and corrected.correction_count == 1
    assert corrected.corrected_at is not None and published.publish_at is not None
    assert corrected.version > article.version
    moves = [(t.author, t.from_state, t.to_state, t.note) for t in desk.history(article.id)]
    assert moves == [
        ("Anna Reporter", "draft", "subbing", "over to the desk"),
        ("Sam Sub", "subbing", "legal", ""),
        ("Lee Lawyer", "legal", "ready", "cleared"),
        ("Sam Sub", "ready", "published", ""),
        ("Sam Sub", "published", "corrected", "name misspelt"),
    ]
    times = [t.at for t in desk.history(article.id)]
    assert times == sorted(times) and all(t.tzinfo is not None for t in times)


def test_a_refused_move_changes_nothing_and_says_what_is_allowed(desk):
    article = desk.create_article(Article(headline="Draft story"))
    with pytest.raises(Refused, match="A story in draft cannot move to killed"):
        desk.change_status(article.id, "killed", author="Sam")
    with pytest.raises(ConflictError):
        desk.change_status(article.id, "subbing", expected_version=article.version + 5)
    again = desk.get_article(article.id)
    assert (again.status, again.version, desk.history(article.id)) == (Status.DRAFT, article.version, [])
    desk.change_status(article.id, "subbing")
    ready = desk.change_status(article.id, "ready")
    with pytest.raises(Refused, match="Scheduling needs a publish time in the future"):
        desk.change_status(article.id, "scheduled")
    assert desk.get_article(article.id).version == ready.version and len(desk.history(article.id)) == 2


def test_a_house_style_table_relaxes_the_moves_but_they_are_still_recorded(desk):
    article = desk.create_article(Article(headline="Small newsroom"))
    desk.change_status(article.id, "ready", author="Editor", table=parse_shortcuts("draft->ready"))
    assert [(t.from_state, t.to_state) for t in desk.history(article.id)] == [("draft", "ready")]


def test_a_save_moves_only_as_the_table_allows_and_keeps_the_rest(desk):
    article = desk.create_article(Article(headline="Saved from a form"))
    saved = desk.save_article(article.replace(status=Status.SUBBING, body="Text."))
    assert saved.status == Status.SUBBING
    assert [(t.from_state, t.to_state) for t in desk.history(article.id)] == [("draft", "subbing")]
    killed = desk.save_article(saved.replace(status=Status.KILLED, body="More text."))
    assert (killed.status, killed.body) == (Status.SUBBING, "More text.")  # the text is saved, the status not
    assert len(desk.history(article.id)) == 1


def test_embargo_assignee_desk_and_authors_are_stored(desk):
    embargo = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    article = desk.create_article(Article(headline="Embargoed report"))
    authors = (Author("Anna Reporter", "writer"), Author("Ben Lens", "photographer", "https://example.org/ben"))
    saved = desk.save_article(article.replace(embargo=embargo, assignee="sam", desk="News", authors=authors))
    again = desk.get_article(article.id)
    assert (again.embargo, again.assignee, again.desk, again.authors) == (embargo, "sam", "News", authors)
    assert saved.version == article.version + 1
    with pytest.raises(Refused, match="must lie in the future"):
        desk.save_article(again.replace(embargo=datetime.now(UTC) - timedelta(hours=1)))


def test_an_embargo_cannot_be_added_after_publishing(desk):
    article = desk.create_article(Article(headline="Out already"))
    for state in ("subbing", "ready", "published"):
        article = desk.change_status(article.id, state)
    with pytest.raises(Refused, match="an embargo cannot be added after publishing"):
        desk.save_article(article.replace(embargo=datetime.now(UTC) + timedelta(days=1)))


def test_history_survives_a_revision_restore_and_restoring_never_moves_the_status(desk):
    article = desk.create_article(Article(headline="First", body="One."))
    revision = desk.take_revision(article.id, "manual", "first")
    desk.change_status(article.id, "subbing", author="Anna")
    moved = desk.change_status(article.id, "ready", author="Sam")
    restored = desk.restore_revision(moved, revision)
    assert restored.status == Status.READY and restored.body == "One."
    assert [t.to_state for t in desk.history(article.id)] == ["subbing", "ready"]


def test_history_goes_with_the_article_when_the_trash_is_emptied(desk):
    article = desk.create_article(Article(headline="Gone"))
    desk.change_status(article.id, "subbing")
    desk.move_to_trash(article.id)
    assert desk.empty_trash() == 1
    from sqlalchemy import text

    with desk.session() as session:
        assert session.execute(text("SELECT count(*) FROM transitions")).scalar() == 0


def test_fields_and_a_move_are_saved_together_as_one_version(desk):
    article = desk.create_article(Article(headline="Together"))
    desk.change_status(article.id, "subbing")
    ready = desk.change_status(article.id, "ready")
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=5)
    scheduled = desk.change_status(article.id, "scheduled", "Sam", "", None, None, ready.replace(publish_at=later, headline="Together again"))
    assert (scheduled.status, scheduled.publish_at, scheduled.headline) == (Status.SCHEDULED, later, "Together again")
    assert scheduled.version == ready.version + 1
    with pytest.raises(ConflictError):
        desk.change_status(article.id, "ready", fields=ready.replace(headline="Stale"))
    assert desk.get_article(article.id).headline == "Together again"
