"""Renaming, reordering, removing and replacing a photo are changes to the article: made
with the article's unsaved text in one transaction, under its version, which moves on."""

from __future__ import annotations

import hashlib

import pytest

from desktop_editor.core.model import PhotoChange
from desktop_editor.storage.errors import ConflictError, StoreError
from tests.images import photo
from tests.storage.test_figure_text import story  # noqa: F401 (the fixture)


def test_a_rename_lands_with_the_caption_typed_under_the_old_handle_and_moves_the_version(store, story):  # noqa: F811
    typed = story.replace(body="The council voted. ![](image:bridge)", lead_image="bridge-plan")
    stored, figures = store.change_photos(
        typed, {"bridge": {"caption": "Typed just before the rename."}}, PhotoChange.rename("bridge", "bridge-plan")
    )
    assert stored.version == story.version + 1 and stored.lead_image == "bridge-plan"
    assert [(f.handle, f.caption) for f in figures] == [
        ("bridge-plan", "Typed just before the rename."), ("crowd", "Residents at the vote."),
    ]  # fmt: skip
    assert store.get_article(story.id).body == "The council voted. ![](image:bridge)"


def test_a_stale_version_changes_nothing(store, story):  # noqa: F811
    store.save_article(story.replace(byline="Another desk"))
    with pytest.raises(ConflictError):
        store.change_photos(story, None, PhotoChange.remove("crowd"))
    assert [f.handle for f in store.figures(story.id)] == ["bridge", "crowd"]


def test_a_replaced_picture_keeps_its_text_and_tells_every_window(store, story):  # noqa: F811
    data = photo(color=(10, 200, 30))
    sha256 = hashlib.sha256(data).hexdigest()
    store.put_image(sha256, data, "JPEG", 640, 427, {})
    stored, figures = store.change_photos(story, None, PhotoChange.replace_image("bridge", sha256))
    assert stored.version == story.version + 1  # another window's save now conflicts: it is told
    bridge = next(f for f in figures if f.handle == "bridge")
    assert bridge.image_sha256 == sha256 and bridge.caption == "The bridge as planned."


def test_reorder_and_remove(store, story):  # noqa: F811
    stored, figures = store.change_photos(story, None, PhotoChange.reorder(["crowd", "bridge"]))
    assert [f.handle for f in figures] == ["crowd", "bridge"]
    stored, figures = store.change_photos(stored, None, PhotoChange.remove("crowd"))
    assert [f.handle for f in figures] == ["bridge"] and stored.version == story.version + 2


def test_a_handle_already_taken_is_refused_in_a_sentence(store, story):  # noqa: F811
    with pytest.raises(StoreError, match="already has a photo with the handle “crowd”"):
        store.change_photos(story, None, PhotoChange.rename("bridge", "crowd"))
    assert store.get_article(story.id).version == story.version
