"""The workflow's record: an article's moves (core.workflow), checked and written in the
same transaction as the state they change, so no move goes unrecorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_editor.core import workflow
from desktop_editor.core.corrections import Correction, from_history
from desktop_editor.core.model import Article, Author
from desktop_editor.storage.errors import Refused
from desktop_editor.storage.tables import ArticleRow, TransitionRow

WORKFLOW_FIELDS = ("embargo", "assignee", "desk", "authors")  # set by a save; status only by a move
MAX_NOTE = 2000


def aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def utc(moment: datetime | None) -> datetime | None:
    return aware(moment).astimezone(UTC) if moment is not None else None


def article_fields(row: ArticleRow) -> dict:
    """The workflow's fields of a stored article, for core.model.Article."""
    return {
        "embargo": aware(row.embargo),
        "assignee": row.assignee or "",
        "desk": row.desk or "",
        "correction_count": row.correction_count or 0,
        "corrected_at": aware(row.corrected_at),
        "authors": tuple(
            Author(a.get("name", ""), a.get("role", "writer"), a.get("url", "")) for a in (row.authors or ())
        ),
    }


def row_values(article: Article) -> dict:
    """The columns of WORKFLOW_FIELDS for an article being written."""
    return {
        "embargo": utc(article.embargo),
        "assignee": article.assignee.strip(),
        "desk": article.desk.strip(),
        "authors": [{"name": a.name, "role": a.role, "url": a.url} for a in article.authors],
    }


def to_transition(row: TransitionRow) -> workflow.Transition:
    return workflow.Transition(
        at=aware(row.at), author=row.author, from_state=row.from_state, to_state=row.to_state,
        note=row.note, id=row.id,
    )  # fmt: skip


def record(session: Session, article_id: int, from_state: str, to_state: str, author: str, note: str, at: datetime) -> None:
    session.add(
        TransitionRow(
            article_id=article_id, at=at, author=author.strip()[:200], from_state=str(from_state),
            to_state=str(to_state), note=note.strip()[:MAX_NOTE],
        )  # fmt: skip
    )


def move(
    session: Session,
    row: ArticleRow,
    current: Article,
    target: str,
    author: str = "",
    note: str = "",
    table: workflow.Workflow | None = None,
) -> None:
    """Check the move against the table, change the row and record it; Refused with the
    table's sentence, and nothing changed, when it is not allowed."""
    moment = datetime.now(UTC)
    try:
        moved = (table or workflow.DEFAULT).apply(current, str(target), moment)
    except workflow.WorkflowRefused as refusal:
        raise Refused(str(refusal)) from None
    row.status = str(moved.status)
    row.correction_count = moved.correction_count
    row.corrected_at = utc(moved.corrected_at)
    if utc(moved.publish_at) != utc(aware(row.publish_at)):
        row.publish_at = utc(moved.publish_at)
    record(session, row.id, current.status, target, author, note, moment)


def check_save(row: ArticleRow, current: Article, wanted: Article) -> None:
    """What a plain save may change of the workflow: an embargo set must lie in the future
    and come before publishing, and a scheduled story's new publish time must lie in the
    future too (the status itself moves only through move())."""
    try:
        if wanted.embargo is not None and utc(wanted.embargo) != utc(aware(row.embargo)):
            workflow.check_embargo(current, wanted.embargo)
        if utc(aware(wanted.publish_at)) != utc(aware(row.publish_at)):
            workflow.check_publish_time(current, wanted.publish_at)
    except workflow.WorkflowRefused as refusal:
        raise Refused(str(refusal)) from None


def corrections(session: Session, since: datetime | None = None) -> list[Correction]:
    """Every correction, update and clarification in the store (articles in the trash too:
    what was published stays corrected), oldest first, with its article's headline and slug."""
    statement = (
        select(TransitionRow, ArticleRow.slug, ArticleRow.headline)
        .join(ArticleRow, ArticleRow.id == TransitionRow.article_id)
        .where(TransitionRow.to_state.in_(workflow.CORRECTION_STATES))
        .order_by(TransitionRow.at, TransitionRow.id)
    )  # fmt: skip
    if since is not None:
        statement = statement.where(TransitionRow.at >= utc(since))
    found = []
    for move, slug, headline in session.execute(statement):
        [note] = from_history([to_transition(move)])
        found.append(replace(note, article_id=move.article_id, slug=slug, headline=headline))
    return found


def history(session: Session, article_id: int) -> list[workflow.Transition]:
    statement = select(TransitionRow).where(TransitionRow.article_id == article_id).order_by(TransitionRow.id)
    return [to_transition(row) for row in session.scalars(statement)]
