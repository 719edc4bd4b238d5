"""Which articles the library shows and in what order: filters by status, desk, assignee and
"under embargo" and "with conflicts", each choice counted among the articles the other filters let through, and a
sort by last change or by publish time. Plain Python over ArticleSummary rows, no Qt."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from desktop_editor.core.model import ArticleSummary

FACETS = ("status", "desk", "assignee")
FLAGS = ("embargoed", "conflicted")  # yes-or-no filters
SORTS = {"updated": "Last changed", "publish": "Publish time"}


@dataclass(frozen=True)
class LibraryFilter:
    status: str = ""  # "" lets every value through
    desk: str = ""
    assignee: str = ""
    embargoed: bool = False  # only stories still under embargo
    conflicted: bool = False  # only articles a sync left with a conflict
    sort: str = "updated"

    @property
    def active(self) -> bool:
        return bool(self.status or self.desk or self.assignee or self.embargoed or self.conflicted)

    def without(self, facet: str) -> LibraryFilter:
        return replace(self, **{facet: False if facet in FLAGS else ""})

    def lets_through(self, summary: ArticleSummary, now: datetime) -> bool:
        return (
            all(not getattr(self, f) or value(summary, f) == getattr(self, f) for f in FACETS)
            and all(not getattr(self, flag) or flagged(summary, flag, now) for flag in FLAGS)
        )  # fmt: skip

    def describe(self) -> str:
        """The filters in force, in a few words ("" for none)."""
        parts = [
            self.status.capitalize() if self.status else "", self.desk, self.assignee,
            "embargoed" if self.embargoed else "", "with conflicts" if self.conflicted else "",
        ]  # fmt: skip
        return ", ".join(part for part in parts if part)


def value(summary: ArticleSummary, facet: str) -> str:
    return str(getattr(summary, facet) or "").strip()


def flagged(summary: ArticleSummary, flag: str, now: datetime) -> bool:
    if flag == "embargoed":
        return summary.embargo is not None and summary.embargo > now
    return bool(summary.conflicts)


def shown(summaries: list[ArticleSummary], wanted: LibraryFilter, now: datetime | None = None) -> list[ArticleSummary]:
    """The rows wanted lets through, in its order. Publish time: the latest first, then
    the articles without one by last change (the store's order)."""
    now = now or datetime.now(UTC)
    rows = [s for s in summaries if wanted.lets_through(s, now)]
    if wanted.sort == "publish":
        timed = sorted((s for s in rows if s.publish_at is not None), key=lambda s: s.publish_at, reverse=True)
        rows = timed + [s for s in rows if s.publish_at is None]
    return rows


def counts(summaries: list[ArticleSummary], wanted: LibraryFilter, now: datetime | None = None) -> dict[str, Counter]:
    """For each facet (and each flag), how many articles each of its values would show,
    with the other filters as they are: what choosing it would leave ("" counts them all)."""
    now = now or datetime.now(UTC)
    result: dict[str, Counter] = {}
    for facet in (*FACETS, *FLAGS):
        others = wanted.without(facet)
        through = [s for s in summaries if others.lets_through(s, now)]
        if facet in FLAGS:
            result[facet] = Counter({True: sum(flagged(s, facet, now) for s in through)})
        else:
            result[facet] = Counter(value(s, facet) for s in through if value(s, facet))
            result[facet][""] = len(through)
    return result
