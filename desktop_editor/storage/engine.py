"""The SQLAlchemy engine for a store URL: SQLite's pragmas, or a desk server's timeouts.

A PostgreSQL store (a newsroom's shared "desk server") gets:
- timeouts, so that a silent server or a dropped link becomes a sentence, never a hang:
  connect_timeout (seconds to reach the server and log in), statement_timeout (seconds a
  statement may run) and lock_timeout (seconds to wait for a row another desk holds).
  Defaults below; each can be set in the URL's query (`?connect_timeout=10&
  statement_timeout=20&lock_timeout=5`) or in the environment (DESKTOP_EDITOR_CONNECT_TIMEOUT,
  DESKTOP_EDITOR_STATEMENT_TIMEOUT, DESKTOP_EDITOR_LOCK_TIMEOUT), the URL winning;
- TCP keepalives and a TCP user timeout, so a link that stops acknowledging breaks quickly;
- application_name "desktop-editor/USER", so the server's administrator sees who is who;
- a watchdog: a statement the server has not answered well after statement_timeout (a hung
  server, a link that still acknowledges but carries nothing) has its connection cut, so
  the call fails with a sentence instead of waiting for ever;
- a ping only for a connection idle for a while (not one per call), and connections
  recycled every half hour; a connection the server dropped (a restart) is noticed by the
  store, which runs the call again once on a fresh one (storage.store).
- the password from the URL, else libpq's own PGPASSWORD or ~/.pgpass, else one asked for
  by the password hook (storage.credentials) when the server asks for one.
"""

from __future__ import annotations

import getpass
import os
import socket
import threading
import time

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

DEFAULT_BUSY_TIMEOUT_MS = 5000

# A desk server's defaults, in seconds.
DEFAULT_CONNECT_TIMEOUT = 5
DEFAULT_STATEMENT_TIMEOUT = 10
DEFAULT_LOCK_TIMEOUT = 5
IDLE_IN_TRANSACTION_TIMEOUT = 60  # a desk that died mid-transaction frees its rows by then
IDLE_BEFORE_PING = 10.0  # seconds a pooled connection may idle before it is pinged on reuse
POOL_RECYCLE = 1800
PAGE_CACHE_KIB = 512
APPLICATION = "desktop-editor"
TIMEOUT_SETTINGS = ("connect_timeout", "statement_timeout", "lock_timeout")


