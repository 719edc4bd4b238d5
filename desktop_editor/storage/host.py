"""The store host: the one process that holds the store's SQLite connections.

Why the store has a process of its own: POSIX advisory locks belong to a process, and
closing *any* descriptor of a file drops every lock that process holds on it. In the window
process, Qt's file dialog, file watchers and icon or MIME probing open and close the database
file behind SQLite's back; SQLite's locks would vanish silently, another process (say
`desktop-editor list`) could then checkpoint and delete the WAL under the app, and "Saved"
would mean nothing. This process runs no Qt and touches the database only through SQLite, so
its locks hold by construction. (It also keeps SQLAlchemy's import off the window's
interpreter.)

Run as `python -m desktop_editor.storage.host LOCATION` by storage.client, which speaks to it:
- argv: the store's location with any password hidden (what `ps` shows);
- stdin: one JSON line with the socket address, authentication key and the store's full
  location (with its password, if the URL has one); then stdin stays
  open as a lifeline, and its end (the window closed the store, or died) stops the host;
- stdout: one JSON line, {"ready": ...} or {"failed": "one sentence"};
- the socket: each client thread connects once and sends pickled (method, args, kwargs);
  each reply is (True, result) or (False, a StoreError), pickled. Besides the store's
  operations, "sync_status" asks the sync with a desk server that runs here
  (storage.sync_service) how it stands; any other answered call that may have changed
  something makes that sync due soon.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import sys
import threading
import time
from multiprocessing.connection import AuthenticationError, Listener, answer_challenge, deliver_challenge

from desktop_editor.storage.errors import PasswordRequired, StoreError
from desktop_editor.storage.interface import OPERATIONS

FINISH_TIMEOUT = 60.0  # seconds for calls in progress to end once the window has gone


def sentence(error: BaseException) -> str:
    """What a person is shown: the StoreError's own sentence, else one line about the failure."""
    if isinstance(error, StoreError):
        return str(error)
    lines = str(error).strip().splitlines() or [type(error).__name__]
    text = lines[0].rstrip()
    return f"The store failed: {text}{'' if text.endswith('.') else '.'}"


class Server:
    """Serves each client connection on a thread of its own (Store is thread-safe)."""

    def __init__(self, store, authkey: bytes):
        from desktop_editor.storage.sync_service import SyncService

        self.store = store
        self.sync = SyncService(store)
        self.authkey = authkey
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        self.stopping = False

    def accept(self, listener: Listener) -> None:
        while True:
            try:
                connection = listener.accept()
            except OSError:
                return
            with self.lock:
                if self.stopping:
                    connection.close()
                    return
                thread = threading.Thread(target=self.serve, args=(connection,), daemon=True)
                self.threads.append(thread)
                thread.start()

    def serve(self, connection) -> None:
        with connection:
            try:  # here, not in accept(): a stranger that stalls holds up no one else
                deliver_challenge(connection, self.authkey)
                answer_challenge(connection, self.authkey)
            except (AuthenticationError, EOFError, OSError):
                return
            while True:
                try:
                    request = connection.recv_bytes()
                except (EOFError, OSError):
                    return  # that client thread, or the whole window, has gone
                reply = self.reply(request)
                try:
                    connection.send_bytes(reply)
                except OSError:
                    return

    def reply(self, request: bytes) -> bytes:
        try:
            name, args, kwargs = pickle.loads(request)
            if name == "sync_status":
                outcome = (True, self.sync.status(*args, **kwargs))
            elif name not in OPERATIONS:  # only what storage.interface declares, nothing found by name
                outcome = (False, StoreError(f"The store has no operation “{name}”."))
            else:
                outcome = (True, getattr(self.store, name)(*args, **kwargs))
                self.sync.changed_here(name)
        except StoreError as error:
            outcome = (False, error)
        except Exception as error:  # a traceback must never reach the person
            outcome = (False, StoreError(sentence(error)))
        try:
            return pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
        except Exception as error:
            return pickle.dumps((False, StoreError(sentence(error))), pickle.HIGHEST_PROTOCOL)

    def finish(self) -> None:
        """Let every call in progress end (and commit) before the store closes.

        The window has closed its connections or died, so each serving thread ends once it has
        answered what was already sent: a save sent just before the window died still lands.
        """
        with self.lock:
            self.stopping = True
            threads = list(self.threads)
        deadline = time.monotonic() + FINISH_TIMEOUT
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self.sync.stop(max(0.0, deadline - time.monotonic()))
        self.store.close()


def main(argv: list[str] | None = None) -> None:
    """Serve the store named in argv until the window lets go of it, then leave at once."""
    code = serve(sys.argv[1:] if argv is None else argv)
    # Everything is committed and closed: skip the interpreter's teardown of SQLAlchemy's
    # many objects (a third of a second in which the host would still seem to be running).
    sys.stderr.flush()
    os._exit(code)


def serve(argv: list[str]) -> int:
    # The window saves through us when it is interrupted, hung up on or terminated: signals
    # sent to the whole process group must not stop us first. The lifeline does.
    for name in ("SIGINT", "SIGHUP", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    from desktop_editor.core.process_memory import return_freed_memory

    return_freed_memory()  # thumbnails and renditions decode photos here too
    report = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout = sys.stderr  # nothing stray may garble the report
    lifeline = sys.stdin.buffer
    line = lifeline.readline()
    if not line:
        return 0  # the window went away before it said where to listen
    setup = json.loads(line)
    try:
        from desktop_editor.storage.store import Store

        store = Store(setup.get("location") or argv[0])
        listener = Listener(setup["address"], backlog=16)
    except Exception as error:  # the window tells the person, in this one sentence
        failure = {"failed": sentence(error)}
        if isinstance(error, PasswordRequired):  # the window may ask for it and start again
            failure["password"] = {"where": error.where, "refused": error.refused}
        _report(report, failure)
        return 1
    server = Server(store, bytes.fromhex(setup["authkey"]))
    threading.Thread(target=server.accept, args=(listener,), name="accept", daemon=True).start()
    backup = str(store.backup_path) if store.backup_path else None
    _report(report, {"ready": True, "backup_path": backup})
    lifeline.read()  # blocks until the window closes the store or dies
    server.finish()
    listener.close()
    return 0


def _report(report, message: dict) -> None:
    try:
        with report:
            report.write(json.dumps(message) + "\n")
    except OSError:
        pass  # the window has gone; the lifeline will say so


if __name__ == "__main__":
    main()
