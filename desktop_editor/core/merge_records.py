"""Merges of what an article keeps as a record rather than as one value: its workflow history
and its review data. No Qt, no SQL. Both only ever grow, so nothing either side recorded is
lost: the history is a set of moves known by their uid; the review a set of entries known
by their id (core.review), and an entry both sides hold merges its replies and events as
sets, its resolved state following the later of its resolve and reopen events.
"""

from __future__ import annotations

import copy
from datetime import datetime

from desktop_editor.core.workflow import CORRECTION_STATES

GROWING = ("replies", "events")  # a review entry's lists: merged as sets
_IDENTITY = {"replies": ("at", "author", "text"), "events": ("at", "by", "action")}


def _moment(stamp) -> tuple:
    """A sort key for an ISO 8601 time, whatever its offset (unreadable ones last, as text)."""
    try:
        return (0, datetime.fromisoformat(str(stamp)).timestamp(), str(stamp))
    except ValueError:
        return (1, 0.0, str(stamp))


def merge_history(ours: list | None, theirs: list | None) -> list[dict]:
    """Every move either side recorded, once (by uid), oldest first."""
    moves = {move["uid"]: move for move in (*(theirs or ()), *(ours or ()))}
    return sorted(moves.values(), key=lambda move: (_moment(move.get("at")), move["uid"]))


def corrections(history: list[dict]) -> tuple[int, str | None]:
    """(how many corrections, when the last was made) in a merged history."""
    made = [move["at"] for move in history if move.get("to_state") in CORRECTION_STATES]
    return len(made), max(made, key=_moment) if made else None


def _union(first: list, second: list, identity: tuple[str, ...]) -> list:
    found = {}
    for record in (*first, *second):
        found.setdefault(tuple(str(record.get(name, "")) for name in identity), record)
    return sorted(found.values(), key=lambda record: (_moment(record.get("at")), *(str(record.get(n, "")) for n in identity)))


def _entry(was: dict, ours: dict, theirs: dict) -> dict:
    """One review entry held on both sides (ours is the later side's)."""
    entry = {}
    for name in [*ours, *(n for n in theirs if n not in ours)]:
        if name in GROWING:
            entry[name] = copy.deepcopy(_union(ours.get(name) or [], theirs.get(name) or [], _IDENTITY[name]))
            continue
        mine, other, base = ours.get(name), theirs.get(name), was.get(name)
        entry[name] = copy.deepcopy(other if mine == base and name in theirs else mine if name in ours else other)
    if "resolved" in entry:
        settled = [e["action"] for e in entry.get("events", ()) if e.get("action") in ("resolved", "reopened")]
        if settled:
            entry["resolved"] = settled[-1] == "resolved"
    return entry


def merge_review(base: dict | None, ours: dict | None, theirs: dict | None) -> dict:
    """The review data after a merge (ours is the later side's): every entry of either side;
    one both hold has its replies and events from both, its other values three-way against
    base (the later side's where both changed one)."""
    base, ours, theirs = base or {}, ours or {}, theirs or {}
    result = {}
    for item_id in [*ours, *(i for i in theirs if i not in ours)]:
        mine, other = ours.get(item_id), theirs.get(item_id)
        if mine is None or other is None:
            result[item_id] = copy.deepcopy(mine if mine is not None else other)
        else:
            result[item_id] = _entry(base.get(item_id) or {}, mine, other)
    return result
