"""Opening a store and running its transactions: what every Store operation stands on.

Opening checks, creates or upgrades the store (SQLite files take turns through
storage.setup_lock; desk servers through an advisory lock), and refuses with one sentence
what it cannot open. Each operation then runs as one short transaction (`transaction`):
run again when it clashed with another desk's or lost a server connection before
committing, and any failure turned into one StoreError sentence.
"""

from __future__ import annotations

import functools
import random
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm import exc as orm_exc

from desktop_editor.storage import failures, schema
from desktop_editor.storage.engine import DEFAULT_BUSY_TIMEOUT_MS, make_engine
from desktop_editor.storage.errors import ConflictError, PasswordRequired, StoreBusy, StoreError
from desktop_editor.storage.location import sqlite_path, store_url
from desktop_editor.storage.setup_lock import setup_lock

# A transaction that clashed with another desk's (the same slug, photo or handle at the same
# moment) runs again, seeing what the other desk committed; a connection the server dropped
# (a restart) is replaced and the call run again, once.
MAX_ATTEMPTS = 12
MIGRATION_WAIT = 120  # seconds a desk waits for another desk setting up or upgrading the store


class _Again(Exception):
    """Run the transaction again: it clashed with another desk, or lost its connection before
    anything was committed. sentence is what to say if it cannot be run again."""

    def __init__(self, sentence: str, disconnect: bool):
        super().__init__(sentence)
        self.sentence = sentence
        self.disconnect = disconnect


