"""Suggestions and comments as they stand in an article's body: CriticMarkup with an id.

The body itself carries every review item, so that each edit, undo, find and replace,
revision and three-way merge carries it on its words:

    {++added++}{#s1}              an insertion
    {--deleted--}{#s2}            a deletion
    {~~old~>new~~}{#s3}           a substitution
    {==marked==}{>>note<<}{#c1}   a comment on the marked words
    {>>note<<}{#c2}               a comment at a point (its words were all deleted)

The id marker `{#ID}` (a letter, then letters, digits, - or _; s for suggestions, c for
comments) counts only immediately after an item's closing brace, so `{#...}` anywhere else
is plain text. Items never nest; an item without a marker (CriticMarkup written by hand or
by another editor) is still an item and gets an id when the review is next written
(core.review.normalise). The author, times, replies and decisions of each item are kept
beside the body, keyed by the id (core.review).

This module only reads and rewrites the markup; it knows no authors. Pure Python, no Qt.
Scanning is linear in the body's length: an opener that never closes is tried once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INSERTION, DELETION, SUBSTITUTION, COMMENT = "insertion", "deletion", "substitution", "comment"
SUGGESTIONS = (INSERTION, DELETION, SUBSTITUTION)

_OPENER = re.compile(r"\{(\+\+|--|~~|==|>>)")
_CLOSERS = {"++": "++}", "--": "--}", "~~": "~~}", "==": "==}", ">>": "<<}"}
_KINDS = {"++": INSERTION, "--": DELETION, "~~": SUBSTITUTION, "==": COMMENT, ">>": COMMENT}
_MARKER = re.compile(r"\{#[ \t]*([A-Za-z][A-Za-z0-9_-]{0,31})[ \t]*\}")
_NOTE = re.compile(r"[ \t]?\{>>")


@dataclass(frozen=True, slots=True)
class Item:
    """One review item in a body: body[start:end] is its whole markup, its marker included."""

    kind: str
    start: int
    end: int
    id: str = ""  # "" when the body gives none
    old: str = ""  # what the text was: a deletion's or substitution's old words
    new: str = ""  # what it would be: an insertion's or substitution's new words
    words: str = ""  # a comment's marked words
    note: str = ""  # a comment's text, as the body carries it

    @property
    def suggestion(self) -> bool:
        return self.kind in SUGGESTIONS

    def text(self, accepted: bool) -> str:
        """What stands in the page for this item: its new text when accepted, else the old."""
        if self.kind == COMMENT:
            return self.words
        return self.new if accepted else self.old


def items(body: str) -> list[Item]:
    """Every review item in body, in text order."""
    found: list[Item] = []
    unclosed: set[str] = set()
    position = 0
    while (match := _OPENER.search(body, position)) is not None:
        mark, start = match.group(1), match.start()
        if mark in unclosed:
            position = start + 1
            continue
        close = body.find(_CLOSERS[mark], match.end())
        if close < 0:
            unclosed.add(mark)
            position = start + 1
            continue
        inner, end = body[match.end() : close], close + 3
        fields: dict = {}
        if mark == "++":
            fields["new"] = inner
        elif mark == "--":
            fields["old"] = inner
        elif mark == "~~":
            if "~>" not in inner:
                position = start + 1
                continue
            fields["old"], fields["new"] = inner.split("~>", 1)
        elif mark == "==":
            fields["words"] = inner
            note = _NOTE.match(body, end)
            if note is not None and (note_close := body.find("<<}", note.end())) >= 0:
                fields["note"] = body[note.end() : note_close]
                end = note_close + 3
        else:
            fields["note"] = inner
        marker = _MARKER.match(body, end)
        if marker is not None:
            fields["id"], end = marker.group(1), marker.end()
        found.append(Item(_KINDS[mark], start, end, **fields))
        position = end
    return found


def has_markup(body: str) -> bool:
    return "{" in body and bool(items(body))


def clean(body: str, view: str = "accepted") -> str:
    """The body as a reader would see it: every suggestion accepted (view "accepted") or
    left out (view "original"), comments and ids gone, their marked words kept."""
    if "{" not in body:
        return body
    found = items(body)
    if not found:
        return body
    accepted = view != "original"
    parts, position = [], 0
    for item in found:
        parts.append(body[position : item.start])
        parts.append(item.text(accepted))
        position = item.end
    parts.append(body[position:])
    return "".join(parts)


def spans_blocks(body: str) -> bool:
    """Whether an item reaches over a blank line (the preview then renders the body whole)."""
    return "{" in body and any("\n\n" in body[item.start : item.end] for item in items(body))


def marker(item_id: str) -> str:
    return f"{{#{item_id}}}" if item_id else ""


def one_line(text: str) -> str:
    """A comment's text as the body carries it: one line, never closing the markup early."""
    return " ".join(text.split()).replace("<<}", "<< }")


def markup(kind: str, item_id: str, old: str = "", new: str = "", words: str = "", note: str = "") -> str:
    """The markup of one item, its id marker after it."""
    if kind == INSERTION:
        text = f"{{++{new}++}}"
    elif kind == DELETION:
        text = f"{{--{old}--}}"
    elif kind == SUBSTITUTION:
        text = f"{{~~{old}~>{new}~~}}"
    elif words:
        text = f"{{=={words}==}}{{>>{one_line(note)}<<}}"
    else:
        text = f"{{>>{one_line(note)}<<}}"
    return text + marker(item_id)


def unsafe_for_markup(text: str) -> bool:
    """Whether words would break the markup they are put in (they hold an opener or closer)."""
    return bool(_OPENER.search(text)) or any(closer in text for closer in _CLOSERS.values()) or "~>" in text
