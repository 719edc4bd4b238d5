"""Everything an article has travels: the desk's workflow fields and history, the review's
suggestions and comments with their replies, and any column added later. Two laptops'
SQLite files and a desk (a SQLite file, and the PostgreSQL server when
DESKTOP_EDITOR_TEST_POSTGRES is set)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, Text

from desktop_editor.core import review
from desktop_editor.core.model import Article
from desktop_editor.storage import replica
from desktop_editor.storage.store import Store
from desktop_editor.storage.tables import ArticleRow
from tests.sync.test_sync import BODY, run_sync, seeded

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def apart(a: Store, desk: Store, b: Store, article: Article) -> tuple[Article, Article]:
    """The article on both laptops, once both have synced with the desk."""
    run_sync(a, desk)
    run_sync(b, desk)
    return a.get_article(article.id), b.find_article(article.slug)


def both_ways(a: Store, desk: Store, b: Store) -> None:
    for store in (a, b, a):
        run_sync(store, desk)
    assert run_sync(b, desk).nothing_to_do and run_sync(a, desk).nothing_to_do


def test_the_desk_assignee_and_embargo_set_on_one_laptop_arrive_on_the_other(backend_url, tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=0)
    embargo = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    with a, Store(backend_url) as desk, Store(tmp_path / "b.sqlite") as b:
        on_a, _ = apart(a, desk, b, article)
        a.save_article(on_a.replace(desk="Sport", assignee="Sam Sub", embargo=embargo))
        both_ways(a, desk, b)
        for store in (b, desk):
            there = store.find_article(article.slug)
            assert (there.desk, there.assignee, there.embargo) == ("Sport", "Sam Sub", embargo)


def test_a_move_on_one_laptop_and_comments_on_the_other_all_survive(backend_url, tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=0)
    with a, Store(backend_url) as desk, Store(tmp_path / "b.sqlite") as b:
        on_a = a.get_article(article.id)
        body, data, first = review.comment_on(on_a.body, {}, "was close", "How close?", "Ann", NOW)
        on_a, on_b = apart(a, desk, b, a.save_article(on_a.replace(body=body, review=data)))
        # apart: A moves the story on and answers the comment; B comments, and answers too
        a.change_status(on_a.id, "subbing", author="Ann", note="Ready for the subs")
        on_a = a.change_status(on_a.id, "ready", author="Ann")
        body, data, on_a_comment = review.comment_on(on_a.body, on_a.review, "Tuesday", "Which Tuesday?", "Ann", NOW)
        a.save_article(on_a.replace(body=body, review=review.reply(data, first, "7-2.", "Ann", NOW)))
        body, data, on_b_comment = review.comment_on(on_b.body, on_b.review, "2028", "Source?", "Sam", NOW)
        data = review.reply(data, on_b_comment, "Asking.", "Sam", NOW + timedelta(minutes=1))
        data = review.reply(data, first, "Seven votes to two.", "Sam", NOW + timedelta(minutes=2))
        b.save_article(on_b.replace(body=body, review=review.resolve(data, first, "Sam", NOW + timedelta(minutes=3))))
        both_ways(a, desk, b)

        stores = (a, desk, b)
        found = [s.find_article(article.slug) for s in stores]
        assert {f.status for f in found} == {"ready"}
        moves = [[(m.from_state, m.to_state, m.author, m.note) for m in s.history(f.id)] for s, f in zip(stores, found)]
        assert moves[0] == moves[1] == moves[2] == [("draft", "subbing", "Ann", "Ready for the subs"), ("subbing", "ready", "Ann", "")]
        assert on_a_comment != on_b_comment
        for there in found:
            assert there.body == found[0].body and there.review == found[0].review
            items = {item.id: item for item in review.review_items(there.body, there.review)}
            assert set(items) == {first, on_a_comment, on_b_comment}
            assert [r["text"] for r in items[first].replies] == ["7-2.", "Seven votes to two."]
            assert items[first].state == "resolved"
            assert [r["text"] for r in items[on_b_comment].replies] == ["Asking."]
            assert (items[on_a_comment].words, items[on_b_comment].words) == ("Tuesday", "2028")


def test_the_same_workflow_field_changed_on_both_sides_is_kept_as_a_conflict(backend_url, tmp_path):
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=0)
    with a, Store(backend_url) as desk, Store(tmp_path / "b.sqlite") as b:
        on_a, on_b = apart(a, desk, b, article)
        a.save_article(on_a.replace(desk="News", assignee="Ann"))
        b.save_article(on_b.replace(desk="Sport"))  # later
        run_sync(a, desk)
        report = run_sync(b, desk)
        run_sync(a, desk)
        assert [(c["field"], c["kept"], c["other"]) for c in report.conflicts] == [("desk", "Sport", "News")]
        for store in (a, desk, b):
            there = store.find_article(article.slug)
            assert (there.desk, there.assignee) == ("Sport", "Ann")
            assert [(c["field"], c["other"]) for c in there.conflicts] == [("desk", "News")]


def sample(column, handle: str):
    """A value other than the default for a column of the article."""
    known = {
        "status": "subbing", "language": "fr-FR", "lead_image": handle, "body": BODY + "\nMore.\n",
        "tags": ["transport"], "conflicts": [{"field": "headline", "handle": "", "kept": "x", "other": "y"}],
        "authors": [{"name": "Ann", "role": "writer", "url": ""}],
        "review": {"c-abc234": {"kind": "comment", "author": "Sam", "at": "2026-05-01T09:00:00+00:00", "text": "?"}},
    }  # fmt: skip
    if column.key in known:
        return known[column.key]
    if isinstance(column.type, DateTime):
        return datetime(2027, 1, 2, 3, 4, 5, tzinfo=UTC)
    if isinstance(column.type, Boolean):
        return True
    if isinstance(column.type, Integer):
        return 7
    if isinstance(column.type, (Text, String)):
        return f"{column.key} set on A"[: column.type.length or None]
    if isinstance(column.type, JSON):
        return {column.key: 1} if isinstance(column.default.arg(None), dict) else [column.key]
    raise AssertionError(f"articles.{column.key}: teach this test (and storage.replica) how it travels")


def test_every_column_of_an_article_travels_unless_it_is_declared_local(backend_url, tmp_path):
    columns = {column.key for column in ArticleRow.__table__.columns}
    assert set(replica.LOCAL_COLUMNS) <= columns, "LOCAL_COLUMNS names a column articles no longer has"
    assert set(replica.SYNCED_FIELDS) == columns - set(replica.LOCAL_COLUMNS)
    a, article = seeded(tmp_path / "a.sqlite", tmp_path, photos=1)
    with a, Store(backend_url) as desk, Store(tmp_path / "b.sqlite") as b:
        handle = a.figures(article.id)[0].handle
        with a._write() as session:
            row = replica.row_of(session, article.uid)
            for column in ArticleRow.__table__.columns:
                if column.key in replica.SYNCED_FIELDS:
                    setattr(row, column.key, sample(column, handle))
        with a.session() as session:
            sent = replica.read_state(session, replica.row_of(session, article.uid))
        fresh = b.create_article(Article(headline="Another"))
        with b.session() as session:
            default = replica.read_state(session, replica.row_of(session, fresh.uid))
        unchanged = [name for name in replica.SYNCED_FIELDS if sent[name] == default[name]]
        assert not unchanged, f"the test gave these fields their default value: {unchanged}"
        run_sync(a, desk)
        run_sync(b, desk)
        for store in (desk, b):
            with store.session() as session:
                arrived = replica.read_state(session, replica.row_of(session, article.uid))
            assert {n: arrived[n] for n in replica.SYNCED_FIELDS} == {n: sent[n] for n in replica.SYNCED_FIELDS}