def make_engine(url: str, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return _server_engine(parsed)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(
        url,
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):  # noqa: ANN001 (DBAPI objects)
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # FULL: in WAL mode, NORMAL may lose the last commits on a power cut; a save the
        # window reported as "Saved" must survive one.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        # A page cache of 512 KiB per connection (SQLite's default is 2 MiB): an article's
        # pages fit many times over and the system caches the file anyway, but every photo
        # read passes through it, and each connection would keep 2 MiB of photo pages.
        cursor.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):  # noqa: ANN001
        # A write transaction takes the write lock up front: one that reads and then writes
        # could otherwise fail at once with "database is locked" instead of waiting its turn.
        if connection.get_execution_options().get("write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def server_timeouts(url: URL, environ=os.environ) -> dict[str, float]:
    """The connect, statement and lock timeouts in seconds: the URL's, else the environment's,
    else the defaults. A value that is not a number is refused with a sentence."""
    from desktop_editor.storage.errors import StoreError

    defaults = {
        "connect_timeout": DEFAULT_CONNECT_TIMEOUT,
        "statement_timeout": DEFAULT_STATEMENT_TIMEOUT,
        "lock_timeout": DEFAULT_LOCK_TIMEOUT,
    }
    settings = {}
    for name, default in defaults.items():
        raw = url.query.get(name) or environ.get(f"DESKTOP_EDITOR_{name.upper()}") or default
        if isinstance(raw, tuple):
            raw = raw[-1]
        try:
            value = float(str(raw).strip().removesuffix("s"))
        except ValueError:
            raise StoreError(f"The {name.replace('_', ' ')} “{raw}” is not a number of seconds.") from None
        if value < 0:
            raise StoreError(f"The {name.replace('_', ' ')} cannot be negative.")
        settings[name] = value
    return settings


def application_name() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name to be had (a container without one): still a name
        user = "unknown"
    return f"{APPLICATION}/{user}"[:63]  # the server keeps 63 bytes


def _server_engine(url: URL) -> Engine:
    from desktop_editor.storage import credentials

    timeouts = server_timeouts(url)
    given_options = url.query.get("options") or ""  # e.g. -csearch_path=newsroom, kept
    url = url.difference_update_query((*TIMEOUT_SETTINGS, "options"))
    connect_timeout = max(1, round(timeouts["connect_timeout"]))  # libpq: whole seconds, 0 = none
    options = " ".join(
        f"-c {name}={int(timeouts[name] * 1000)}" for name in ("statement_timeout", "lock_timeout")
    ) + f" -c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_TIMEOUT * 1000}"
    if given_options:
        options = f"{given_options if isinstance(given_options, str) else ' '.join(given_options)} {options}"
    connect_args = {
        "connect_timeout": connect_timeout,
        "application_name": application_name(),
        "options": options,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 3,
        "keepalives_count": 3,
        # Data unacknowledged this long means the link is gone (a cable, a Wi-Fi drop).
        "tcp_user_timeout": int((timeouts["statement_timeout"] + connect_timeout) * 1000),
    }
    engine = create_engine(url, connect_args=connect_args, pool_recycle=POOL_RECYCLE, pool_pre_ping=False)
    engine.dialect.desktop_editor_timeouts = timeouts  # for the store's sentences

    @event.listens_for(engine, "do_connect")
    def _password(dialect, record, cargs, cparams):  # noqa: ANN001
        # A password the person typed this session (storage.credentials) fills a URL without one.
        if not url.password and "password" not in cparams:
            typed = credentials.known_password(url)
            if typed is not None:
                cparams["password"] = typed

    # statement_timeout 0 means none: then no watchdog either.
    watchdog = Watchdog(timeouts["statement_timeout"] + max(2.0, timeouts["connect_timeout"]))
    watchdog.enabled = timeouts["statement_timeout"] > 0

    @event.listens_for(engine, "before_cursor_execute")
    def _arm(connection, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if connection.get_execution_options().get("no_watchdog"):
            return  # setting up or upgrading the store: waits its turn, may take minutes
        watchdog.arm(connection.connection.dbapi_connection, statement, parameters)

    @event.listens_for(engine, "after_cursor_execute")
    def _disarm(connection, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        watchdog.disarm(connection.connection.dbapi_connection)

    @event.listens_for(engine, "commit")
    def _arm_commit(connection):  # noqa: ANN001
        if connection.get_execution_options().get("no_watchdog"):
            return
        watchdog.arm(connection.connection.dbapi_connection)

    @event.listens_for(engine, "checkin")
    def _returned(dbapi_connection, record):  # noqa: ANN001
        watchdog.disarm(dbapi_connection)
        record.info["returned"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _maybe_ping(dbapi_connection, record, proxy):  # noqa: ANN001
        # One round trip to check a connection that has idled a while (the server may have
        # restarted meanwhile); a connection in steady use (autosave) is not pinged at all.
        returned = record.info.get("returned")
        if returned is None or time.monotonic() - returned < IDLE_BEFORE_PING:
            return
        try:
            pgconn = getattr(dbapi_connection, "pgconn", None)
            if pgconn is not None:  # psycopg 3: an empty query, outside any transaction
                pgconn.exec_(b"")
                if pgconn.status != 0:  # CONNECTION_OK
                    raise ConnectionError
            else:
                with dbapi_connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                dbapi_connection.rollback()
        except Exception:
            raise exc.DisconnectionError() from None  # the pool connects afresh

    return engine


class Watchdog:
    """Cuts the connection of a statement (or commit) that has waited longer than limit
    seconds for the server, plus time to carry any photo it sends or reads: the blocked
    call then fails at once, as for a dropped link. The server's own statement_timeout
    ends slow statements well before this; only a server that has stopped answering
    altogether is left to the watchdog."""

    BYTES_PER_SECOND = 250_000  # the slowest link a photo is given time for
    IMAGE_ALLOWANCE = 60.0  # reading a photo's bytes: their size is not known beforehand

    def __init__(self, limit: float):
        self.limit = limit
        self.deadlines: dict[int, tuple[object, float]] = {}
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    enabled = True

    def arm(self, dbapi_connection, statement: str = "", parameters=None) -> None:
        if not self.enabled or getattr(dbapi_connection, "pgconn", None) is None:
            return
        allowance = self.limit
        if statement and "images" in statement:
            allowance += self.IMAGE_ALLOWANCE
        values = parameters.values() if isinstance(parameters, dict) else parameters or ()
        size = sum(len(value) for value in values if isinstance(value, (bytes, bytearray, memoryview)))
        allowance += size / self.BYTES_PER_SECOND
        with self.lock:
            self.deadlines[id(dbapi_connection)] = (dbapi_connection, time.monotonic() + allowance)
            if self.thread is None:
                self.thread = threading.Thread(target=self._watch, name="desk-server-watchdog", daemon=True)
                self.thread.start()

    def disarm(self, dbapi_connection) -> None:
        with self.lock:
            self.deadlines.pop(id(dbapi_connection), None)

    def _watch(self) -> None:
        while True:
            time.sleep(0.25)
            now = time.monotonic()
            with self.lock:
                late = [key for key, (_, deadline) in self.deadlines.items() if deadline < now]
                overdue = [self.deadlines.pop(key)[0] for key in late]
            for dbapi_connection in overdue:
                self.cut(dbapi_connection)

    @staticmethod
    def cut(dbapi_connection) -> None:
        """Shut the connection's socket down (through a duplicate of its descriptor, which is
        then closed): libpq, waiting on it, sees the connection end."""
        try:
            descriptor = dbapi_connection.pgconn.socket
            with socket.socket(fileno=os.dup(descriptor)) as duplicate:
                duplicate.shutdown(socket.SHUT_RDWR)
        except Exception:
            pass  # already closed
