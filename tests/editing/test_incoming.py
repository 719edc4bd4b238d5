"""What a sync brings for the open article is taken in: where nothing is typed, in place;
where something is, merged with it or offered as a conflict, never a word lost. A fake
clock, real SQLite stores and a real sync through a desk."""

from __future__ import annotations

from desktop_editor.core.model import Article
from desktop_editor.editing.incoming import CHANGED_BY_SYNC
from desktop_editor.editing.open_article import SaveState
from desktop_editor.storage.store import Store
from desktop_editor.storage.sync import sync
from tests.editing.fakes import FakeClock
from tests.editing.test_open_article import open_on

BODY = "The council met on Tuesday.\n\nThe vote was close.\n"


def edited_elsewhere(store, tmp_path, article_id: int, change) -> list[int]:
    """Another laptop changes the article and both sync through a desk: the ids the sync
    changed in store (what the window is told)."""
    with Store(tmp_path / "desk.sqlite") as desk, Store(tmp_path / "other.sqlite") as other:
        sync(store, desk, "this laptop", "desk")
        sync(other, desk, "other laptop", "desk")
        theirs = other.get_article(other.list_articles()[0].id)
        other.save_article(change(theirs))
        sync(other, desk, "other laptop", "desk")
        return sync(store, desk, "this laptop", "desk").changed_here


def watched(owner):
    seen = {"bodies": [], "loaded": 0}
    owner.body_arrived.connect(seen["bodies"].append)
    owner.article_loaded.connect(lambda _article: seen.__setitem__("loaded", seen["loaded"] + 1))
    return seen


def test_nothing_typed_takes_the_change_in_place(store, tmp_path):
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Bridge", body=BODY))
    seen = watched(owner)
    changed = edited_elsewhere(store, tmp_path, owner.article.id, lambda a: a.replace(
        body=BODY + "\nFerries stop in 2028.\n", standfirst="A close vote"))  # fmt: skip
    owner.changed_in_store(changed)
    clock.advance(0)
    assert seen["bodies"] == [BODY + "\nFerries stop in 2028.\n"] and seen["loaded"] == 0  # no reload
    assert owner.current_fields().standfirst == "A close vote"
    assert owner.state is SaveState.SAVED and not owner.is_modified()
    assert owner.article.version == store.get_article(owner.article.id).version


def test_typing_elsewhere_in_the_text_is_merged_and_saved(store, tmp_path):
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Bridge", body=BODY))
    seen = watched(owner)
    changed = edited_elsewhere(store, tmp_path, owner.article.id,
                               lambda a: a.replace(body=BODY.replace("Tuesday", "Tuesday evening")))  # fmt: skip
    editor["text"] = BODY.replace("close.", "close: 7 to 6.")
    owner.body_edited()  # typed, not yet saved
    owner.changed_in_store(changed)
    clock.advance(0)
    merged = "The council met on Tuesday evening.\n\nThe vote was close: 7 to 6.\n"
    assert seen["bodies"] == [merged]
    editor["text"] = merged  # the editor now holds it
    clock.advance(1.0)
    assert store.get_article(owner.article.id).body == merged
    assert owner.state is SaveState.SAVED
    kept = [r for r in store.list_revisions(owner.article.id) if r.reason == "merge"]
    assert kept and kept[0].body == BODY.replace("Tuesday", "Tuesday evening")


def test_the_same_words_changed_on_both_sides_is_offered_and_loses_nothing(store, tmp_path):
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Bridge", body=BODY))
    changed = edited_elsewhere(store, tmp_path, owner.article.id,
                               lambda a: a.replace(body=BODY.replace("close", "narrow")))  # fmt: skip
    editor["text"] = BODY.replace("close", "tight")
    owner.body_edited()
    owner.changed_in_store(changed)
    clock.advance(0)
    assert owner.in_conflict and owner.conflict == CHANGED_BY_SYNC
    assert editor["text"] == BODY.replace("close", "tight")  # still in the editor
    owner.resolve_conflict("reload")
    clock.advance(0)
    assert "narrow" in owner.article.body
    assert any("tight" in r.body for r in store.list_revisions(owner.article.id))


