"""Image originals (stored once by SHA-256), thumbnails and per-article figures."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop_editor.core.model import FIGURE_TEXT_FIELDS, HANDLE_PATTERN, Figure, ImageAsset
from desktop_editor.core.text import unique_name
from desktop_editor.storage.articles import now
from desktop_editor.storage.errors import NotFound, StoreError
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
    """Store an original once; a second copy of the same bytes returns the first."""
    row = session.get(ImageRow, sha256)
    if row is None:
        row = ImageRow(
            sha256=sha256,
            format=format,
            width=width,
            height=height,
            byte_size=len(data),
            image_metadata=metadata,
            data=data,
            created=now(),
        )
        session.add(row)
        session.flush()
    return row


def image_row(session: Session, sha256: str) -> ImageRow:
    row = session.get(ImageRow, sha256)
    if row is None:
        raise NotFound(f"The image {sha256[:12]} is not in the store.")
    return row


def thumbnail(session: Session, sha256: str, size: int) -> bytes | None:
    row = session.get(ThumbnailRow, (sha256, size))
    return row.data if row else None


def put_thumbnail(session: Session, sha256: str, size: int, data: bytes) -> None:
    if session.get(ThumbnailRow, (sha256, size)) is None:
        session.add(ThumbnailRow(sha256=sha256, size=size, data=data))


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
    taken = {row.handle for row in figure_rows(session, article_id)}
    check_handle(figure.handle)
    handle = unique_name(figure.handle, taken)
    position = session.scalar(
        select(func.coalesce(func.max(FigureRow.position), -1)).where(FigureRow.article_id == article_id)
    )
    row = FigureRow(
        article_id=article_id,
        handle=handle,
        image_sha256=figure.image_sha256,
        position=position + 1,
        sources=dict(figure.sources),
        **{name: getattr(figure, name) for name in FIGURE_TEXT_FIELDS},
    )
    session.add(row)
    session.flush()
    return row


def update_figure(session: Session, article_id: int, handle: str, changes: dict) -> FigureRow:
    row = figure_row(session, article_id, handle)
    sources = dict(row.sources or {})
    for name, value in changes.items():
        if name in FIGURE_TEXT_FIELDS:
            if getattr(row, name) != value:
                setattr(row, name, value)
                sources.pop(name, None)  # a person typed it
        elif name == "image_sha256":
            row.image_sha256 = value
        elif name == "sources":
            sources.update(value)
        else:
            raise ValueError(f"unknown figure field {name}")
    row.sources = sources
    return row


def remove_figure(session: Session, article_id: int, handle: str) -> None:
    session.delete(figure_row(session, article_id, handle))


def reorder(session: Session, article_id: int, handles: Iterable[str]) -> None:
    rows = {row.handle: row for row in figure_rows(session, article_id)}
    for position, handle in enumerate(handles):
        if handle in rows:
            rows[handle].position = position


def delete_unused_images(session: Session) -> int:
    used = select(FigureRow.image_sha256)
    result = session.execute(delete(ImageRow).where(ImageRow.sha256.not_in(used)))
    return result.rowcount or 0
