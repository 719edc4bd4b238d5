"""The review in a Markdown bundle: CriticMarkup in the body, the rest in front matter.

The body keeps each item as CriticMarkup with its id marker (core.critic); the front
matter's `review:` block holds, for each id, what CriticMarkup has no room for:

    review:
      s1: {kind: substitution, author: Sam Sub, at: "2026-05-01T09:00:00+00:00"}
      c2:
        kind: comment
        author: Sam Sub
        at: "2026-05-01T09:05:00+00:00"
        text: Source for this figure?
        resolved: false
        replies: [{author: Ann Reporter, at: "2026-05-01T10:00:00+00:00", text: Council minutes.}]
      s3: {kind: deletion, author: Sam Sub, at: ..., old: "...", events: [{action: accepted, by: Ann Reporter, at: ...}]}

Decided suggestions and resolved comments stay in the block (the review's history).
Markup without an id, or an id the block does not list, is an item all the same: it gets
an id, the import's time and "imported from FILE" as its author. Pure Python, no Qt.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from desktop_editor.core import critic, review

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")
_TEXT_KEYS = ("kind", "author", "at", "text", "words", "old", "new", "copied_from")
KINDS = (*critic.SUGGESTIONS, critic.COMMENT)


class ReviewBlockError(ValueError):
    """The review block cannot be read; the message is one sentence."""


def _moment(value: object, where: str) -> str:
    """An ISO 8601 time, read as the bundle's other times are (no zone means UTC)."""
    from desktop_editor.core.bundle import _moment as bundle_moment

    return review.stamp(bundle_moment(value, "at", where))


def _text(value: object, where: str) -> str:
    if isinstance(value, (dict, list)):
        raise ReviewBlockError(f"{where} must be text.")
    return "" if value is None else str(value)


def _notes(value: object, where: str, keys: tuple[str, ...]) -> list[dict]:
    """replies ({author, at, text}) or events ({action, by, at})."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise ReviewBlockError(f"{where} must be a list of mappings.")
    return [
        {key: (_moment(entry[key], where) if key == "at" else _text(entry.get(key), f"{where}: {key}"))
         for key in keys if key in entry or key != "at"}
        for entry in value
    ]  # fmt: skip


def read_block(value: object, body: str, name: str, moment: datetime) -> tuple[str, dict]:
    """The body and review data of a bundle whose front matter has value under review:
    (None when absent). Items in the body without an entry get one."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ReviewBlockError(f"{name}: the field “review” must be a mapping of item ids.")
    data, in_body = {}, {item.id: item.kind for item in critic.items(body) if item.id}
    for key, entry in value.items():
        item_id, where = str(key), f"{name}: review item “{key}”"
        if not _ID.match(item_id):
            raise ReviewBlockError(f"{where}: an id is a letter followed by letters, digits, - or _.")
        if not isinstance(entry, dict):
            raise ReviewBlockError(f"{where} must be a mapping (kind, author, at...).")
        clean = {k: _text(entry[k], f"{where}: {k}") for k in _TEXT_KEYS if entry.get(k) is not None}
        if "at" in entry and entry["at"] is not None:
            clean["at"] = _moment(entry["at"], where)
        clean["kind"] = clean.get("kind") or in_body.get(item_id, critic.COMMENT)
        if clean["kind"] not in KINDS:
            raise ReviewBlockError(f"{where}: kind must be one of {', '.join(KINDS)}.")
        clean["events"] = _notes(entry.get("events"), f"{where}: events", ("action", "by", "at"))
        if clean.get("kind") == critic.COMMENT:
            clean["replies"] = _notes(entry.get("replies"), f"{where}: replies", ("author", "at", "text"))
            clean["resolved"] = bool(entry.get("resolved", False))
        data[item_id] = clean
    # Items the block does not name (markup written by hand or by another editor) are said
    # to come from the bundle: who made them is not known.
    return review.normalise(body, data, f"imported from {Path(name).name}", moment)


def write_block(body: str, data: dict) -> dict | None:
    """The review: block for a bundle, or None when the article has no review at all (the
    bundle is then plain Markdown)."""
    if not data and not critic.has_markup(body):
        return None
    return {item_id: dict(entry) for item_id, entry in (data or {}).items()}
