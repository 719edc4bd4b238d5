"""The document controller's promises under the awkward timings people actually produce."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication

from desktop_editor.core.model import Article
from desktop_editor.ui.document import DocumentController
from desktop_editor.workflows import attach_files
from tests.images import photo


def controller_with_text(store, text: str) -> tuple[DocumentController, Article, dict]:
    article = store.create_article(Article(headline="Bridge", body="Stored."))
    document = DocumentController(store)
    document.open(article.id)
    editor = {"text": text}
    document.set_body_source(lambda: editor["text"])
    return document, article, editor


def test_choosing_the_open_article_again_keeps_what_was_typed(qtbot, store):
    document, article, editor = controller_with_text(store, "Typed, not yet saved.")
    document.body_edited()
    document.save_soon()  # a save in flight, as focus leaving the editor starts one
    assert document.open(article.id)
    assert document.flush()
    assert store.get_article(article.id).body == "Typed, not yet saved."


def test_switching_while_a_save_is_in_flight_is_not_a_conflict(qtbot, store):
    other = store.create_article(Article(headline="Other"))
    document, article, editor = controller_with_text(store, "First words.")
    conflicts = []
    document.conflict.connect(conflicts.append)
    document.set_fields(headline="Bridge vote")
    document.body_edited()
    document.save_soon()
    editor["text"] = "First words, and more."
    document.body_edited()
    assert document.open(other.id)  # flushes before the queued save result has arrived
    QApplication.processEvents()
    assert conflicts == []
    stored = store.get_article(article.id)
    assert (stored.headline, stored.body) == ("Bridge vote", "First words, and more.")


def test_a_typed_slug_is_tidied_once_not_saved_forever(qtbot, store):
    store.create_article(Article(headline="Taken", slug="my-story"))
    document, article, _ = controller_with_text(store, "Stored.")
    document.set_fields(slug="My Story", slug_locked=True)
    assert document.flush()
    assert document.current_fields().slug == "my-story-2"
    assert not document.is_modified()
    version = store.get_article(article.id).version
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        QApplication.processEvents()
    assert store.get_article(article.id).version == version  # no save loop


def test_removing_the_lead_photo_is_not_a_conflict(qtbot, store, tmp_path):
    document, article, _ = controller_with_text(store, "Stored.")
    path = tmp_path / "lead.jpg"
    path.write_bytes(photo(alt="A ship"))
    attach_files(store, article.id, [path])
    document.reload_figures()
    document.set_fields(lead_image="lead")
    assert document.flush()
    conflicts = []
    document.conflict.connect(conflicts.append)
    from desktop_editor.ui.images_controller import ImagesController

    ImagesController(document).remove("lead")
    assert document.flush()
    assert conflicts == []
    assert store.get_article(article.id).lead_image is None


def test_the_store_announces_itself_even_when_it_opened_before_anyone_listened(qtbot, store_path):
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.store_opener import LazyStore

    Store(store_path).close()
    lazy = LazyStore(str(store_path))
    lazy.store()  # opened already, before the window connects below
    with qtbot.waitSignal(lazy.opened, timeout=3000):
        pass
    lazy.store().close()


def test_photo_text_typed_just_before_switching_article_is_stored(qtbot, store, tmp_path):
    from desktop_editor.ui.images_controller import ImagesController

    other = store.create_article(Article(headline="Other"))
    document, article, _ = controller_with_text(store, "Stored.")
    path = tmp_path / "ship.jpg"
    path.write_bytes(photo(alt="A ship"))
    attach_files(store, article.id, [path])
    document.reload_figures()
    images = ImagesController(document)
    images.update_field("ship", "caption", "HMS Ocean in the Baltic.")
    assert document.figures[0].caption == "HMS Ocean in the Baltic."  # shown at once
    assert document.open(other.id)  # switching stores it first
    assert store.figures(article.id)[0].caption == "HMS Ocean in the Baltic."
