"""Where the body places pictures: `![alt](image:HANDLE)` references to the article's
photos, and images from anywhere else, found outside code. Pure Python, no Qt."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from desktop_editor.core.figure_view import IMAGE_SCHEME
from desktop_editor.core.model import Article

# Link text, address and title stop at the next bracket: a body of "[a](" that never close
# is read in linear time (each opener is looked at up to the next one).
_ANY_IMAGE = re.compile(r"!\[((?:\\.|[^\[\]\\])*)\]\(\s*<?([^)\s>\[\]]*)>?(?:\s+[\"'(][^)\[\]]*)?\s*\)")
_REFERENCE = re.compile(r"!\[((?:\\.|[^\[\]\\])*)\]\(\s*<?" + re.escape(IMAGE_SCHEME) + r"\s*([^)\s>\[\]]*)>?\s*\)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class FigureReference:
    handle: str
    alt: str | None  # the alt text typed in the brackets, None when empty
    line: int  # 1-based


def _body_lines(body: str) -> Iterator[tuple[int, str]]:
    """(1-based number, text) of each body line outside code, inline code blanked."""
    fence: str | None = None
    for number, line in enumerate(body.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)[0] * 3
            continue
        if line.startswith(("    ", "\t")) and not line.strip().startswith("!["):
            continue
        yield number, _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


@dataclass(frozen=True)
class OtherImage:
    src: str  # as the author wrote it: https://..., a path, anything but image:HANDLE
    alt: str
    line: int  # 1-based


def other_images(body: str) -> list[OtherImage]:
    """Every `![alt](URL)` in the body that is not one of the article's photos."""
    found = []
    for number, text in _body_lines(body):
        for match in _ANY_IMAGE.finditer(text):
            src = match.group(2).strip()
            if not src.lower().startswith(IMAGE_SCHEME):
                found.append(OtherImage(src, match.group(1).strip(), number))
    return found


def figure_references(body: str) -> list[FigureReference]:
    """Every `![alt](image:HANDLE)` in the body, outside code, in reading order."""
    found: list[FigureReference] = []
    for number, text in _body_lines(body):
        for match in _REFERENCE.finditer(text):
            alt = match.group(1).replace("\\]", "]").strip() or None
            found.append(FigureReference(match.group(2).strip(), alt, number))
    return found


def placed_handles(article: Article) -> list[str]:
    """Handles the exported page shows: the lead image first, then the body's, each once."""
    handles: list[str] = []
    if article.lead_image:
        handles.append(article.lead_image)
    for reference in figure_references(article.body):
        if reference.handle not in handles:
            handles.append(reference.handle)
    return handles


# [text](address "title") not preceded by ! (an image), and [label]: address definitions.
_LINK = re.compile(r"(?<!!)\[((?:\\.|[^\[\]\\])*)\]\(\s*(<[^>\[\]]*>|[^)\s\[\]]*)(?:\s+[\"'(][^)\[\]]*)?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[((?:\\.|[^\]\\])+)\]:\s*(<[^>]*>|\S*)")


@dataclass(frozen=True)
class Link:
    text: str  # the words linked (for a definition, its label)
    address: str  # as written, angle brackets removed
    line: int  # 1-based


def body_links(body: str) -> list[Link]:
    """Every link the body writes, outside code, in reading order."""
    found = []
    for number, text in _body_lines(body):
        for pattern in (_DEFINITION, _LINK):
            for match in pattern.finditer(text):
                address = match.group(2).strip()
                if address.startswith("<") and address.endswith(">"):
                    address = address[1:-1].strip()
                found.append(Link(match.group(1).strip(), address, number))
            if pattern is _DEFINITION and pattern.match(text):
                break
    return found


_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s")


def indented_code_lines(body: str) -> list[int]:
    """The first line (1-based) of each indented code block: text indented by four spaces or
    a tab after a blank line, outside a list, where a writer most likely meant prose."""
    starts: list[int] = []
    in_list = in_code = previous_blank = False
    fence: str | None = None
    for number, line in enumerate(body.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            fence = None if line.strip().startswith(fence) else fence
            continue
        if opening:
            fence = opening.group(1)[0] * 3
            continue
        if not line.strip():
            previous_blank = True
            continue
        if line.startswith(("    ", "\t")):
            if (previous_blank or number == 1) and not in_list and not in_code:
                starts.append(number)
                in_code = True
        else:
            in_code = False
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and not previous_blank)
        previous_blank = False
    return starts
