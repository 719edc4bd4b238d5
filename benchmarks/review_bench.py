"""Review figures: a 20,000-word story with 200 open suggestions and 100 comments.

    from review_bench import measure
    measure(folder, QtBench, story_text)

- preview_keystroke_20k_suggesting_p50_ms / _p90_ms: typing at the end of that story with
  suggesting on (each key becomes part of a suggestion), from the key to the preview's frame
  showing it, as for plain typing (run.py's keystroke_to_frame);
- open_with_review_ratio: opening that story (the window built, its store open and the
  preview's first page shown) against opening the same story without review items, median
  of 3 each, alternated.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

SUGGESTIONS = 200
COMMENTS = 100
WORDS = 20_000


def review_store(folder: Path, story_text, with_review: bool) -> Path:
    """The story, with its suggestions and comments spread through it when with_review."""
    from desktop_editor.core import review
    from desktop_editor.core.model import Article
    from desktop_editor.storage.store import Store

    paragraphs = story_text(WORDS).split("\n\n")
    data: dict = {}
    if with_review:
        for n in range(SUGGESTIONS):
            index = n * len(paragraphs) // SUGGESTIONS
            paragraphs[index] += " {++as the council said++}"
        for n in range(COMMENTS):
            index = (n * len(paragraphs) // COMMENTS + 1) % len(paragraphs)
            first, _, rest = paragraphs[index].partition(" ")
            paragraphs[index] = f"{{=={first}==}}{{>>Source for this?<<}} {rest}"
    body = "\n\n".join(paragraphs)
    if with_review:
        body, data = review.normalise(body, {}, "Sam Sub", datetime.now(UTC))
    path = folder / f"story-{'review' if with_review else 'plain'}.sqlite"
    with Store(path) as store:
        store.create_article(Article(headline="Navy ships gather in the Baltic", body=body, review=data))
    return path


def measure(folder: Path, bench_class, story_text) -> dict:
    from desktop_editor.core import review

    stores = {kind: review_store(folder, story_text, kind == "review") for kind in ("plain", "review")}
    opened: dict[str, list[float]] = {"plain": [], "review": []}
    for run in range(3):
        for kind in ("plain", "review") if run % 2 == 0 else ("review", "plain"):
            (folder / f"{kind}-{run}").mkdir()
            started = time.perf_counter()
            bench = bench_class(folder / f"{kind}-{run}", WORDS, store=stores[kind])
            opened[kind].append(time.perf_counter() - started)
            if kind == "review" and run == 2:
                items = review.review_items(bench.window.editor.toPlainText(), bench.window.document.article.review)
                assert len(items) == SUGGESTIONS + COMMENTS, f"{len(items)} review items in the story, not {SUGGESTIONS + COMMENTS}"
                bench.window.actions.suggesting.setChecked(True)
                times = bench.keystroke_to_frame(100)[5:]
                typed = bench.window.editor.toPlainText()
                assert "{++" in typed[-400:], "suggesting mode did not turn the keys into a suggestion"
            bench.close()
    return {
        "preview_keystroke_20k_suggesting_p50_ms": statistics.median(times),
        "preview_keystroke_20k_suggesting_p90_ms": sorted(times)[int(0.9 * (len(times) - 1))],
        "open_with_review_ratio": statistics.median(opened["review"]) / statistics.median(opened["plain"]),
    }
