"""The read-only peek at the first article, taken before the store host has opened the file."""

from __future__ import annotations

from desktop_editor.core.model import Article
from desktop_editor.storage.snapshot import first_snapshot
from desktop_editor.workflows import attach_files
from tests.images import photo


def test_the_snapshot_holds_the_article_and_its_photos_as_the_store_reads_them(store, store_path, tmp_path):
    article = store.create_article(Article(headline="Baltic", body="![](image:ship)\n\n![](image:deck)"))
    for name, caption in (("ship", "HMS Ocean in the Baltic."), ("deck", "On deck.")):
        image = tmp_path / f"{name}.jpg"
        image.write_bytes(photo(caption=caption, credit="Crown Copyright", alt="A ship"))
        attach_files(store, article.id, [image])
    store.update_figure(article.id, "deck", caption="The flight deck.")
    snapshot = first_snapshot(store_path, article.id)
    assert snapshot.article == store.get_article(article.id)
    assert snapshot.figures == store.figures(article.id)
    assert [f.caption for f in snapshot.figures] == ["HMS Ocean in the Baltic.", "The flight deck."]
    assert snapshot.figures[0].width == 640 and snapshot.figures[0].sources


def test_an_article_without_photos_has_an_empty_list(store, store_path):
    article = store.create_article(Article(headline="Words only", body="Text."))
    assert first_snapshot(store_path, article.id).figures == []


def test_the_snapshot_holds_the_desks_fields_so_the_first_save_keeps_them(store, store_path):
    from datetime import UTC, datetime, timedelta

    from desktop_editor.core.model import Author

    embargo = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    authors = (Author("Anna Reporter"), Author("Ben Lens", "photographer", "https://news.example/ben"))
    article = store.create_article(Article(headline="Budget", body="Text."))
    for state in ("subbing", "ready", "published", "corrected"):
        article = store.change_status(article.id, state, "desk")
    published = first_snapshot(store_path, article.id).article
    assert published == store.get_article(article.id) and published.correction_count == 1 and published.corrected_at
    article = store.create_article(Article(headline="Embargoed", body="Text."))
    article = store.save_article(article.replace(embargo=embargo, assignee="Anna", desk="News", authors=authors))
    snapshot = first_snapshot(store_path, article.id)
    assert snapshot.article == store.get_article(article.id)
    saved = store.save_article(snapshot.article.replace(body="Text, typed after start."))
    assert (saved.embargo, saved.assignee, saved.desk, saved.authors) == (embargo, "Anna", "News", authors)
