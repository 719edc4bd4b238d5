"""The open article owns its photos: renaming, reordering, removing and replacing one are
saved with the text not yet stored, under the article's version, in the order asked, and
nothing asked for is lost when the store fails."""

from __future__ import annotations

import hashlib

import pytest

from desktop_editor.core.model import Article, PhotoChange
from desktop_editor.editing.open_article import RETRY_AFTER, SaveState
from desktop_editor.storage.errors import ConflictError, StoreError
from tests.editing.fakes import FailingStore, FakeClock
from tests.editing.test_open_article import open_on, type_into, with_photo
from tests.images import photo


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def desk(store, clock, tmp_path):
    article = store.create_article(Article(headline="Navy", body="![](image:ship)\n\n![](image:dock)"))
    with_photo(store, article.id, tmp_path, "ship")
    with_photo(store, article.id, tmp_path, "dock")
    store.save_article(store.get_article(article.id).replace(lead_image="ship"))
    owner, editor = open_on(store, clock, store.get_article(article.id))
    return owner, editor


def test_a_rename_takes_the_caption_being_typed_and_the_lead_along(store, clock, desk):
    owner, editor = desk
    renamed = []
    owner.photo_renamed.connect(lambda old, new: renamed.append((old, new)))
    version = owner.article.version
    owner.edit_figure("ship", "caption", "HMS Ocean in the Baltic.")
    owner.edit_figure("ship", "credit", "Crown Copyright")
    owner.change_photos(PhotoChange.rename("ship", "hms-ocean"))
    clock.advance(2)
    assert renamed == [("ship", "hms-ocean")]
    stored = store.get_article(owner.article.id)
    assert stored.lead_image == "hms-ocean" and stored.version > version
    ocean = next(f for f in store.figures(stored.id) if f.handle == "hms-ocean")
    assert (ocean.caption, ocean.credit) == ("HMS Ocean in the Baltic.", "Crown Copyright")
    assert owner.state is SaveState.SAVED and not owner.is_modified()


def test_changes_asked_for_during_a_save_are_made_after_it_in_order(store, clock, desk):
    owner, editor = desk
    type_into(owner, editor, clock, " More.", per_key=0.01)
    owner.change_photos(PhotoChange.reorder(["dock", "ship"]))
    owner.change_photos(PhotoChange.remove("ship"))
    clock.advance(2)
    assert [f.handle for f in store.figures(owner.article.id)] == ["dock"]
    assert [f.handle for f in owner.figures] == ["dock"]
    stored = store.get_article(owner.article.id)
    assert stored.body.endswith(" More.") and stored.lead_image is None


def test_a_change_made_while_the_store_fails_is_kept_and_made_when_it_is_back(store, clock, desk):
    owner, editor = desk
    failing = FailingStore(store)
    owner.store = failing
    failing.failing = True
    owner.change_photos(PhotoChange.reorder(["dock", "ship"]))
    clock.advance(RETRY_AFTER * 2)
    assert owner.state is SaveState.FAILED and owner.is_modified() and owner.problem
    failing.failing = False
    clock.advance(RETRY_AFTER)
    assert [f.handle for f in store.figures(owner.article.id)] == ["dock", "ship"]
    assert owner.state is SaveState.SAVED and owner.problem is None


def test_a_refused_rename_is_said_and_the_text_is_saved_all_the_same(store, clock, desk):
    owner, editor = desk
    refused = []
    owner.photo_refused.connect(refused.append)
    type_into(owner, editor, clock, " Typed.", per_key=0.01)
    owner.change_photos(PhotoChange.rename("ship", "dock"))
    clock.advance(2)
    assert refused == ["This article already has a photo with the handle “dock”."]
    assert store.get_article(owner.article.id).body.endswith(" Typed.")
    assert [f.handle for f in store.figures(owner.article.id)] == ["ship", "dock"]
    assert store.get_article(owner.article.id).lead_image == "ship" and not owner.is_modified()


def test_a_replaced_picture_moves_the_version_so_another_window_is_told(store, clock, desk):
    owner, editor = desk
    other, _ = open_on(store, FakeClock(), owner.article)  # a second window on the same article
    data = photo(color=(10, 200, 30))
    sha256 = hashlib.sha256(data).hexdigest()
    store.put_image(sha256, data, "JPEG", 640, 427, {})
    owner.change_photos(PhotoChange.replace_image("ship", sha256))
    clock.advance(1)
    assert next(f for f in store.figures(owner.article.id) if f.handle == "ship").image_sha256 == sha256
    with pytest.raises(ConflictError):
        store.save_article(other.article.replace(byline="The other window"))


def test_flush_makes_the_changes_still_waiting(store, clock, desk):
    owner, editor = desk
    owner.change_photos(PhotoChange.remove("dock"))
    assert owner.flush()
    assert [f.handle for f in store.figures(owner.article.id)] == ["ship"]


def test_a_photo_change_that_keeps_failing_is_dropped_and_said_and_the_text_is_saved(store, clock, desk):
    owner, editor = desk
    refused = []
    owner.photo_refused.connect(refused.append)

    def broken(*args, **kwargs):
        raise StoreError("The store could not do that: a constraint failed.")

    store_change_photos = store.change_photos
    store.change_photos = broken
    try:
        owner.change_photos(PhotoChange.reorder(["dock", "ship"]))
        type_into(owner, editor, clock, " Typed.", per_key=0.01)
        clock.advance(RETRY_AFTER * 8)
    finally:
        store.change_photos = store_change_photos
    assert refused and "could not be made" in refused[0]
    assert store.get_article(owner.article.id).body.endswith(" Typed.")
    assert owner.state is SaveState.SAVED and not owner.is_modified()


def test_photos_moved_twice_are_never_shown_back_in_the_order_between(store, clock, desk):
    owner, _editor = desk
    shown = []
    owner.figures_changed.connect(lambda figures: shown.append([f.handle for f in figures]))
    owner.change_photos(PhotoChange.reorder(["dock", "ship"]))
    owner.change_photos(PhotoChange.reorder(["ship", "dock"]))
    owner.change_photos(PhotoChange.reorder(["dock", "ship"]))
    clock.advance(5)
    assert [f.handle for f in store.figures(owner.article.id)] == ["dock", "ship"]
    assert shown == [["dock", "ship"]]  # only once all three are made
