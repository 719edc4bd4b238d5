"""Running work off the UI thread: a task run by a Qt thread pool, with a QObject for its
signals."""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal


class TaskSignals(QObject):
    finished = Signal(object)  # the function's result
    failed = Signal(object)  # the exception
    progress = Signal(int, int)


BACKGROUND_NICENESS = 10

# Tasks that have been started and whose result has not been delivered yet. Python must keep
# them (and their signals object) alive until then, or the result is silently dropped.
_running: set[Task] = set()


class Task:
    """Runs fn(*args) on a pool thread; the result or the exception comes back by signal.

    If fn takes a `task` keyword it gets this Task, to report progress and check cancel.
    """

    def __init__(self, fn: Callable, *args, pass_task: bool = False, background: bool = False, **kwargs):
        self.signals = TaskSignals()
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._pass_task = pass_task
        self._background = background
        self._cancelled = threading.Event()
        self.result = None  # set before `finished` is emitted
        self.error: Exception | None = None  # set before `failed` is emitted

    def start(self, pool: QThreadPool) -> None:
        """Start on pool; connect to the signals before calling this."""
        _running.add(self)
        self.signals.finished.connect(self._release)
        self.signals.failed.connect(self._release)
        # The pool is given the function, not this object: Qt keeps what it runs only until
        # it has run. (A QRunnable handed to PySide's pool stays owned by Qt for good.)
        pool.start(self.run)

    def _release(self, _result) -> None:
        """The result is delivered (this runs after the owner's own slots): let go of it."""
        _running.discard(self)
        # Qt's connections from the signals object hold this task (through this method, and
        # through any slot that names the task), a loop Python's collector cannot see: left
        # alone, every task and its result would live as long as the program. Deleting the
        # signals object drops those connections, and the task goes when its owner lets go.
        self.signals.deleteLater()

    def cancel(self) -> None:
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def report_progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        if self._background:
            _lower_this_threads_priority()
        try:
            if self._pass_task:
                result = self._fn(*self._args, task=self, **self._kwargs)
            else:
                result = self._fn(*self._args, **self._kwargs)
        except Exception as error:  # reported to the owner, who decides what the user sees
            error.__traceback_text__ = traceback.format_exc()
            self.error = error
            self.signals.failed.emit(error)
        else:
            self.result = result
            self.signals.finished.emit(result)


_lowered = threading.local()


def _lower_this_threads_priority() -> None:
    """Bulk work (imports, thumbnails, exports) yields the CPU to the UI thread first."""
    if getattr(_lowered, "done", False) or not hasattr(os, "setpriority"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
    except OSError:
        pass  # not permitted here: the work simply runs at normal priority
    _lowered.done = True


def serial_pool(parent: QObject) -> QThreadPool:
    """A pool that runs one task at a time, in order: for saves, and for renders."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool


def in_background(fn: Callable, done: Callable, failed: Callable, pool: QThreadPool | None = None) -> Task:
    """fn() on pool (Qt's shared pool by default); done(result) or failed(error) on the UI
    thread."""
    task = Task(fn)
    task.signals.finished.connect(done)
    task.signals.failed.connect(failed)
    task.start(pool or QThreadPool.globalInstance())
    return task
