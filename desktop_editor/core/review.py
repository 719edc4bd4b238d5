"""A subeditor's suggestions and comments: the review of one article. Pure Python, no Qt.

Each item stands in the body as CriticMarkup with an id (core.critic), so it stays on its
words through every edit, revision and merge. What the markup has no room for is kept in
the article's review data, a JSON-able dict keyed by the same id:

    {"s1": {"kind": "substitution", "author": "Sam Sub", "at": "2026-05-01T09:00:00+00:00",
            "old": "...", "new": "...",
            "events": [{"action": "accepted", "by": "Ann Reporter", "at": "..."}]},
     "c1": {"kind": "comment", "author": ..., "at": ..., "text": "Source for this figure?",
            "words": "...", "resolved": false,
            "replies": [{"author": ..., "at": ..., "text": ...}],
            "events": [{"action": "resolved", "by": ..., "at": ...}]}}

Entries are never removed: a decided suggestion (its markup replaced by the words chosen)
and a resolved comment stay as the review's history, with who decided and when. A comment
whose words were all deleted stays open, detached, with the words it had.

Every operation takes the body and the data and returns new ones; nothing is changed in place.
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from desktop_editor.core import critic
from desktop_editor.core.critic import COMMENT, SUGGESTIONS, Item

OPEN, DETACHED, RESOLVED, ACCEPTED, REJECTED, GONE = "open", "detached", "resolved", "accepted", "rejected", "gone"
_ID_LETTERS = "abcdefghijklmnopqrstuvwxyz234567"  # base32 in lower case: no 0/1 to read as o/l


class ReviewError(ValueError):
    """An operation on the review that cannot be made; the message is one sentence."""


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One suggestion or comment, as a list or the command line shows it."""

    id: str
    kind: str  # insertion, deletion, substitution or comment
    state: str  # open, detached (a comment without words), resolved, accepted, rejected, gone
    author: str = ""
    at: str = ""  # ISO 8601
    old: str = ""
    new: str = ""
    words: str = ""  # a comment's words
    text: str = ""  # a comment's text
    replies: tuple = ()  # ({author, at, text}, ...)
    events: tuple = ()  # ({action, by, at}, ...): decisions, resolving and reopening
    start: int | None = None  # where its markup stands in the body, if it does

    @property
    def suggestion(self) -> bool:
        return self.kind in SUGGESTIONS

    @property
    def unresolved(self) -> bool:
        return self.state in (OPEN, DETACHED)


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def review_items(body: str, data: dict) -> list[ReviewItem]:
    """Every item: those in the body in text order, then the rest (detached comments, the
    history of decided suggestions)."""
    data = data or {}
    result, seen = [], set()
    for item in critic.items(body):
        entry = data.get(item.id, {}) if item.id else {}
        if item.id in seen:  # a copy of an item pasted twice: the first one counts
            continue
        seen.add(item.id)
        result.append(_view(item.id, entry, item))
    for item_id, entry in data.items():
        if item_id not in seen and not entry.get("withdrawn"):
            result.append(_view(item_id, entry, None))
    return result


def withdrawn(data: dict, item_ids, on: bool = True) -> dict:
    """Comments their author took back (made and undone in one sitting): kept in the data,
    as a save never drops an entry, but listed nowhere while their markup is gone."""
    data = copy.deepcopy(data or {})
    for item_id in item_ids:
        if item_id in data:
            if on:
                data[item_id]["withdrawn"] = True
            else:
                data[item_id].pop("withdrawn", None)
    return data


def _view(item_id: str, entry: dict, item: Item | None) -> ReviewItem:
    kind = item.kind if item is not None else entry.get("kind", COMMENT)
    events = tuple(entry.get("events") or ())
    if kind == COMMENT:
        words = item.words if item is not None else entry.get("words", "")
        if entry.get("resolved"):
            state = RESOLVED
        else:
            state = OPEN if item is not None and item.words.strip() else DETACHED
        text = entry.get("text") or (item.note if item is not None else "")
        return ReviewItem(
            item_id, kind, state, entry.get("author", ""), entry.get("at", ""), words=words, text=text,
            replies=tuple(entry.get("replies") or ()), events=events, start=item.start if item else None,
        )  # fmt: skip
    if item is not None:
        state, old, new = OPEN, item.old, item.new
    else:
        decisions = [e["action"] for e in events if e.get("action") in (ACCEPTED, REJECTED)]
        state, old, new = (decisions[-1] if decisions else GONE), entry.get("old", ""), entry.get("new", "")
    return ReviewItem(
        item_id, kind, state, entry.get("author", ""), entry.get("at", ""), old=old, new=new,
        events=events, start=item.start if item else None,
    )  # fmt: skip


def unresolved(body: str, data: dict) -> list[ReviewItem]:
    """Open suggestions and unresolved comments (detached ones too), in text order."""
    return [item for item in review_items(body, data) if item.unresolved]


def open_suggestions(body: str) -> list[Item]:
    return [item for item in critic.items(body) if item.suggestion]


