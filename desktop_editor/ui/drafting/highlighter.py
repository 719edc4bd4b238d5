"""Markdown highlighting for the editor: headings, emphasis, links, images, quotes, lists, code,
and the review's marks (core.critic): suggested words underlined, words suggested for deletion
struck through, commented words highlighted, the markup itself dimmed."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

from desktop_editor.core import critic
from desktop_editor.ui.common.spelling_layer import SpellingLayer, rehighlight, underline


def _format(color: str, bold: bool = False, italic: bool = False, mono: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if mono:
        fmt.setFontFamilies(["DejaVu Sans Mono", "Monospace"])
    return fmt


HEADING = _format("#0b4f8a", bold=True)
EMPHASIS = _format("#333333", italic=True)
STRONG = _format("#1b1b1b", bold=True)
LINK = _format("#0b6e4f")
IMAGE = _format("#8a3b0b", bold=True)
QUOTE = _format("#555555", italic=True)
LIST = _format("#8a0b5a", bold=True)
CODE = _format("#5a5a5a", mono=True)

INLINE_RULES = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), IMAGE),
    (re.compile(r"(?<!!)\[[^\]]+\]\([^)]*\)"), LINK),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), STRONG),
    (re.compile(r"(?<![*_\w])([*_])(?![*_\s])(.+?)(?<![\s*_])\1(?![*_\w])"), EMPHASIS),
    (re.compile(r"`[^`]+`"), CODE),
]
HEADING_LINE = re.compile(r"^ {0,3}#{1,6}\s")
QUOTE_LINE = re.compile(r"^ {0,3}>")
LIST_MARKER = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s")
FENCE = re.compile(r"^ {0,3}(```|~~~)")
IN_FENCE = 1


DARK = {  # the same roles, light on a dark ground
    id(HEADING): "#8cc4ff", id(EMPHASIS): "#d0d0d0", id(STRONG): "#f0f0f0", id(LINK): "#7fd6b0",
    id(IMAGE): "#f0a878", id(QUOTE): "#b0b0b0", id(LIST): "#e88ac8", id(CODE): "#b8b8b8",
}


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document):
        super().__init__(document)
        self._dark: dict[int, QTextCharFormat] = {}
        self.spelling = SpellingLayer(None, self._rehighlight_blocks)
        self.review_authors = lambda: {}  # the open article's review data: who made each item
        self._drawn_by: dict[str, str] = {}  # item id -> the suggester whose colour it was drawn in

    def set_spelling(self, service, editor=None) -> None:
        """Underline misspelt prose (ui.common.spelling_layer), over the Markdown's own formats,
        sparing the word being typed in editor."""
        self.spelling = SpellingLayer(service, self._rehighlight_blocks, self.document(), skip=_in_fence)
        if editor is not None:
            self.spelling.follow_typing(editor)
        rehighlight(self, None)

    def _rehighlight_blocks(self, blocks: list[int] | None) -> None:
        rehighlight(self, blocks)

    def set_dark(self, dark: bool) -> None:
        if dark == bool(self._dark):
            return
        self._dark = {}
        if dark:
            for fmt in (HEADING, EMPHASIS, STRONG, LINK, IMAGE, QUOTE, LIST, CODE):
                copy = QTextCharFormat(fmt)
                copy.setForeground(QColor(DARK[id(fmt)]))
                self._dark[id(fmt)] = copy
        self.rehighlight()

    def recolour(self) -> None:
        """Draw again the paragraphs whose suggestions were drawn before their suggester was
        known (the review arrives after the text when the app starts): only those."""
        authors = self.review_authors()
        changed = {i for i, drawn in self._drawn_by.items() if authors.get(i, {}).get("author", "") != drawn}
        if not changed:
            return
        markers = [critic.marker(item_id) for item_id in changed]
        blocks, block = [], self.document().firstBlock()
        while block.isValid():
            if "{" in block.text() and any(marker in block.text() for marker in markers):
                blocks.append(block.blockNumber())
            block = block.next()
        for item_id in changed:
            self._drawn_by.pop(item_id)  # drawn again below, or no longer in the text
        rehighlight(self, blocks)

    def setFormat(self, start: int, count: int, fmt) -> None:  # noqa: N802 (Qt API)
        super().setFormat(start, count, self._dark.get(id(fmt), fmt))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        self._highlight_markdown(text)
        spans = review_spans(text)
        bases = [QTextCharFormat(self.format(start)) for start, _length, _role, _id in spans]  # before any is set
        authors = self.review_authors() if spans else {}
        for (start, length, role, item_id), base in zip(spans, bases, strict=True):
            self._drawn_by[item_id] = author = authors.get(item_id, {}).get("author", "")
            colour = suggester_colour(author, bool(self._dark))
            QSyntaxHighlighter.setFormat(self, start, length, _review_format(base, role, colour))
        if self.currentBlockState() != IN_FENCE and not FENCE.match(text):
            for start, length, _word in self.spelling.misspelt(text, self.currentBlock().blockNumber()):
                underline(self, start, length)

    def _highlight_markdown(self, text: str) -> None:
        in_fence = self.previousBlockState() == IN_FENCE
        if FENCE.match(text):
            self.setFormat(0, len(text), CODE)
            self.setCurrentBlockState(0 if in_fence else IN_FENCE)
            return
        if in_fence:
            self.setFormat(0, len(text), CODE)
            self.setCurrentBlockState(IN_FENCE)
            return
        self.setCurrentBlockState(0)
        if HEADING_LINE.match(text):
            self.setFormat(0, len(text), HEADING)
            return
        if QUOTE_LINE.match(text):
            self.setFormat(0, len(text), QUOTE)
        marker = LIST_MARKER.match(text)
        if marker:
            self.setFormat(0, marker.end(), LIST)
        for pattern, fmt in INLINE_RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)


# Each suggester's words in a colour of their own (by their name): added words underlined in
# it, removed ones struck through in it. Each colour has a lighter twin for the dark editor;
# both keep at least 4.5:1 against their editor's ground.
SUGGESTER_COLOURS = (
    ("#1a7f3c", "#6fcf7f"), ("#2563eb", "#7aa7ff"), ("#b4309f", "#e58ad8"), ("#b45309", "#f0a24b"),
    ("#0e7490", "#4fc3d7"), ("#c0392b", "#ff8a80"), ("#6d28d9", "#b39dfa"),
)  # fmt: skip


def suggester_colour(author: str, dark: bool = False) -> str:
    pair = SUGGESTER_COLOURS[sum(author.encode("utf-8")) % len(SUGGESTER_COLOURS) if author else 0]
    return pair[1 if dark else 0]


def _review_format(base: QTextCharFormat, role: str, colour: str = SUGGESTER_COLOURS[0][0]) -> QTextCharFormat:
    fmt = QTextCharFormat(base)
    if role == "added":
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(QColor(colour))
        fmt.setForeground(QColor(colour))
    elif role == "removed":
        fmt.setFontStrikeOut(True)
        fmt.setForeground(QColor(colour))
    elif role == "marked":
        fmt.setBackground(QColor(255, 200, 0, 90))
    else:  # the markup: braces, the comment's text, the id
        fmt.setForeground(QColor("#8c8c8c"))
        fmt.setFontUnderline(False)
        fmt.setFontStrikeOut(False)
    return fmt


def review_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, length, role, item id) for the review items on one line: roles added,
    removed, marked and markup (what the page never shows)."""
    if "{" not in text:
        return []
    spans = []
    for item in critic.items(text):
        inner = item.start + 3
        if item.kind == critic.SUBSTITUTION:
            words = [(inner, len(item.old), "removed"), (inner + len(item.old) + 2, len(item.new), "added")]
        elif item.kind == critic.INSERTION:
            words = [(inner, len(item.new), "added")]
        elif item.kind == critic.DELETION:
            words = [(inner, len(item.old), "removed")]
        elif item.words:
            words = [(inner, len(item.words), "marked")]
        else:
            words = []
        spans.append((item.start, item.end - item.start, "markup", item.id))
        spans.extend((*word, item.id) for word in words)
    return spans


def _in_fence(block) -> bool:
    """A fenced code block's line, its fences included (as the highlighter left it)."""
    return block.userState() == IN_FENCE or FENCE.match(block.text()) is not None
