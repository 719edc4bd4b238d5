"""Desks racing on one store: several processes doing the same thing at the same moment, on
SQLite and on a desk server. Every one of them succeeds, every success is stored, and
nothing prints a traceback."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop_editor.core.model import Article
from desktop_editor.storage.store import Store
from tests.images import photo

REPO = Path(__file__).resolve().parents[2]
DESKS = 4
ROUNDS = 5
SLOT = 0.35  # seconds between steps: every desk does step k at start + k * SLOT


def race(url: str, plans: list[dict]) -> list[list[dict]]:
    """Run one racer process per plan at once; each one's outcomes, after checking that every
    step succeeded and that nothing printed a traceback."""
    processes = []
    for plan in plans:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
            json.dump(plan, file)
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "tests.storage.racer", url, file.name],
                cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
        )
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert "Traceback" not in err, err
        assert process.returncode == 0, err
        lines = [json.loads(line) for line in out.splitlines()]
        failed = [line for line in lines if not line["ok"]]
        assert not failed, failed
        outcomes.append(lines)
    return outcomes


def plan(steps: list[dict], lead: float = 3.0, **extra) -> dict:
    return {"start": time.time() + lead, "slot": SLOT, "steps": steps, **extra}


def test_desks_creating_articles_attaching_photos_and_caching_thumbnails_at_once(backend_url):
    wire = photo(color=(30, 60, 90))
    wire_sha = hashlib.sha256(wire).hexdigest()
    with Store(backend_url) as store:
        shared = store.create_article(Article(headline="Shared story"))
        own = [store.create_article(Article(headline=f"Desk {desk} story")) for desk in range(DESKS)]
        thumb_source = photo(color=(200, 10, 10))
        thumb_sha = hashlib.sha256(thumb_source).hexdigest()
        store.put_image(thumb_sha, thumb_source, "JPEG", 640, 427, {})
    plans = []
    for desk in range(DESKS):
        steps = []
        for round_number in range(ROUNDS):
            mine = photo(color=(desk * 40, round_number * 40, 5))
            steps += [
                {"action": "new_article"},
                {"action": "same_headline", "headline": f"Fire at the docks {round_number}"},
                {"action": "attach", "article_id": own[desk].id, "sha256": wire_sha, "data": wire.hex(),
                 "handle": f"wire-{round_number}", "caption": "A wire photo."},
                {"action": "thumbnail", "sha256": thumb_sha, "size": 100 + round_number,
                 "data": f"thumb from desk {desk}".encode().hex()},
                {"action": "attach", "article_id": shared.id, "sha256": hashlib.sha256(mine).hexdigest(),
                 "data": mine.hex(), "handle": "photo", "caption": f"Desk {desk}, round {round_number}."},
            ]  # fmt: skip
        plans.append(plan(steps))
    outcomes = race(backend_url, plans)

    by_action: dict[str, list] = {}
    for lines in outcomes:
        for line in lines:
            by_action.setdefault(line["action"], []).append(line["value"])
    with Store(backend_url) as store:
        slugs = {summary.slug for summary in store.list_articles()}
        untitled = by_action["new_article"]
        assert len(untitled) == len(set(untitled)) == DESKS * ROUNDS and set(untitled) <= slugs
        docks = by_action["same_headline"]
        assert len(docks) == len(set(docks)) == DESKS * ROUNDS and set(docks) <= slugs
        for round_number in range(ROUNDS):
            base = f"fire-at-the-docks-{round_number}"
            assert sorted(s for s in docks if s.startswith(base)) == sorted(
                [base] + [f"{base}-{n}" for n in range(2, DESKS + 1)]
            )
        for desk in range(DESKS):
            figures = store.figures(own[desk].id)
            assert [f.handle for f in figures] == [f"wire-{r}" for r in range(ROUNDS)]
            assert {f.image_sha256 for f in figures} == {wire_sha}
        assert store.image_bytes(wire_sha) == wire
        for round_number in range(ROUNDS):
            assert store.thumbnail(thumb_sha, 100 + round_number) is not None
        shared_figures = store.figures(shared.id)
        assert len(shared_figures) == DESKS * ROUNDS
        assert sorted(f.handle for f in shared_figures) == sorted(h for h in by_action["attach"] if h.startswith("photo"))
        assert len({f.handle for f in shared_figures}) == DESKS * ROUNDS
        assert {f.caption for f in shared_figures} == {
            f"Desk {desk}, round {r}." for desk in range(DESKS) for r in range(ROUNDS)
        }
        assert {s.id for s in store.search("wire photo")} == {a.id for a in own}  # captions indexed


def test_desks_opening_a_fresh_store_at_once_all_open_it(backend_url):
    from tests.storage.conftest import empty_postgres

    for _round in range(2):
        if backend_url.startswith("postgresql"):
            empty_postgres(backend_url)
        else:
            Path(backend_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        outcomes = race(backend_url, [plan([{"action": "open"}], lead=2.0, open_in_race=True) for _ in range(DESKS)])
        assert [lines[0]["value"] for lines in outcomes] == [0] * DESKS
        with Store(backend_url) as store:
            assert store.upgraded_from is None and store.article_count() == 0
