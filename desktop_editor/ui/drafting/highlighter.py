"""Markdown highlighting for the editor: headings, emphasis, links, images, quotes, lists, code."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

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

    def setFormat(self, start: int, count: int, fmt) -> None:  # noqa: N802 (Qt API)
        super().setFormat(start, count, self._dark.get(id(fmt), fmt))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        self._highlight_markdown(text)
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


def _in_fence(block) -> bool:
    """A fenced code block's line, its fences included (as the highlighter left it)."""
    return block.userState() == IN_FENCE or FENCE.match(block.text()) is not None
