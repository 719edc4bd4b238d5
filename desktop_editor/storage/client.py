"""StoreClient: the window's Store, kept in a process of its own (storage.host).

Why: POSIX locks belong to a process, and anything in the window process that opens and
closes the database file (a file dialog, a file watcher, icon or MIME sniffing) would
silently drop SQLite's locks; another process could then delete the WAL under the app. So
the window never holds a SQLite connection: the store host does, and this client implements
the store's declared operations (storage.interface) with the same arguments, results and
exceptions, each one an explicit method that sends its call to the host.

Each thread of the window gets its own connection to the host, served there by a thread of
its own. Creating a client starts the host and returns at once; a call made before the host
is ready waits for it. If the host dies, the call raises a StoreError and a fresh host is
started, so a later autosave can succeed. Imports no Qt and no SQLAlchemy; as this module
is on the window's start-up path, what only calls need (pickle, socket) is imported later.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_editor.storage.errors import StoreError
from desktop_editor.storage.host_process import HostProcess
from desktop_editor.storage.location import sqlite_path, store_url

if TYPE_CHECKING:
    from desktop_editor.core.model import Article, ArticleSummary, Figure, ImageAsset, PhotoChange, Revision
    from datetime import datetime

    from desktop_editor.core.corrections import Correction
    from desktop_editor.core.workflow import Transition, Workflow
    from desktop_editor.storage.interface import FigureText, Photos

CLOSE_TIMEOUT = 5.0  # seconds close() waits for the host to finish what it was asked
RESTART_INTERVAL = 2.0  # at most one fresh host this often, should hosts keep dying
STOPPED = "The store stopped working ({}); your text is kept here and will be saved when it is back."


class StoreClient:
    """storage.interface.StoreOperations, each operation sent to a store host process.

    start=False: the host starts with start() or with the first call (the window starts it
    once it has painted its first frame, so the two do not compete for the processor).
    """

    def __init__(self, location: str, start: bool = True):
        self.url = store_url(location)
        self.path = sqlite_path(self.url)
        self._lock = threading.Lock()
        self._local = threading.local()  # this thread's connection, and to which host
        self._closed = False
        self._last_start = float("-inf")
        self._host: HostProcess | None = None
        self._first: HostProcess | None = None  # the host that first opened this location
        self._waiting: list = []  # done callbacks given before the host started
        if start:
            self.start()

    # The host --------------------------------------------------------------------------

    def start(self) -> None:
        """Start the store host, unless it has started (threads may race to be first)."""
        with self._lock:
            if self._host is not None or self._closed:
                return
            self._host = self._first = HostProcess(self.url)
            waiting, self._waiting = self._waiting, []
        for callback in waiting:
            self._first.when_decided(callback)

    @property
    def location(self) -> str:
        return self.url

    @property
    def ready(self) -> bool:
        """True when calls need not wait for the store to open: False until it first opens
        (for good, if it cannot be), and while a fresh host opens it again."""
        host = self._host
        return host is not None and host.done.is_set() and (host.error is None or host is not self._first)

    @property
    def pid(self) -> int:
        """The store host's process id."""
        self.start()
        return self._host.process.pid

    @property
    def backup_path(self) -> Path | None:
        """Where the store was copied before its schema was upgraded, if it was."""
        backup = self._first.info.get("backup_path") if self._first is not None else None
        return Path(backup) if backup else None

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the store is open: True; False on timeout; the StoreError if refused."""
        self.start()
        host = self._host
        if not host.done.wait(timeout):
            return False
        if host.error is not None:
            raise host.error
        return True

    def add_done_callback(self, callback) -> None:
        """callback(None) once the store first opens, or callback(the StoreError) if it cannot
        be opened; called on a background thread, or here if that is already decided."""
        with self._lock:
            if self._first is None:
                self._waiting.append(callback)
                return
        self._first.when_decided(callback)

    def switch(self, location: str) -> None:
        """Work from the store at location from now on (a moved store). Waits for it to
        open; if it cannot be opened the store stays as it was and the StoreError is raised."""
        self.wait_ready()  # the current store is open (or its error raised) before it is replaced
        host = HostProcess(store_url(location))
        host.done.wait()
        if host.error is not None:
            host.release()
            raise host.error
        with self._lock:
            previous = self._host
            self.url, self.path = store_url(location), sqlite_path(store_url(location))
            self._host = self._first = host
        previous.release()
        previous.finish(CLOSE_TIMEOUT)

    def close(self) -> None:
        """Let the host finish what it was asked, and stop; safe to call more than once."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            host = self._host
        if host is None:
            return
        host.release()
        host.finish(CLOSE_TIMEOUT)

    def __enter__(self) -> StoreClient:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # The operations (storage.interface.StoreOperations) ----------------------------------

    def create_article(self, article: Article | None = None) -> Article:
        return self._call("create_article", article)

    def create_article_with_photos(self, article: Article, photos: Photos) -> Article:
        return self._call("create_article_with_photos", article, photos)

    def get_article(self, article_id: int) -> Article:
        return self._call("get_article", article_id)

    def find_article(self, reference: str | int) -> Article:
        return self._call("find_article", reference)

    def save_article(self, article: Article, figure_text: FigureText | None = None) -> Article:
        return self._call("save_article", article, figure_text)

    def duplicate_article(self, article_id: int) -> Article:
        return self._call("duplicate_article", article_id)

    def list_articles(self, trash: bool = False) -> list[ArticleSummary]:
        return self._call("list_articles", trash)

    def article_count(self) -> int:
        return self._call("article_count")

    def unique_slug(self, wanted: str, exclude_id: int | None = None) -> str:
        return self._call("unique_slug", wanted, exclude_id)

    def slug_taken(self, slug: str, exclude_id: int | None) -> bool:
        return self._call("slug_taken", slug, exclude_id)

    def search(self, query: str) -> list[ArticleSummary]:
        return self._call("search", query)

    def search_snippets(self, query: str, marks: tuple[str, str] | None = None) -> list[tuple[ArticleSummary, str]]:
        return self._call("search_snippets", query, marks)

    def move_to_trash(self, article_id: int) -> None:
        return self._call("move_to_trash", article_id)

    def restore_from_trash(self, article_id: int) -> None:
        return self._call("restore_from_trash", article_id)

    def empty_trash(self) -> int:
        return self._call("empty_trash")

    def take_revision(self, article_id: int, reason: str = "manual", label: str = "") -> Revision:
        return self._call("take_revision", article_id, reason, label)

    def take_revision_if_changed(self, article_id: int, reason: str) -> Revision | None:
        return self._call("take_revision_if_changed", article_id, reason)

    def keep_as_revision(
        self, article: Article, reason: str, label: str, figure_text: FigureText | None = None
    ) -> Revision:
        return self._call("keep_as_revision", article, reason, label, figure_text)

    def list_revisions(self, article_id: int) -> list[Revision]:
        return self._call("list_revisions", article_id)

    def restore_revision(self, article: Article, revision: Revision) -> Article:
        return self._call("restore_revision", article, revision)

    def put_image(self, sha256: str, data: bytes, format: str, width: int, height: int, metadata: dict) -> ImageAsset:
        return self._call("put_image", sha256, data, format, width, height, metadata)

    def image_asset(self, sha256: str) -> ImageAsset:
        return self._call("image_asset", sha256)

    def image_bytes(self, sha256: str) -> bytes:
        return self._call("image_bytes", sha256)

    def thumbnail(self, sha256: str, size: int) -> bytes | None:
        return self._call("thumbnail", sha256, size)

    def put_thumbnail(self, sha256: str, size: int, data: bytes) -> None:
        return self._call("put_thumbnail", sha256, size, data)

    def figures(self, article_id: int) -> list[Figure]:
        return self._call("figures", article_id)

    def add_figure(self, article_id: int, figure: Figure) -> Figure:
        return self._call("add_figure", article_id, figure)

    def add_photos(self, article_id: int, photos: Photos) -> list[Figure]:
        return self._call("add_photos", article_id, photos)

    def change_photos(
        self, article: Article, figure_text: FigureText | None, change: PhotoChange
    ) -> tuple[Article, list[Figure]]:
        return self._call("change_photos", article, figure_text, change)

    def update_figure(self, article_id: int, handle: str, expected_version: int | None = None, **changes) -> Figure:
        return self._call("update_figure", article_id, handle, expected_version, **changes)

    def change_status(
        self, article_id: int, state: str, author: str = "", note: str = "",
        expected_version: int | None = None, table: Workflow | None = None, fields: Article | None = None,
    ) -> Article:  # fmt: skip
        return self._call("change_status", article_id, state, author, note, expected_version, table, fields)

    def history(self, article_id: int) -> list[Transition]:
        return self._call("history", article_id)

    def corrections(self, since: datetime | None = None) -> list[Correction]:
        return self._call("corrections", since)

    def newsroom_words(self) -> list[str]:
        return self._call("newsroom_words")

    def add_newsroom_word(self, word: str) -> bool:
        return self._call("add_newsroom_word", word)

    def remove_newsroom_word(self, word: str) -> bool:
        return self._call("remove_newsroom_word", word)

    # Calling the host ------------------------------------------------------------------

    def _call(self, name: str, *args, **kwargs):
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

    def _stopped(self, host: HostProcess) -> None:
        """A caller has been told host stopped: start a fresh one, now or on a later call."""
        host.told_stopped = True
        with self._lock:
            self._replace_if_due()

    def _current_host(self) -> HostProcess:
        self.start()
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
        self._host = HostProcess(self.url)

    def _connection(self, host: HostProcess):
        """This thread's connection to host, made on its first call there."""
        if getattr(self._local, "host", None) is not host:
            self._forget_connection()
            connection = host.connect()
            if self._closed:  # close() let go of the host while this was connecting
                connection.close()
                raise StoreError("The store was closed; nothing more can be saved in this window.")
            self._local.connection = connection
            self._local.host = host
        return self._local.connection

    def _forget_connection(self) -> None:
        connection = getattr(self._local, "connection", None)
        self._local.connection = self._local.host = None
        if connection is not None:
            connection.close()
