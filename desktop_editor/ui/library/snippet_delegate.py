"""Search results in the library: under each headline, two lines of the words around the
match, the matched words bold, cut to the list's width.

Drawn with QPainter from plain text pieces, never through HTML: an article's text cannot
bring markup into the window, and its own Markdown (say **7-2**) shows as typed.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_editor.ui.library.controller import SNIPPET_MARKS

SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1
GAP = 2  # pixels between the row's text and its snippet
SNIPPET_LINES = 2  # in a library as narrow as 150 px, a line holds three or four words
_MARK_CHARS = str.maketrans("", "", "".join(SNIPPET_MARKS))


def snippet_pieces(snippet: str) -> list[tuple[str, bool]]:
    """(text, matched) pieces of a snippet, in order, its whitespace made single spaces."""
    opening, closing = SNIPPET_MARKS
    pieces: list[tuple[str, bool]] = []
    rest = " ".join(snippet.split())
    while rest:
        start = rest.find(opening)
        if start < 0:
            pieces.append((rest, False))
            break
        if start:
            pieces.append((rest[:start], False))
        end = rest.find(closing, start + 1)
        if end < 0:
            end = len(rest)  # cut short after an opening mark: bold to the end
        pieces.append((rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    cleaned = [(text.translate(_MARK_CHARS), matched) for text, matched in pieces]
    return [(text, matched) for text, matched in cleaned if text]


def snippet_text(snippet: str) -> str:
    """The snippet as plain words (for screen readers and tooltips)."""
    return "".join(text for text, _ in snippet_pieces(snippet))


class SnippetDelegate(QStyledItemDelegate):
    """The row as Qt draws it, with one more line for the snippet when the row has one."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 (Qt API)
        size = super().sizeHint(option, index)
        if index.data(SNIPPET_ROLE):
            size.setHeight(size.height() + SNIPPET_LINES * QFontMetrics(option.font).lineSpacing() + GAP)
        return size

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        snippet = index.data(SNIPPET_ROLE)
        if not snippet:
            super().paint(painter, option, index)
            return
        line = QFontMetrics(option.font).lineSpacing()
        full = QStyleOptionViewItem(option)
        self.initStyleOption(full, index)
        full.text = ""  # the background, selection and focus of the whole row, text apart
        style = full.widget.style() if full.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, full, painter, full.widget)
        above = QStyleOptionViewItem(option)
        above.rect = option.rect.adjusted(0, 0, 0, -(SNIPPET_LINES * line + GAP))
        super().paint(painter, above, index)
        margin = (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, full.widget) + 1) if style else 3
        top = option.rect.bottom() - SNIPPET_LINES * line - GAP + 1
        area = QRect(option.rect.left() + margin, top, option.rect.width() - 2 * margin, SNIPPET_LINES * line)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(area)
        painter.setPen(option.palette.color(QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive, role))
        self._draw_pieces(painter, area, line, option.font, snippet_pieces(snippet))
        painter.restore()

    @staticmethod
    def _draw_pieces(painter, area: QRect, height: int, font: QFont, pieces: list[tuple[str, bool]]) -> None:
        for number, line in enumerate(flowed(pieces, font, area.width(), SNIPPET_LINES)):
            for text, matched, x, width in line:
                painter.setFont(bold_of(font) if matched else font)
                painter.drawText(
                    QRect(area.left() + x, area.top() + number * height, width + 1, height),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text,
                )  # fmt: skip


def bold_of(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def flowed(pieces: list[tuple[str, bool]], font: QFont, width: int, lines: int) -> list[list[tuple[str, bool, int, int]]]:
    """What fits of pieces on up to lines lines of width pixels, broken between words: per
    line, (text, matched, x, width); the last line shown is cut short with "…" as laid_out
    cuts one."""
    pieces = _lead_cut(pieces, font, width, lines)
    shown: list[list[tuple[str, bool, int, int]]] = []
    words = [(word, matched) for text, matched in pieces for word in re.findall(r"\s*\S+\s*|\s+", text)]
    while len(shown) < lines - 1 and words:
        line, x = [], 0
        while words:
            word, matched = words[0]
            if not line:
                word = word.lstrip()
            advance = QFontMetrics(bold_of(font) if matched else font).horizontalAdvance(word.rstrip())
            if x + advance > width:
                break
            line.append((word, matched, x, advance))
            x += QFontMetrics(bold_of(font) if matched else font).horizontalAdvance(word)
            words.pop(0)
        if not line:  # a word wider than a line: the last line cuts it short
            break
        shown.append(line)
    if words:
        words[0] = (words[0][0].lstrip(), words[0][1])
        shown.append(laid_out(words, font, width, lead_cut=False))
    return [line for line in shown if line]


def _lead_cut(pieces: list[tuple[str, bool]], font: QFont, width: int, lines: int = 1) -> list[tuple[str, bool]]:
    """The words before the first match take at most a third of a narrow line (two thirds of
    the first of two), so the match itself is in sight: the line starts "…" and the whole
    words before it."""
    if len(pieces) > 1 and not pieces[0][1]:
        ellipsis = QFontMetrics(font).horizontalAdvance("…")
        room = max(width * min(lines, 2) // 3, ellipsis)
        lead = QFontMetrics(font).elidedText(pieces[0][0], Qt.TextElideMode.ElideLeft, room)
        if lead != pieces[0][0] and " " in lead.rstrip():
            lead = "…" + lead[lead.index(" ") + 1:]  # not the end of a cut word
        return [(lead, False), *pieces[1:]]
    return pieces


def laid_out(pieces: list[tuple[str, bool]], font: QFont, width: int, lead_cut: bool = True) -> list[tuple[str, bool, int, int]]:
    """(text, matched, x, width) of what fits of pieces on one line of width pixels: the
    piece that does not fit is cut short with "…" and nothing follows it."""
    placed = []
    x = 0
    ellipsis = QFontMetrics(font).horizontalAdvance("…")
    if lead_cut:
        pieces = _lead_cut(pieces, font, width)
    for number, (text, matched) in enumerate(pieces):
        metrics = QFontMetrics(bold_of(font) if matched else font)
        room = width - x
        advance = metrics.horizontalAdvance(text)
        last = number == len(pieces) - 1
        if advance > room or (not last and advance > room - ellipsis):
            # Cut short; or it fits, but nothing after it does, which "…" then says.
            cut = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room if advance > room else room - ellipsis)
            if not cut.endswith("…"):
                cut = cut.rstrip() + "…"
            placed.append((cut, matched, x, metrics.horizontalAdvance(cut)))
            return placed
        placed.append((text, matched, x, advance))
        x += advance
    return placed
