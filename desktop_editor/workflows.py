"""Headless use cases shared by the CLI and the window: import a bundle or a Word
document, attach photos, check, and the one rule for publishing: check, refuse on
errors (and on warnings when strict), then export.

No Qt here: the window runs these on worker threads, the CLI runs them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_editor.core.model import FIGURE_TEXT_FIELDS, Article, Figure
from desktop_editor.core.text import handle_from_filename, unique_name
from desktop_editor.core.typography import typeset_article

if TYPE_CHECKING:  # the window imports this module before the store has loaded
    from desktop_editor.storage.store import Store


def figure_for(image, handle: str, given: dict | None = None) -> Figure:
    """A figure whose fields are what a person gave, else the photo's own metadata.

    `sources` records where each pre-filled value came from, so the panel can say so.
    """
    given = {k: v for k, v in (given or {}).items() if v}
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name in FIGURE_TEXT_FIELDS:
        if name in given:
            values[name] = given[name]
        elif name in image.metadata:
            values[name] = image.metadata[name]["value"]
            sources[name] = image.metadata[name]["source"]
    return Figure(handle=handle, image_sha256=image.sha256, sources=sources, **values)


def import_bundle(store: Store, path: Path) -> Article:
    """Import a Markdown bundle (or a Word document) whole, or refuse it whole with a
    BundleError sentence."""
    return import_file(store, path)[0]


def import_file(store: Store, path: Path) -> tuple[Article, list[str]]:
    """Import a Markdown bundle or a Word .docx whole; the article and one sentence for
    each thing read past (a front-matter field this does not read, a Word style...)."""
    from desktop_editor.core.bundle import BundleError, read_bundle
    from desktop_editor.core.images import ImageRejected, ingest_bytes, ingest_file

    if path.suffix.lower() == ".docx":
        from desktop_editor.core.word import read_word

        document = read_word(path)
        photos = []
        for picture in document.pictures:
            try:
                image = ingest_bytes(picture.data, f"{path.name} ({picture.handle})")
            except ImageRejected as error:
                raise BundleError(f"{path.name}: the picture “{picture.handle}”: {error}") from None
            photos.append((image, figure_for(image, picture.handle, {"alt": picture.alt})))
        article = typeset_article(document.article)
        if photos:
            article = article.replace(lead_image=None)
        return store.create_article_with_photos(article, photos), document.warnings
    if path.suffix.lower() == ".doc":
        raise BundleError(f"{path.name} is an old Word document (.doc); save it as .docx in Word and import that.")
    bundle = read_bundle(path)
    photos = []
    for entry in bundle.images:
        try:
            image = ingest_file(entry.path)
        except ImageRejected as error:
            raise BundleError(f"{path.name}: images entry “{entry.handle}”: {error}") from None
        photos.append((image, figure_for(image, entry.handle, entry.fields)))
    return store.create_article_with_photos(typeset_article(bundle.article), photos), list(bundle.warnings)


def attach_files(
    store: Store,
    article_id: int,
    files: Sequence[Path],
    given: dict | None = None,
    handle: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    replace: bool = False,
    expected_version: int | None = None,
) -> tuple[list[Figure], list[str]]:
    """Attach photos one by one: each succeeds or fails on its own.

    A handle that was asked for (one file) is never renamed: when the article already has
    a photo with it, the file is refused, or with replace=True the new picture takes that
    photo's place, keeping its text where nothing new was given (checked against
    expected_version, like any save). Returns the figures added and one sentence per
    refused file.
    """
    from desktop_editor.core.images import ImageRejected, ingest_file
    from desktop_editor.core.model import HANDLE_PATTERN

    existing = {figure.handle: figure for figure in store.figures(article_id)}
    taken = set(existing)
    if handle and len(files) == 1:
        if not HANDLE_PATTERN.match(handle):
            return [], [f"“{handle}” is not a handle: use lowercase letters, digits and hyphens."]
        if handle in existing and not replace:
            return [], [
                f"This article already has a photo “{handle}”; choose another handle, or replace "
                "its picture (--replace)."
            ]
        if handle in existing:
            try:
                image = ingest_file(files[0])
            except ImageRejected as error:
                return [], [str(error)]
            store.put_image(image.sha256, image.data, image.format, image.width, image.height, image.metadata)
            text = {k: v for k, v in (given or {}).items() if v}
            figure = store.update_figure(
                article_id, handle, expected_version=expected_version, image_sha256=image.sha256, **text
            )
            if progress is not None:
                progress(1, 1)
            return [figure], []
    added: list[Figure] = []
    refused: list[str] = []
    for number, path in enumerate(files, start=1):
        if cancelled is not None and cancelled():
            break
        try:
            image = ingest_file(path)
        except ImageRejected as error:
            refused.append(str(error))
        else:
            wanted = handle if handle and len(files) == 1 else handle_from_filename(path.name)
            figure = figure_for(image, unique_name(wanted, taken), given)
            figure = store.add_photos(article_id, [(image, figure)])[0]
            taken.add(figure.handle)
            added.append(figure)
        if progress is not None:
            progress(number, len(files))
    return added, refused


def unreadable_images(store: Store, figures: Iterable[Figure]) -> list[str]:
    """Handles whose original cannot be read back from the store intact."""
    import hashlib

    from desktop_editor.storage.errors import StoreError

    bad = []
    for figure in figures:
        try:
            data = store.image_bytes(figure.image_sha256)
        except StoreError:
            bad.append(figure.handle)
            continue
        if hashlib.sha256(data).hexdigest() != figure.image_sha256:
            bad.append(figure.handle)
    return bad


def preflight_article(store: Store, article: Article, settings=None) -> list:
    """What a subeditor would reject, for an article as stored."""
    from desktop_editor.core.preflight import PreflightSettings, preflight

    figures = store.figures(article.id)
    bad = unreadable_images(store, figures)
    return preflight(
        article,
        figures,
        unreadable_images=bad,
        slug_taken=store.slug_taken(article.slug, article.id),
        settings=settings or PreflightSettings(),
        photo_warnings={
            f.handle: store.image_asset(f.image_sha256).metadata.get("warnings", [])
            for f in figures
            if f.handle not in bad
        },
    )


class ExportRefused(Exception):
    """The check found what blocks the export; findings holds it, str() one sentence."""

    def __init__(self, findings: list, strict: bool = False) -> None:
        self.findings = findings
        what = "the errors and warnings" if strict else "the errors"
        super().__init__(f"Export refused: fix {what} above first, then export again.")


def blocking(findings: Iterable, strict: bool = False) -> list:
    """What stops an export: every error; with strict, every warning too."""
    from desktop_editor.core.preflight import Severity

    return [f for f in findings if strict or f.severity is Severity.ERROR]


# What formats carry with the story rather than publish (a bundle its embargo; a wire's ninjs
# item its embargo, as `withheld`, and a kill, as `canceled`): those findings do not hold them back.
CARRIED = {"markdown": ("embargo", "review"), "ninjs": ("embargo", "status")}


def publish(
    store: Store,
    article: Article,
    destination: Path,
    format,
    *,
    settings=None,
    preflight_settings=None,
    strict: bool = False,
    force: bool = False,
    findings: list | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Path, list]:
    """Check, refuse on errors (on anything, when strict), then export.

    The one rule for the command line and the window. findings, when given, is a check
    already made of this very article (the window shows it first). Raises ExportRefused
    with what blocks; returns the path written and the findings (the warnings to show).
    """
    if findings is None:
        findings = preflight_article(store, article, preflight_settings)
    carried = CARRIED.get(str(getattr(format, "value", format)), ())
    findings = [finding for finding in findings if finding.field not in carried]
    stopping = blocking(findings, strict)
    if stopping:
        raise ExportRefused(stopping, strict)
    written = export(store, article, destination, format, force=force, settings=settings,
                     progress=progress, cancelled=cancelled)  # fmt: skip
    return written, findings


def export(store: Store, article: Article, destination: Path, format, *, force: bool = False, **options) -> Path:
    from desktop_editor.core.export import export_article

    figures = store.figures(article.id)
    options = {name: value for name, value in options.items() if value is not None}
    return export_article(
        article, figures, store.image_bytes, destination, format, force=force, corrections=corrections_of(store, article),
        **options,
    )  # fmt: skip


def corrections_of(store: Store, article: Article) -> tuple:
    """The article's corrections, updates and clarifications, oldest first, for its page."""
    from desktop_editor.core.corrections import from_history

    return from_history(store.history(article.id)) if article.correction_count else ()


