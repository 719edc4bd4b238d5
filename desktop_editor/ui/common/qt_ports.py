"""Qt implementations of what the open article needs (editing.ports): timers, a save worker
and the questions it asks, as dialogs over the main window."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop_editor.editing.ports import ConflictChoice
from desktop_editor.ui.common.workers import Task, serial_pool


class QtScheduler:
    def __init__(self):
        self._timers = QObject()  # parent of the pending timers, so Python cannot drop them

    def now(self) -> float:
        return time.monotonic()

    def call_later(self, seconds: float, callback: Callable[[], None]) -> _CancellableTimer:
        timer = QTimer(self._timers, singleShot=True)
        timer.timeout.connect(callback)
        timer.timeout.connect(timer.deleteLater)
        timer.start(max(0, round(seconds * 1000)))
        return _CancellableTimer(timer)


class _CancellableTimer:
    __slots__ = ("_timer",)

    def __init__(self, timer: QTimer):
        self._timer = timer

    def cancel(self) -> None:
        if self._timer is not None:
            try:
                self._timer.stop()
                self._timer.deleteLater()
            except RuntimeError:
                pass  # fired and deleted already
            self._timer = None


class _SaveJob:
    def __init__(self, task: Task, pool):
        self._task = task
        self._pool = pool

    @property
    def result(self):
        return self._task.result

    @property
    def error(self):
        return self._task.error

    def wait(self) -> None:
        self._pool.waitForDone()


class QtWorker:
    """One thread, jobs in order; a job's report comes back on the UI thread by signal."""

    def __init__(self):
        self._pool = serial_pool(None)

    def submit(self, fn: Callable, settled: Callable) -> _SaveJob:
        task = Task(fn)
        job = _SaveJob(task, self._pool)
        task.signals.finished.connect(lambda _result: settled(job))
        task.signals.failed.connect(lambda _error: settled(job))
        task.start(self._pool)
        return job

    def wait(self) -> None:
        self._pool.waitForDone()


class QtPrompts:
    def __init__(self, window: QWidget | None = None):
        self.window = window

    def resolve_conflict(self, sentence: str) -> ConflictChoice:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "Changed elsewhere", sentence, parent=self.window)
        box.setInformativeText("Reload their version (your text is kept as a revision), or save yours as a copy?")
        reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Save mine as a copy", QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(reload)
        box.exec()
        return "reload" if box.clickedButton() is reload else "copy"

    def confirm(self, title: str, question: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        return QMessageBox.question(self.window, title, question) == QMessageBox.StandardButton.Yes

    def revision_name(self, suggested: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        label, ok = QInputDialog.getText(self.window, "Save revision", "Name this revision:", text=suggested)
        return label if ok else None
