"""One store host process, as the window's client sees it: started, told where to listen,
watched until it reports the store open (or why not), connected to, and let go.

The host itself is storage.host; the client that sends it calls is storage.client.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from desktop_editor.storage.errors import PasswordRequired, StoreError
from desktop_editor.storage.location import hide_password, sqlite_path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding desktop_editor/


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
    import tempfile

    return os.path.join(tempfile.gettempdir(), token)  # the host removes it when it leaves


def _ending(code: int) -> str:
    if code >= 0:
        return f"its process ended with exit code {code}"
    try:
        import signal

        return f"its process was ended by {signal.Signals(-code).name}"
    except ValueError:
        return f"its process was ended by signal {-code}"


class HostProcess:
    """One store host process: started at once, open (or refused) later."""

    def __init__(self, url: str):
        # Loaded with the first host, not on the window's way to its first frame.
        import json
        import subprocess
        import weakref

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
        import json
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
        import subprocess

        try:
            return _ending(self.process.wait(timeout=1.0))
        except subprocess.TimeoutExpired:
            return "its connection broke"

    def finish(self, timeout: float) -> None:
        """Wait up to timeout for the released host to finish what it was asked and leave; one
        still busy then (an upgrade, say) is never cut short, and leaves once done."""
        import subprocess

        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass

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
