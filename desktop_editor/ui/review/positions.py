"""Positions in the body as Python counts them (code points) and as the editor does (UTF-16
units): the same for most text, apart after a character outside the BMP (an emoji)."""

from __future__ import annotations

import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def to_qt(text: str, index: int) -> int:
    """A position in text (code points) as the editor counts it (UTF-16 units)."""
    head = text[:index]
    return index if _ASTRAL.search(head) is None else len(head.encode("utf-16-le")) // 2


def from_qt(text: str, position: int) -> int:
    """A position as the editor counts it, in text (code points)."""
    if _ASTRAL.search(text) is None:
        return position
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)
