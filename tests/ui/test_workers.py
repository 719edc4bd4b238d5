"""Tasks run off the UI thread let go of themselves and their results once delivered: a
long session of typing must not keep every render it ever made."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent

from desktop_editor.ui.common.workers import Task, serial_pool


class Result:
    """Stands for a render's result (a weak reference can follow it)."""


def test_delivered_tasks_and_their_results_are_freed(qtbot):
    pool = serial_pool(None)
    delivered: list[weakref.ref] = []
    tasks: list[weakref.ref] = []
    for _ in range(30):
        task = Task(Result)
        task.signals.finished.connect(lambda result, task=task: delivered.append(weakref.ref(result)))  # names the task
        tasks.append(weakref.ref(task))
        task.start(pool)
        del task
    qtbot.waitUntil(lambda: len(delivered) == 30, timeout=10000)
    pool.waitForDone()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert [ref for ref in tasks if ref() is not None] == []
    assert [ref for ref in delivered if ref() is not None] == []


def test_a_failure_is_delivered_and_freed_too(qtbot):
    pool = serial_pool(None)
    errors = []

    def fail():
        raise ValueError("a broken picture")

    task = Task(fail)
    task.signals.failed.connect(errors.append)
    task.start(pool)
    held = weakref.ref(task)
    del task
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=10000)
    pool.waitForDone()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert str(errors[0]) == "a broken picture"
    errors.clear()  # the exception's traceback names the task while the owner keeps it
    gc.collect()
    assert held() is None
