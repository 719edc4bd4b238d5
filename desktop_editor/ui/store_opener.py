"""Opening the store in the background while the window is already on screen.

Loading SQLAlchemy and checking the store takes longer than showing the window, so the
window starts from a read-only snapshot of the article (storage.snapshot) and LazyStore
stands in for the Store until it is open. Calls that must not wait ask `ready` first; any
other call simply waits for the store, so nothing can be written before it is safe.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal, Slot


class LazyStore(QObject):
    opened = Signal()  # delivered on the UI thread once the store is open
    failed = Signal(str)  # the store could not be opened: one sentence

    def __init__(self, location: str, parent: QObject | None = None):
        super().__init__(parent)
        self._store = None
        self._error: Exception | None = None
        self._done = threading.Event()
        threading.Thread(target=self._open, args=(location,), name="store-open", daemon=True).start()

    def _open(self, location: str) -> None:
        try:
            from desktop_editor.storage.store import Store

            self._store = Store(location)
        except Exception as error:  # reported to the window, which tells the person
            self._error = error
        self._done.set()
        # Announce on the UI thread, from its event loop: by then the window has connected
        # to opened/failed, however quickly the store opened.
        QMetaObject.invokeMethod(self, "_announce", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _announce(self) -> None:
        if self._error is None:
            self.opened.emit()
        else:
            self.failed.emit(str(self._error))

    @property
    def ready(self) -> bool:
        return self._done.is_set() and self._error is None

    def store(self):
        """The open Store, waiting for it if need be; raises what opening raised."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._store

    def __getattr__(self, name: str):
        # Everything else is the Store's: wait for it, then delegate.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.store(), name)
