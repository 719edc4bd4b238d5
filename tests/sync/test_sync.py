"""Sync between real stores: two laptops' SQLite files and a desk (a SQLite file, and the
PostgreSQL server when DESKTOP_EDITOR_TEST_POSTGRES is set)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop_editor.core.model import Article, Figure
from desktop_editor.storage.store import Store
from desktop_editor.storage.sync import sync
from desktop_editor.storage.tables import ImageRow, RevisionRow
from desktop_editor.workflows import attach_files
from tests.images import photo
from tests.sync.meanwhile import Desk, Stopped, killed

BODY = "The council met on Tuesday.\n\nThe vote was close.\n\nFerries will stop in 2028.\n"


def run_sync(local: Store, desk: Store):
    return sync(local, desk, local_name="laptop", desk_name="the desk")


def seeded(path, tmp_path, photos: int = 2) -> tuple[Store, Article]:
    store = Store(path)
    article = store.create_article(Article(headline="Bridge approved", body=BODY))
    files = []
    for n in range(photos):
        files.append(tmp_path / f"p{n}.jpg")
        files[-1].write_bytes(photo(320, 200, color=(n * 40, 90, 160), caption=f"Photo {n}", credit="Council"))
    attach_files(store, article.id, files)
    store.take_revision(article.id, "manual", "first draft")
    return store, store.get_article(article.id)


def counts(store: Store) -> tuple[int, int, int]:
    with store.session() as session:
        return (
            store.article_count(),
            session.scalar(select(func.count()).select_from(ImageRow)),
            session.scalar(select(func.count()).select_from(RevisionRow)),
        )


def test_a_story_reaches_the_desk_and_the_other_laptop_whole(backend_url, tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path)
    with a, Store(backend_url) as desk, Store(tmp_path / "b.sqlite") as b:
        first = run_sync(a, desk)
        assert (first.sent, first.photos_sent, first.revisions_sent) == (1, 2, 1)
        assert run_sync(a, desk).nothing_to_do
        received = run_sync(b, desk)
        assert (received.received, received.photos_received, received.revisions_received) == (1, 2, 1)
        there = b.find_article(article.slug)
        assert (there.uid, there.headline, there.body) == (article.uid, article.headline, article.body)
        assert [(f.handle, f.caption, f.image_sha256) for f in b.figures(there.id)] == [
            (f.handle, f.caption, f.image_sha256) for f in a.figures(article.id)
        ]
        assert b.image_bytes(b.figures(there.id)[0].image_sha256) == a.image_bytes(a.figures(article.id)[0].image_sha256)
        assert [r.label for r in b.list_revisions(there.id)] == ["first draft"]
        assert counts(a) == counts(desk) == counts(b) == (1, 2, 1)
        assert run_sync(b, desk).nothing_to_do and run_sync(a, desk).nothing_to_do


def test_two_laptops_editing_apart_converge_and_keep_every_word(backend_url, tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=1)
    with a, Store(backend_url) as desk, Store(tmp_path / "b.sqlite") as b:
        run_sync(a, desk)
        run_sync(b, desk)
        on_b = b.find_article(article.slug)
        a.save_article(article.replace(body=BODY.replace("Tuesday", "Tuesday evening"), headline="Bridge approved 7-2"))
        b.save_article(on_b.replace(body=BODY.replace("2028", "2029").replace("was close", "was tight"), headline="Council backs bridge"))
        handle = b.figures(on_b.id)[0].handle
        b.update_figure(on_b.id, handle, caption="The bridge at dusk.")
        a.save_article(a.get_article(article.id).replace(body=a.get_article(article.id).body.replace("was close", "was narrow")))
        run_sync(a, desk)
        merged = run_sync(b, desk)
        run_sync(a, desk)
        assert merged.merged == 1 and [c["field"] for c in merged.conflicts] == ["headline"]
        texts = {s.find_article(article.slug).body for s in (a, desk, b)}
        assert len(texts) == 1
        (text,) = texts
        assert "Tuesday evening" in text and "2029" in text and "was narrow" in text
        kept = [r for r in b.list_revisions(on_b.id) if r.label.startswith("merged with changes from")]
        assert kept and "was tight" in kept[0].body  # the words that lost in the text
        for store in (a, desk, b):
            found = store.find_article(article.slug)
            assert found.headline == "Bridge approved 7-2"  # the side saved later
            assert [c["other"] for c in found.conflicts] == ["Council backs bridge"]
            assert store.figures(found.id)[0].caption == "The bridge at dusk."
        assert run_sync(a, desk).nothing_to_do and run_sync(b, desk).nothing_to_do


def test_trashed_on_one_laptop_and_edited_on_the_other_comes_back(tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=0)
    with a, Store(tmp_path / "desk.sqlite") as desk, Store(tmp_path / "b.sqlite") as b:
        run_sync(a, desk)
        run_sync(b, desk)
        a.move_to_trash(article.id)
        on_b = b.find_article(article.slug)
        b.save_article(on_b.replace(body=BODY + "\nA late quote.\n"))
        for store in (a, b, a):
            run_sync(store, desk)
        for store in (a, desk, b):
            found = store.find_article(article.slug)
            assert found.deleted is None and "A late quote." in found.body


def test_the_trash_and_emptying_it_travel_without_bringing_it_back(tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=0)
    with a, Store(tmp_path / "desk.sqlite") as desk:
        run_sync(a, desk)
        a.move_to_trash(article.id)
        run_sync(a, desk)
        assert desk.find_article(article.slug).deleted is not None
        a.empty_trash()
        assert run_sync(a, desk).nothing_to_do and a.article_count() == 0


def test_the_word_list_merges_additions_and_removals(tmp_path):
    with Store(tmp_path / "a.sqlite") as a, Store(tmp_path / "desk.sqlite") as desk, Store(tmp_path / "b.sqlite") as b:
        a.add_newsroom_word("BALTOPS")
        a.add_newsroom_word("Stoltenberg")
        run_sync(a, desk)
        run_sync(b, desk)
        a.remove_newsroom_word("BALTOPS")
        b.add_newsroom_word("Zelenskyy")
        for store in (a, b, a):
            run_sync(store, desk)
        assert a.newsroom_words() == desk.newsroom_words() == b.newsroom_words() == ["Stoltenberg", "Zelenskyy"]


def test_two_new_stories_with_one_slug_stay_two_stories(tmp_path):
    with Store(tmp_path / "a.sqlite") as a, Store(tmp_path / "desk.sqlite") as desk, Store(tmp_path / "b.sqlite") as b:
        one = a.create_article(Article(headline="Storm warning", body="North.\n"))
        two = b.create_article(Article(headline="Storm warning", body="South.\n"))
        for store in (a, b, a):
            run_sync(store, desk)
        for store in (a, desk, b):
            found = {s.slug: store.find_article(s.slug).body for s in store.list_articles()}
            assert sorted(found.values()) == ["North.\n", "South.\n"] and len(found) == 2
        assert a.get_article(one.id).slug == "storm-warning" and b.get_article(two.id).slug == "storm-warning"


def test_a_photo_added_on_the_desk_side_arrives_with_its_text(tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=0)
    with a, Store(tmp_path / "desk.sqlite") as desk:
        run_sync(a, desk)
        on_desk = desk.find_article(article.slug)
        data = photo(300, 200, caption="Harbour")
        import hashlib

        sha = hashlib.sha256(data).hexdigest()
        desk.put_image(sha, data, "JPEG", 300, 200, {})
        desk.add_figure(on_desk.id, Figure(handle="harbour", image_sha256=sha, caption="The harbour.", credit="Jo"))
        report = run_sync(a, desk)
        assert (report.received, report.photos_received) == (1, 1)
        (figure,) = a.figures(article.id)
        assert (figure.handle, figure.caption, figure.credit) == ("harbour", "The harbour.", "Jo")
        assert a.image_bytes(sha) == data


def test_the_later_edit_wins_a_field_even_when_the_earlier_one_reached_the_desk_later(backend_url, tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=0)
    with a, Store(backend_url) as desk, Store(tmp_path / "b.sqlite") as b:
        run_sync(a, desk)
        run_sync(b, desk)
        mine = a.get_article(a.find_article(article.slug).id)
        a.save_article(mine.replace(headline="Bridge approved by council"))  # first, on laptop A
        theirs = b.find_article(article.slug)
        b.save_article(theirs.replace(headline="Bridge approved 7-2"))  # later, on laptop B, offline
        run_sync(a, desk)  # A's earlier edit reaches the desk first
        report = run_sync(b, desk)
        run_sync(a, desk)
        headlines = {s.find_article(article.slug).headline for s in (a, b, desk)}
        assert headlines == {"Bridge approved 7-2"}  # the later edit, on every store
        assert report.conflicts and report.conflicts[0]["field"] == "headline"
        kept = b.find_article(article.slug).conflicts
        assert any("Bridge approved by council" in str(c) for c in kept)  # the other one kept, not lost


def _typed_after_agreeing(a: Store, desk: Store) -> Article:
    """The story synced, then a word typed on laptop a: the article as stored there."""
    article = a.create_article(Article(headline="Bridge approved", body=BODY))
    run_sync(a, desk)
    return a.save_article(a.get_article(article.id).replace(body="Stray " + BODY))


def _both_hold_the_body(a: Store, desk: Store, article: Article) -> None:
    assert a.get_article(article.id).body == BODY
    assert desk.find_article(article.slug).body == BODY
    assert run_sync(a, desk).nothing_to_do


def test_a_deletion_made_while_a_sync_writes_this_laptop_is_kept(backend_url, tmp_path):
    with Store(tmp_path / "a.sqlite") as a, Desk(backend_url) as desk:
        typed = _typed_after_agreeing(a, desk)
        desk.meanwhile = lambda: a.save_article(typed.replace(body=BODY))  # and taken back at once
        interrupted = run_sync(a, desk)
        assert interrupted.left == [typed.uid]  # the laptop changed under the sync: next time
        run_sync(a, desk)
        _both_hold_the_body(a, desk, typed)


def test_a_sync_stopped_between_the_desk_and_the_laptop_keeps_a_deletion_made_after(backend_url, tmp_path):
    with Store(tmp_path / "a.sqlite") as a, Desk(backend_url) as desk:
        typed = _typed_after_agreeing(a, desk)

        desk.meanwhile = killed  # the desk holds the word; this laptop never noted that it does
        with pytest.raises(Stopped):
            run_sync(a, desk)
        a.save_article(typed.replace(body=BODY))  # the word taken back, the window still open
        run_sync(a, desk)
        _both_hold_the_body(a, desk, typed)


def test_a_word_removed_from_the_list_after_a_sync_stopped_half_way_stays_removed(backend_url, tmp_path):
    with Store(tmp_path / "a.sqlite") as a, Desk(backend_url) as desk:
        a.add_newsroom_word("Zelenskyy")
        run_sync(a, desk)
        a.add_newsroom_word("Sunak")
        desk.meanwhile = killed  # the desk holds the word; this laptop never noted that it does
        with pytest.raises(Stopped):
            run_sync(a, desk)
        a.remove_newsroom_word("Sunak")  # a mistake, taken back
        run_sync(a, desk)
        assert a.newsroom_words() == desk.newsroom_words() == ["Zelenskyy"]
        assert run_sync(a, desk).nothing_to_do
