"""Sync by itself, in the store host: this store and the desk server exchange changes on a
thread of their own, soon after every change here and on a timer, and say how it went.

The window tells the host which desk to use with every status() it asks for (so a host
started again, or a desk changed in Preferences, is taken up at once) and which article it
shows, by whom (noted on the desk for the others: storage.presence), and learns from the
answer which of its articles a sync changed, to take them in, and who else has one open. No Qt; the thread only ever
talks to the stores, never to the window.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import deque

from desktop_editor.storage.errors import StoreError
from desktop_editor.storage.location import hide_password, store_url

AFTER_CHANGE = 1.0  # seconds from a change here to the sync that sends it (saves come in bursts)
WHILE_ONLINE = 5.0  # seconds between syncs while the desk answers: what others changed arrives
WHILE_OFFLINE = 30.0  # seconds between tries while the desk does not answer
KEPT_CHANGES = 200  # articles a sync changed here, remembered for the window to take in

# The store's operations that only read: any other one may have changed something to send.
READS = frozenset({
    "get_article", "find_article", "list_articles", "article_count", "unique_slug", "slug_taken", "search",
    "search_snippets", "list_revisions", "image_asset", "image_bytes", "thumbnail", "figures",
    "newsroom_words", "history",
})  # fmt: skip


class SyncService:
    """One store's sync with one desk at a time, on a thread started with the first desk."""

    def __init__(self, store):
        self.store = store
        self.desk_url = ""
        self._desk = None  # the desk's Store while it answers
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._due = 0.0  # monotonic time of the next sync
        self._state = "off"  # off, starting, synced, offline
        self._reason = ""  # why the desk did not answer, without any password
        self._waiting = 0  # articles changed here and not yet on the desk
        self._generation = 0  # counts syncs that changed something here
        self._changed: deque[tuple[int, int]] = deque(maxlen=KEPT_CHANGES)  # (generation, article id)
        self._desk_ids: dict[str, str] = {}  # desk URL -> its store id, once it has answered
        self._showing: tuple[int | None, str] = (None, "")  # the window's open article, and who
        self._present: dict[int, list[str]] = {}  # article id -> who else has it open

    # What the window asks (on a worker thread of its own) -----------------------------------

    def status(self, desk: str = "", since: int = 0, showing: tuple[int | None, str] = (None, "")) -> dict:
        """Sync with desk from now on ("" for none), the window showing article showing[0] to
        user showing[1]; how it stands, the ids of articles a sync changed here after
        generation since, and who else has which article open ("present")."""
        self._configure(desk)
        with self._lock:
            self._showing = tuple(showing)
            changed = sorted({article for generation, article in self._changed if generation > since})
            return {
                "state": self._state, "reason": self._reason, "waiting": self._waiting,
                "generation": self._generation, "changed": changed,
                "desk": hide_password(self.desk_url) if self.desk_url else "",
                "present": dict(self._present) if self._state == "synced" else {},
            }  # fmt: skip

    def changed_here(self, operation: str) -> None:
        """The host answered operation: unless it only read, send what it changed soon."""
        if operation in READS or not self.desk_url:
            return
        with self._lock:
            self._due = min(self._due, time.monotonic() + AFTER_CHANGE)
        self._wake.set()

    def stop(self, timeout: float) -> None:
        """No more syncs; the one under way may finish its article (each is one transaction)."""
        with self._lock:
            self._stopping = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join(timeout)
        if self._desk is not None:  # the window has gone: nobody here has an article open now
            from desktop_editor.storage import presence

            try:
                presence.exchange(self.store, self._desk, None, "", "")
            except Exception:  # noqa: BLE001 - the note goes stale within a minute anyway
                pass
        self._close_desk()

    # The thread ---------------------------------------------------------------------------

    def _configure(self, desk: str) -> None:
        wanted = store_url(desk) if desk else ""
        with self._lock:
            if wanted == self.desk_url or self._stopping:
                return
            self.desk_url = wanted
            self._state = "starting" if wanted else "off"
            self._reason = ""
            self._due = time.monotonic()
            if wanted and self._thread is None:
                self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        while True:
            with self._lock:
                delay = self._due - time.monotonic()
            if delay > 0:
                self._wake.wait(delay)
                self._wake.clear()
                with self._lock:
                    if self._stopping:
                        return
                continue
            with self._lock:
                if self._stopping:
                    return
                url = self.desk_url
                self._due = float("inf")  # until this sync decides when the next one is
            if url:
                self._sync_once(url)
            else:
                self._close_desk()

    def _sync_once(self, url: str) -> None:
        from desktop_editor.storage.sync import sync

        try:
            desk = self._open_desk(url)
            report = sync(self.store, desk, local_name=f"{socket.gethostname()} ({self.store.display})",
                          desk_name=desk.display)  # fmt: skip
        except Exception as error:  # noqa: BLE001 - any failure: offline, tried again later
            self._close_desk()
            self._finished(url, "offline", _sentence(error, url), [], self._count_waiting(url))
            return
        self._desk_ids[url] = report.desk_id
        self._note_presence(desk)
        self._finished(url, "synced", "", report.changed_here, 0, again=bool(report.left))

    def _note_presence(self, desk) -> None:
        from desktop_editor.storage import presence

        with self._lock:
            article, user = self._showing
        try:
            present = presence.exchange(self.store, desk, article, user, socket.gethostname())
        except Exception:  # noqa: BLE001 - a hint: without it, nobody is shown as present
            present = {}
        with self._lock:
            self._present = present

    def _finished(self, url: str, state: str, reason: str, changed: list[int], waiting: int, again: bool = False) -> None:
        with self._lock:
            if url != self.desk_url:
                return  # another desk was chosen meanwhile: its first sync is due already
            if changed:
                self._generation += 1
                self._changed.extend((self._generation, article) for article in changed)
            self._state, self._reason, self._waiting = state, reason, waiting
            pause = AFTER_CHANGE if again else WHILE_ONLINE if state == "synced" else WHILE_OFFLINE
            self._due = min(self._due, time.monotonic() + pause)

    def _open_desk(self, url: str):
        from desktop_editor.storage.store import Store

        if self._desk is not None and self._desk.url == url:
            return self._desk
        self._close_desk()
        self._desk = Store(url)
        return self._desk

    def _close_desk(self) -> None:
        desk, self._desk = self._desk, None
        if desk is not None:
            try:
                desk.close()
            except Exception:  # noqa: BLE001 - it is being let go of anyway
                pass

    def _count_waiting(self, url: str) -> int:
        """Articles changed here since they last agreed with the desk (known by its id once
        they have met; before that, every article waits)."""
        from desktop_editor.storage.sync import waiting_count

        try:
            return waiting_count(self.store, self._desk_ids.get(url))
        except Exception:  # noqa: BLE001 - a count is a hint; the next sync tells
            return self._waiting


def _sentence(error: BaseException, url: str) -> str:
    """Why the desk did not answer, in one line, its password never shown."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if not isinstance(error, StoreError):
        text = f"The desk did not answer: {text}"
    parts = url.partition("://")[2].rpartition("@")[0]
    password = parts.partition(":")[2] if ":" in parts else ""
    return text.replace(password, "***") if password else text


def ask_status(client, desk: str, since: int, showing: tuple[int | None, str] = (None, "")) -> dict:
    """From the window (storage.client.StoreClient, off the UI thread): SyncService.status()
    of its store host, over the host's own connection for this thread."""
    return client._call("sync_status", desk, since, showing)
