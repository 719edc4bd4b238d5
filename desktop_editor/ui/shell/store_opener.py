"""The window's store: a StoreClient (the store lives in its own process), told to Qt.

The store is kept out of the window's process (see storage.client for why), and opening it
takes longer than showing the window, so the window may start from a read-only snapshot of
the article (storage.snapshot) while the store host opens. LazyStore announces the outcome
on the UI thread; calls that must not wait ask `ready` first, and any other call simply
waits for the store, so nothing can be written before it is safe.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal, Slot

from desktop_editor.storage.client import StoreClient


class LazyStore(QObject):
    opened = Signal()  # delivered on the UI thread once the store is open
    failed = Signal(str)  # the store could not be opened: one sentence

    def __init__(self, location: str, parent: QObject | None = None, start: bool = True):
        """start=False: the store host starts with start() (the window asks for it once it
        has painted, so the two do not compete for the processor) or with the first call."""
        super().__init__(parent)
        self._location = location
        self._error: Exception | None = None
        self._client: StoreClient | None = None
        if start:
            self.start()

    def start(self) -> None:
        if self._client is None:
            self._client = StoreClient(self._location)  # starts the host, returns at once
            self._client.add_done_callback(self._decided)

    def _decided(self, error: Exception | None) -> None:
        self._error = error
        # Announce on the UI thread, from its event loop: by then the window has connected
        # to opened/failed, however quickly the store opened.
        try:
            QMetaObject.invokeMethod(self, "_announce", Qt.ConnectionType.QueuedConnection)
        except RuntimeError:
            pass  # this object is already gone, and with it anyone who listened

    @Slot()
    def _announce(self) -> None:
        if self._error is None:
            self.opened.emit()
        else:
            self.failed.emit(str(self._error))

    @property
    def location(self) -> str:
        return self._location

    def switch(self, location: str) -> None:
        """Work from the store at location from now on (a moved store). Waits for it to
        open; if it cannot be opened the store stays as it was and the StoreError is raised."""
        self.store()  # the current store is open (or its error raised) before it is replaced
        client = StoreClient(location)
        try:
            client.wait_ready()
        except BaseException:
            client.close()
            raise
        previous, self._client, self._location = self._client, client, location
        previous.close()

    @property
    def ready(self) -> bool:
        return self._client is not None and self._client.ready

    def store(self) -> StoreClient:
        """The open store, waiting for it if need be; raises the StoreError opening raised."""
        self.start()
        self._client.wait_ready()
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def __getattr__(self, name: str):
        # Everything else is the store's: its calls wait for it when they must.
        if name.startswith("_"):
            raise AttributeError(name)
        self.start()
        return getattr(self._client, name)