# Ids ---------------------------------------------------------------------------------


def _next_id(prefix: str, body: str, data: dict, taken: set[str] = frozenset()) -> str:
    """A new item's id, e.g. "c-k3x9qa": random, so that items added on two laptops while
    apart never share one after a sync; short enough to read in the markup. Ids stored
    before ("s1", "c3") stay as they are."""
    used = {*(data or {}), *(item.id for item in critic.items(body)), *taken}
    while True:
        item_id = f"{prefix}-{''.join(secrets.choice(_ID_LETTERS) for _ in range(6))}"
        if item_id not in used:
            return item_id


def normalise(body: str, data: dict, author: str, moment: datetime) -> tuple[str, dict]:
    """Give every item in body an id and an entry: markup without an id (written by hand, or
    by another editor) and a second copy of one id (text pasted twice) get new ones, with
    author and moment where nothing is known."""
    data = copy.deepcopy(data or {})
    parts, position, seen = [], 0, set()
    for item in critic.items(body):
        item_id = item.id
        if not item_id or item_id in seen:
            item_id = _next_id("c" if item.kind == COMMENT else "s", body, data, seen)
            entry = copy.deepcopy(data.get(item.id, {})) if item.id else {}
            if item.id:
                entry["copied_from"] = item.id
            data[item_id] = entry
            parts.append(body[position : item.start])
            parts.append(critic.markup(item.kind, item_id, item.old, item.new, item.words, item.note))
            position = item.end
        seen.add(item_id)
        entry = data.setdefault(item_id, {})
        entry.setdefault("kind", item.kind)
        entry.setdefault("author", author)
        entry.setdefault("at", stamp(moment))
        entry.setdefault("events", [])
        if item.kind == COMMENT:
            entry.setdefault("text", item.note)
            entry["words"] = item.words or entry.get("words", "")
            entry.setdefault("replies", [])
            entry.setdefault("resolved", False)
        else:
            entry.update(old=item.old, new=item.new)
    parts.append(body[position:])
    return "".join(parts), data


# Suggestions -------------------------------------------------------------------------


def _check_free(body: str, start: int, end: int) -> None:
    if not 0 <= start <= end <= len(body):
        raise ReviewError("That place is not in the article's text.")
    for item in critic.items(body):
        if item.start < end and start < item.end or (start == end and item.start < start < item.end):
            raise ReviewError("Those words are part of another suggestion or comment; decide or resolve it first.")


def suggest(body: str, data: dict, start: int, end: int, new: str, author: str, moment: datetime) -> tuple[str, dict, str]:
    """Suggest replacing body[start:end] with new (an insertion when the range is empty, a
    deletion when new is empty). Returns the body, the data and the suggestion's id."""
    _check_free(body, start, end)
    old = body[start:end]
    if old == new:
        raise ReviewError("The suggestion changes nothing.")
    if critic.unsafe_for_markup(old) or critic.unsafe_for_markup(new):
        raise ReviewError("A suggestion cannot hold review markup ({++, {--, {~~, {== or {>>).")
    kind = critic.INSERTION if not old else critic.DELETION if not new else critic.SUBSTITUTION
    item_id = _next_id("s", body, data)
    data = copy.deepcopy(data or {})
    data[item_id] = {"kind": kind, "author": author, "at": stamp(moment), "old": old, "new": new, "events": []}
    return body[:start] + critic.markup(kind, item_id, old, new) + body[end:], data, item_id


def decide(body: str, data: dict, item_id: str, accept: bool, by: str, moment: datetime) -> tuple[str, dict]:
    """Accept (the text becomes exactly what was suggested) or reject (exactly what was
    there) one open suggestion; its entry keeps who decided and when."""
    for item in critic.items(body):
        if item.id == item_id and item.suggestion:
            return _decided(body, data, [item], accept, by, moment)
    known = data.get(item_id) if data else None
    if known is not None and known.get("kind") == COMMENT:
        raise ReviewError(f"{item_id} is a comment: resolve it rather than accept or reject it.")
    raise ReviewError(f"There is no open suggestion {item_id} in the article.")


def decide_all(body: str, data: dict, accept: bool, by: str, moment: datetime) -> tuple[str, dict]:
    return _decided(body, data, open_suggestions(body), accept, by, moment)


def _decided(body: str, data: dict, chosen: list[Item], accept: bool, by: str, moment: datetime) -> tuple[str, dict]:
    data = copy.deepcopy(data or {})
    parts, position = [], 0
    for item in chosen:
        parts.append(body[position : item.start])
        parts.append(item.text(accept))
        position = item.end
        if item.id:
            entry = data.setdefault(item.id, {"kind": item.kind})
            entry.update(old=item.old, new=item.new)
            entry.setdefault("events", []).append(
                {"action": ACCEPTED if accept else REJECTED, "by": by, "at": stamp(moment)}
            )
    parts.append(body[position:])
    return "".join(parts), data


# Comments ----------------------------------------------------------------------------


