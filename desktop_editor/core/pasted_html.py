"""HTML from the clipboard as clean Markdown for the article body.

A web page, Word or Google Docs put HTML on the clipboard. What a story needs is kept: bold,
italics, links (web and mail addresses only), lists, headings and quotes; everything else
(styles, scripts, images, tables, fonts, office markup) is dropped, its text kept as text.
The HTML is sanitized by nh3 first, so nothing executable can reach the converter, and the
text is escaped so that a pasted "*" or "[" stays a character, not Markdown.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote

import nh3

_KEPT_TAGS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "strong", "b", "em", "i", "a", "span", "table", "tr", "td", "th",
}  # fmt: skip
_DROPPED_WITH_CONTENT = {"script", "style", "title", "head", "template", "noscript", "iframe", "object", "svg", "math"}
_SCHEMES = {"http", "https", "mailto"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"}
_BOLD = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.IGNORECASE)
_NOT_BOLD = re.compile(r"font-weight\s*:\s*(normal|[1-5]00)", re.IGNORECASE)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)
_ESCAPED = re.compile(r"([\\*_`\[\]])")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s|$)")
_BREAK = "\x00"  # a <br>, until the paragraph's lines are made
_BULLET = re.compile(r"^[•·▪◦o§]\s+")  # Word's list items are paragraphs starting with a bullet


def markdown_from_html(html: str) -> str:
    """The clipboard's HTML as Markdown ('' when it holds no text)."""
    clean = nh3.clean(
        html, tags=_KEPT_TAGS, clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}, "span": {"style"}, "b": {"style"}, "strong": {"style"}, "p": {"style"}},
        url_schemes=_SCHEMES, link_rel=None, strip_comments=True,
    )  # fmt: skip
    converter = _Converter()
    converter.feed(clean)
    converter.close()
    return converter.markdown()


class _Converter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, Markdown): items of one list share a kind
        self.inline: list[str] = []
        self.heading = 0
        self.quotes = 0
        self.lists: list[list] = []  # per open list: [ordered, next number, marker pending]
        self.opened: list[tuple[str, int, str]] = []  # (tag, index in inline, what it adds)
        self.bold = self.italic = 0
        self.list_serial = 0

    # Blocks ---------------------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _BLOCKS or tag == "blockquote" or tag in ("ul", "ol", "li"):
            self._flush()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = max(2, min(int(tag[1]), 3))
        elif tag == "blockquote":
            self.quotes += 1
        elif tag in ("ul", "ol"):
            self.list_serial += not self.lists
            self.lists.append([tag == "ol", 1, False])
        elif tag == "li" and self.lists:
            self.lists[-1][2] = True
        elif tag == "br":
            self.inline.append(_BREAK)
        elif tag == "a":
            href = attrs.get("href") or ""
            self._open(tag, "link:" + href if href.split(":", 1)[0].lower() in _SCHEMES else "")
        else:
            self._open(tag, self._emphasis(tag, attrs.get("style") or ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag != "br":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _BLOCKS or tag == "blockquote" or tag in ("ul", "ol", "li"):
            self._flush()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = 0
        elif tag == "blockquote":
            self.quotes = max(0, self.quotes - 1)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif any(opened[0] == tag for opened in self.opened):
            while self.opened:
                if self._close() == tag:
                    break

    def handle_data(self, data):
        text = re.sub(r"\s+", " ", data.replace("\xa0", " "))
        if text:
            self.inline.append(_ESCAPED.sub(r"\\\1", text))

    def _flush(self) -> None:
        while self.opened:
            self._close()
        lines = [line.strip(" ") for line in "".join(self.inline).split(_BREAK)]
        self.inline = []
        text = "  \n".join(line for line in lines if line)
        if not text:
            return
        kind = "para"
        if self.heading:
            text = "#" * self.heading + " " + " ".join(line for line in lines if line)
        elif self.lists and self.lists[-1][2]:
            ordered, number, _pending = self.lists[-1]
            marker = f"{number}." if ordered else "-"
            self.lists[-1][1:] = [number + 1, False]
            text = "    " * (len(self.lists) - 1) + marker + " " + text
            kind = f"list {self.list_serial}"
        elif self.lists:
            text = "    " * len(self.lists) + text
            kind = f"list {self.list_serial}"
        elif _BULLET.match(text):
            text, kind = _BULLET.sub("- ", text), "bullets"
        else:
            text = _LINE_START.sub(_escape_line_start, text)
        if self.quotes:
            text = "\n".join("> " * self.quotes + line for line in text.split("\n"))
        self.blocks.append((kind, text))

    def markdown(self) -> str:
        self._flush()
        parts: list[str] = []
        for n, (kind, text) in enumerate(self.blocks):
            if n:
                parts.append("\n" if kind != "para" and self.blocks[n - 1][0] == kind else "\n\n")
            parts.append(text)
        return "".join(parts)

    # Inline ---------------------------------------------------------------------------------

    def _emphasis(self, tag: str, style: str) -> str:
        if tag in ("strong", "b") and not _NOT_BOLD.search(style) or _BOLD.search(style):
            return "**" if not self.bold else ""
        if tag in ("em", "i") or _ITALIC.search(style):
            return "*" if not self.italic else ""
        return ""

    def _open(self, tag: str, adds: str) -> None:
        self.opened.append((tag, len(self.inline), adds))
        if adds == "**":
            self.bold += 1
        elif adds == "*":
            self.italic += 1

    def _close(self) -> str:
        tag, start, adds = self.opened.pop()
        if adds == "**":
            self.bold -= 1
        elif adds == "*":
            self.italic -= 1
        if not adds:
            return tag
        inner = "".join(self.inline[start:])
        del self.inline[start:]
        core = inner.strip(" ")
        if not core.strip():
            self.inline.append(inner)
            return tag
        lead = " " if inner[:1] == " " else ""
        trail = " " if inner[-1:] == " " else ""
        if adds.startswith("link:"):
            address = quote(adds[5:], safe=":/?#@!$&'*+,;=%~")
            self.inline.append(f"{lead}[{core}]({address}){trail}")
        else:
            self.inline.append(f"{lead}{adds}{core}{adds}{trail}")
        return tag


def _escape_line_start(match: re.Match) -> str:
    """'# x', '> x', '- x' or '1. x' at a paragraph's start: a character, not a heading,
    quote or list."""
    mark = match.group(2)
    return match.group(1) + (mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark)
