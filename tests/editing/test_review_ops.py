"""The open article's review as the window makes it: each change is one range of the text and
the review's data, saved with the next save by the user's name; suggesting mode's typing and
deleting become suggestions that accept to exactly what was typed and reject to what was
there. No window."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_editor.core import critic, review
from desktop_editor.core.model import Article
from desktop_editor.editing.events import Event
from desktop_editor.editing.review_ops import Change, ReviewError, ReviewOps, changed_range
from tests.editing.test_open_article import FakeClock, open_on

MOMENT = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
BODY = "The council will close the old pool in March."


def applied(owner, editor, change: Change) -> str:
    text = editor["text"]
    editor["text"] = text[: change.start] + change.text + text[change.end :]
    owner.body_edited()
    ReviewOps(owner).apply(change.data)
    return editor["text"]


def opened(store):
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Pool", body=BODY))
    owner.author = "Sam Sub"
    return clock, owner, editor, ReviewOps(owner, clock=lambda: MOMENT)


def test_changed_range_is_the_smallest_replacement():
    assert changed_range("abcdef", "abXYef") == (2, 4, "XY")
    assert changed_range("aaa", "aaaa") == (3, 3, "a")
    assert changed_range("same", "same") == (4, 4, "")


def test_a_comment_and_its_data_are_saved_with_the_next_save_by_the_users_name(store):
    clock, owner, editor, ops = opened(store)
    change = ops.comment(editor["text"], BODY.index("old pool"), BODY.index("old pool") + 8, "Which pool?")
    assert change.text.startswith("{==old pool==}{>>Which pool?<<}") and change.start == BODY.index("old pool")
    applied(owner, editor, change)
    clock.advance(1.0)
    stored = store.get_article(owner.article.id)
    assert critic.clean(stored.body) == BODY
    entry = stored.review[change.item_id]
    assert (entry["author"], entry["text"], entry["at"]) == ("Sam Sub", "Which pool?", "2026-12-07T09:00:00+00:00")
    data = ops.resolve(change.item_id)
    ops.apply(data)
    clock.advance(1.0)
    assert store.get_article(owner.article.id).review[change.item_id]["resolved"] is True
    with pytest.raises(ReviewError):
        ops.resolve(change.item_id)


def test_typing_and_deleting_in_suggesting_mode_accept_and_reject_exactly(store):
    clock, owner, editor, ops = opened(store)
    position = BODY.index(" in March")
    for character in " baths":
        change = ops.typed(editor["text"], position, position, character)
        applied(owner, editor, change)
        position = change.cursor
    end = editor["text"].index(" in March") + len(" in March")
    for _ in range(len(" in March")):
        result = ops.deleted(editor["text"], end - 1, end)
        if isinstance(result, int):
            end = result
            continue
        applied(owner, editor, result)
        end = result.cursor
    body = editor["text"]
    assert [(i.kind, i.new or i.old) for i in critic.items(body)] == [("insertion", " baths"), ("deletion", " in March")]
    assert critic.clean(body, "original") == BODY
    accepted = ops.decide_all(body, True)
    assert applied(owner, editor, accepted) == "The council will close the old pool baths."
    clock.advance(1.0)
    assert store.get_article(owner.article.id).body == "The council will close the old pool baths."
    rejected = ops.decide_all(body, False)
    assert body[: rejected.start] + rejected.text + body[rejected.end :] == BODY


def test_deleting_ones_own_suggested_words_takes_them_back(store):
    _clock, owner, editor, ops = opened(store)
    change = ops.typed(editor["text"], 3, 3, " big")
    body = applied(owner, editor, change)
    for _ in range(len(" big")):
        result = ops.deleted(body, change.cursor - 1, change.cursor)
        body = applied(owner, editor, result)
        change = result
    assert body == BODY


def test_typing_into_another_item_is_refused(store):
    _clock, owner, editor, ops = opened(store)
    change = ops.comment(editor["text"], 0, 3, "Capital?")
    body = applied(owner, editor, change)
    with pytest.raises(ReviewError):
        ops.typed(body, 4, 4, "x")


def test_an_article_shown_without_its_review_takes_it_from_the_store_and_keeps_every_author(store):
    body, data, comment = review.add_comment(BODY, {}, 4, 11, "Which council?", "Ann Reporter", MOMENT)
    body, data, suggestion = review.suggest(body, data, body.index("old "), body.index("old ") + 4, "", "Sam Sub", MOMENT)
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Pool", body=body, review=data))
    owner.show_snapshot(owner.article.replace(review={}))  # as the window shows it before the store opens
    ops = ReviewOps(owner, clock=lambda: MOMENT)
    assert ops.item(editor["text"], suggestion).author == ""
    ops.read_stored()
    clock.advance(0)
    assert ops.item(editor["text"], suggestion).author == "Sam Sub" and not owner.is_modified()
    owner.author = "Ann Reporter"
    applied(owner, editor, ops.decide(editor["text"], suggestion, True))
    clock.advance(1.0)
    stored = store.get_article(owner.article.id)
    assert stored.review[suggestion]["author"] == "Sam Sub" and stored.review[comment]["author"] == "Ann Reporter"
    assert stored.review[suggestion]["events"][-1]["by"] == "Ann Reporter"
    assert not owner.is_modified() and owner.state.value == "saved"


def test_after_a_save_the_review_held_is_the_stored_one_and_saving_stops(store):
    body, data, comment = review.add_comment(BODY, {}, 4, 11, "Which council?", "Ann Reporter", MOMENT)
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Pool", body=body, review=data))
    owner.show_snapshot(owner.article.replace(review={}))
    ops = ReviewOps(owner, clock=lambda: MOMENT)
    editor["text"] += " More."
    owner.body_edited()
    clock.advance(1.0)
    assert not owner.is_modified() and owner.state.value == "saved"
    assert ops.data[comment]["author"] == "Ann Reporter"
    saves = store.get_article(owner.article.id).version
    clock.advance(5.0)
    assert store.get_article(owner.article.id).version == saves


class _Held:
    """Just what ReviewOps reads and writes of an open article, for many quick runs."""

    author, read_only = "Sam Sub", False
    article = Article(headline="Pool")

    def __init__(self):
        self.review = {}
        self.saved = Event()

    def current_fields(self):
        return self.article.replace(review=self.review)

    def set_fields(self, review):
        self.review = review


STEPS = st.lists(st.tuples(st.sampled_from(["type", "replace", "back", "delete", "cut", "move"]),
                           st.integers(0, 200), st.integers(0, 8), st.sampled_from(["a", "b ", "\n", "xyz"])),
                 max_size=40)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(STEPS)
def test_whatever_is_typed_and_deleted_while_suggesting_rejecting_it_all_gives_the_text_back(steps):
    original = "The council will close the old pool.\n\nSwimmers said it was rushed."
    held = _Held()
    ops = ReviewOps(held, clock=lambda: MOMENT)
    body, cursor = original, 0
    for action, where, length, text in steps:
        place = where % (len(body) + 1)
        try:
            if action == "type":
                result = ops.typed(body, cursor, cursor, text)
            elif action == "replace":
                result = ops.typed(body, place, min(len(body), place + length), text)
            elif action == "back" and cursor > 0:
                result = ops.deleted(body, cursor - 1, cursor)
            elif action == "delete" and cursor < len(body):
                result = ops.deleted(body, cursor, cursor + 1, forward=True)
            elif action == "cut" and length:
                result = ops.deleted(body, place, min(len(body), place + length))
            else:
                cursor = place
                continue
        except ReviewError:
            continue  # refused with a sentence: nothing changed
        if isinstance(result, int):
            cursor = result
            continue
        body = body[: result.start] + result.text + body[result.end :]
        held.review = result.data
        cursor = result.cursor if result.cursor is not None else cursor
        assert 0 <= cursor <= len(body)
    assert critic.clean(body, "original") == original
    assert all(item.id and held.review[item.id]["author"] == "Sam Sub" for item in critic.items(body))
    rejected = ops.decide_all(body, False) if critic.items(body) else None
    if rejected is not None:
        assert body[: rejected.start] + rejected.text + body[rejected.end :] == original


def test_a_comment_not_yet_saved_when_another_desks_comment_arrives_keeps_both(store, tmp_path):
    from desktop_editor.storage.store import Store
    from desktop_editor.storage.sync import sync

    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Pool", body=BODY))
    owner.author = "Sam Sub"
    ops = ReviewOps(owner, clock=lambda: MOMENT)
    with Store(tmp_path / "desk.sqlite") as desk, Store(tmp_path / "other.sqlite") as other:
        sync(store, desk, "this laptop", "desk")
        sync(other, desk, "other laptop", "desk")
        theirs = other.get_article(other.list_articles()[0].id)
        body, data, their_id = review.add_comment(theirs.body, theirs.review, 0, 3, "Capital T?", "Ann Reporter", MOMENT)
        other.save_article(theirs.replace(body=body, review=data))
        sync(other, desk, "other laptop", "desk")
        mine = ops.comment(editor["text"], BODY.index("pool"), BODY.index("pool") + 4, "Which pool?")
        applied(owner, editor, mine)  # typed here, not saved yet
        changed = sync(store, desk, "this laptop", "desk").changed_here
    owner.body_arrived.connect(lambda text: editor.__setitem__("text", text))  # as the editor takes it in
    owner.changed_in_store(changed)
    clock.advance(2.0)
    stored = store.get_article(owner.article.id)
    assert {item.id for item in critic.items(stored.body)} == {their_id, mine.item_id}
    assert stored.review[their_id]["author"] == "Ann Reporter" and stored.review[mine.item_id]["author"] == "Sam Sub"
    assert not owner.is_modified() and not owner.in_conflict
