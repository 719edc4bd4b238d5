"""Spelling checked as you type, off the UI thread.

`SpellingService` owns the dictionaries. They are loaded, and every word looked up, on a
thread of its own (core.spelling.Speller, Enchant with the system's hunspell dictionaries),
started once the window is on screen: start-up never waits for a dictionary, nor a keystroke
for a look-up. The UI thread only splits lines into words (regular expressions) and looks
each up in a cache of verdicts; words it has not seen yet go to the thread together, and
the lines found to hold a misspelling are highlighted again, a few at a time, when the
verdicts are back.

`SpellingLayer` draws the red wavy underline: in a QSyntaxHighlighter (the body, the
standfirst, photo captions), or as ranges a line edit paints itself (the headline).
`add_spelling_actions` puts suggestions, "Add to newsroom dictionary" and "Ignore" at the
top of a field's context menu.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit

from desktop_editor.core.spelling import DEFAULT_LANGUAGE, MAX_SUGGESTIONS, is_code_line, words

UNDERLINE = QColor("#d11a1a")
BATCH = 200  # words looked up between glances at the queue for more urgent requests
SLICE_SECONDS = 0.004  # the longest the UI thread spends highlighting again in one go
FLUSH_MS = 20  # new words are gathered this long, then sent to the thread together


class _Signals(QObject):
    verdicts = Signal(str, dict)  # language, {word: correct}
    suggestions = Signal(str, str, list)  # language, word, suggestions
    problem = Signal(str)  # a sentence: why spelling is not checked for the article's language


class SpellingService(QObject):
    """What is misspelt, in the article's language; the newsroom's words accepted."""

    rechecked = Signal(object, object)  # words with verdicts now, those of them misspelt
    rules_changed = Signal()  # on or off, another language, a word accepted: all again
    status = Signal(str)  # one sentence for the status bar
    suggested = Signal(str, list)  # word, its suggestions

    def __init__(self, store=None, enabled: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._enabled = enabled
        self._language = DEFAULT_LANGUAGE
        self._verdicts: dict[str, dict[str, bool]] = {}  # language -> word -> correct
        self._suggestions: dict[tuple[str, str], list[str]] = {}
        self._asked: set[tuple[str, str]] = set()
        self._wanted: dict[str, set[str]] = {}  # words to send, per language
        self._accepted: set[str] = set()  # added or ignored in this session
        self._signals = _Signals()
        self._signals.verdicts.connect(self._verdicts_arrived)
        self._signals.suggestions.connect(self._suggestions_arrived)
        self._signals.problem.connect(self._problem)
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)
        self._worker: _Worker | None = None
        self._told: set[str] = set()

    # Life ------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the checking thread (after the window's first paint); safe to call again."""
        if self._worker is None and self._enabled:
            self._worker = _Worker(self._store, self._signals)
            self._worker.start()
            self.rechecked.emit(set(), set())  # the fields look at their words now

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    @property
    def started(self) -> bool:
        return self._worker is not None

    # What the fields ask ---------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        if enabled == self._enabled:
            return
        self._enabled = enabled
        if enabled:
            self.start()
        self.rules_changed.emit()

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        """The article's language tag; several tags, comma-separated, accept a word that
        any of them knows."""
        language = (language or DEFAULT_LANGUAGE).strip() or DEFAULT_LANGUAGE
        if language != self._language:
            self._language = language
            self.rules_changed.emit()

    def verdict(self, word: str) -> bool | None:
        """True when word is right, False when misspelt, None until the thread has said."""
        if word in self._accepted:
            return True
        known = self._verdicts.setdefault(self._language, {})
        found = known.get(word)
        if found is None:
            self._wanted.setdefault(self._language, set()).add(word)
            if self._worker is not None and not self._flush_timer.isActive():
                self._flush_timer.start()
        return found

    def known(self, word: str) -> bool | None:
        """The verdict on word if there is one, asking nothing."""
        if word in self._accepted:
            return True
        return self._verdicts.get(self._language, {}).get(word)

    def suggestions(self, word: str) -> list[str] | None:
        """Suggestions for a misspelt word; None until the thread has found them (the
        `suggested` signal brings them), asking it once."""
        key = (self._language, word)
        if key in self._suggestions:
            return self._suggestions[key]
        if self._worker is not None and key not in self._asked:
            self._asked.add(key)
            self._worker.put(("suggest", self._language, word), urgent=True)
        return None

    def add_to_dictionary(self, word: str) -> None:
        """The newsroom's word from now on, at every desk: kept in the store."""
        self._accept(word)
        if self._worker is not None:
            self._worker.put(("add", word), urgent=True)
        elif self._store is not None:
            self._store.add_newsroom_word(word)

    def ignore(self, word: str) -> None:
        """Right for the rest of this session, here only."""
        self._accept(word)

    def _accept(self, word: str) -> None:
        self._accepted.add(word)
        for known in self._verdicts.values():
            known[word] = True
        self.rules_changed.emit()

    # Answers from the thread -------------------------------------------------------------

    def _flush(self) -> None:
        if self._worker is None:
            return
        for language, wanted in self._wanted.items():
            if wanted:
                self._worker.put(("check", language, sorted(wanted)))
        self._wanted = {}

    def _verdicts_arrived(self, language: str, verdicts: dict) -> None:
        known = self._verdicts.setdefault(language, {})
        for word, correct in verdicts.items():
            known[word] = correct or word in self._accepted
        if language == self._language:
            misspelt = {word for word, correct in verdicts.items() if not known[word]}
            self.rechecked.emit(set(verdicts), misspelt)

    def _suggestions_arrived(self, language: str, word: str, found: list) -> None:
        self._suggestions[(language, word)] = list(found)
        if language == self._language:
            self.suggested.emit(word, list(found))

    def _problem(self, sentence: str) -> None:
        if sentence not in self._told:
            self._told.add(sentence)
            self.status.emit(sentence)


