"""Headless use cases shared by the CLI and the window: import a bundle, attach photos.

No Qt here: the window runs these on worker threads, the CLI runs them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_editor.core.model import FIGURE_TEXT_FIELDS, Article, Figure
from desktop_editor.core.text import handle_from_filename, unique_name

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
    """Import a Markdown bundle whole, or refuse it whole with a BundleError sentence."""
    from desktop_editor.core.bundle import BundleError, read_bundle
    from desktop_editor.core.images import ImageRejected, ingest_file

    bundle = read_bundle(path)
    photos = []
    for entry in bundle.images:
        try:
            image = ingest_file(entry.path)
        except ImageRejected as error:
            raise BundleError(f"{path.name}: images entry “{entry.handle}”: {error}") from None
        photos.append((image, figure_for(image, entry.handle, entry.fields)))
    return store.create_article_with_photos(bundle.article, photos)


def attach_files(
    store: Store,
    article_id: int,
    files: Sequence[Path],
    given: dict | None = None,
    handle: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[list[Figure], list[str]]:
    """Attach photos one by one: each succeeds or fails on its own.

    Returns the figures added and one sentence per refused file.
    """
    from desktop_editor.core.images import ImageRejected, ingest_file

    taken = {figure.handle for figure in store.figures(article_id)}
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


def export(store: Store, article: Article, destination: Path, format, *, force: bool = False, **options) -> Path:
    from desktop_editor.core.export import export_article

    figures = store.figures(article.id)
    return export_article(article, figures, store.image_bytes, destination, format, force=force, **options)


def cached_rendition(store: Store, sha256: str, size: int, make: Callable[[bytes], bytes]) -> bytes:
    """A smaller copy of a stored photo, made from the original once and then kept in the
    store. Sizes are keys: thumbnails use their longest side, preview images their width."""
    cached = store.thumbnail(sha256, size)
    if cached is None:
        cached = make(store.image_bytes(sha256))
        store.put_thumbnail(sha256, size, cached)
    return cached


def thumbnail(store: Store, sha256: str, size: int) -> bytes:
    from desktop_editor.core.images import thumbnail_bytes

    return cached_rendition(store, sha256, size, lambda data: thumbnail_bytes(data, size))


def preview_image(store: Store, sha256: str, width: int) -> tuple[bytes, str]:
    """The image sized for the preview: JPEG, or PNG where it has transparency."""
    from desktop_editor.core.images import display_bytes

    data = cached_rendition(store, sha256, width, lambda original: display_bytes(original, width)[0])
    return data, "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
