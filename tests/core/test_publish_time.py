"""A scheduled story's publish time, as the window checks it (core.workflow.check_publish_time)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop_editor.core.model import Article, Status
from desktop_editor.core.workflow import WorkflowRefused, check_publish_time

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def test_a_scheduled_story_keeps_a_publish_time_to_come_not_before_its_embargo():
    scheduled = Article(headline="Budget", status=Status.SCHEDULED, publish_at=NOW + timedelta(hours=1))
    check_publish_time(scheduled, NOW + timedelta(hours=2), NOW)
    for moment, said in (
        (NOW - timedelta(minutes=1), "must lie in the future; 2026-12-08 08:59 UTC has passed"),
        (None, "needs a publish time"),
    ):
        with pytest.raises(WorkflowRefused, match=said):
            check_publish_time(scheduled, moment, NOW)
    embargoed = scheduled.replace(embargo=NOW + timedelta(hours=5))
    with pytest.raises(WorkflowRefused, match="under embargo until"):
        check_publish_time(embargoed, NOW + timedelta(hours=2), NOW)
    for state in (Status.DRAFT, Status.READY, Status.PUBLISHED):  # only a scheduled story is held to it
        check_publish_time(scheduled.replace(status=state), NOW - timedelta(days=1), NOW)
