"""The red wavy underline under misspelt words, drawn as you type.

`SpellingLayer` splits lines into words (regular expressions) and asks the service
(common.spelling_service) for each; the lines found to hold a misspelling are highlighted
again, a few at a time, when the verdicts are back. It draws in a QSyntaxHighlighter (the
body, the standfirst, photo captions), or as ranges a line edit paints itself (the headline:
common.spelling_fields).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from desktop_editor.core.spelling import is_code_line, words
from desktop_editor.ui.common.milestones import milestone
from desktop_editor.ui.common.spelling_service import SpellingService
UNDERLINE = QColor("#d11a1a")
SLICE_SECONDS = 0.004  # the longest the UI thread spends highlighting again in one go


class SpellingLayer:
    """The misspelt words of one text field, as the service knows them.

    refresh(blocks) highlights those block numbers again (None: the whole field). A field
    with a document (the body may be long) is worked through a slice at a time, nearest the
    cursor first, so none of this holds up a keystroke; and when verdicts arrive, only the
    lines that turn out to hold a misspelling are highlighted again.
    skip(block): a block never checked (a fenced code block's line, say)."""

    def __init__(
        self,
        service: SpellingService | None,
        refresh: Callable[[list[int] | None], None],
        document=None,
        skip: Callable[[QTextBlock], bool] | None = None,
    ):
        self.service = service
        self._refresh = refresh
        self._document = document
        self._skip = skip
        # Blocks waiting for verdicts: the words not known yet (None: not looked at yet).
        self._waiting: dict[int, set[str] | None] = {}
        # Blocks to work through: highlight again (True), or first look at their words (False).
        self._due: dict[int, bool] = {}
        self._slicer: QTimer | None = None
        self._edit: QPlainTextEdit | None = None
        self._spared: tuple[int, int] | None = None  # (block, end) of the word being typed
        self._later = False
        if service is not None:
            service.rechecked.connect(self._rechecked)
            service.rules_changed.connect(self.refresh_all)

    def follow_typing(self, edit: QPlainTextEdit) -> None:
        """Leave the word being typed in edit alone (the cursor at its end, in a field with
        focus) until the cursor leaves it: half a word is not a misspelling."""
        self._edit = edit
        edit.cursorPositionChanged.connect(self._cursor_moved)
        self._focus = _FocusWatch(edit, self._cursor_moved)

    def _typing_at(self, block: int) -> int | None:
        edit = self._edit
        if edit is None or not edit.hasFocus():
            return None
        cursor = edit.textCursor()
        if cursor.hasSelection() or cursor.blockNumber() != block:
            return None
        return cursor.positionInBlock()

    def _cursor_moved(self) -> None:
        if self._spared is None:
            return
        block, end = self._spared
        if self._typing_at(block) != end:
            self._spared = None
            self._refresh([block])

    @contextmanager
    def later(self):
        """Highlight without spelling meanwhile (a whole article being put in), then look at
        the lines' words a slice at a time."""
        self._later = True
        try:
            yield
        finally:
            self._later = False
            if self.service is not None and self.service.started:
                self._rechecked(set(), set())

    def misspelt(self, text: str, block: int = 0, typing_at: int | None = None) -> list[tuple[int, int, str]]:
        service = self.service
        if service is None or not service.enabled or is_code_line(text):
            return []
        if not service.started or self._later:  # the words are looked at later, in slices
            self._waiting[block] = None
            return []
        if typing_at is None:
            typing_at = self._typing_at(block)
        if self._spared is not None and self._spared[0] == block:
            self._spared = None
        found = []
        unknown = set()
        for start, length, word in words(text):
            if typing_at == start + length:
                self._spared = (block, typing_at)
                continue
            verdict = service.verdict(word)
            if verdict is None:
                unknown.add(word)
            elif not verdict:
                found.append((start, length, word))
        if unknown:
            self._waiting[block] = unknown
        else:
            self._waiting.pop(block, None)
        return found

    def _rechecked(self, arrived: set[str], misspelt: set[str]) -> None:
        if not self._waiting:
            return
        if self._document is None:
            self._waiting.clear()
            self._refresh(None)
            return
        due = {}
        for block, unknown in list(self._waiting.items()):
            if unknown is None:
                due[block] = False
                del self._waiting[block]
            elif not unknown.isdisjoint(misspelt):
                due[block] = True
                del self._waiting[block]
            else:
                unknown -= arrived
                if not unknown:
                    del self._waiting[block]  # all right: nothing to draw
        self._work_through(due)

    def refresh_all(self) -> None:
        self._waiting.clear()
        if self._document is None:
            self._refresh(None)
        else:
            self._work_through(dict.fromkeys(range(self._document.blockCount()), True))

    def _work_through(self, due: dict[int, bool]) -> None:
        if not due:
            return
        for block, highlight in due.items():
            self._due[block] = self._due.get(block, False) or highlight
        if self._slicer is None:  # goes with the document: no slice outlives the field
            self._slicer = QTimer(self._document, singleShot=True, interval=0)
            self._slicer.timeout.connect(self._work_slice)
        if not self._slicer.isActive():
            self._slicer.start()

    def _work_slice(self) -> None:
        near = self._edit.textCursor().blockNumber() if self._edit is not None else 0
        count = self._document.blockCount()
        due, self._due = self._due, {}
        order = sorted((block for block in due if block < count), key=lambda block: abs(block - near))
        deadline = time.perf_counter() + SLICE_SECONDS
        for index, number in enumerate(order):
            if time.perf_counter() > deadline:
                self._work_through({block: due[block] for block in order[index:]})
                return
            if not due[number]:
                block = self._document.findBlockByNumber(number)
                if (self._skip is not None and self._skip(block)) or not self.misspelt(block.text(), number):
                    continue  # nothing to underline here (yet)
            self._refresh([number])


class _FocusWatch(QObject):
    """Calls back when a widget loses focus."""

    def __init__(self, widget, callback: Callable[[], None]):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self, self._callback)  # once the focus has really gone
        return False


