"""Moving the open article through the desk's workflow: through the store's change_status,
with what was typed, recorded with who made it; a refusal said, nothing lost. No window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop_editor.core import workflow
from desktop_editor.core.model import Article, Status
from desktop_editor.editing.open_article import SaveState
from tests.editing.test_open_article import FakeClock, open_on, type_into


def test_a_move_is_recorded_by_its_author_with_the_text_typed_and_typing_saves_on_after_it(store):
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    owner.author = "Anna Sub"
    moved = []
    owner.moved.connect(moved.append)
    type_into(owner, editor, clock, "Typed before.")
    owner.set_fields(status=Status.SUBBING)
    clock.advance(0)
    stored = store.get_article(owner.article.id)
    assert stored.status == Status.SUBBING and stored.body == "Typed before."
    [move] = store.history(stored.id)
    assert (move.author, move.from_state, move.to_state) == ("Anna Sub", "draft", "subbing")
    assert [a.status for a in moved] == [Status.SUBBING] and owner.article.version == stored.version
    type_into(owner, editor, clock, " After.")
    clock.advance(1.0)
    assert owner.state is SaveState.SAVED and not owner.in_conflict
    assert store.get_article(stored.id).body == "Typed before. After."
    assert store.get_article(stored.id).status == Status.SUBBING


def test_a_move_the_table_refuses_is_said_and_changes_nothing_but_what_was_typed_is_saved(store):
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    refused = []
    owner.move_refused.connect(refused.append)
    type_into(owner, editor, clock, "Kept.")
    owner.set_fields(status=Status.PUBLISHED)
    clock.advance(1.0)
    assert refused == ["A story in draft cannot move to published; from draft it can go to subbing."]
    assert owner.current_fields().status == Status.DRAFT and not owner.move_pending
    stored = store.get_article(owner.article.id)
    assert stored.status == Status.DRAFT and stored.body == "Kept." and store.history(stored.id) == []


def test_a_move_refused_by_its_times_keeps_the_fields_typed_with_it(store):
    clock = FakeClock()
    publish = datetime.now(UTC) + timedelta(days=1)
    article = store.create_article(Article(headline="Budget", publish_at=publish))
    for state in ("subbing", "ready"):
        article = store.change_status(article.id, state, "desk")
    owner, _editor = open_on(store, clock, article)
    refused = []
    owner.move_refused.connect(refused.append)
    owner.set_fields(embargo=publish + timedelta(hours=2), desk="News")
    owner.set_fields(status=Status.SCHEDULED)
    clock.advance(1.0)
    assert refused and "embargo" in refused[0]
    stored = store.get_article(article.id)
    assert stored.status == Status.READY and stored.desk == "News" and stored.embargo is not None


def test_a_house_style_shortcut_is_a_move_the_window_may_make(store):
    clock = FakeClock()
    owner, _editor = open_on(store, clock, Article(headline="Small desk"))
    owner.workflow_table = lambda: workflow.parse_shortcuts("draft->ready")
    owner.set_fields(status=Status.READY)
    clock.advance(0)
    assert store.get_article(owner.article.id).status == Status.READY
    assert [m.to_state for m in store.history(owner.article.id)] == ["ready"]


def test_flush_makes_a_waiting_move_before_the_window_closes(store):
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Ferry"))
    owner.set_fields(status=Status.SUBBING)
    editor["text"] = "Last words."
    owner.body_edited()
    assert owner.flush()
    stored = store.get_article(owner.article.id)
    assert stored.status == Status.SUBBING and stored.body == "Last words."