def transaction(method):
    """Run a store method, again when its transaction clashed or lost its connection."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        disconnects = 0
        for attempt in range(MAX_ATTEMPTS):
            try:
                return method(self, *args, **kwargs)
            except _Again as again:
                last = again
                if again.disconnect:
                    disconnects += 1
                    if disconnects > 1:
                        break
                else:  # let the desks that clashed fall out of step
                    time.sleep(random.uniform(0, 0.005 * (attempt + 1)))
        raise StoreError(last.sentence)

    return run


class StoreConnection:
    ready = True  # see ui.common.store_opener.LazyStore, which is not ready while it opens

    def __init__(
        self,
        location: str | Path,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        upgrade: bool | None = None,
    ):
        """Open (and create, or upgrade) the store at location: a path or a SQLAlchemy URL.

        upgrade: whether an older schema may be upgraded. None (the default) upgrades a
        SQLite file (one desk's own; a copy is kept first) but not a database on a server,
        which every desk shares: that takes `desktop-editor upgrade-store` (upgrade=True),
        and until then this desk is refused with a sentence saying so. A fresh database is
        always set up.
        """
        self.url = store_url(location)
        self.path = sqlite_path(self.url)
        self.display = str(self.path) if self.path is not None else failures.display_url(self.url)
        self.backup_path: Path | None = None
        self.upgraded_from: str | None = None  # the schema it had, when this opening upgraded it
        self.created = False  # this opening set up a fresh store
        if self.path is None:
            self._connect(None, busy_timeout_ms, upgrade)
        else:
            self._open_file(busy_timeout_ms, upgrade)
        # On a server, a read is its statements alone (autocommit): no BEGIN and ROLLBACK
        # round trips around it.
        reading = self.engine.execution_options(isolation_level="AUTOCOMMIT") if self.server else self.engine
        self._reader = sessionmaker(reading, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(write=True), expire_on_commit=False
        )

    def _open_file(self, busy_timeout_ms: int, upgrade: bool | None) -> None:
        """Check, create or upgrade a SQLite file, taking turns with every other process
        opening a store in the same folder (storage.setup_lock); a file still locked by
        another connection is tried again for twice the busy timeout, after which it really
        is held by another program."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        wait = max(1.0, 2 * busy_timeout_ms / 1000)
        deadline = time.monotonic() + wait
        while True:
            with setup_lock(self.path.parent, max(0.0, deadline - time.monotonic())):
                try:
                    return self._connect(schema.check_sqlite_file(self.path), busy_timeout_ms, upgrade)
                except StoreBusy:
                    if time.monotonic() >= deadline:
                        raise
            time.sleep(random.uniform(0.05, 0.25))  # outside the lock: let the holder finish

    def _connect(self, revision: str | None, busy_timeout_ms: int, upgrade: bool | None) -> None:
        self.engine = make_engine(self.url, busy_timeout_ms)
        self.server = self.engine.dialect.name != "sqlite"
        self.timeouts = getattr(self.engine.dialect, "desktop_editor_timeouts", {})
        allow_upgrade = (not self.server) if upgrade is None else upgrade
        try:
            self._open(revision, allow_upgrade)
        except BaseException:
            self.engine.dispose()
            raise

    def _open(self, revision: str | None, allow_upgrade: bool) -> None:
        from desktop_editor.storage import credentials

        asked = 0
        while True:
            try:
                return self._migrate(revision, allow_upgrade)
            except exc.DBAPIError as error:
                text = str(error.orig or error).lower()
                wants_password = "no password supplied" in text or "password authentication failed" in text
                if self.server and wants_password and asked < 3 and credentials.ask_password(self.engine.url):
                    asked += 1
                    self.engine.dispose()
                    continue
                if self.server and wants_password:  # the window asks for it and opens again
                    raise PasswordRequired(
                        str(self._open_error(error)), failures.server_name(self.url),
                        refused="password authentication failed" in text,
                    ) from None
                raise self._open_error(error) from None
            except exc.SQLAlchemyError as error:
                raise StoreError(f"The store {self.display} could not be opened: {failures.first_line(error)}.") from None

    def _migrate(self, file_revision: str | None, allow_upgrade: bool) -> None:
        if self.path is not None and file_revision == schema.HEAD_REVISION:
            return
        # SQLite: the write lock from the start (BEGIN IMMEDIATE), so that desks opening a new
        # file at once take turns; PostgreSQL: an advisory lock, below, once work is needed.
        with self.engine.connect().execution_options(write=not self.server) as connection:
            revision = schema.current_revision(connection)
            self._check_revision(connection, revision, allow_upgrade)
            if revision == schema.HEAD_REVISION:
                connection.rollback()
                return
            if self.server and connection.dialect.name == "postgresql":
                # One desk sets up or upgrades the store; the others wait here, then find it done.
                connection.rollback()
                connection.execution_options(no_watchdog=True)  # waiting its turn may take a while
                connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
                connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{MIGRATION_WAIT}s'")
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({schema.MIGRATION_LOCK_KEY})")
                revision = schema.current_revision(connection)
                self._check_revision(connection, revision, allow_upgrade)
                if revision == schema.HEAD_REVISION:
                    connection.commit()
                    return
            if revision is not None and self.path is not None:
                self.backup_path = schema.backup_before_upgrade(self.path, revision)
            schema.upgrade(connection)
            schema.record_app_version(connection)
            connection.commit()
            self.upgraded_from = revision
            self.created = revision is None

    def _check_revision(self, connection, revision: str | None, allow_upgrade: bool) -> None:
        if revision is not None and revision not in schema.SCHEMA_REVISIONS:
            schema.refuse_newer(revision, self.display, schema.required_app_version(connection))
        if revision is not None and revision != schema.HEAD_REVISION and not allow_upgrade:
            raise StoreError(
                f"The store {self.display} has an older layout (schema {revision}) than this "
                f"Desktop Editor ({schema.APP_VERSION}) uses. Whoever looks after it runs "
                f"`desktop-editor upgrade-store --store URL` once (after a backup); every desk "
                f"then needs Desktop Editor {schema.APP_VERSION} or later."
            )

    def _open_error(self, error: exc.DBAPIError) -> StoreError:
        if self.server:
            if failures.sqlstate(error) == failures.LOCK_NOT_AVAILABLE:
                return StoreError(
                    f"Another desk has been setting up or upgrading the store {self.display} for over "
                    f"{MIGRATION_WAIT} s; try again in a while."
                )
            if isinstance(error, exc.OperationalError) and failures.sqlstate(error) is None:
                return StoreError(failures.connection_sentence(error, self.url, self.timeouts))
            return StoreError(failures.call_sentence(error, self.url, self.timeouts))
        if isinstance(error, exc.OperationalError):
            return self._operational_error(error)
        return StoreError(f"The store {self.display} could not be opened: {failures.first_line(error)}.")

    def _operational_error(self, error: exc.OperationalError) -> StoreError:
        where = self.display
        message = failures.first_line(error)
        if "locked" in message or "busy" in message:
            return StoreBusy(f"{where} is locked by another program; close it and try again.")
        if "readonly" in message or "read-only" in message:
            return StoreError(f"{where} is in a read-only location; it was not changed.")
        if "disk" in message and "full" in message:
            return StoreError(f"The disk holding {where} is full; free some space and try again.")
        return StoreError(f"The store {where} could not be used: {message}.")

    def _failure(self, error: exc.SQLAlchemyError, before_commit: bool) -> Exception:
        """What a failed call becomes: _Again (run it again) or one StoreError sentence."""
        if isinstance(error, orm_exc.StaleDataError):  # the version moved on under this save
            return ConflictError(0, 0, None)
        if not isinstance(error, exc.DBAPIError):
            return StoreError(f"The store could not do that: {failures.first_line(error)}.")
        if failures.is_retryable(error):
            return _Again(failures.call_sentence(error, self.url, self.timeouts), disconnect=False)
        if self.server:
            sentence = failures.call_sentence(error, self.url, self.timeouts)
            if before_commit and failures.is_disconnect(error):
                return _Again(sentence, disconnect=True)
            return StoreError(sentence)
        if isinstance(error, exc.OperationalError):
            return self._operational_error(error)
        return StoreError(f"The store could not do that: {failures.first_line(error)}.")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def _read(self):
        try:
            with self._reader() as session:
                yield session
        except exc.SQLAlchemyError as error:
            raise self._failure(error, before_commit=True) from None

    @contextmanager
    def _write(self):
        committing = False
        try:
            with self._writer.begin() as session:
                try:
                    yield session
                except exc.SQLAlchemyError as error:
                    raise self._failure(error, before_commit=True) from None
                committing = True
        except exc.SQLAlchemyError as error:
            # A failure while committing may have committed: say so rather than run it twice,
            # except for a clash (a flush refused before the commit).
            raise self._failure(error, before_commit=not committing) from None
