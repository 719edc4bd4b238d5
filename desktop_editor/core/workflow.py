"""The desk's workflow: its states, the moves allowed between them, and the checks on a move.

Declared here once and shared by the store (which checks each move again in the transaction
that records it), the command line and the window. Pure Python, no Qt.

    draft -> subbing -> legal (optional) -> ready -> scheduled / published
    published -> corrected (the story stays published; its corrections are counted)
    published -> killed

A house style may add moves (`workflow_shortcuts = "draft->ready"` for a small newsroom
that has no subeditor); it never takes a move away, and every move is recorded all the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from desktop_editor.core.model import Article, Status

# The moves that are not states: a correction, update or clarification on a published story
# (core.corrections). Each is recorded like any other move, and the story stays published.
CORRECTED = "corrected"
CORRECTION_MOVES = {"correction": CORRECTED, "update": "updated", "clarification": "clarified"}
CORRECTION_STATES = tuple(CORRECTION_MOVES.values())

MOVES: dict[Status, tuple[str, ...]] = {
    Status.DRAFT: (Status.SUBBING,),
    Status.SUBBING: (Status.DRAFT, Status.LEGAL, Status.READY),
    Status.LEGAL: (Status.SUBBING, Status.READY),
    Status.READY: (Status.SUBBING, Status.LEGAL, Status.SCHEDULED, Status.PUBLISHED),
    Status.SCHEDULED: (Status.READY, Status.PUBLISHED),
    Status.PUBLISHED: (*CORRECTION_STATES, Status.KILLED),
    Status.KILLED: (),
}

TARGETS = tuple(str(status) for status in Status) + CORRECTION_STATES
PUBLISHED_STATES = (Status.PUBLISHED,)


class WorkflowRefused(Exception):
    """A move the table does not allow, or one whose time is wrong; str() is one sentence."""


@dataclass(frozen=True, slots=True)
class Transition:
    """One recorded move: who made it, when, from which state to which, and why."""

    at: datetime
    author: str
    from_state: str
    to_state: str
    note: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Workflow:
    """The table in force: the declared moves plus any the house style adds."""

    shortcuts: tuple[tuple[str, str], ...] = ()

    def allowed(self, state: Status | str) -> tuple[str, ...]:
        """The moves allowed from state, in the table's order."""
        state = Status(state)
        extra = tuple(to for origin, to in self.shortcuts if origin == state)
        return tuple(str(to) for to in MOVES[state]) + tuple(to for to in extra if to not in MOVES[state])

    def check(self, article: Article, target: str, now: datetime | None = None) -> None:
        """Refuse, with one sentence, a move the table or the article's times do not allow."""
        now = now or datetime.now(UTC)
        state = Status(article.status)
        if target not in TARGETS:
            raise WorkflowRefused(f"“{target}” is not a workflow state; use one of {listed(TARGETS, 'or')}.")
        allowed = self.allowed(state)
        if target not in allowed:
            if not allowed:
                raise WorkflowRefused(f"A killed story stays killed; it cannot move to {target}.")
            raise WorkflowRefused(f"A story in {state} cannot move to {target}; from {state} it can go to {listed(allowed, 'or')}.")
        if target == Status.SCHEDULED:
            if article.publish_at is None or article.publish_at <= now:
                raise WorkflowRefused("Scheduling needs a publish time in the future; set one with --publish-at first.")
            if article.embargo is not None and article.publish_at < article.embargo:
                raise WorkflowRefused(f"The story is under embargo until {_when(article.embargo)}; schedule it for then or later.")
        if target == Status.PUBLISHED and under_embargo(article, now):
            raise WorkflowRefused(f"The story is under embargo until {_when(article.embargo)}; it cannot be published before then.")

    def apply(self, article: Article, target: str, now: datetime | None = None) -> Article:
        """The article after the move (checked first): its state, publish time and corrections."""
        now = now or datetime.now(UTC)
        self.check(article, target, now)
        if target in CORRECTION_STATES:
            return article.replace(correction_count=article.correction_count + 1, corrected_at=now)
        changes: dict = {"status": Status(target)}
        if target == Status.PUBLISHED and (article.publish_at is None or article.publish_at > now):
            changes["publish_at"] = now  # published now, whatever time it was planned for
        return article.replace(**changes)


DEFAULT = Workflow()


def parse_shortcuts(text: str, where: str = "workflow_shortcuts") -> Workflow:
    """A house style's extra moves: "draft->ready, subbing->published"; "" for none."""
    moves = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        origin, arrow, target = (s.strip().lower() for s in part.partition("->"))
        if not arrow or origin not in Status.__members__.values() or target not in TARGETS:
            raise WorkflowRefused(f"{where}: “{part}” is not a move between two states, e.g. “draft->ready”.")
        if origin == Status.KILLED or target in CORRECTION_STATES:
            raise WorkflowRefused(f"{where}: “{part}” cannot be added; a killed story stays killed and only a published one is corrected.")
        moves.append((Status(origin), target))
    return Workflow(tuple(moves))


AUTHOR_VARIABLE = "DESKTOP_EDITOR_AUTHOR"


def user_name() -> str:
    """Who makes a move when nobody says: $DESKTOP_EDITOR_AUTHOR, else the login name ("" if none)."""
    import getpass
    import os

    try:
        return os.environ.get(AUTHOR_VARIABLE) or getpass.getuser()
    except Exception:  # no login name (a container without one): the move is still recorded
        return ""


def lenient_table(shortcuts: str) -> Workflow:
    """The table a house style asks for; the plain table when its shortcuts cannot be read
    (the window says nothing of a settings file it only reads)."""
    try:
        return parse_shortcuts(shortcuts)
    except WorkflowRefused:
        return DEFAULT


DUE_NOTE = "its scheduled time came"


def due(status: Status | str, publish_at: datetime | None, now: datetime | None = None) -> bool:
    """A scheduled story whose publish time has come, to be moved to published."""
    return str(status) == Status.SCHEDULED and publish_at is not None and publish_at <= (now or datetime.now(UTC))


def under_embargo(article: Article, now: datetime | None = None) -> bool:
    return article.embargo is not None and article.embargo > (now or datetime.now(UTC))


def check_embargo(article: Article, embargo: datetime | None, now: datetime | None = None) -> None:
    """An embargo must be timezone-aware, lie in the future and come before publishing."""
    if embargo is None:
        return
    if embargo.tzinfo is None:
        raise WorkflowRefused("An embargo needs a time zone, e.g. 2026-05-01T09:00+01:00.")
    if embargo <= (now or datetime.now(UTC)):
        raise WorkflowRefused(f"An embargo must lie in the future; {_when(embargo)} has passed.")
    if Status(article.status) in (Status.PUBLISHED, Status.KILLED):
        raise WorkflowRefused(f"The story is already {article.status}; an embargo cannot be added after publishing.")


def check_publish_time(article: Article, publish_at: datetime | None, now: datetime | None = None) -> None:
    """A scheduled story keeps a publish time in the future, and not before its embargo."""
    if Status(article.status) != Status.SCHEDULED:
        return
    if publish_at is None:
        raise WorkflowRefused("A scheduled story needs a publish time; move it back to ready before clearing it.")
    if publish_at <= (now or datetime.now(UTC)):
        raise WorkflowRefused(f"A scheduled story's publish time must lie in the future; {_when(publish_at)} has passed.")
    if article.embargo is not None and publish_at < article.embargo:
        raise WorkflowRefused(f"The story is under embargo until {_when(article.embargo)}; schedule it for then or later.")


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def listed(items, conjunction: str) -> str:
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
