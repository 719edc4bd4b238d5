"""The newsroom's word list: names and terms the spelling checker accepts at every desk."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop_editor.storage.errors import StoreError
from desktop_editor.storage.tables import NewsroomWordRow

MAX_LENGTH = 100


def clean(word: str) -> str:
    """The word as stored, or a StoreError saying why it cannot be."""
    word = word.strip().replace("’", "'")
    if not word:
        raise StoreError("A word for the newsroom's list cannot be empty.")
    if any(c.isspace() for c in word):
        raise StoreError(f"“{word}” is more than one word; add each word on its own.")
    if len(word) > MAX_LENGTH:
        raise StoreError(f"A word for the newsroom's list can be at most {MAX_LENGTH} characters long.")
    return word


def listed(session: Session) -> list[str]:
    found = session.scalars(select(NewsroomWordRow.word)).all()
    return sorted(found, key=lambda word: (word.casefold(), word))


def add(session: Session, word: str) -> bool:
    """Add word; False when it was listed already."""
    if session.get(NewsroomWordRow, word) is not None:
        return False
    session.add(NewsroomWordRow(word=word, added=datetime.now(UTC)))
    session.flush()  # another desk adding it at the same moment: the store runs this again
    return True


def remove(session: Session, word: str) -> bool:
    """Remove word; False when it was not listed."""
    return session.execute(delete(NewsroomWordRow).where(NewsroomWordRow.word == word)).rowcount > 0
