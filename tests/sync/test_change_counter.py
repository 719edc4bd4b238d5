"""The change counter (schema 0009): a sync with nothing to do reads the two counters and
nothing else, however many articles there are, and every kind of change still moves it."""

from __future__ import annotations

from sqlalchemy import event

from desktop_editor.core.model import Article
from desktop_editor.storage.store import Store
from desktop_editor.storage.sync import sync
from tests.sync.test_sync import seeded


def statements(store: Store):
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_nothing_changed_reads_no_article_on_either_side(backend_url, tmp_path):
    with Store(tmp_path / "laptop.sqlite") as laptop, Store(backend_url) as desk:
        for n in range(40):
            laptop.create_article(Article(headline=f"Story {n}", body=f"Paragraph {n}.\n"))
        sync(laptop, desk, "laptop", "desk")
        sync(laptop, desk, "laptop", "desk")  # its own writes moved both counters once more
        on_laptop, on_desk = statements(laptop), statements(desk)
        assert sync(laptop, desk, "laptop", "desk").nothing_to_do
        assert not [s for s in on_desk + on_laptop if "articles" in s or "figures" in s], on_desk + on_laptop
        assert len(on_desk) <= 3


def test_each_kind_of_change_is_still_found(backend_url, tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=1)
    with a, Store(backend_url) as desk, Store(tmp_path / "b.sqlite") as b:
        for store in (a, b, a, b):
            sync(store, desk, "laptop", "desk")
        assert sync(a, desk, "a", "desk").nothing_to_do and sync(b, desk, "b", "desk").nothing_to_do
        theirs = b.find_article(article.slug)
        handle = b.figures(theirs.id)[0].handle
        b.update_figure(theirs.id, handle, caption="A new caption from B")  # photo text only
        sync(b, desk, "b", "desk")
        assert sync(a, desk, "a", "desk").received == 1
        assert a.figures(article.id)[0].caption == "A new caption from B"
        b.add_newsroom_word("BALTOPS")  # the word list only
        sync(b, desk, "b", "desk")
        assert sync(a, desk, "a", "desk").words_received == 1
        desk.move_to_trash(desk.find_article(article.slug).id)  # straight on the desk
        assert sync(a, desk, "a", "desk").received == 1
        assert a.get_article(article.id).deleted is not None
