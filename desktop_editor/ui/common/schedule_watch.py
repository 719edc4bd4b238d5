"""Scheduled publishing while the window is open: every so often, the scheduled stories whose
time has come are moved to published (workflows.publish_due, on a worker, never on the UI
thread). The article open in the window is left to the caller, which moves it through its
own save (so nothing typed is lost and no conflict comes of it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_editor.ui.common.workers import in_background

CHECK_EVERY_MS = 30_000


class ScheduleWatch(QObject):
    published = Signal(list)  # list[Article]: moved to published just now
    held = Signal(list)  # [(summary, why)]: due, and still held (an embargo)
    open_due = Signal()  # the open article's time has come: move it through its own save

    def __init__(
        self, store, author: Callable[[], str], table: Callable, open_id: Callable[[], int | None],
        active: Callable[[], bool], parent: QObject | None = None, every_ms: int = CHECK_EVERY_MS,
    ):  # fmt: skip
        """active(): False once the window has closed (no more checks)."""
        super().__init__(parent)
        self.store = store
        self.author = author
        self.table = table
        self.open_id = open_id
        self.active = active
        self._running = False
        self._stopped = False
        self._said_held: set[tuple[int, str]] = set()  # said once, not every half minute
        self.timer = QTimer(self, interval=every_ms)
        self.timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check_now)

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()

    def check_now(self) -> None:
        if self._running or self._stopped or not self.active() or not getattr(self.store, "ready", True):
            return
        from desktop_editor.workflows import publish_due

        self._running = True
        store, author, table, leave = self.store, self.author(), self.table(), [i for i in (self.open_id(),) if i is not None]
        in_background(lambda: publish_due(store, author, table, leave), self._done, self._failed)

    def _done(self, report) -> None:
        self._running = False
        if self._stopped or not self.active():
            return
        if report.open_due:
            self.open_due.emit()
        if report.published:
            self.published.emit(report.published)
        new = [(s, why) for s, why in report.held if (s.id, why) not in self._said_held]
        self._said_held |= {(s.id, why) for s, why in new}
        if new:
            self.held.emit(new)

    def _failed(self, _error) -> None:
        self._running = False  # the store is away just now: the next check tries again
