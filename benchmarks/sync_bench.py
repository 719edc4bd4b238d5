"""Sync figures: a laptop's store and the desk server (PostgreSQL on loopback when
$DESKTOP_EDITOR_BENCH_POSTGRES or $DESKTOP_EDITOR_TEST_POSTGRES names one, else a SQLite file).

    from sync_bench import measure
    measure(folder, make_story_store, story_text)

- sync_first_story_s: the seed-size story (600 words, five 4-11 MP photos) from a laptop to
  an empty desk; sync_first_story_receive_s: the other laptop receiving it.
- sync_one_paragraph_ms: one paragraph changed on a laptop, its sync (both ways);
  sync_one_paragraph_receive_ms: the other laptop's sync that takes it.
- sync_20_laptops_rounds: 20 laptops each edit one shared story at a random place (a new
  sentence in a paragraph, a changed word, a changed headline) and sync in a random order,
  round after round: the rounds until every laptop and the desk hold one identical text
  (sync_20_laptops_words_kept: 1.0 when every sentence typed anywhere is in that text or
  in one of its revisions).
- sync_nothing_10k_ms: nothing changed, 10,000 articles on the desk (median of 7);
  sync_nothing_10k_compare_ms: the same when the change counters have moved but no article
  has (every article's marks compared), for the record.
On a server, everything happens in a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from postgres_bench import server_url

SCHEMA = "desktop_editor_sync_bench"
ARTICLES = 10_000


def _desk_url(folder: Path, name: str) -> tuple[str, object]:
    """A fresh desk and a function that removes it."""
    url = server_url()
    if not url:
        return str(folder / f"{name}.sqlite"), lambda: None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"{SCHEMA}_{name}"

    def run(statement: str) -> None:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text(statement))
        engine.dispose()

    run(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
    bench = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return bench.render_as_string(hide_password=False), lambda: run(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def measure(folder: Path, make_story_store, story_text) -> dict:
    from desktop_editor.storage.store import Store
    from desktop_editor.storage.sync import sync

    figures = {}
    a_path = make_story_store(folder, 600, 5)
    desk_url, drop = _desk_url(folder, "story")
    try:
        with Store(a_path) as a, Store(desk_url) as desk, Store(folder / "laptop-b.sqlite") as b:
            figures["sync_first_story_s"] = _timed(lambda: sync(a, desk, "laptop A", "desk"))
            figures["sync_first_story_receive_s"] = _timed(lambda: sync(b, desk, "laptop B", "desk"))
            for store in (a, b):
                sync(store, desk, "laptop", "desk")  # settled: the next syncs find nothing
            sends, takes = [], []
            for round_ in range(5):
                article = a.get_article(a.list_articles()[0].id)
                paragraphs = article.body.split("\n\n")
                paragraphs[3] = f"{paragraphs[3]} One more sentence, round {round_}."
                a.save_article(article.replace(body="\n\n".join(paragraphs)))
                sends.append(_timed(lambda: sync(a, desk, "laptop A", "desk")) * 1000)
                takes.append(_timed(lambda: sync(b, desk, "laptop B", "desk")) * 1000)
            figures["sync_one_paragraph_ms"] = statistics.median(sends)
            figures["sync_one_paragraph_receive_ms"] = statistics.median(takes)
    finally:
        drop()
    figures.update(_twenty_laptops(folder, story_text))
    figures.update(_nothing_changed(folder, story_text))
    return figures


LAPTOPS = 20


def _twenty_laptops(folder: Path, story_text) -> dict:
    import random

    from desktop_editor.core.model import Article
    from desktop_editor.storage.store import Store
    from desktop_editor.storage.sync import sync

    chance = random.Random(20)
    desk_url, drop = _desk_url(folder, "twenty")
    stores = []
    try:
        desk = Store(desk_url)
        first = Store(folder / "shared-0.sqlite")
        first.create_article(Article(headline="Navy ships gather", body=story_text(600)))
        stores = [first, *(Store(folder / f"shared-{n}.sqlite") for n in range(1, LAPTOPS))]
        for store in stores:
            sync(store, desk, "laptop", "desk")
        typed = []
        for n, store in enumerate(stores):  # all apart: each edits the story as it last saw it
            article = store.get_article(store.list_articles()[0].id)
            paragraphs = article.body.split("\n\n")
            where = chance.randrange(len(paragraphs))
            sentence = f"Laptop {n} adds sentence {chance.randrange(10**6)}."
            typed.append(sentence)
            paragraphs[where] = f"{paragraphs[where]} {sentence}"
            changes = {"body": "\n\n".join(paragraphs)}
            if n % 5 == 0:
                changes["headline"] = f"Navy ships gather, says laptop {n}"
            store.save_article(article.replace(**changes))
        rounds = 0
        while rounds < 10:
            rounds += 1
            for store in chance.sample(stores, len(stores)):
                sync(store, desk, "laptop", "desk")
            texts = {(s.get_article(s.list_articles()[0].id).headline, s.get_article(s.list_articles()[0].id).body) for s in (*stores, desk)}
            if len(texts) == 1:
                break
        final = desk.get_article(desk.list_articles()[0].id)
        kept = final.body + "".join(r.body for r in desk.list_revisions(final.id))
        words_kept = sum(sentence in kept for sentence in typed) / len(typed)
        return {"sync_20_laptops_rounds": float(rounds), "sync_20_laptops_words_kept": words_kept}
    finally:
        for store in stores:
            store.close()
        desk.close()
        drop()


def _nothing_changed(folder: Path, story_text) -> dict:
    """10,000 articles in step on a laptop and the desk (made in bulk, their bases noted as a
    first sync would), then syncs with nothing to do."""
    from sqlalchemy import insert, select, text

    from desktop_editor.storage import articles as article_rows
    from desktop_editor.storage import replica
    from desktop_editor.storage.store import Store
    from desktop_editor.storage.sync import sync
    from desktop_editor.storage.tables import ArticleRow, new_uid

    paragraphs = story_text(6000).split("\n\n")
    moment = article_rows.now()
    rows = []
    for index in range(ARTICLES):
        body = "\n\n".join(paragraphs[(index + k) % len(paragraphs)] for k in range(4))
        rows.append(dict(
            uid=new_uid(), slug=f"story-{index}", headline=f"Story {index}", body=body, tags=[], standfirst="",
            byline="", status="draft", language="en-GB", word_count=len(body.split()), created=moment,
            updated=moment, version=1, slug_locked=False, conflicts=[],
        ))  # fmt: skip
    desk_url, drop = _desk_url(folder, "ten_thousand")
    try:
        with Store(folder / "laptop-10k.sqlite") as laptop, Store(desk_url) as desk:
            for store in (laptop, desk):
                with store._write() as session:
                    session.execute(insert(ArticleRow), rows)
            with desk._read() as session:
                desk_id = replica.store_id(session)
            with laptop._write() as session:
                for row in session.scalars(select(ArticleRow)):
                    state = replica.read_state(session, row)
                    replica.put_base(session, desk_id, row.uid, "1/0", "1/0", state)
            if desk.server:
                with desk.session() as session:
                    session.execute(text("ANALYZE"))
                    session.commit()
            compare = _timed(lambda: sync(laptop, desk, "laptop", "desk")) * 1000  # counters new to each other
            times = []
            for _ in range(7):
                times.append(_timed(lambda: sync(laptop, desk, "laptop", "desk")) * 1000)
            assert sync(laptop, desk, "laptop", "desk").nothing_to_do
            return {"sync_nothing_10k_ms": statistics.median(times), "sync_nothing_10k_compare_ms": compare}
    finally:
        drop()
