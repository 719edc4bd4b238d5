"""Search on a desk server: 10,000 articles on PostgreSQL, searched the way the library does.

    from postgres_bench import search_10k_pg_ms
    search_10k_pg_ms()          # median milliseconds, or None when there is no server

The server is $DESKTOP_EDITOR_BENCH_POSTGRES, else $DESKTOP_EDITOR_TEST_POSTGRES (a SQLAlchemy
URL; tools/start-test-postgres prints one). Everything happens in a schema of its own,
desktop_editor_bench, dropped and made again each run; the rest of the database is untouched.
Run directly (python benchmarks/postgres_bench.py [URL]) it prints the figures as JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
CORPUS_ARTICLES = HERE.parent.parent / "shared" / "corpus" / "articles" / "wikinews-gum"
SCHEMA = "desktop_editor_bench"
QUERIES = ("council", "bridge vote", "minister said", "robot", "election results", "zzzz")
PLANTED = "Minister said the harbour budget is balanced"
ARTICLES = 10_000


def server_url() -> str | None:
    return os.environ.get("DESKTOP_EDITOR_BENCH_POSTGRES") or os.environ.get("DESKTOP_EDITOR_TEST_POSTGRES")


def paragraphs() -> list[str]:
    found: list[str] = []
    if CORPUS_ARTICLES.exists():
        for path in sorted(CORPUS_ARTICLES.glob("*.md")):
            body = path.read_text("utf-8").split("\n---\n", 1)[-1]
            found += [p for p in body.split("\n\n") if p.strip() and not p.startswith(("#", "!", "*"))]
    return found or [
        "The council voted on Tuesday to approve the new bridge across the river, officials said. " * 4
    ]


def _bench_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    # Indexing 10,000 articles at once takes longer than a desk's statement timeout allows.
    query = {"options": f"-csearch_path={SCHEMA}", "statement_timeout": "600"}
    return make_url(url).update_query_dict(query).render_as_string(hide_password=False)


def measure(url: str | None = None, articles: int = ARTICLES) -> dict:
    """{"search_10k_pg_ms": median, "search_10k_pg_p90_ms", "search_10k_pg_best_first" (the
    planted article first for "minister said"), "search_10k_pg_by_query_ms"}; {} without a server."""
    url = url or server_url()
    if not url:
        return {}
    from sqlalchemy import create_engine, insert, text

    from desktop_editor.core.model import Article
    from desktop_editor.storage import articles as article_rows
    from desktop_editor.storage import search as search_index
    from desktop_editor.storage.store import Store
    from desktop_editor.storage.tables import ArticleRow

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}"))
    engine.dispose()
    texts = paragraphs()
    try:
        with Store(_bench_url(url)) as store:
            with store._write() as session:  # one transaction: making the articles is not measured
                moment = article_rows.now()
                rows = []
                for index in range(articles):
                    body = "\n\n".join(texts[(index + k) % len(texts)] for k in range(4))
                    rows.append(dict(
                        slug=f"story-{index}", headline=f"Story {index}", body=body, tags=[], standfirst="",
                        byline="", status="draft", language="en-GB", word_count=len(body.split()),
                        created=moment, updated=moment, version=1, slug_locked=False,
                    ))  # fmt: skip
                session.execute(insert(ArticleRow), rows)
                session.execute(text(search_index.PG_INDEX + " WHERE true"), {"config": "english"})
            planted = store.create_article(Article(headline=PLANTED, body=texts[0]))
            with store.session() as session:
                session.execute(text("ANALYZE articles"))
                session.commit()
            times, by_query = [], {}
            for query in QUERIES:
                store.search(query)  # the first of each is not counted: the server plans it
                these = []
                for _ in range(5):
                    started = time.perf_counter()
                    store.search(query)
                    these.append((time.perf_counter() - started) * 1000)
                by_query[query] = round(statistics.median(these), 1)
                times += these
            best_first = [s.id for s in store.search("minister said")][:1] == [planted.id]
            times.sort()
            return {
                "search_10k_pg_ms": statistics.median(times),
                "search_10k_pg_p90_ms": times[int(len(times) * 0.9) - 1],
                "search_10k_pg_best_first": best_first,
                "search_10k_pg_by_query_ms": by_query,
            }
    finally:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        engine.dispose()


def search_10k_pg_ms(url: str | None = None) -> float | None:
    """Median milliseconds to search 10,000 articles on the desk server; None without one."""
    return measure(url).get("search_10k_pg_ms")


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1] if len(sys.argv) > 1 else None), indent=2))