def underline(highlighter: QSyntaxHighlighter, start: int, length: int) -> None:
    """Add the spell-check underline to a range, keeping the formats already set there."""
    run_start = start
    for position in range(start, start + length + 1):
        if position == start + length or (
            position > run_start and highlighter.format(position) != highlighter.format(run_start)
        ):
            fmt = QTextCharFormat(highlighter.format(run_start))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            fmt.setUnderlineColor(UNDERLINE)
            QSyntaxHighlighter.setFormat(highlighter, run_start, position - run_start, fmt)
            run_start = position


def rehighlight(highlighter: QSyntaxHighlighter, blocks: list[int] | None) -> None:
    """Highlight blocks again (None: all). Qt reports a highlight as a change of the text
    (contentsChanged, so the field's textChanged): the document is silent meanwhile, or
    new underlines would be taken for an edit and saved."""
    document = highlighter.document()
    if document is None:
        return
    silent = document.blockSignals(True)
    try:
        if blocks is None:
            highlighter.rehighlight()
            return
        for number in blocks:
            block = document.findBlockByNumber(number)
            if block.isValid():
                highlighter.rehighlightBlock(block)
    finally:
        document.blockSignals(silent)


class SpellingHighlighter(QSyntaxHighlighter):
    """Only the spell-check underline: for plain text fields (standfirst, captions)."""

    def __init__(self, document, service: SpellingService | None):
        super().__init__(document)
        self.spelling = SpellingLayer(service, lambda blocks: rehighlight(self, blocks), document)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        for start, length, _word in self.spelling.misspelt(text, self.currentBlock().blockNumber()):
            underline(self, start, length)


def check_plain_text(edit: QPlainTextEdit, service: SpellingService | None) -> SpellingHighlighter:
    """Spelling checked in a plain text field, with suggestions in its context menu."""
    highlighter = SpellingHighlighter(edit.document(), service)
    highlighter.spelling.follow_typing(edit)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    edit.customContextMenuRequested.connect(lambda point: show_text_menu(edit, point, highlighter.spelling))
    return highlighter


def show_text_menu(edit: QPlainTextEdit, point: QPoint, layer: SpellingLayer) -> None:
    menu = text_menu(edit, point, layer)
    menu.exec(edit.viewport().mapToGlobal(point))
    menu.deleteLater()


def text_menu(edit: QPlainTextEdit, point: QPoint, layer: SpellingLayer) -> QMenu:
    """The field's standard context menu, with spelling actions on top when the word under
    point is misspelt."""
    menu = edit.createStandardContextMenu(point)
    cursor = edit.cursorForPosition(point)
    block = cursor.block()
    column = cursor.positionInBlock()
    for start, length, word in layer.misspelt(block.text(), block.blockNumber(), typing_at=-1):
        if start <= column <= start + length:
            def replace(suggestion: str, at=block.position() + start, length=length) -> None:
                change = QTextCursor(edit.document())
                change.setPosition(at)
                change.setPosition(at + length, QTextCursor.MoveMode.KeepAnchor)
                change.insertText(suggestion)  # one undo step, reported as typing is

            add_spelling_actions(menu, layer.service, word, replace)
            break
    return menu


def add_spelling_actions(menu: QMenu, service: SpellingService, word: str, replace: Callable[[str], None]) -> None:
    """Suggestions (filled in when the thread has found them), then the dictionary's actions."""
    first = menu.actions()[0] if menu.actions() else None
    actions: list[QAction] = []

    def add(action: QAction) -> None:
        menu.insertAction(first, action)
        actions.append(action)

    def show(found: list[str]) -> None:
        for action in [a for a in actions if a.data() == "pending"]:
            menu.removeAction(action)
            actions.remove(action)
        if not found:
            none = QAction("No suggestions", menu)
            none.setEnabled(False)
            menu.insertAction(separator, none)
        for suggestion in found:
            action = QAction(suggestion, menu)
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(lambda _checked=False, s=suggestion: replace(s))
            menu.insertAction(separator, action)
        menu.adjustSize()
        milestone("suggestions_shown")  # for tests driving the menu from outside

    found = service.suggestions(word)
    if found is None:
        pending = QAction("Looking for suggestions…", menu)
        pending.setEnabled(False)
        pending.setData("pending")
        add(pending)

        def arrived(arrived_word: str, suggestions: list) -> None:
            if arrived_word == word:
                try:
                    show(suggestions)
                except RuntimeError:
                    pass  # the menu has closed and gone
        service.suggested.connect(arrived)
        menu.destroyed.connect(lambda: _disconnect(service.suggested, arrived))
    separator = QAction(menu)
    separator.setSeparator(True)
    add_word = QAction("Add to Newsroom Dictionary", menu)
    add_word.setToolTip("Every desk's spelling checker accepts it from now on")
    add_word.triggered.connect(lambda: service.add_to_dictionary(word))
    ignore = QAction("Ignore", menu)
    ignore.setToolTip("Accept it here until Desktop Editor closes")
    ignore.triggered.connect(lambda: service.ignore(word))
    for action in (separator, add_word, ignore):
        add(action)
    if first is not None:
        after = QAction(menu)
        after.setSeparator(True)
        add(after)
    if found is not None:
        show(found)


def _disconnect(signal, slot) -> None:
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):
        pass
