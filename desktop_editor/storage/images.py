"""Image originals (stored once by SHA-256), thumbnails and per-article figures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop_editor.core.model import FIGURE_TEXT_FIELDS, HANDLE_PATTERN, Figure, ImageAsset, PhotoChange
from desktop_editor.core.text import unique_name
from desktop_editor.storage.articles import insert_unless_taken, now
from desktop_editor.storage.errors import ConflictError, NotFound, Refused, StoreError
from desktop_editor.storage.tables import FigureRow, ImageRow, ThumbnailRow


def to_asset(row: ImageRow) -> ImageAsset:
    return ImageAsset(
        sha256=row.sha256,
        format=row.format,
        width=row.width,
        height=row.height,
        byte_size=row.byte_size,
        metadata=dict(row.image_metadata or {}),
    )


def to_figure(row: FigureRow, image: ImageRow | None = None) -> Figure:
    return Figure(
        handle=row.handle,
        image_sha256=row.image_sha256,
        caption=row.caption,
        credit=row.credit,
        alt=row.alt,
        extended_description=row.extended_description,
        creator=row.creator,
        copyright=row.copyright,
        instructions=row.instructions,
        position=row.position,
        sources=dict(row.sources or {}),
        width=image.width if image else 0,
        height=image.height if image else 0,
        format=image.format if image else "",
    )


def put_image(
    session: Session, sha256: str, data: bytes, format: str, width: int, height: int, metadata: dict
) -> ImageRow:
    """Store an original once; a second copy of the same bytes returns the first, also when
    another desk stores the same photo at the same moment."""
    row = session.get(ImageRow, sha256)
    if row is not None:
        return row
    values = dict(
        sha256=sha256, format=format, width=width, height=height, byte_size=len(data),
        image_metadata=metadata, data=data, created=now(),
    )  # fmt: skip
    statement = insert_unless_taken(session, ImageRow, values, ["sha256"])
    if statement is None:
        session.add(ImageRow(**values))
        session.flush()
    else:
        session.execute(statement)
    return session.get(ImageRow, sha256)


def image_row(session: Session, sha256: str) -> ImageRow:
    row = session.get(ImageRow, sha256)
    if row is None:
        raise NotFound(f"The image {sha256[:12]} is not in the store.")
    return row


def thumbnail(session: Session, sha256: str, size: int) -> bytes | None:
    row = session.get(ThumbnailRow, (sha256, size))
    return row.data if row else None


def put_thumbnail(session: Session, sha256: str, size: int, data: bytes) -> None:
    """Cache a thumbnail; the first one stored wins (they are the same picture)."""
    values = dict(sha256=sha256, size=size, data=data)
    statement = insert_unless_taken(session, ThumbnailRow, values, ["sha256", "size"])
    if statement is not None:
        session.execute(statement)
    elif session.get(ThumbnailRow, (sha256, size)) is None:
        session.add(ThumbnailRow(**values))


def figure_rows(session: Session, article_id: int) -> list[FigureRow]:
    statement = (
        select(FigureRow).where(FigureRow.article_id == article_id).order_by(FigureRow.position, FigureRow.id)
    )
    return list(session.scalars(statement))


def figures(session: Session, article_id: int) -> list[Figure]:
    statement = (
        select(FigureRow, ImageRow)
        .join(ImageRow, ImageRow.sha256 == FigureRow.image_sha256)
        .where(FigureRow.article_id == article_id)
        .order_by(FigureRow.position, FigureRow.id)
    )
    return [to_figure(figure, image) for figure, image in session.execute(statement)]


def figure_row(session: Session, article_id: int, handle: str) -> FigureRow:
    row = session.scalar(
        select(FigureRow).where(FigureRow.article_id == article_id, FigureRow.handle == handle)
    )
    if row is None:
        raise NotFound(f"This article has no photo with the handle “{handle}”.")
    return row


def check_handle(handle: str) -> None:
    if not HANDLE_PATTERN.match(handle):
        raise StoreError(
            f"“{handle}” is not a valid handle: use lowercase letters, digits and hyphens."
        )


def add_figure(session: Session, article_id: int, figure: Figure) -> FigureRow:
    """Attach a photo under its handle, or the next free one (photo-2, ...) when the article
    has that handle already, also when another desk takes it at the same moment."""
    check_handle(figure.handle)
    taken = {row.handle for row in figure_rows(session, article_id)}
    position = session.scalar(
        select(func.coalesce(func.max(FigureRow.position), -1)).where(FigureRow.article_id == article_id)
    )
    values = dict(
        article_id=article_id,
        image_sha256=figure.image_sha256,
        position=position + 1,
        sources=dict(figure.sources),
        **{name: getattr(figure, name) for name in FIGURE_TEXT_FIELDS},
    )
    while True:
        values["handle"] = unique_name(figure.handle, taken)
        statement = insert_unless_taken(session, FigureRow, values, ["article_id", "handle"])
        if statement is None:
            row = FigureRow(**values)
            session.add(row)
            session.flush()
            return row
        row = session.scalars(statement.returning(FigureRow)).first()
        if row is not None:
            return row
        taken.add(values["handle"])  # another desk took it meanwhile


def write_text(row: FigureRow, text: Mapping[str, str]) -> bool:
    """Write a photo's text fields; True when any of them changed.

    A value that differs from the stored one was typed by a person, so the note of where
    the old value came from (the photo's metadata) is dropped.
    """
    sources = dict(row.sources or {})
    changed = False
    for name, value in text.items():
        if name not in FIGURE_TEXT_FIELDS:
            raise ValueError(f"unknown figure text field {name}")
        if not isinstance(value, str):
            raise ValueError(f"the figure's {name} must be text, not {type(value).__name__}")
        if getattr(row, name) != value:
            setattr(row, name, value)
            sources.pop(name, None)  # a person typed it
            changed = True
    if changed:
        row.sources = sources
    return changed


def update_figure(session: Session, article_id: int, handle: str, changes: dict) -> tuple[FigureRow, bool]:
    """Apply changes to one photo; returns the row and whether any of its text changed."""
    unknown = set(changes) - {*FIGURE_TEXT_FIELDS, "image_sha256", "sources"}
    if unknown:
        raise ValueError(f"unknown figure field {', '.join(sorted(unknown))}")
    row = figure_row(session, article_id, handle)
    changed = write_text(row, {name: value for name, value in changes.items() if name in FIGURE_TEXT_FIELDS})
    if "image_sha256" in changes:
        row.image_sha256 = changes["image_sha256"]
    if "sources" in changes:  # given with the text: where that text came from
        row.sources = {**(row.sources or {}), **changes["sources"]}
    return row, changed


def write_figure_text(
    session: Session, article_id: int, expected_version: int, figure_text: Mapping[str, Mapping[str, str]]
) -> bool:
    """Write the text of several of an article's photos; True when any of it changed.

    Text for a handle the article no longer has (the photo was renamed or removed
    elsewhere) is a conflict, never dropped in silence: the caller's transaction rolls back.
    """
    rows = {row.handle: row for row in figure_rows(session, article_id)}
    missing = set(figure_text) - set(rows)
    if missing:
        raise ConflictError(article_id, expected_version, expected_version)
    changed = False
    for handle, text in figure_text.items():
        changed = write_text(rows[handle], text) or changed
    return changed


def figure_text(
    session: Session, article_id: int, overlay: Mapping[str, Mapping[str, str]] | None = None
) -> dict[str, dict[str, str]]:
    """{handle: {caption, credit, ...}} for every photo of the article, as stored, with the
    text in overlay (not yet saved) over it. Overlay text for a photo the article no
    longer has is kept too: it is somebody's typing."""
    text = {
        row.handle: {name: getattr(row, name) for name in FIGURE_TEXT_FIELDS}
        for row in figure_rows(session, article_id)
    }
    for handle, values in (overlay or {}).items():
        typed = {name: value for name, value in values.items() if name in FIGURE_TEXT_FIELDS}
        text[handle] = {**text.get(handle, dict.fromkeys(FIGURE_TEXT_FIELDS, "")), **typed}
    return text


def remove_figure(session: Session, article_id: int, handle: str) -> None:
    session.delete(figure_row(session, article_id, handle))


def reorder(session: Session, article_id: int, handles: Iterable[str]) -> None:
    rows = {row.handle: row for row in figure_rows(session, article_id)}
    for position, handle in enumerate(handles):
        if handle in rows:
            rows[handle].position = position


def change(session: Session, article_id: int, change: PhotoChange) -> None:
    """Make one change to an article's photos (core.model.PhotoChange)."""
    if change.kind == "rename":
        try:
            check_handle(change.new_handle)
        except StoreError as error:
            raise Refused(str(error)) from None
        rows = {row.handle: row for row in figure_rows(session, article_id)}
        if change.new_handle in rows and change.new_handle != change.handle:
            raise Refused(f"This article already has a photo with the handle “{change.new_handle}”.")
        figure_row(session, article_id, change.handle).handle = change.new_handle
    elif change.kind == "reorder":
        reorder(session, article_id, change.handles)
    elif change.kind == "remove":
        remove_figure(session, article_id, change.handle)
    elif change.kind == "replace":
        image_row(session, change.image_sha256)  # stored before: NotFound otherwise
        figure_row(session, article_id, change.handle).image_sha256 = change.image_sha256
    else:
        raise ValueError(f"unknown photo change {change.kind!r}")
    session.flush()


def delete_unused_images(session: Session) -> int:
    used = select(FigureRow.image_sha256)
    result = session.execute(delete(ImageRow).where(ImageRow.sha256.not_in(used)))
    return result.rowcount or 0
