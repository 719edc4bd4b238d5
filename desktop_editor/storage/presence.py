"""Who else has an article open: a hint for the library, never a lock.

Each store's sync with the desk (storage.sync_service) notes on the desk which article its
window shows (by the article's identity, the same in every store), who and on which machine;
and reads back what the other stores noted within the last minute. A window that closes, a
laptop that goes offline or a host that dies simply stops being noted, and its row goes
stale: nothing has to be cleaned up for the hint to disappear.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from desktop_editor.storage import replica
from desktop_editor.storage.tables import ArticleRow, PresenceRow

FRESH_FOR = timedelta(seconds=60)  # a note older than this is somebody who has gone


def exchange(local, desk, open_article: int | None, user: str, machine: str) -> dict[int, list[str]]:
    """Note on desk that this store's window shows open_article (None: none), and return, by
    local article id, who else has an article open ("Sam Jones on laptop-2"), newest first."""
    with local._read() as session:
        own = replica.store_id(session)
        uid = session.scalar(select(ArticleRow.uid).where(ArticleRow.id == open_article)) if open_article else None
    now = datetime.now(UTC)
    with desk._write() as session:
        row = session.get(PresenceRow, own)
        if uid is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(PresenceRow(store_id=own, article_uid=uid, user=user, machine=machine, seen=now))
        else:
            row.article_uid, row.user, row.machine, row.seen = uid, user, machine, now
        session.execute(delete(PresenceRow).where(PresenceRow.seen < now - 10 * FRESH_FOR))  # long gone
        others = session.execute(
            select(PresenceRow.article_uid, PresenceRow.user, PresenceRow.machine)
            .where(PresenceRow.store_id != own, PresenceRow.seen >= now - FRESH_FOR)
            .order_by(PresenceRow.seen.desc())
        ).all()  # fmt: skip
    if not others:
        return {}
    with local._read() as session:
        ids = dict(session.execute(select(ArticleRow.uid, ArticleRow.id).where(ArticleRow.uid.in_({o.article_uid for o in others}))).all())
    found: dict[int, list[str]] = {}
    for other in others:
        if other.article_uid in ids:
            who = f"{other.user or 'someone'} on {other.machine}" if other.machine else other.user or "someone"
            found.setdefault(ids[other.article_uid], []).append(who)
    return found
