"""JPEG segments: EXIF in APP1 (continued across several APP1 segments when it is larger
than one), XMP in APP1 with its extended part (long captions over 64 KB), and the
Photoshop resources holding IPTC-IIM in APP13."""

from __future__ import annotations

import struct

_EXIF = b"Exif\x00"
_XMP = b"http://ns.adobe.com/xap/1.0/\x00"
_XMP_EXTENSION = b"http://ns.adobe.com/xmp/extension/\x00"
_PHOTOSHOP = b"Photoshop 3.0\x00"
_MAX_SEGMENTS = 4096
_MAX_EXTENDED = 16 * 1024 * 1024


def walk(data: bytes, blocks) -> None:
    pos = 2
    irb_parts: list[bytes] = []
    exif_parts: list[bytes] = []
    extended: dict[str, tuple[int, dict[int, bytes]]] = {}
    n = len(data)
    for _ in range(_MAX_SEGMENTS):
        if pos + 4 > n or data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no more metadata
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if length < 2:
            break
        body = data[pos + 4 : pos + 2 + length]
        if marker == 0xE1:
            if body.startswith(_EXIF):
                # A block too large for one segment goes on in the next ones (ExifTool
                # reads them as one); each starts with the same header.
                exif_parts.append(body[6:])
            elif body.startswith(_XMP) and blocks.xmp is None:
                blocks.xmp = body[len(_XMP) :]
            elif body.startswith(_XMP_EXTENSION) and len(body) >= len(_XMP_EXTENSION) + 40:
                _extended_part(body[len(_XMP_EXTENSION) :], extended)
        elif marker == 0xED and body.startswith(_PHOTOSHOP):
            irb_parts.append(body[len(_PHOTOSHOP) :])
        pos += 2 + length
    if exif_parts:
        blocks.exif = b"".join(exif_parts)
    if irb_parts:
        blocks.irb = b"".join(irb_parts)
    for guid, (full_length, parts) in extended.items():
        joined = bytearray(full_length)
        for offset, part in parts.items():
            joined[offset : offset + len(part)] = part
        blocks.xmp_extended[guid] = bytes(joined)


def _extended_part(body: bytes, extended: dict) -> None:
    """One segment of extended XMP: GUID (32 hex digits, the MD5 of the whole extended
    packet), the packet's full length, this part's offset in it, and the part."""
    guid = body[:32].decode("ascii", "replace")
    full_length, offset = struct.unpack(">II", body[32:40])
    part = body[40:]
    if full_length > _MAX_EXTENDED or offset + len(part) > full_length:
        return
    known = extended.setdefault(guid, (full_length, {}))
    if known[0] == full_length:
        known[1].setdefault(offset, part)
