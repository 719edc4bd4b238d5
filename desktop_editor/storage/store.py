"""The Store facade: the one way the app and the CLI read and write a store.

Each method is one short transaction and returns frozen snapshots from core.model, never
live ORM objects, so results can cross threads. Safe to call from several threads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm import exc as orm_exc

from desktop_editor.core.model import FIGURE_TEXT_FIELDS, Article, ArticleSummary, Figure, ImageAsset, Revision
from desktop_editor.storage import articles, images, schema, search
from desktop_editor.storage.engine import DEFAULT_BUSY_TIMEOUT_MS, make_engine
from desktop_editor.storage.errors import ConflictError, StoreError
from desktop_editor.storage.location import sqlite_path, store_url


class Store:
    ready = True  # see ui.shell.store_opener.LazyStore, which is not ready while it opens

    def __init__(self, location: str | Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS):
        self.url = store_url(location)
        self.path = sqlite_path(self.url)
        self.backup_path: Path | None = None
        revision = None
        if self.path is not None:
            revision = schema.check_sqlite_file(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(self.url, busy_timeout_ms)
        try:
            self._migrate(revision)
        except exc.OperationalError as error:
            self.engine.dispose()
            raise self._operational_error(error) from None
        except Exception:
            self.engine.dispose()
            raise
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(write=True), expire_on_commit=False
        )

    def _migrate(self, file_revision: str | None) -> None:
        if self.path is not None and file_revision == schema.HEAD_REVISION:
            return
        with self.engine.connect() as connection:
            revision = schema.current_revision(connection)
            schema.check_revision_known(revision, str(self.path or self.url))
            if revision == schema.HEAD_REVISION:
                return
            if revision is not None and self.path is not None:
                self.backup_path = schema.backup_before_upgrade(self.path, revision)
            schema.upgrade(connection)
            connection.commit()

    def _operational_error(self, error: exc.OperationalError) -> StoreError:
        where = self.path or self.url
        message = str(error.orig) if error.orig else str(error)
        if "locked" in message or "busy" in message:
            return StoreError(f"{where} is locked by another program; close it and try again.")
        if "readonly" in message or "read-only" in message:
            return StoreError(f"{where} is in a read-only location; it was not changed.")
        if "disk" in message and "full" in message:
            return StoreError(f"The disk holding {where} is full; free some space and try again.")
        return StoreError(f"The store {where} could not be used: {message}.")

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
        except exc.OperationalError as error:
            raise self._operational_error(error) from None

    @contextmanager
    def _write(self):
        try:
            with self._writer.begin() as session:
                yield session
        except exc.OperationalError as error:
            raise self._operational_error(error) from None
        except orm_exc.StaleDataError:
            raise ConflictError(0, 0, None) from None

    # Articles --------------------------------------------------------------------------

    def create_article(self, article: Article | None = None) -> Article:
        with self._write() as session:
            return articles.to_article(articles.create(session, article or Article()))

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

    def get_article(self, article_id: int) -> Article:
        with self._read() as session:
            return articles.to_article(articles.get_row(session, article_id))

    def find_article(self, reference: str | int) -> Article:
        """By id or slug."""
        with self._read() as session:
            return articles.to_article(articles.find_row(session, reference))

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

    def list_articles(self, trash: bool = False) -> list[ArticleSummary]:
        with self._read() as session:
            return articles.summaries(session, trash=trash)

    def search(self, query: str) -> list[ArticleSummary]:
        with self._read() as session:
            return articles.summaries(session, ids=search.matching_ids(session, query))

    def search_snippets(self, query: str) -> list[tuple[ArticleSummary, str]]:
        """Like search, each result with a few words around its best match."""
        with self._read() as session:
            found = search.matches(session, query)
            snippets = dict(found)
            listed = articles.summaries(session, ids=[article_id for article_id, _ in found])
            return [(summary, snippets[summary.id]) for summary in listed]

    def article_count(self) -> int:
        with self._read() as session:
            return articles.count(session)

    def unique_slug(self, wanted: str, exclude_id: int | None = None) -> str:
        with self._read() as session:
            return articles.unique_slug(session, wanted, exclude_id)

    def slug_taken(self, slug: str, exclude_id: int | None) -> bool:
        return bool(slug) and self.unique_slug(slug, exclude_id) != slug

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

    def move_to_trash(self, article_id: int) -> None:
        with self._write() as session:
            self._snapshot(session, articles.get_row(session, article_id), "before delete")
            articles.move_to_trash(session, article_id)

    def restore_from_trash(self, article_id: int) -> None:
        with self._write() as session:
            articles.restore_from_trash(session, article_id)

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

    def take_revision(self, article_id: int, reason: str = "manual", label: str = "") -> Revision:
        with self._write() as session:
            row = articles.get_row(session, article_id)
            return articles.to_revision(self._snapshot(session, row, reason, label))

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

    def take_revision_if_changed(self, article_id: int, reason: str) -> Revision | None:
        """A snapshot unless the newest one already holds the same fields and photos' text."""
        with self._write() as session:
            row = articles.get_row(session, article_id)
            figures = images.figure_text(session, article_id)
            last = articles.last_revision(session, article_id)
            if last and articles.holds_the_same(last, row, figures):
                return None
            return articles.to_revision(articles.take_revision(session, row, reason, figures=figures))

    def list_revisions(self, article_id: int) -> list[Revision]:
        with self._read() as session:
            return articles.revisions(session, article_id)

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

    def put_image(
        self, sha256: str, data: bytes, format: str, width: int, height: int, metadata: dict
    ) -> ImageAsset:
        with self._write() as session:
            return images.to_asset(images.put_image(session, sha256, data, format, width, height, metadata))

    def image_asset(self, sha256: str) -> ImageAsset:
        with self._read() as session:
            return images.to_asset(images.image_row(session, sha256))

    def image_bytes(self, sha256: str) -> bytes:
        with self._read() as session:
            return images.image_row(session, sha256).data

    def thumbnail(self, sha256: str, size: int) -> bytes | None:
        with self._read() as session:
            return images.thumbnail(session, sha256, size)

    def put_thumbnail(self, sha256: str, size: int, data: bytes) -> None:
        with self._write() as session:
            images.put_thumbnail(session, sha256, size, data)

    def figures(self, article_id: int) -> list[Figure]:
        with self._read() as session:
            return images.figures(session, article_id)

    def add_figure(self, article_id: int, figure: Figure) -> Figure:
        with self._write() as session:
            article = articles.get_row(session, article_id)
            row = images.add_figure(session, article_id, figure)
            search.index_article(session, article)
            image = images.image_row(session, row.image_sha256)
            return images.to_figure(row, image)

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

    def remove_figure(self, article_id: int, handle: str) -> None:
        """Remove a photo from an article. If it was the lead image, clearing that is the
        article's own save (so the open window's version stays current)."""
        with self._write() as session:
            images.remove_figure(session, article_id, handle)
            search.index_article(session, articles.get_row(session, article_id))

    def reorder_figures(self, article_id: int, handles: Iterable[str]) -> None:
        with self._write() as session:
            images.reorder(session, article_id, list(handles))

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

    def session(self) -> Session:
        """A raw read session, for tests and tools that need a look beneath the facade."""
        return self._reader()