def _decode(worker, job: str, original: bytes, size: int) -> bytes:
    from desktop_editor.core import picture_worker

    return (worker.run if worker is not None else picture_worker.decode_here)(job, original, size)


def cached_rendition(store: Store, sha256: str, size: int, make: Callable[[bytes], bytes]) -> bytes:
    """A smaller copy of a stored photo, made from the original once and then kept in the
    store. Sizes are keys: thumbnails use their longest side, preview images their width."""
    cached = store.thumbnail(sha256, size)
    if cached is None:
        cached = make(store.image_bytes(sha256))
        store.put_thumbnail(sha256, size, cached)
    return cached


def thumbnail(store: Store, sha256: str, size: int, worker=None) -> bytes:
    """worker: a core.picture_worker.PictureWorker to decode the original in (the window's);
    without one it is decoded here (Pillow loads only when no copy is kept)."""
    return cached_rendition(store, sha256, size, lambda original: _decode(worker, "thumbnail", original, size))


def preview_image(store: Store, sha256: str, width: int, worker=None) -> tuple[bytes, str]:
    """The image sized for the preview: JPEG, or PNG where it has transparency. worker: as
    for thumbnail()."""
    data = cached_rendition(store, sha256, width, lambda original: _decode(worker, "display", original, width))
    return data, "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"


class DueReport:
    """What publish_due() did: published (the articles as stored), held ((summary, why) for
    each due story the workflow would not publish yet, an embargo for one) and open_due (the
    ids left to the caller: the article open in the window, moved by its own save)."""

    def __init__(self) -> None:
        self.published: list[Article] = []
        self.held: list[tuple] = []
        self.open_due: list[int] = []


def publish_due(store: Store, author: str, table=None, leave: Iterable[int] = (), now=None) -> DueReport:
    """Move every scheduled story whose time has come to published, each move recorded like
    any other (by author, with a note that its time came). A story moved or edited meanwhile
    is left for the next run; ids in leave are reported, not moved."""
    from desktop_editor.core import workflow
    from desktop_editor.storage.errors import ConflictError, NotFound, Refused

    report = DueReport()
    leave = set(leave)
    for summary in store.list_articles():
        if not workflow.due(summary.status, summary.publish_at, now):
            continue
        if summary.id in leave:
            report.open_due.append(summary.id)
            continue
        try:
            report.published.append(store.change_status(summary.id, "published", author, workflow.DUE_NOTE, None, table))
        except Refused as refusal:
            report.held.append((summary, str(refusal)))
        except (ConflictError, NotFound):
            continue  # changed or gone meanwhile: the next run looks again
    return report
