"""HEIF and AVIF boxes (ISO base media file format): EXIF and XMP are items of the file,
named in the item information box (iinf) and located by the item location box (iloc),
either in the file or in the item data box (idat)."""

from __future__ import annotations

import struct

_MAX_BOXES = 1024
_MAX_ITEMS = 4096
_MAX_ITEM_BYTES = 16 * 1024 * 1024
_XMP_TYPES = ("application/rdf+xml", "application/xmp+xml", "text/xml")


def boxes(data: bytes, start: int = 0, end: int | None = None):
    """(type, payload start, payload end) of each box between start and end."""
    end = len(data) if end is None else min(end, len(data))
    pos = start
    for _ in range(_MAX_BOXES):
        if pos + 8 > end:
            return
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1:
            if pos + 16 > end:
                return
            (size,) = struct.unpack(">Q", data[pos + 8 : pos + 16])
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            return
        yield kind, pos + header, pos + size
        pos += size


def _child(data: bytes, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    for found, body_start, body_end in boxes(data, start, end):
        if found == kind:
            return body_start, body_end
    return None


def _int(data: bytes, pos: int, size: int) -> tuple[int, int]:
    if pos + size > len(data):
        raise ValueError("box ends early")
    return int.from_bytes(data[pos : pos + size], "big"), pos + size


def _item_types(data: bytes, start: int, end: int) -> dict[int, tuple[bytes, str]]:
    """item id -> (item type, content type) from the iinf box's body."""
    version = data[start]
    pos = start + 4
    _count, pos = _int(data, pos, 2 if version == 0 else 4)
    out: dict[int, tuple[bytes, str]] = {}
    for kind, body_start, body_end in boxes(data, pos, end):
        if kind != b"infe" or len(out) >= _MAX_ITEMS or body_end - body_start < 8:
            continue
        infe_version = data[body_start]
        if infe_version < 2:
            continue
        at = body_start + 4
        item_id, at = _int(data, at, 2 if infe_version == 2 else 4)
        at += 2  # protection index
        item_type = data[at : at + 4]
        at += 4
        name_end = data.find(b"\x00", at, body_end)
        content_type = ""
        if item_type == b"mime" and name_end >= 0:
            type_end = data.find(b"\x00", name_end + 1, body_end)
            if type_end < 0:
                type_end = body_end
            content_type = data[name_end + 1 : type_end].decode("latin-1").strip().lower()
        out[item_id] = (item_type, content_type)
    return out


def _locations(data: bytes, start: int, end: int) -> dict[int, tuple[int, list[tuple[int, int]]]]:
    """item id -> (construction method, [(offset, length), ...]) from the iloc box's body."""
    version = data[start]
    pos = start + 4
    sizes, pos = _int(data, pos, 1)
    offset_size, length_size = sizes >> 4, sizes & 15
    sizes, pos = _int(data, pos, 1)
    base_size, index_size = sizes >> 4, (sizes & 15) if version in (1, 2) else 0
    count, pos = _int(data, pos, 4 if version == 2 else 2)
    out: dict[int, tuple[int, list[tuple[int, int]]]] = {}
    for _ in range(min(count, _MAX_ITEMS)):
        item_id, pos = _int(data, pos, 4 if version == 2 else 2)
        method = 0
        if version in (1, 2):
            method, pos = _int(data, pos, 2)
            method &= 15
        pos += 2  # data reference index
        base, pos = _int(data, pos, base_size)
        extent_count, pos = _int(data, pos, 2)
        extents = []
        for _ in range(min(extent_count, 256)):
            pos += index_size
            offset, pos = _int(data, pos, offset_size)
            length, pos = _int(data, pos, length_size)
            extents.append((base + offset, length))
        out[item_id] = (method, extents)
        if pos > end:
            break
    return out


def _item_bytes(data: bytes, location, idat: tuple[int, int] | None) -> bytes:
    method, extents = location
    if method == 0:
        origin, limit = 0, len(data)
    elif method == 1 and idat is not None:
        origin, limit = idat
    else:
        return b""
    parts = []
    total = 0
    for offset, length in extents:
        at = origin + offset
        if length == 0:
            length = limit - at
        total += length
        if at < origin or at + length > limit or total > _MAX_ITEM_BYTES:
            return b""
        parts.append(data[at : at + length])
    return b"".join(parts)


def _tiff_of_exif_item(payload: bytes) -> bytes | None:
    """The TIFF structure of an EXIF item: after a 4-byte offset to the TIFF header."""
    if len(payload) < 12:
        return None
    (skip,) = struct.unpack(">I", payload[:4])
    at = 4 + skip
    if payload[at : at + 4] in (b"II*\x00", b"MM\x00*"):
        return payload[at:]
    for magic in (b"II*\x00", b"MM\x00*"):  # writers that got the offset wrong
        found = payload.find(magic, 4, 64)
        if found >= 0:
            return payload[found:]
    return None


def walk(data: bytes, blocks) -> None:
    meta = _child(data, 0, None, b"meta")
    if meta is None:
        return
    start, end = meta[0] + 4, meta[1]  # meta is a full box: version and flags first
    iinf = _child(data, start, end, b"iinf")
    iloc = _child(data, start, end, b"iloc")
    if iinf is None or iloc is None:
        return
    idat = _child(data, start, end, b"idat")
    try:
        types = _item_types(data, *iinf)
        locations = _locations(data, *iloc)
    except (ValueError, IndexError):
        return
    for item_id, (item_type, content_type) in sorted(types.items()):
        if item_id not in locations:
            continue
        if item_type == b"Exif" and blocks.exif is None:
            blocks.exif = _tiff_of_exif_item(_item_bytes(data, locations[item_id], idat))
        elif item_type == b"mime" and content_type in _XMP_TYPES and blocks.xmp is None:
            blocks.xmp = _item_bytes(data, locations[item_id], idat) or None
