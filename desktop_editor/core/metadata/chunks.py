"""PNG and WebP chunks: EXIF (eXIf / EXIF), XMP (iTXt XML:com.adobe.xmp / XMP), and the
hex-encoded "Raw profile type" text chunks ImageMagick writes for EXIF, IPTC and XMP."""

from __future__ import annotations

import struct
import zlib

from desktop_editor.core.metadata.xmp import MAX_XMP_BYTES

_MAX_CHUNKS = 4096
_XMP_KEYWORD = b"XML:com.adobe.xmp\x00"


def _without_exif_header(body: bytes) -> bytes:
    return body[6:] if body.startswith(b"Exif\x00") else body


def walk_png(data: bytes, blocks) -> None:
    pos = 8
    n = len(data)
    for _ in range(_MAX_CHUNKS):
        if pos + 8 > n:
            break
        length, ctype = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if ctype == b"eXIf" and blocks.exif is None:
            blocks.exif = _without_exif_header(body)
        elif ctype == b"iTXt" and body.startswith(_XMP_KEYWORD):
            rest = body[len(_XMP_KEYWORD) :]
            if len(rest) >= 2:
                compressed = rest[0] == 1
                rest = rest[2:]
                # language tag and translated keyword, each NUL-terminated
                for _skip in range(2):
                    cut = rest.find(b"\x00")
                    rest = rest[cut + 1 :] if cut >= 0 else b""
                if compressed:
                    try:
                        rest = zlib.decompressobj().decompress(rest, MAX_XMP_BYTES)
                    except zlib.error:
                        rest = b""
                blocks.xmp = blocks.xmp or rest
        elif ctype in (b"tEXt", b"zTXt") and body.startswith(b"Raw profile type "):
            # ImageMagick stores profiles as hex text: "\n<name>\n<length>\n<hex...>"
            _raw_profile(body, ctype == b"zTXt", blocks)
        elif ctype == b"IEND":
            break
        pos += 12 + length


def _raw_profile(body: bytes, compressed: bool, blocks) -> None:
    cut = body.find(b"\x00")
    if cut < 0:
        return
    kind = body[len(b"Raw profile type ") : cut].decode("latin-1").lower()
    payload = body[cut + 1 :]
    if compressed:
        try:
            payload = zlib.decompressobj().decompress(payload[1:], MAX_XMP_BYTES)
        except zlib.error:
            return
    parts = payload.split(b"\n", 3)
    if len(parts) < 4:
        return
    try:
        raw = bytes.fromhex(parts[3].decode("ascii", "ignore").replace("\n", "").strip())
    except ValueError:
        return
    if kind in ("exif", "app1") and blocks.exif is None:
        blocks.exif = _without_exif_header(raw)
    elif kind in ("iptc", "8bim") and blocks.irb is None:
        if raw.startswith(b"8BIM"):
            blocks.irb = raw
        else:
            blocks.iptc = raw
    elif kind == "xmp" and blocks.xmp is None:
        blocks.xmp = raw


def walk_webp(data: bytes, blocks) -> None:
    pos = 12
    n = len(data)
    for _ in range(_MAX_CHUNKS):
        if pos + 8 > n:
            break
        ctype, length = struct.unpack("<4sI", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if ctype == b"EXIF" and blocks.exif is None:
            blocks.exif = _without_exif_header(body)
        elif ctype == b"XMP " and blocks.xmp is None:
            blocks.xmp = body
        pos += 8 + length + (length & 1)
