"""Corrections, updates and clarifications on a published story: each a dated note with its
own record in the story's history (core.workflow: a move that keeps the story published and
counts it), shown at the foot of the page and carried in its JSON-LD as a CorrectionComment.
AP's rule: a correction is called a correction, an update an update. Pure Python, no Qt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from desktop_editor.core.workflow import CORRECTION_MOVES, Transition

KINDS = tuple(CORRECTION_MOVES)  # correction, update, clarification
LABELS = {"correction": "Correction", "update": "Update", "clarification": "Clarification"}
KIND_OF_MOVE = {move: kind for kind, move in CORRECTION_MOVES.items()}
MAX_TEXT = 2000


class CorrectionRefused(Exception):
    """A correction that cannot be recorded as given; str() is one sentence."""


@dataclass(frozen=True, slots=True)
class Correction:
    at: datetime
    kind: str  # one of KINDS
    text: str
    author: str = ""
    article_id: int | None = None  # in a log across the store: which article
    slug: str = ""
    headline: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    def dated(self) -> str:
        """“8 December 2026”, the day it was made here."""
        moment = self.at.astimezone()
        return f"{moment.day} {moment:%B %Y}"

    def machine_time(self) -> str:
        """For a <time datetime>: to the second, as HTML accepts it."""
        return self.at.isoformat(timespec="seconds")

    def note(self) -> str:
        """The line at the foot of the page: “Correction, 8 December 2026: An earlier version…”."""
        return f"{self.label}, {self.dated()}: {self.text}"


def from_history(transitions: Iterable[Transition]) -> tuple[Correction, ...]:
    """The corrections among an article's recorded moves, oldest first."""
    return tuple(
        Correction(move.at, KIND_OF_MOVE[move.to_state], move.note, move.author)
        for move in transitions
        if move.to_state in KIND_OF_MOVE
    )  # fmt: skip


def checked_text(kind: str, text: str) -> str:
    """The note's text, tidied; one sentence when it cannot be a note."""
    if kind not in LABELS:
        raise CorrectionRefused(f"“{kind}” is not a kind of correction; use correction, update or clarification.")
    text = " ".join(text.split())
    if not text:
        raise CorrectionRefused(f"A {kind} needs its text: say what was wrong and what is right, e.g. --text \"An earlier version misspelt the minister's name.\"")
    if len(text) > MAX_TEXT:
        raise CorrectionRefused(f"A {kind} note is at most {MAX_TEXT} characters; this one has {len(text)}.")
    return text


def json_ld(corrections: Iterable[Correction], iso) -> list[dict]:
    """schema.org `correction` values: a CorrectionComment per note (iso: a time as the page writes it)."""
    return [
        {"@type": "CorrectionComment", "datePublished": iso(c.at), "text": f"{c.label}: {c.text}"}
        for c in corrections
    ]  # fmt: skip
