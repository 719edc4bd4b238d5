"""The window's store: the StoreClient (the store lives in its own process), told to Qt.

The store is kept out of the window's process (see storage.client for why), and opening it
takes longer than showing the window, so the window may start from a read-only snapshot of
the article (storage.snapshot) while the store host opens. LazyStore is that same client
with two signals announcing the outcome on the UI thread; calls that must not wait ask
`ready` first, and any other call simply waits for the store, so nothing can be written
before it is safe.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal, Slot

from desktop_editor.storage.client import StoreClient
from desktop_editor.storage.errors import PasswordRequired

PASSWORD_TRIES = 3  # a desk server's password asked for at most this often in a row


class _Announcer(QObject):
    opened = Signal()  # delivered on the UI thread once the store is open
    failed = Signal(str)  # the store could not be opened: one sentence

    def __init__(self):
        super().__init__()
        self._error: Exception | None = None

    def decided(self, error: Exception | None) -> None:
        """On the host's watcher thread: announce on the UI thread, from its event loop, by
        when the window has connected to opened/failed, however quickly the store opened."""
        self._error = error
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


class LazyStore(StoreClient):
    """The window's StoreClient, started when asked (start=False: by start() or the first
    call), whose opening is announced by the Qt signals opened and failed."""

    def __init__(self, location: str, start: bool = True):
        self._announcer = _Announcer()
        super().__init__(location, start=False)
        self.add_done_callback(self._announcer.decided)
        if start:
            self.start()

    @property
    def opened(self):
        return self._announcer.opened

    @property
    def failed(self):
        return self._announcer.failed


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
