"""The desk's workflow through the real command line: status, history, set's workflow options."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from tests.cli.conftest import SLUG, one_sentence, run, settings_file, story  # noqa: F401


def show(store) -> dict:
    return json.loads(run(store, "show", SLUG, "--json").stdout)


def test_a_story_moves_draft_to_published_with_a_history_of_who_did_what(store):
    run(store, "status", SLUG, "subbing", "--author", "Anna Reporter", "--note", "over to the desk")
    run(store, "set", SLUG, "--status", "ready", "--author", "Sam Sub")
    moved = run(store, "status", SLUG, "published", "--author", "Sam Sub")
    assert "from ready to published" in moved.stdout
    corrected = run(store, "status", SLUG, "corrected", "--author", "Sam Sub", "--note", "minister's name")
    assert "correction 1" in corrected.stdout
    history = json.loads(run(store, "history", SLUG, "--json").stdout)
    assert [(h["author"], h["from"], h["to"], h["note"]) for h in history] == [
        ("Anna Reporter", "draft", "subbing", "over to the desk"),
        ("Sam Sub", "subbing", "ready", ""),
        ("Sam Sub", "ready", "published", ""),
        ("Sam Sub", "published", "corrected", "minister's name"),
    ]
    assert all(datetime.fromisoformat(h["at"]).tzinfo for h in history)
    text = run(store, "history", SLUG).stdout
    assert "draft → subbing  by Anna Reporter  — over to the desk" in text
    shown = show(store)
    assert (shown["status"], shown["correction_count"]) == ("published", 1)
    assert shown["publish_at"] and shown["corrected_at"]


def test_refused_moves_are_one_sentence_saying_what_is_allowed_and_change_nothing(store):
    before = show(store)
    assert one_sentence(run(store, "status", SLUG, "killed", check=False)) == (
        "desktop-editor: A story in draft cannot move to killed; from draft it can go to subbing."
    )
    refused = one_sentence(run(store, "set", SLUG, "--status", "published", "--headline", "New", check=False))
    assert "from draft it can go to subbing" in refused
    assert show(store)["headline"] == before["headline"]  # nothing of the set was written
    run(store, "status", SLUG, "subbing")
    run(store, "status", SLUG, "ready")
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    refused = one_sentence(run(store, "set", SLUG, "--publish-at", past, "--status", "scheduled", check=False))
    assert "Scheduling needs a publish time in the future" in refused
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    run(store, "set", SLUG, "--publish-at", future, "--status", "scheduled")
    assert show(store)["status"] == "scheduled"
    assert "it can go to ready or published" in run(store, "status", SLUG).stdout
    assert [h["to"] for h in json.loads(run(store, "history", SLUG, "--json").stdout)] == ["subbing", "ready", "scheduled"]
    scheduled_for = show(store)["publish_at"]
    refused = one_sentence(run(store, "set", SLUG, "--publish-at", past, check=False))
    assert "A scheduled story's publish time must lie in the future" in refused
    assert "move it back to ready" in one_sentence(run(store, "set", SLUG, "--publish-at", "none", check=False))
    assert show(store)["publish_at"] == scheduled_for  # still going out when it was planned


def test_a_house_style_lets_a_small_newsroom_skip_the_subs_and_still_records_it(store):
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text('workflow_shortcuts = "draft->ready"\n', encoding="utf-8")
    run(store, "status", SLUG, "ready", "--author", "Editor")
    assert json.loads(run(store, "history", SLUG, "--json").stdout)[0]["from"] == "draft"
    settings_file().write_text('workflow_shortcuts = "killed->draft"\n', encoding="utf-8")
    assert "workflow_shortcuts" in one_sentence(run(store, "status", SLUG, "subbing", check=False))


def test_embargo_assignee_and_desk_are_set_and_checked(store):
    embargo = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    run(store, "set", SLUG, "--embargo", embargo.isoformat(), "--assignee", "sam", "--desk", "News")
    shown = show(store)
    assert (datetime.fromisoformat(shown["embargo"]), shown["assignee"], shown["desk"]) == (embargo, "sam", "News")
    assert "needs a time zone" in one_sentence(run(store, "set", SLUG, "--embargo", "2030-01-01T09:00", check=False))
    assert "must lie in the future" in one_sentence(run(store, "set", SLUG, "--embargo", "2020-01-01T09:00Z", check=False))
    run(store, "set", SLUG, "--embargo", "none")
    for state in ("subbing", "ready", "published"):
        run(store, "status", SLUG, state)
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert "cannot be added after publishing" in one_sentence(run(store, "set", SLUG, "--embargo", later, check=False))
    assert show(store)["embargo"] is None


def test_an_embargoed_story_cannot_be_published_before_its_time(store):
    embargo = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    run(store, "set", SLUG, "--embargo", embargo)
    run(store, "status", SLUG, "subbing")
    run(store, "status", SLUG, "ready")
    assert "under embargo until" in one_sentence(run(store, "status", SLUG, "published", check=False))


def test_a_story_imported_in_a_later_state_says_so_in_its_history(tmp_path, story):
    store = tmp_path / "imported.sqlite"
    story.write_text(story.read_text().replace('byline: "A Reporter"', 'byline: "A Reporter"\nstatus: ready'))
    run(store, "import", str(story))
    history = json.loads(run(store, "history", SLUG, "--json").stdout)
    assert [(h["from"], h["to"]) for h in history] == [("new", "ready")]
    assert "imported" in history[0]["note"]
    run(store, "status", SLUG, "published")
    assert [h["to"] for h in json.loads(run(store, "history", SLUG, "--json").stdout)] == ["ready", "published"]
    # (A draft begins with no move to record: the first test's history starts at draft.)
