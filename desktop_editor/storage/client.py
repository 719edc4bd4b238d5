"""StoreClient: the window's Store, kept in a process of its own (storage.host).

Why: POSIX locks belong to a process, and anything in the window process that opens and
closes the database file (a file dialog, a file watcher, icon or MIME sniffing) would
silently drop SQLite's locks; another process could then delete the WAL under the app. So
the window never holds a SQLite connection: the store host does, and this client stands in
for storage.store.Store with the same methods, arguments, results and exceptions.

Each thread of the window gets its own connection to the host, served there by a thread of
its own. Creating a client starts the host and returns at once; a call made before the host
is ready waits for it. If the host dies, the call raises a StoreError and a fresh host is
started, so a later autosave can succeed. Imports no Qt and no SQLAlchemy; as this module
is on the window's start-up path, what only calls need (pickle, socket) is imported later.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path

from desktop_editor.storage.errors import PasswordRequired, StoreError
from desktop_editor.storage.location import hide_password, sqlite_path, store_url

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding desktop_editor/
CLOSE_TIMEOUT = 5.0  # seconds close() waits for the host to finish what it was asked
RESTART_INTERVAL = 2.0  # at most one fresh host this often, should hosts keep dying
STOPPED = "The store stopped working ({}); your text is kept here and will be saved when it is back."


def host_command(location: str) -> list[str]:
    """The command line that starts a store host for location."""
    if getattr(sys, "frozen", False):
        # A PyInstaller bundle has no `-m`: its executable is the app, whose command line
        # must hand `--store-host LOCATION` to storage.host.main (wired by packaging).
        return [sys.executable, "--store-host", location]
    return [sys.executable, "-m", "desktop_editor.storage.host", location]


def _new_address() -> str:
    token = f"desktop-editor-{os.urandom(8).hex()}"  # short: socket paths are limited
    if sys.platform.startswith("linux"):
        return "\0" + token  # abstract: no file to leave behind; the authkey keeps others out
    if sys.platform == "win32":
        return rf"\\.\pipe\{token}"
    return os.path.join(tempfile.gettempdir(), token)  # the host removes it when it leaves


def _ending(code: int) -> str:
    if code >= 0:
        return f"its process ended with exit code {code}"
    try:
        return f"its process was ended by {signal.Signals(-code).name}"
    except ValueError:
        return f"its process was ended by signal {-code}"


class _Host:
    """One store host process: started at once, open (or refused) later."""

    def __init__(self, url: str):
        self.address = _new_address()
        self.authkey = os.urandom(32)
        self.done = threading.Event()  # opening is decided: info or error is set
        self.info: dict = {}
        self.error: StoreError | None = None
        self.told_stopped = False  # a caller has been told this host stopped
        self.connections: weakref.WeakSet = weakref.WeakSet()
        self.lock = threading.Lock()
        self.callbacks: list = []
        # Started beside the package, not in the person's folder: `-m` puts the working folder
        # first on sys.path, and no stray .py file there may stand in for a module we use.
        relative = sqlite_path(url) is not None and not sqlite_path(url).is_absolute()
        try:
            self.process = subprocess.Popen(  # the password travels on stdin, never in `ps`
                host_command(hide_password(url)), stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True,
                cwd=None if relative else PACKAGE_ROOT,
                process_group=0 if os.name == "posix" else None,  # no terminal's Ctrl+C
            )  # fmt: skip
        except OSError as error:
            raise StoreError(f"The store could not be started: {error.strerror or error}.") from None
        setup = {"address": self.address, "authkey": self.authkey.hex(), "location": url}
        try:
            self.process.stdin.write(json.dumps(setup).encode() + b"\n")
            self.process.stdin.flush()
        except OSError:
            pass  # it died at once; the watcher says how
        threading.Thread(target=self._watch, name="store-host", daemon=True).start()

    def _watch(self) -> None:
        import pickle  # noqa: F401 (what calls need, loaded here rather than on the UI thread)
        from multiprocessing import connection  # noqa: F401

        try:
            message = json.loads(self.process.stdout.readline() or b"{}")
        except ValueError:
            message = {}
        if message.get("ready"):
            self.info = message
        else:
            reason = f"The store could not be opened: {_ending(self.process.wait())}."
            asked = message.get("password")
            if isinstance(asked, dict):  # a desk server wants a password: the window may ask
                self.error = PasswordRequired(message.get("failed") or reason, str(asked.get("where", "")), bool(asked.get("refused")))
            else:
                self.error = StoreError(message.get("failed") or reason)
        with self.lock:
            self.done.set()
            callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback(self.error)
        self.process.stdout.read()  # until the host exits
        self.process.wait()

    def when_decided(self, callback) -> None:
        with self.lock:
            if not self.done.is_set():
                self.callbacks.append(callback)
                return
        callback(self.error)

    def connect(self):
        from multiprocessing.connection import AuthenticationError, Client

        try:
            connection = Client(self.address, authkey=self.authkey)
        except AuthenticationError as error:
            raise OSError(str(error)) from None
        self.connections.add(connection)
        return connection

    def why_stopped(self) -> str:
        try:
            return _ending(self.process.wait(timeout=1.0))
        except subprocess.TimeoutExpired:
            return "its connection broke"

    def release(self) -> None:
        """End every connection and cut the lifeline: the host finishes its calls and exits."""
        import socket

        for connection in list(self.connections):
            try:  # shut down, not closed: another thread may be using it this very moment
                with socket.fromfd(connection.fileno(), socket.AF_UNIX, socket.SOCK_STREAM) as dup:
                    dup.shutdown(socket.SHUT_RDWR)
            except (OSError, ValueError, AttributeError):
                pass
        try:
            self.process.stdin.close()
        except OSError:
            pass


class StoreClient:
    """Stands in for storage.store.Store; the store itself lives in a store host process."""

    def __init__(self, location: str):
        self.url = store_url(location)
        self.path = sqlite_path(self.url)
        self._lock = threading.Lock()
        self._local = threading.local()  # this thread's connection, and to which host
        self._closed = False
        self._last_start = float("-inf")
        self._host = self._first = _Host(self.url)

    @property
    def ready(self) -> bool:
        """True when calls need not wait for the store to open: False until it first opens
        (for good, if it cannot be), and while a fresh host opens it again."""
        host = self._host
        return host.done.is_set() and (host.error is None or host is not self._first)

    @property
    def pid(self) -> int:
        """The store host's process id."""
        return self._host.process.pid

    @property
    def backup_path(self) -> Path | None:
        """Where the store was copied before its schema was upgraded, if it was."""
        backup = self._first.info.get("backup_path")
        return Path(backup) if backup else None

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the store is open: True; False on timeout; the StoreError if refused."""
        host = self._host
        if not host.done.wait(timeout):
            return False
        if host.error is not None:
            raise host.error
        return True

    def add_done_callback(self, callback) -> None:
        """callback(None) once the store first opens, or callback(the StoreError) if it cannot
        be opened; called on a background thread, or here if that is already decided."""
        self._first.when_decided(callback)

    def close(self) -> None:
        """Let the host finish what it was asked, and stop; safe to call more than once."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._host.release()
        try:
            self._host.process.wait(timeout=CLOSE_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass  # still busy (an upgrade, say): never cut short, it leaves once done

    def __enter__(self) -> StoreClient:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        methods = self._first.info.get("methods")
        if methods is not None and name not in methods:
            raise AttributeError(f"The store has no method {name!r}.")

        def call(*args, **kwargs):
            return self._call(name, args, kwargs)

        call.__name__ = name
        return call

    def _call(self, name: str, args: tuple, kwargs: dict):
        import pickle

        host = self._current_host()
        host.done.wait()
        if host.error is not None:
            if host is not self._first:  # a fresh host could not open the store: again later
                self._stopped(host)
            raise host.error
        request = pickle.dumps((name, args, kwargs), pickle.HIGHEST_PROTOCOL)
        try:
            connection = self._connection(host)
            connection.send_bytes(request)
            ok, value = pickle.loads(connection.recv_bytes())
        except (EOFError, OSError):
            self._forget_connection()
            reason = host.why_stopped()
            self._stopped(host)
            raise StoreError(STOPPED.format(reason)) from None
        if ok:
            return value
        raise value

    def _stopped(self, host: _Host) -> None:
        """A caller has been told host stopped: start a fresh one, now or on a later call."""
        host.told_stopped = True
        with self._lock:
            self._replace_if_due()

    def _current_host(self) -> _Host:
        with self._lock:
            if self._closed:
                raise StoreError("The store was closed; nothing more can be saved in this window.")
            self._replace_if_due()
            return self._host

    def _replace_if_due(self) -> None:
        host = self._host
        if self._closed or not host.told_stopped or time.monotonic() - self._last_start < RESTART_INTERVAL:
            return
        host.release()  # should it still be running, it is told to finish
        self._last_start = time.monotonic()
        self._host = _Host(self.url)

    def _connection(self, host: _Host):
        """This thread's connection to host, made on its first call there."""
        if getattr(self._local, "host", None) is not host:
            self._forget_connection()
            self._local.connection = host.connect()
            self._local.host = host
        return self._local.connection

    def _forget_connection(self) -> None:
        connection = getattr(self._local, "connection", None)
        self._local.connection = self._local.host = None
        if connection is not None:
            connection.close()
