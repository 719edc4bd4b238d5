"""Hostile files made on the spot, cheaply: zip members and PNG pictures that inflate to
gigabytes from a few megabytes, written without ever holding the inflated bytes.

A deflate stream of one block repeated is made by compressing the block once after a full
flush (which forgets everything before it): the compressed block is then the same bytes
every time, so it is repeated rather than recompressed.
"""

from __future__ import annotations

import struct
import zlib

_BLOCK = 1 << 20


def _repeated_deflate(
    block: bytes, count: int, *, wrapper: int, rest: bytes = b"", prefix: bytes = b""
) -> tuple[bytes, int]:
    """(compressed stream of prefix + block * count + rest, crc32 or adler32 of the whole).

    wrapper: -15 for raw deflate (zip, with crc32), 15 for zlib (PNG, with adler32)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, wrapper)
    if not count:
        data = compressor.compress(prefix + rest) + compressor.flush()
        return data, zlib.crc32(prefix + rest) if wrapper < 0 else zlib.adler32(prefix + rest)
    head = compressor.compress(prefix + block) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert middle == again, "the compressor did not settle"
    tail = compressor.compress(rest) + compressor.flush()
    parts = [head] + [middle] * (count - 1)
    check = 0 if wrapper < 0 else 1
    for piece in [prefix] + [block] * count + [rest]:
        check = zlib.crc32(piece, check) if wrapper < 0 else zlib.adler32(piece, check)
    if wrapper > 0:  # a zlib stream ends with the adler32 of everything, not of one block
        tail = tail[:-4] + struct.pack(">I", check)
    return b"".join(parts) + tail, check


def zip_archive(members: dict[str, bytes | tuple]) -> bytes:
    """A zip whose members are bytes, or (block, count[, prefix, rest]): prefix, block
    repeated count times and rest, deflated. Declared sizes are the true ones."""
    local, central = bytearray(), bytearray()
    for name, content in members.items():
        raw_name = name.encode()
        if isinstance(content, tuple):
            block, count, prefix, rest = (*content, b"", b"")[:4]
            data, crc = _repeated_deflate(block, count, wrapper=-15, prefix=prefix, rest=rest)
            size = len(prefix) + len(block) * count + len(rest)
        else:
            data = zlib.compressobj(6, zlib.DEFLATED, -15)
            data = data.compress(content) + data.flush()
            crc, size = zlib.crc32(content), len(content)
        zip64 = size >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, size, len(data)) if zip64 else b""
        shown = (0xFFFFFFFF, 0xFFFFFFFF) if zip64 else (len(data), size)
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0, crc, *shown, len(raw_name), len(extra))
        local += raw_name + extra + data
        central_extra = (
            struct.pack("<HHQQQ", 1, 24, size, len(data), offset) if zip64 else b""
        )
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0, crc, *shown, len(raw_name),
            len(central_extra), 0, 0, 0, 0, 0xFFFFFFFF if zip64 else offset,
        )  # fmt: skip
        central += raw_name + central_extra
    count = len(members)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(local), 0)
    return bytes(local + central + end)


def png(width: int, height: int, mode: str) -> bytes:
    """A PNG of width x height pixels, all one colour, in mode RGB, RGBA, L, LA, I;16
    (16-bit grey) or RGB;16; a few MB however many pixels it has."""
    colour, bands, depth = {
        "L": (0, 1, 8), "LA": (4, 2, 8), "RGB": (2, 3, 8), "RGBA": (6, 4, 8),
        "I;16": (0, 1, 16), "RGB;16": (2, 3, 16),
    }[mode]  # fmt: skip
    row = b"\x00" + b"\x5a" * (width * bands * depth // 8)
    rows_per_block = max(1, _BLOCK // len(row))
    blocks, rest = divmod(height, rows_per_block)
    data, _ = _repeated_deflate(row * rows_per_block, blocks, wrapper=15, rest=row * rest)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")

