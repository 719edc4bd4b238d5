"""The Store facade: the one way the app and the CLI read and write a store.

Each method is one short transaction and returns frozen snapshots from core.model, never
live ORM objects, so results can cross threads. Safe to call from several threads.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm import exc as orm_exc

from desktop_editor.core.model import FIGURE_TEXT_FIELDS, Article, ArticleSummary, Figure, ImageAsset, PhotoChange, Revision
from desktop_editor.storage import articles, failures, images, schema, search, words
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


def _transaction(method):
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


class Store:
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
            with setup_lock(self.path.parent, wait):
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

    def __enter__(self) -> Store:
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

    # Articles --------------------------------------------------------------------------

    @_transaction
    def create_article(self, article: Article | None = None) -> Article:
        with self._write() as session:
            return articles.to_article(articles.create(session, article or Article()))

    @_transaction
    def create_article_with_photos(self, article: Article, photos: Sequence[tuple[object, Figure]]) -> Article:
        """One transaction: the article, its images and figures all land, or none do.

        Each photo is (image, figure) where image has sha256, data, format, width, height
        and metadata (core.images.IngestedImage).
        """
        with self._write() as session:
            row = articles.create(session, article)
            for image, figure in photos:
                images.put_image(
                    session, image.sha256, image.data, image.format, image.width, image.height,
                    image.metadata,
                )
                images.add_figure(session, row.id, figure)
            search.index_article(session, row)  # with the captions
            return articles.to_article(row)

    @_transaction
    def add_photos(self, article_id: int, photos: Sequence[tuple[object, Figure]]) -> list[Figure]:
        """Store images (once each) and attach them as figures, in one transaction."""
        with self._write() as session:
            row = articles.get_row(session, article_id)
            added = []
            for image, figure in photos:
                image_row = images.put_image(
                    session, image.sha256, image.data, image.format, image.width, image.height,
                    image.metadata,
                )
                added.append(images.to_figure(images.add_figure(session, article_id, figure), image_row))
            search.index_article(session, row)  # with the captions
            return added

    @_transaction
    def get_article(self, article_id: int) -> Article:
        with self._read() as session:
            return articles.to_article(articles.get_row(session, article_id))

    @_transaction
    def find_article(self, reference: str | int) -> Article:
        """By id or slug."""
        with self._read() as session:
            return articles.to_article(articles.find_row(session, reference))

    @_transaction
    def save_article(
        self, article: Article, figure_text: Mapping[str, Mapping[str, str]] | None = None
    ) -> Article:
        """Save article over the stored one, with its photos' text, in one transaction.

        figure_text is {handle: {field: text}} with fields from core.model.FIGURE_TEXT_FIELDS.
        ConflictError, and nothing written, when article.version is stale or when
        figure_text names a photo the article no longer has (renamed or removed elsewhere).
        The version moves on when anything changed, the photos' text included; when nothing
        did, the stored article comes back as it was.
        """
        with self._write() as session:
            row = articles.get_row(session, article.id)
            articles.check_version(row, article.version)
            touched = bool(figure_text) and images.write_figure_text(
                session, article.id, article.version, figure_text
            )
            return articles.to_article(articles.save(session, article, touched=touched))

    @_transaction
    def list_articles(self, trash: bool = False) -> list[ArticleSummary]:
        with self._read() as session:
            return articles.summaries(session, trash=trash)

    @_transaction
    def search(self, query: str) -> list[ArticleSummary]:
        with self._read() as session:
            return articles.summaries(session, ids=search.matching_ids(session, query))

    @_transaction
    def search_snippets(self, query: str, marks: tuple[str, str] | None = None) -> list[tuple[ArticleSummary, str]]:
        """Like search, each result with a few words around its best match (the matched
        words between marks, **bold** by default)."""
        with self._read() as session:
            found = search.matches(session, query, marks=tuple(marks or search.SNIPPET_MARK))
            snippets = dict(found)
            listed = articles.summaries(session, ids=[article_id for article_id, _ in found])
            return [(summary, snippets[summary.id]) for summary in listed]

    @_transaction
    def article_count(self) -> int:
        with self._read() as session:
            return articles.count(session)

    @_transaction
    def unique_slug(self, wanted: str, exclude_id: int | None = None) -> str:
        with self._read() as session:
            return articles.unique_slug(session, wanted, exclude_id)

    def slug_taken(self, slug: str, exclude_id: int | None) -> bool:
        return bool(slug) and self.unique_slug(slug, exclude_id) != slug

    @_transaction
    def duplicate_article(self, article_id: int) -> Article:
        with self._write() as session:
            source = articles.to_article(articles.get_row(session, article_id))
            copy = source.replace(
                id=None, headline=f"{source.headline} (copy)".strip(), slug="", slug_locked=False
            )
            row = articles.create(session, copy)
            for figure in images.figures(session, article_id):
                images.add_figure(session, row.id, figure)
            return articles.to_article(row)

    @_transaction
    def move_to_trash(self, article_id: int) -> None:
        with self._write() as session:
            self._snapshot(session, articles.get_row(session, article_id), "before delete")
            articles.move_to_trash(session, article_id)

    @_transaction
    def restore_from_trash(self, article_id: int) -> None:
        with self._write() as session:
            articles.restore_from_trash(session, article_id)

    @_transaction
    def empty_trash(self) -> int:
        with self._write() as session:
            removed = articles.empty_trash(session)
            images.delete_unused_images(session)
            return removed

    # Revisions -------------------------------------------------------------------------
    # A revision keeps every field of the article and the text of its photos.

    @staticmethod
    def _snapshot(
        session: Session,
        row,
        reason: str,
        label: str = "",
        article: Article | None = None,
        figure_text: Mapping[str, Mapping[str, str]] | None = None,
    ):
        figures = images.figure_text(session, row.id, figure_text)
        return articles.take_revision(session, row, reason, label, article, figures)

    @_transaction
    def take_revision(self, article_id: int, reason: str = "manual", label: str = "") -> Revision:
        with self._write() as session:
            row = articles.get_row(session, article_id)
            return articles.to_revision(self._snapshot(session, row, reason, label))

    @_transaction
    def keep_as_revision(
        self,
        article: Article,
        reason: str,
        label: str,
        figure_text: Mapping[str, Mapping[str, str]] | None = None,
    ) -> Revision:
        """Keep an article that was not saved (a conflict's losing side) as a revision: all
        of its fields, and the photos' text as stored with figure_text (not saved) over it."""
        with self._write() as session:
            row = articles.get_row(session, article.id)
            return articles.to_revision(self._snapshot(session, row, reason, label, article, figure_text))

    @_transaction
    def take_revision_if_changed(self, article_id: int, reason: str) -> Revision | None:
        """A snapshot unless the newest one already holds the same fields and photos' text."""
        with self._write() as session:
            row = articles.get_row(session, article_id)
            figures = images.figure_text(session, article_id)
            last = articles.last_revision(session, article_id)
            if last and articles.holds_the_same(last, row, figures):
                return None
            return articles.to_revision(articles.take_revision(session, row, reason, figures=figures))

    @_transaction
    def list_revisions(self, article_id: int) -> list[Revision]:
        with self._read() as session:
            return articles.revisions(session, article_id)

    @_transaction
    def restore_revision(self, article: Article, revision: Revision) -> Article:
        """Put back what a revision holds, after snapshotting the current article.

        Its fields and its photos' text come back; text for a photo no longer in the article
        is skipped. ConflictError when article.version is stale. Returns the stored article.
        """
        with self._write() as session:
            row = articles.get_row(session, article.id)
            articles.check_version(row, article.version)
            self._snapshot(session, row, "before restore")
            handles = {figure.handle for figure in images.figure_rows(session, article.id)}
            figure_text = {
                handle: {name: value for name, value in text.items() if name in FIGURE_TEXT_FIELDS}
                for handle, text in (revision.figures or {}).items()
                if handle in handles
            }
            touched = bool(figure_text) and images.write_figure_text(
                session, article.id, article.version, figure_text
            )
            wanted = articles.restored(articles.to_article(row), revision, handles)
            return articles.to_article(articles.save(session, wanted, touched=touched))

    # Images and figures ------------------------------------------------------------------

    @_transaction
    def put_image(
        self, sha256: str, data: bytes, format: str, width: int, height: int, metadata: dict
    ) -> ImageAsset:
        with self._write() as session:
            return images.to_asset(images.put_image(session, sha256, data, format, width, height, metadata))

    @_transaction
    def image_asset(self, sha256: str) -> ImageAsset:
        with self._read() as session:
            return images.to_asset(images.image_row(session, sha256))

    @_transaction
    def image_bytes(self, sha256: str) -> bytes:
        with self._read() as session:
            return images.image_row(session, sha256).data

    @_transaction
    def thumbnail(self, sha256: str, size: int) -> bytes | None:
        with self._read() as session:
            return images.thumbnail(session, sha256, size)

    @_transaction
    def put_thumbnail(self, sha256: str, size: int, data: bytes) -> None:
        with self._write() as session:
            images.put_thumbnail(session, sha256, size, data)

    @_transaction
    def figures(self, article_id: int) -> list[Figure]:
        with self._read() as session:
            return images.figures(session, article_id)

    @_transaction
    def add_figure(self, article_id: int, figure: Figure) -> Figure:
        with self._write() as session:
            article = articles.get_row(session, article_id)
            row = images.add_figure(session, article_id, figure)
            search.index_article(session, article)
            image = images.image_row(session, row.image_sha256)
            return images.to_figure(row, image)

    @_transaction
    def update_figure(
        self, article_id: int, handle: str, expected_version: int | None = None, **changes
    ) -> Figure:
        """Change one photo: its text fields (FIGURE_TEXT_FIELDS), image_sha256 or sources.

        When its text changes, the article's version moves on. With expected_version, a
        stored article at another version raises ConflictError and nothing changes.
        """
        with self._write() as session:
            article = articles.get_row(session, article_id)
            if expected_version is not None:
                articles.check_version(article, expected_version)
            row, text_changed = images.update_figure(session, article_id, handle, changes)
            if text_changed:
                articles.touch(article)
            return images.to_figure(row, images.image_row(session, row.image_sha256))

    @_transaction
    def change_photos(
        self, article: Article, figure_text: Mapping[str, Mapping[str, str]] | None, change: PhotoChange
    ) -> tuple[Article, list[Figure]]:
        """Save article (fields, body and its photos' text, as save_article does) and make one
        change to its photos, in one transaction; the version moves on, so every other window
        on the article sees the change or is offered a reload. ConflictError, and nothing
        written, when article.version is stale. Returns the stored article and its photos."""
        with self._write() as session:
            row = articles.get_row(session, article.id)
            articles.check_version(row, article.version)
            if figure_text:  # before a rename: the text was typed under the old handle
                images.write_figure_text(session, article.id, article.version, figure_text)
            images.change(session, article.id, change)
            stored = articles.to_article(articles.save(session, article, touched=True))  # indexed again
            return stored, images.figures(session, article.id)

    @_transaction
    def remove_figure(self, article_id: int, handle: str) -> None:
        """Remove a photo from an article. If it was the lead image, clearing that is the
        article's own save (so the open window's version stays current)."""
        with self._write() as session:
            images.remove_figure(session, article_id, handle)
            search.index_article(session, articles.get_row(session, article_id))

    @_transaction
    def reorder_figures(self, article_id: int, handles: Iterable[str]) -> None:
        with self._write() as session:
            images.reorder(session, article_id, list(handles))

    @_transaction
    def rename_figure_handle(self, article_id: int, old: str, new: str) -> Figure:
        """Rename a photo's handle. The body's references are the editor's to update: the
        text being typed is the truth, and it reaches the store by autosave."""
        images.check_handle(new)
        with self._write() as session:
            if any(f.handle == new for f in images.figure_rows(session, article_id)):
                raise StoreError(f"This article already has a photo with the handle “{new}”.")
            row = images.figure_row(session, article_id, old)
            row.handle = new
            return images.to_figure(row, images.image_row(session, row.image_sha256))

    # The newsroom's words ---------------------------------------------------------------

    @_transaction
    def newsroom_words(self) -> list[str]:
        """The words every desk's spelling checker accepts, in alphabetical order."""
        with self._read() as session:
            return words.listed(session)

    @_transaction
    def add_newsroom_word(self, word: str) -> bool:
        """Add a word to the newsroom's list; False when it was there already."""
        word = words.clean(word)
        with self._write() as session:
            return words.add(session, word)

    @_transaction
    def remove_newsroom_word(self, word: str) -> bool:
        """Take a word off the newsroom's list; False when it was not on it."""
        word = words.clean(word)
        with self._write() as session:
            return words.remove(session, word)

    def session(self) -> Session:
        """A raw read session, for tests and tools that need a look beneath the facade."""
        return self._reader()
