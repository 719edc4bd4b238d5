"""The window's store: a StoreClient (the store lives in its own process), told to Qt.

The store is kept out of the window's process (see storage.client for why), and opening it
takes longer than showing the window, so the window may start from a read-only snapshot of
the article (storage.snapshot) while the store host opens. LazyStore announces the outcome
on the UI thread; calls that must not wait ask `ready` first, and any other call simply
waits for the store, so nothing can be written before it is safe.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal, Slot

from desktop_editor.storage.errors import PasswordRequired

if TYPE_CHECKING:
    from desktop_editor.storage.client import StoreClient


def _store_client(location: str) -> StoreClient:
    # Imported when the host starts, after the window's first frame: it brings in
    # subprocess, sockets and the host's protocol, none of which the first frame needs.
    from desktop_editor.storage.client import StoreClient

    return StoreClient(location)

PASSWORD_TRIES = 3  # a desk server's password asked for at most this often in a row


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
        # The UI thread and worker threads (a photo's thumbnail, the preview's pictures) may
        # all be first to need the store: one of them starts its host, the others wait for it.
        self._starting = threading.Lock()
        if start:
            self.start()

    def start(self) -> None:
        with self._starting:
            if self._client is None:
                self._client = _store_client(self._location)  # starts the host, returns at once
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

    def switch(self, location: str) -> None:
        """Work from the store at location from now on (a moved store). Waits for it to
        open; if it cannot be opened the store stays as it was and the StoreError is raised."""
        self.store()  # the current store is open (or its error raised) before it is replaced
        client = _store_client(location)
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

    @property
    def location(self) -> str:
        return self._location

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


def wait_asking_password(store: LazyStore, ask) -> LazyStore:
    """Wait for store to open; a desk server that wants a password gets the one ask(where,
    refused) returns (a dialog; None when the person cancels) and is opened again with it,
    through a fresh store host. Returns the open store; raises the StoreError it ends with,
    having closed every store it opened. The password lives in memory only: the host gets it
    on its stdin, never on its command line, and no sentence or setting holds it."""
    for attempt in range(PASSWORD_TRIES + 1):
        try:
            store.wait_ready()
            return store
        except PasswordRequired as error:
            store.close()
            password = ask(error.where, error.refused) if attempt < PASSWORD_TRIES else None
            if not password:
                raise
            store = LazyStore(with_password(store.location, password))
        except BaseException:
            store.close()
            raise
    raise AssertionError("unreachable")


def with_password(location: str, password: str) -> str:
    """location (a desk server's URL) with password in it, escaped as URLs need."""
    from sqlalchemy.engine import make_url  # only here: SQLAlchemy stays out of the window

    from desktop_editor.storage.location import store_url

    return make_url(store_url(location)).set(password=password).render_as_string(hide_password=False)


def password_dialog(where: str, refused: bool, parent=None) -> str | None:
    """Ask for a desk server's password, the characters hidden as they are typed."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Desk server password")
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setLabelText(
        f"The desk server {where} refused that password. Type it again:" if refused
        else f"The desk server {where} asks for a password:"
    )  # fmt: skip
    dialog.setOkButtonText("Connect")
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    password = dialog.textValue() if accepted else None
    dialog.setTextValue("")
    dialog.deleteLater()
    return password or None
