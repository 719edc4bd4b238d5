"""Scheduled publishing through the real command line: a scheduled story whose time has come
is published by publish-due, recorded like any move; one under embargo stays scheduled."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from desktop_editor.storage.store import Store
from tests.cli.conftest import SLUG, run
from tests.scheduling import planned_time_passes as passes


def scheduled(store, **times: datetime) -> None:
    soon = datetime.now(UTC) + timedelta(hours=1)
    run(store, "set", SLUG, "--publish-at", soon.isoformat())
    for state in ("subbing", "ready", "scheduled"):
        run(store, "status", SLUG, state)
    if times:
        planned_time_passes(store, **times)


def planned_time_passes(store, publish_at: datetime) -> None:
    with Store(store) as opened:
        passes(opened, opened.find_article(SLUG).id, publish_at)


def show(store) -> dict:
    return json.loads(run(store, "show", SLUG, "--json").stdout)


def test_a_scheduled_story_whose_time_has_come_is_published_and_recorded(store):
    assert run(store, "publish-due").stdout.strip() == "Nothing is due: no scheduled story's time has come."
    scheduled(store)
    assert "Nothing is due" in run(store, "publish-due").stdout  # an hour to go
    planned = (datetime.now(UTC) - timedelta(minutes=5)).replace(microsecond=0)
    planned_time_passes(store, planned)
    said = run(store, "publish-due", "--author", "Night desk").stdout
    assert said.startswith("Published “") and "scheduled for" in said
    shown = show(store)
    assert shown["status"] == "published"
    assert datetime.fromisoformat(shown["publish_at"]) == planned  # published at its planned time
    last = json.loads(run(store, "history", SLUG, "--json").stdout)[-1]
    assert (last["author"], last["from"], last["to"], last["note"]) == ("Night desk", "scheduled", "published", "its scheduled time came")
    assert "Nothing is due" in run(store, "publish-due").stdout


def test_a_due_story_still_under_embargo_stays_scheduled_and_says_why(store):
    embargo = (datetime.now(UTC) + timedelta(minutes=30)).replace(microsecond=0)
    run(store, "set", SLUG, "--embargo", embargo.isoformat())
    scheduled(store, publish_at=datetime.now(UTC) - timedelta(minutes=1))
    report = json.loads(run(store, "publish-due", "--json").stdout)
    assert report["published"] == [] and [h["slug"] for h in report["held"]] == [SLUG]
    assert "under embargo until" in report["held"][0]["why"]
    assert show(store)["status"] == "scheduled"