def add_comment(
    body: str, data: dict, start: int, end: int, text: str, author: str, moment: datetime
) -> tuple[str, dict, str]:
    """A comment on body[start:end]. Returns the body, the data and the comment's id."""
    text = text.strip()
    if not text:
        raise ReviewError("A comment needs some text.")
    if start == end or not body[start:end].strip():
        raise ReviewError("Choose the words to comment on.")
    _check_free(body, start, end)
    words = body[start:end]
    if critic.unsafe_for_markup(words):
        raise ReviewError("Those words hold review markup; choose others.")
    item_id = _next_id("c", body, data)
    data = copy.deepcopy(data or {})
    data[item_id] = {
        "kind": COMMENT, "author": author, "at": stamp(moment), "text": text, "words": words,
        "resolved": False, "replies": [], "events": [],
    }  # fmt: skip
    return body[:start] + critic.markup(COMMENT, item_id, words=words, note=text) + body[end:], data, item_id


def comment_on(body: str, data: dict, words: str, text: str, author: str, moment: datetime) -> tuple[str, dict, str]:
    """A comment on the one place in the body where words stand, outside other items."""
    if not words.strip():
        raise ReviewError("Give the words to comment on.")
    places, position = [], 0
    while (found := body.find(words, position)) >= 0:
        places.append(found)
        position = found + 1
    if not places:
        raise ReviewError(f"“{words}” is not in the article's text (the words must match exactly).")
    items = critic.items(body)
    free = [p for p in places if not any(i.start < p + len(words) and p < i.end for i in items)]
    if not free:
        raise ReviewError(f"“{words}” is inside a suggestion or comment; decide or resolve it first.")
    if len(free) > 1:
        raise ReviewError(f"“{words}” stands {len(free)} times in the article; give more of the words so they are found once.")
    return add_comment(body, data, free[0], free[0] + len(words), text, author, moment)


def _comment(data: dict, item_id: str) -> dict:
    entry = (data or {}).get(item_id)
    if entry is None or entry.get("kind") != COMMENT:
        raise ReviewError(f"There is no comment {item_id} in the article.")
    return entry


def reply(data: dict, item_id: str, text: str, author: str, moment: datetime) -> dict:
    if not text.strip():
        raise ReviewError("A reply needs some text.")
    data = copy.deepcopy(data or {})
    _comment(data, item_id).setdefault("replies", []).append({"author": author, "at": stamp(moment), "text": text.strip()})
    return data


def resolve(data: dict, item_id: str, by: str, moment: datetime, reopen: bool = False) -> dict:
    """Resolve a comment (or reopen it); it stays on its words, and in the history."""
    data = copy.deepcopy(data or {})
    entry = _comment(data, item_id)
    if bool(entry.get("resolved")) != reopen:
        raise ReviewError(f"Comment {item_id} is {'open' if reopen else 'resolved'} already.")
    entry["resolved"] = not reopen
    entry.setdefault("events", []).append({"action": "reopened" if reopen else RESOLVED, "by": by, "at": stamp(moment)})
    return data


def page_text(body: str) -> str:
    """The body a page is made from: refused (ExportError) while a suggestion is open, which
    must be accepted or rejected first; comments and ids left out, their words kept."""
    from desktop_editor.core.export_files import ExportError

    waiting = open_suggestions(body)
    if waiting:
        first = waiting[0]
        raise ExportError(
            f"{len(waiting)} suggestion{'s' if len(waiting) > 1 else ''} ({first.id or first.kind} first) "
            "must be accepted or rejected before the page is made; nothing was exported."
        )
    return critic.clean(body, "original")


def _quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def review_findings(body: str, data: dict) -> Iterator:
    """The check's findings: an open suggestion is an error (the page waits for a decision),
    an unresolved comment a warning. Each says where it is: its line in the body."""
    from desktop_editor.core.findings import Finding, Severity

    for item in unresolved(body, data):
        line = body.count("\n", 0, item.start) + 1 if item.start is not None else None
        by = f" by {item.author}" if item.author else ""
        if item.suggestion:
            change = {"insertion": f"add {_quoted(item.new)}", "deletion": f"delete {_quoted(item.old)}"}.get(
                item.kind, f"{_quoted(item.old)} → {_quoted(item.new)}"
            )
            yield Finding(Severity.ERROR, f"Suggestion {item.id}{by} ({change}) is not accepted or rejected.", field="review", line=line)
        else:
            where = f"on {_quoted(item.words)}" if item.state == OPEN else f"whose words {_quoted(item.words)} were deleted"
            yield Finding(Severity.WARNING, f"Comment {item.id}{by} {where} is not resolved: {_quoted(item.text)}.", field="review", line=line)


def merged(stored: dict | None, given: dict | None) -> dict:
    """The data a save writes: what is stored, each entry given taking its place. Entries
    are never dropped by a save, so a window holding an older copy loses none."""
    result = dict(stored or {})
    result.update(given or {})
    return result
