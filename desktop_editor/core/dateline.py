"""The dateline and the kicker on the page.

The dateline is the place a story was filed from, written at the start of its first
paragraph in the house's format (the house style's `dateline_format`):

    "{PLACE} —"                  BRUSSELS —            (the default)
    "{Place}, {date:%-d %B} —"   Brussels, 8 December —

{PLACE} is the place in capitals, {Place} as typed, {date} the publish time (else the last
change) with a strftime format after the colon (%-d: the day without a leading zero). The
kicker, the small label above the headline, is shown by the page's header template. Pure
Python, no Qt.
"""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime
from functools import cache

DEFAULT_DATELINE_FORMAT = "{PLACE} —"
_NAMES = {"PLACE", "Place", "date"}
_UNPADDED = re.compile(r"%-([dmHIMSj])")
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SAMPLE_MOMENT = datetime(2026, 12, 8, 9, 30, tzinfo=UTC)


class DatelineFormatError(ValueError):
    """A dateline format that cannot be used; str() is one sentence."""


class _Moment:
    """A datetime whose format spec is strftime's, with %-d and the like without zeros."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def __format__(self, spec: str) -> str:
        spec = spec or "%-d %B %Y"
        spec = _UNPADDED.sub(lambda m: str(int(self.moment.strftime(f"%{m.group(1)}"))), spec)
        return self.moment.strftime(spec)


def dateline_text(place: str, moment: datetime | None = None, dateline_format: str = DEFAULT_DATELINE_FORMAT) -> str:
    """The dateline as the page shows it, or "" without a place. A format that cannot be
    used gives the default's (check_format says why when it is set)."""
    place = " ".join(place.split())
    if not place:
        return ""
    values = {"PLACE": place.upper(), "Place": place, "date": _Moment(moment or datetime.now(UTC))}
    try:
        return " ".join(string.Formatter().vformat(dateline_format, (), values).split())
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return " ".join(DEFAULT_DATELINE_FORMAT.format(**values).split())


def check_format(value: str, where: str = "dateline_format") -> str:
    """value, if it is a dateline format; else DatelineFormatError with one sentence."""
    example = "e.g. “{PLACE} —” or “{Place}, {date:%-d %B} —”"
    try:
        fields = [name for _text, name, _spec, _conversion in string.Formatter().parse(value) if name is not None]
    except ValueError:
        raise DatelineFormatError(f"{where} has a brace that is not closed; {example}.") from None
    unknown = [name for name in fields if name not in _NAMES]
    if unknown:
        raise DatelineFormatError(f"{where} knows {{PLACE}}, {{Place}} and {{date}}, not {{{unknown[0]}}}; {example}.")
    if "PLACE" not in fields and "Place" not in fields:
        raise DatelineFormatError(f"{where} must contain {{PLACE}} or {{Place}}, {example}.")
    try:
        string.Formatter().vformat(value, (), {"PLACE": "X", "Place": "X", "date": _Moment(SAMPLE_MOMENT)})
    except (ValueError, TypeError):
        raise DatelineFormatError(f"{where} cannot be filled in; {example}.") from None
    return value


def article_dateline(article, dateline_format: str = DEFAULT_DATELINE_FORMAT) -> str:
    """The article's dateline, dated as its page is (the publish time, else the last change)."""
    moment = article.publish_at or article.updated or article.created
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return dateline_text(article.dateline, moment, dateline_format)


def place_and_date(text: str) -> str:
    """A dateline without the dash or colon that leads into the story (JSON-LD's dateline)."""
    return text.rstrip(" —–-:,")


@cache
def _first_paragraph_parser():
    """The parser class below, made on first use: the window imports this module on the way
    to its first frame, and the html package is needed only once a page is rendered."""
    from html.parser import HTMLParser

    class FirstParagraph(HTMLParser):
        """Where the first paragraph at the top level of a fragment opens (not one inside a
        quote, a list or a figure)."""

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = 0
            self.found: tuple[int, int, str] | None = None

        def handle_starttag(self, tag, attrs) -> None:
            if self.found is not None:
                return
            if tag == "p" and self.depth == 0:
                line, column = self.getpos()
                self.found = (line, column, self.get_starttag_text() or "<p>")
            elif tag not in _VOID:
                self.depth += 1

        def handle_endtag(self, tag) -> None:
            if tag not in _VOID and self.depth > 0:
                self.depth -= 1

    return FirstParagraph


def with_dateline(fragment: str, text: str) -> str | None:
    """fragment with the dateline at the start of its first top-level paragraph; None when
    it has no such paragraph."""
    import html

    parser = _first_paragraph_parser()()
    parser.feed(fragment)
    parser.close()
    if parser.found is None:
        return None
    line, column, tag = parser.found
    at = sum(len(part) + 1 for part in fragment.split("\n")[: line - 1]) + column + len(tag)
    return f'{fragment[:at]}<span class="dateline">{html.escape(text, quote=False)}</span> {fragment[at:]}'


def dated_body(fragment: str, text: str) -> str:
    """The whole body's HTML with the dateline in its first top-level paragraph (a story
    with none, only a heading or a photo, has no dateline, as in the preview)."""
    dated = with_dateline(fragment, text) if text else None
    return fragment if dated is None else dated


def article_body(article, context, dateline_format: str = DEFAULT_DATELINE_FORMAT) -> str:
    """The article's body as HTML (core.rendering) with its dateline in place."""
    from desktop_editor.core.rendering import render_fragment

    return dated_body(render_fragment(article.body, context), article_dateline(article, dateline_format))


def dated_blocks(blocks: list, text: str) -> list:
    """The preview's blocks (core.rendering.RenderedBlock) with the dateline in the first
    paragraph; that block's key changes with the dateline, so the page patches it."""
    if not text:
        return blocks
    import dataclasses
    import hashlib

    for index, block in enumerate(blocks):
        dated = with_dateline(block.html, text)
        if dated is not None:
            mark = hashlib.blake2b(text.encode(), digest_size=6).hexdigest()
            changed = dataclasses.replace(block, key=f"{block.key}-{mark}", html=dated)
            return [*blocks[:index], changed, *blocks[index + 1 :]]
    return blocks