class _Worker:
    """The thread that owns the dictionaries: requests in, verdicts out by signal."""

    def __init__(self, store, signals: _Signals):
        self._store = store
        self._signals = signals
        self._queue: deque = deque()
        self._urgent: deque = deque()
        self._wake = threading.Condition()
        self._stopping = False
        self._spellers: dict = {}
        self._newsroom: list[str] | None = None
        self._thread = threading.Thread(target=self._run, name="spelling", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify()
        self._thread.join(timeout=0.5)  # one still waiting for the store ends on its own

    def put(self, request: tuple, urgent: bool = False) -> None:
        with self._wake:
            (self._urgent if urgent else self._queue).append(request)
            self._wake.notify()

    def _next(self) -> tuple | None:
        with self._wake:
            while not (self._urgent or self._queue or self._stopping):
                self._wake.wait()
            if self._stopping:
                return None
            return (self._urgent or self._queue).popleft()

    def _run(self) -> None:
        from desktop_editor.ui.shell.workers import _lower_this_threads_priority

        _lower_this_threads_priority()
        while (request := self._next()) is not None:
            try:
                self._serve(request)
            except RuntimeError:  # the window, and the signals with it, have gone
                return

    def _serve(self, request: tuple) -> None:
        kind = request[0]
        if kind == "check":
            _, language, wanted = request
            speller = self._speller(language)
            verdicts = {}
            for start in range(0, len(wanted), BATCH):
                verdicts.update((w, speller.check(w)) for w in wanted[start:start + BATCH])
                while self._urgent:  # a right-click waits for no long list
                    self._serve(self._urgent.popleft())
            self._signals.verdicts.emit(language, verdicts)
        elif kind == "suggest":
            _, language, word = request
            self._signals.suggestions.emit(language, word, self._speller(language).suggest(word, MAX_SUGGESTIONS))
        elif kind == "add":
            word = request[1]
            if self._newsroom is not None:
                self._newsroom.append(word)  # for a language's dictionary opened later
            for speller in self._spellers.values():
                speller.accept(word)
            if self._store is not None:
                try:
                    self._store.add_newsroom_word(word)
                except Exception as error:  # a StoreError: its own sentence
                    self._signals.problem.emit(f"“{word}” was not added to the newsroom dictionary: {error}")

    def _speller(self, languages: str):
        from desktop_editor.core.spelling import Speller, Spellers

        found = []
        for language in filter(None, (tag.strip() for tag in languages.split(","))):
            speller = self._spellers.get(language)
            if speller is None:
                speller = Speller.open(language, self._newsroom_words())
                self._spellers[language] = speller
                if speller.problem:
                    self._signals.problem.emit(speller.problem)
            found.append(speller)
        return Spellers(found)

    def _newsroom_words(self) -> list[str]:
        if self._newsroom is None:
            self._newsroom = []
            if self._store is not None:
                try:
                    self._newsroom = list(self._store.newsroom_words())
                except Exception as error:  # the store could not be read: check without them
                    self._signals.problem.emit(f"The newsroom dictionary could not be read: {error}")
        return self._newsroom


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


class SpellCheckedLineEdit(QLineEdit):
    """A line edit that underlines misspelt words (a QLineEdit draws no character formats,
    so the underline is painted over it, under each word where the line lays it out)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.spelling = SpellingLayer(None, lambda _blocks: self.update())
        self._misspelt: list[tuple[int, int, str]] = []
        self.textChanged.connect(lambda _text: self.update())
        self.cursorPositionChanged.connect(lambda _old, _new: self.update())

    def set_spelling(self, service: SpellingService | None) -> None:
        self.spelling = SpellingLayer(service, lambda _blocks: self.update())
        self.update()

    def misspelt(self) -> list[tuple[int, int, str]]:
        typing = self.hasFocus() and not self.hasSelectedText()
        return self.spelling.misspelt(self.text(), typing_at=self.cursorPosition() if typing else -1)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        self._misspelt = self.misspelt() if self.echoMode() == QLineEdit.EchoMode.Normal else []
        if not self._misspelt:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(UNDERLINE, 1))
        clip = self.contentsRect().marginsRemoved(self.textMargins())
        painter.setClipRect(clip)
        metrics = QFontMetricsF(self.font())
        text = self.text()
        # Where the line is laid out now (scrolled, aligned): the cursor's place tells it.
        origin = self.cursorRect().center().x() - metrics.horizontalAdvance(text[: self.cursorPosition()])
        baseline = self.cursorRect().top() + metrics.ascent() + 1.5
        for start, length, _word in self._misspelt:
            left = origin + metrics.horizontalAdvance(text[:start])
            right = origin + metrics.horizontalAdvance(text[: start + length])
            painter.drawPath(_wave(QRectF(left, baseline, right - left, 3)))
        painter.end()

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt API)
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self, point: QPoint) -> QMenu:
        menu = self.createStandardContextMenu()
        column = self.cursorPositionAt(point)
        for start, length, word in self.spelling.misspelt(self.text(), typing_at=-1):
            if start <= column <= start + length and self.spelling.service is not None:
                def replace(suggestion: str, start=start, length=length) -> None:
                    self.setSelection(start, length)
                    self.insert(suggestion)  # an edit as typing is: textEdited reports it

                add_spelling_actions(menu, self.spelling.service, word, replace)
                break
        return menu


def _wave(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    x, step, up = rect.left(), 2.0, True
    path.moveTo(x, rect.bottom())
    while x < rect.right():
        x = min(rect.right(), x + step)
        path.lineTo(x, rect.top() if up else rect.bottom())
        up = not up
    return path


START_AFTER_PAINT_MS = 3000  # at the latest: the preview's first page comes first


class WindowSpelling:
    """Spelling in the window: one service for the body, headline, standfirst and photos'
    text, in the article's language (or the languages the preferences name), on or off as
    the preferences say, started once the window has painted."""

    def __init__(self, window):
        self.window = window
        settings = window.settings  # only the two keys read here: not the whole preferences
        self._languages = tuple(settings.spelling_languages)
        self.service = SpellingService(window.document.store, settings.check_spelling, parent=window)
        window.editor.highlighter.set_spelling(self.service, window.editor)
        window.form.set_spelling(self.service)
        if window.image_panel is not None:  # else the window gives it the service when made
            window.image_panel.set_spelling(self.service)
        window.document.article_loaded.connect(self._follow)
        window.document.fields_changed.connect(self._follow)
        window.settings.preferences_changed.connect(self._preferences_changed)
        # The dictionaries load once the preview shows the article (its start is busier and
        # more visible), or a while after the first frame if the preview is slow or hidden.
        window.preview_ready.connect(self.service.start)
        window.first_painted.connect(lambda: QTimer.singleShot(START_AFTER_PAINT_MS, self.service.start))
        self.service.status.connect(lambda sentence: window.statusBar().showMessage(sentence, 10000))

    def _follow(self, article) -> None:
        self.service.set_language(", ".join(self._languages) or article.language)

    def _preferences_changed(self, preferences) -> None:
        self._languages = tuple(preferences.spelling_languages)
        article = self.window.document.article
        if article is not None:
            self._follow(self.window.document.current_fields())
        self.service.set_enabled(preferences.check_spelling)

    def shut_down(self) -> None:
        self.service.stop()