def test_a_sync_writing_just_before_a_save_is_merged_not_a_conflict(store, tmp_path):
    # The sync wrote the article a moment before the window's save, which the store refuses
    # (an older version); the window has not been told yet. The typing is merged and saved.
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Bridge", body=BODY))
    seen = watched(owner)
    owner.body_arrived.connect(lambda text: editor.__setitem__("text", text))  # as the window's editor does
    editor["text"] = BODY.replace("close.", "close: 7 to 6.")
    owner.body_edited()
    edited_elsewhere(store, tmp_path, owner.article.id, lambda a: a.replace(body=BODY.replace("Tuesday", "Tuesday evening")))
    clock.advance(1.0)  # the save is refused, the stored text read and merged
    merged = "The council met on Tuesday evening.\n\nThe vote was close: 7 to 6.\n"
    assert not owner.in_conflict and seen["bodies"] == [merged]
    clock.advance(1.0)
    assert store.get_article(owner.article.id).body == merged
    assert owner.state is SaveState.SAVED and not owner.is_modified()


def test_the_same_on_the_way_out_is_merged_before_the_window_closes(store, tmp_path):
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Bridge", body=BODY))
    owner.body_arrived.connect(lambda text: editor.__setitem__("text", text))
    editor["text"] = BODY.replace("close.", "close: 7 to 6.")
    owner.body_edited()
    edited_elsewhere(store, tmp_path, owner.article.id, lambda a: a.replace(body=BODY.replace("Tuesday", "Tuesday evening")))
    assert owner.flush(ask=False)
    assert store.get_article(owner.article.id).body == "The council met on Tuesday evening.\n\nThe vote was close: 7 to 6.\n"


def test_another_desk_changing_other_words_of_a_shared_article_is_merged_too(store):
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Bridge", body=BODY))
    owner.body_arrived.connect(lambda text: editor.__setitem__("text", text))
    theirs = store.get_article(owner.article.id)
    store.save_article(theirs.replace(body=BODY.replace("Tuesday", "Monday"), byline="Sam Jones"))
    editor["text"] = BODY + "\nFerries stop in 2028.\n"
    owner.body_edited()
    clock.advance(1.0)
    clock.advance(1.0)
    stored = store.get_article(owner.article.id)
    assert stored.body == BODY.replace("Tuesday", "Monday") + "\nFerries stop in 2028.\n"
    assert stored.byline == "Sam Jones" and owner.state is SaveState.SAVED


def test_words_typed_while_the_arrival_is_read_and_merged_are_kept_too(store, tmp_path):
    # The merge is made on the worker from the text as it was when the sync's news came;
    # what is typed meanwhile is merged into it when it arrives.
    clock = FakeClock()
    owner, editor = open_on(store, clock, Article(headline="Bridge", body=BODY))
    owner.body_arrived.connect(lambda text: editor.__setitem__("text", text))
    changed = edited_elsewhere(store, tmp_path, owner.article.id,
                               lambda a: a.replace(body=BODY.replace("Tuesday", "Tuesday evening")))  # fmt: skip
    editor["text"] = BODY.replace("close.", "close:")
    owner.body_edited()
    owner.changed_in_store(changed)  # read and merged on the worker...
    editor["text"] = BODY.replace("close.", "close: 7 to 6.")  # ...while the typing goes on
    owner.body_edited()
    clock.advance(0)
    assert editor["text"] == "The council met on Tuesday evening.\n\nThe vote was close: 7 to 6.\n"
    clock.advance(1.0)
    assert store.get_article(owner.article.id).body == editor["text"] and owner.state is SaveState.SAVED
