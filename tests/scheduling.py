"""The clock moving on for a scheduled story: its planned time is now past. Written into the
store itself, since nothing a person does sets a scheduled story's time in the past."""

from __future__ import annotations

from datetime import datetime

from desktop_editor.core.model import Article
from desktop_editor.storage.store import Store
from desktop_editor.storage.tables import ArticleRow
from desktop_editor.storage.transitions import utc


def planned_time_passes(store: Store, article_id: int, publish_at: datetime) -> Article:
    with store._write() as session:
        row = session.get(ArticleRow, article_id)
        row.publish_at = utc(publish_at)
        row.version += 1  # a write like any other: an open window sees it moved on
    return store.get_article(article_id)
