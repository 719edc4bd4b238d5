"""The desk's workflow table, every allowed and refused move, without a store or a window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop_editor.core import workflow
from desktop_editor.core.model import Article, Status
from desktop_editor.core.workflow import CORRECTED, DEFAULT, WorkflowRefused, parse_shortcuts

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=3)

ALLOWED = {
    "draft": {"subbing"},
    "subbing": {"draft", "legal", "ready"},
    "legal": {"subbing", "ready"},
    "ready": {"subbing", "legal", "scheduled", "published"},
    "scheduled": {"ready", "published"},
    "published": {"corrected", "updated", "clarified", "killed"},
    "killed": set(),
}


def story(status: str, **changes) -> Article:
    return Article(headline="Bridge", status=Status(status), **changes)


@pytest.mark.parametrize("origin", sorted(ALLOWED))
@pytest.mark.parametrize("target", sorted(workflow.TARGETS))
def test_every_move_is_allowed_or_refused_as_the_table_says(origin, target):
    article = story(origin, publish_at=LATER)
    if target in ALLOWED[origin]:
        moved = DEFAULT.apply(article, target, NOW)
        assert moved.status == (Status.PUBLISHED if target in workflow.CORRECTION_STATES else Status(target))
    else:
        with pytest.raises(WorkflowRefused) as refused:
            DEFAULT.apply(article, target, NOW)
        sentence = str(refused.value)
        assert sentence.endswith(".") and "\n" not in sentence
        for allowed in ALLOWED[origin]:  # the sentence says what is allowed instead
            assert allowed in sentence


def test_the_refusals_a_desk_meets_say_what_is_allowed():
    with pytest.raises(WorkflowRefused, match="A story in draft cannot move to killed; from draft it can go to subbing."):
        DEFAULT.check(story("draft"), "killed", NOW)
    with pytest.raises(WorkflowRefused, match="cannot move to published; from draft it can go to subbing"):
        DEFAULT.check(story("draft"), "published", NOW)
    with pytest.raises(WorkflowRefused, match="Scheduling needs a publish time in the future"):
        DEFAULT.check(story("ready", publish_at=NOW - timedelta(minutes=1)), "scheduled", NOW)
    with pytest.raises(WorkflowRefused, match="Scheduling needs a publish time"):
        DEFAULT.check(story("ready"), "scheduled", NOW)
    with pytest.raises(WorkflowRefused, match="not a workflow state"):
        DEFAULT.check(story("ready"), "printed", NOW)


def test_a_correction_keeps_the_story_published_and_counts():
    published = DEFAULT.apply(story("ready"), "published", NOW)
    assert published.publish_at == NOW  # published now: the page's datePublished
    once = DEFAULT.apply(published, CORRECTED, LATER)
    twice = DEFAULT.apply(once, CORRECTED, LATER + timedelta(days=1))
    assert (twice.status, twice.correction_count, twice.corrected_at) == (Status.PUBLISHED, 2, LATER + timedelta(days=1))
    assert DEFAULT.apply(twice, "killed", LATER).status == Status.KILLED


def test_publishing_a_scheduled_story_keeps_its_time_and_an_embargo_holds():
    scheduled = DEFAULT.apply(story("ready", publish_at=LATER), "scheduled", NOW)
    assert DEFAULT.apply(scheduled, "published", LATER + timedelta(minutes=1)).publish_at == LATER
    embargoed = story("ready", publish_at=LATER, embargo=LATER + timedelta(hours=1))
    with pytest.raises(WorkflowRefused, match="under embargo until 2026-12-08 13:00 UTC; it cannot be published"):
        DEFAULT.apply(embargoed, "published", NOW)
    with pytest.raises(WorkflowRefused, match="schedule it for then or later"):
        DEFAULT.apply(embargoed, "scheduled", NOW)
    assert DEFAULT.apply(embargoed, "published", LATER + timedelta(hours=2)).status == Status.PUBLISHED


def test_a_house_style_adds_moves_but_never_revives_a_killed_story():
    small = parse_shortcuts("draft->ready, subbing -> published")
    assert small.allowed("draft") == ("subbing", "ready")
    assert small.apply(story("draft"), "ready", NOW).status == Status.READY
    assert small.apply(story("subbing"), "published", NOW).status == Status.PUBLISHED
    with pytest.raises(WorkflowRefused, match="draft cannot move to killed"):
        small.check(story("draft"), "killed", NOW)
    for wrong in ("killed->draft", "draft->corrected", "draft->print", "draft ready"):
        with pytest.raises(WorkflowRefused, match="workflow_shortcuts"):
            parse_shortcuts(wrong)
    assert parse_shortcuts("") == DEFAULT


def test_an_embargo_must_be_aware_future_and_before_publishing():
    workflow.check_embargo(story("ready"), LATER, NOW)
    with pytest.raises(WorkflowRefused, match="needs a time zone"):
        workflow.check_embargo(story("ready"), LATER.replace(tzinfo=None), NOW)
    with pytest.raises(WorkflowRefused, match="must lie in the future"):
        workflow.check_embargo(story("ready"), NOW - timedelta(seconds=1), NOW)
    with pytest.raises(WorkflowRefused, match="already published; an embargo cannot be added after publishing"):
        workflow.check_embargo(story("published"), LATER, NOW)
    assert workflow.under_embargo(story("ready", embargo=LATER), NOW)
    assert not workflow.under_embargo(story("ready", embargo=LATER), LATER)
