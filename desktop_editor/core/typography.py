"""Newsroom punctuation in the headline and standfirst: curly quotes and apostrophes, and
an en dash for a spaced hyphen, the same marks the body gets from python-markdown's smarty
when it is rendered. Given as they are typed in the window, and to whatever else sets these
fields (an imported bundle or Word document, the command line)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_editor.core.model import Article

TYPESET_FIELDS = ("headline", "standfirst", "kicker")
STRAIGHT_QUOTES = "'\""

OPENING_AFTER = " \t\n([{—–/“‘"


def as_typed(text: str, position: int) -> tuple[int, int, str] | None:
    """The replacement (start, end, new text) for what was just typed before position, or
    None: `"` and `'` become “ ” ‘ ’ by what stands before them, and " - " becomes " – "."""
    if position <= 0 or position > len(text):
        return None
    typed = text[position - 1]
    before = text[position - 2] if position >= 2 else ""
    if typed == '"':
        return position - 1, position, "“" if not before or before in OPENING_AFTER else "”"
    if typed == "'":
        return position - 1, position, "‘" if not before or before in OPENING_AFTER else "’"
    if typed == " " and text[max(0, position - 3):position] == " - ":
        return position - 2, position - 1, "–"
    return None


def smarten(text: str) -> str:
    """The whole text as if it had been typed with as_typed (for pasted text)."""
    out = ""
    for character in text:
        out += character
        change = as_typed(out, len(out))
        if change is not None:
            start, end, new = change
            out = out[:start] + new + out[end:]
    return out


def typeset_fields(changes: Mapping[str, object]) -> dict[str, object]:
    """changes with the headline and standfirst (when among them) in house punctuation."""
    return {
        name: smarten(value) if name in TYPESET_FIELDS and isinstance(value, str) else value
        for name, value in changes.items()
    }


def typeset_article(article: Article) -> Article:
    """article with its headline and standfirst in house punctuation."""
    return article.replace(**typeset_fields({name: getattr(article, name) for name in TYPESET_FIELDS}))
