"""Opening the store in the background while the window is already on screen.

Loading SQLAlchemy and checking the store takes longer than showing the window, so the
window starts from a read-only snapshot of the article (storage.snapshot) and LazyStore
stands in for the Store until it is open. Calls that must not wait ask `ready` first; any
other call simply waits for the store, so nothing can be written before it is safe.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal


class LazyStore(QObject):
    opened = Signal()  # delivered on the UI thread once the store is open
    failed = Signal(str)  # the store could not be opened: one sentence

    def __init__(self, location: str, parent: QObject | None = None):
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-open")
        self._future: Future = self._executor.submit(_open, location)
        self._future.add_done_callback(self._done)  # runs on the opening thread
        self._executor.shutdown(wait=False)

    def _done(self, future: Future) -> None:
        error = future.exception()
        if error is None:
            self.opened.emit()
        else:
            self.failed.emit(str(error))

    @property
    def ready(self) -> bool:
        return self._future.done() and self._future.exception() is None

    def store(self):
        """The open Store, waiting for it if need be."""
        return self._future.result()

    def __getattr__(self, name: str):
        # Everything else is the Store's: wait for it, then delegate.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._future.result(), name)


def _open(location: str):
    from desktop_editor.storage.store import Store

    return Store(location)
