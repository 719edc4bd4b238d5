"""Putting a revision back: the current article with everything the revision holds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from desktop_editor.core.model import Article, Author, Revision
from desktop_editor.storage.articles import REVISION_FIELDS, _aware


def restored(current: Article, revision: Revision, handles: Iterable[str]) -> Article:
    """The current article with everything a revision holds put back.

    Revisions kept before schema 0003 hold only headline, standfirst and body, so only those
    come back from them. A lead image whose photo is no longer in the article stays as it is.
    """
    changes: dict = {"headline": revision.headline, "standfirst": revision.standfirst, "body": revision.body}
    fields = revision.fields or {}
    handles = set(handles)
    for name in REVISION_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if name == "tags":
            value = tuple(value or ())
        elif name == "status":
            continue  # a move of the workflow, recorded as such; restoring text never moves it
        elif name == "slug_locked":
            value = bool(value)
        elif name == "review":
            value = dict(value or {})
        elif name == "authors":
            value = tuple(Author(a.get("name", ""), a.get("role", "writer"), a.get("url", "")) for a in value or ())
        elif name == "lead_image" and value is not None and value not in handles:
            continue
        elif name == "publish_at":
            try:
                value = _aware(datetime.fromisoformat(value)) if value else None
            except (TypeError, ValueError):
                continue
        changes[name] = value
    return current.replace(**changes)
