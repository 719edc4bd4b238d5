"""The Store facade: the one way the app and the CLI read and write a store.

Each method is one short transaction and returns frozen snapshots from core.model, never
live ORM objects, so results can cross threads. Safe to call from several threads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from desktop_editor.core.corrections import Correction
from desktop_editor.core.model import FIGURE_TEXT_FIELDS, Article, ArticleSummary, Figure, ImageAsset, PhotoChange, Revision
from desktop_editor.core.workflow import Transition, Workflow
from desktop_editor.storage import articles, images, restoring, search, transitions, words
from desktop_editor.storage.connection import StoreConnection, transaction


class Store(StoreConnection):
    """Every operation of storage.interface.StoreOperations, on a store opened by
    storage.connection.StoreConnection (Store(location) opens, creates or upgrades it)."""

    # Articles --------------------------------------------------------------------------

    @transaction
    def create_article(self, article: Article | None = None) -> Article:
        with self._write() as session:
            return articles.to_article(articles.create(session, article or Article()))

    @transaction
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

    @transaction
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

    @transaction
    def get_article(self, article_id: int) -> Article:
        with self._read() as session:
            return articles.to_article(articles.get_row(session, article_id))

    @transaction
    def find_article(self, reference: str | int) -> Article:
        """By id or slug."""
        with self._read() as session:
            return articles.to_article(articles.find_row(session, reference))

    @transaction
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
            articles.settle_photo_text(row, figure_text)
            return articles.to_article(articles.save(session, article, touched=touched))

    @transaction
    def list_articles(self, trash: bool = False) -> list[ArticleSummary]:
        with self._read() as session:
            return articles.summaries(session, trash=trash)

    @transaction
    def search(self, query: str) -> list[ArticleSummary]:
        with self._read() as session:
            return articles.summaries(session, ids=search.matching_ids(session, query))

    @transaction
    def search_snippets(self, query: str, marks: tuple[str, str] | None = None) -> list[tuple[ArticleSummary, str]]:
        """Like search, each result with a few words around its best match (the matched
        words between marks, **bold** by default)."""
        with self._read() as session:
            found = search.matches(session, query, marks=tuple(marks or search.SNIPPET_MARK))
            snippets = dict(found)
            listed = articles.summaries(session, ids=[article_id for article_id, _ in found])
            return [(summary, snippets[summary.id]) for summary in listed]

    @transaction
    def article_count(self) -> int:
        with self._read() as session:
            return articles.count(session)

    @transaction
    def unique_slug(self, wanted: str, exclude_id: int | None = None) -> str:
        with self._read() as session:
            return articles.unique_slug(session, wanted, exclude_id)

    def slug_taken(self, slug: str, exclude_id: int | None) -> bool:
        return bool(slug) and self.unique_slug(slug, exclude_id) != slug

    @transaction
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

    @transaction
    def move_to_trash(self, article_id: int) -> None:
        with self._write() as session:
            self._snapshot(session, articles.get_row(session, article_id), "before delete")
            articles.move_to_trash(session, article_id)

    @transaction
    def restore_from_trash(self, article_id: int) -> None:
        with self._write() as session:
            articles.restore_from_trash(session, article_id)

    @transaction
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

    @transaction
    def take_revision(self, article_id: int, reason: str = "manual", label: str = "") -> Revision:
        with self._write() as session:
            row = articles.get_row(session, article_id)
            return articles.to_revision(self._snapshot(session, row, reason, label))

    @transaction
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

    @transaction
    def take_revision_if_changed(self, article_id: int, reason: str) -> Revision | None:
        """A snapshot unless the newest one already holds the same fields and photos' text."""
        with self._write() as session:
            row = articles.get_row(session, article_id)
            figures = images.figure_text(session, article_id)
            last = articles.last_revision(session, article_id)
            if last and articles.holds_the_same(last, row, figures):
                return None
            return articles.to_revision(articles.take_revision(session, row, reason, figures=figures))

    @transaction
    def list_revisions(self, article_id: int) -> list[Revision]:
        with self._read() as session:
            return articles.revisions(session, article_id)

    @transaction
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
            wanted = restoring.restored(articles.to_article(row), revision, handles)
            saved = articles.save(session, wanted, touched=touched)
            if "review" in (revision.fields or {}) and saved.review != wanted.review:
                saved.review = dict(wanted.review)  # the review as it was, exactly (the current one is the snapshot's)
                session.flush()
            return articles.to_article(saved)

    # Images and figures ------------------------------------------------------------------

    @transaction
    def put_image(
        self, sha256: str, data: bytes, format: str, width: int, height: int, metadata: dict
    ) -> ImageAsset:
        with self._write() as session:
            return images.to_asset(images.put_image(session, sha256, data, format, width, height, metadata))

    @transaction
    def image_asset(self, sha256: str) -> ImageAsset:
        with self._read() as session:
            return images.to_asset(images.image_row(session, sha256))

    @transaction
    def image_bytes(self, sha256: str) -> bytes:
        with self._read() as session:
            return images.image_row(session, sha256).data

    @transaction
    def thumbnail(self, sha256: str, size: int) -> bytes | None:
        with self._read() as session:
            return images.thumbnail(session, sha256, size)

    @transaction
    def put_thumbnail(self, sha256: str, size: int, data: bytes) -> None:
        with self._write() as session:
            images.put_thumbnail(session, sha256, size, data)

    @transaction
    def figures(self, article_id: int) -> list[Figure]:
        with self._read() as session:
            return images.figures(session, article_id)

    @transaction
    def add_figure(self, article_id: int, figure: Figure) -> Figure:
        with self._write() as session:
            article = articles.get_row(session, article_id)
            row = images.add_figure(session, article_id, figure)
            search.index_article(session, article)
            image = images.image_row(session, row.image_sha256)
            return images.to_figure(row, image)

    @transaction
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
            articles.settle_photo_text(article, {handle: {n: v for n, v in changes.items() if n in FIGURE_TEXT_FIELDS}})
            if text_changed:
                articles.touch(article)
            return images.to_figure(row, images.image_row(session, row.image_sha256))

    @transaction
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
                articles.settle_photo_text(row, figure_text)
            images.change(session, article.id, change)
            stored = articles.to_article(articles.save(session, article, touched=True))  # indexed again
            return stored, images.figures(session, article.id)

    # The desk's workflow ---------------------------------------------------------------

    @transaction
    def change_status(
        self, article_id: int, state: str, author: str = "", note: str = "",
        expected_version: int | None = None, table: Workflow | None = None, fields: Article | None = None,
    ) -> Article:  # fmt: skip
        """Move an article to state (or record a correction: "corrected") through the workflow's
        table (table: the house style's, else core.workflow.DEFAULT), recorded with who, when and
        note; with fields, the article's fields are saved in the same transaction (one version).
        Refused, and nothing changed, for a move the table or the times do not allow;
        ConflictError when expected_version (or fields.version) is stale. Returns the stored article."""
        with self._write() as session:
            row = articles.get_row(session, article_id)
            if expected_version is not None:
                articles.check_version(row, expected_version)
            current = articles.to_article(row) if fields is None else fields.replace(status=row.status)
            articles.check_version(row, current.version)
            transitions.move(session, row, current, state, author, note, table)
            moved = current.replace(status=row.status, publish_at=transitions.aware(row.publish_at))
            return articles.to_article(articles.save(session, moved, touched=True))

    @transaction
    def history(self, article_id: int) -> list[Transition]:
        """The article's recorded moves, oldest first."""
        with self._read() as session:
            articles.get_row(session, article_id)  # NotFound for an unknown article
            return transitions.history(session, article_id)

    @transaction
    def corrections(self, since: datetime | None = None) -> list[Correction]:
        """Every correction, update and clarification recorded in the store (since a time,
        if given), oldest first, each with its article's id, slug and headline."""
        with self._read() as session:
            return transitions.corrections(session, since)

    # The newsroom's words ---------------------------------------------------------------

    @transaction
    def newsroom_words(self) -> list[str]:
        """The words every desk's spelling checker accepts, in alphabetical order."""
        with self._read() as session:
            return words.listed(session)

    @transaction
    def add_newsroom_word(self, word: str) -> bool:
        """Add a word to the newsroom's list; False when it was there already."""
        word = words.clean(word)
        with self._write() as session:
            return words.add(session, word)

    @transaction
    def remove_newsroom_word(self, word: str) -> bool:
        """Take a word off the newsroom's list; False when it was not on it."""
        word = words.clean(word)
        with self._write() as session:
            return words.remove(session, word)

    def session(self) -> Session:
        """A raw read session, for tests and tools that need a look beneath the facade."""
        return self._reader()
