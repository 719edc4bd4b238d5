"""The dictionaries, off the UI thread.

`SpellingService` owns them. They are loaded, and every word looked up, on a thread of its
own (core.spelling.Speller, Enchant with the system's hunspell dictionaries), started once
the window is on screen: start-up never waits for a dictionary, nor a keystroke for a
look-up. The UI thread only looks words up in a cache of verdicts; words it has not seen
yet go to the thread together (see common.spelling_layer for who asks).
"""

from __future__ import annotations

import threading
from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_editor.core.spelling import DEFAULT_LANGUAGE, MAX_SUGGESTIONS
BATCH = 200  # words looked up between glances at the queue for more urgent requests
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
        from desktop_editor.ui.common.workers import _lower_this_threads_priority

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
