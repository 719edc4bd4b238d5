"""TIFF structures: the image file directories (IFDs) of TIFF and BigTIFF files, and of the
EXIF blocks JPEG, PNG, WebP and HEIF files carry (an EXIF block is a small TIFF file).

Only reads: tags as raw bytes, numbers where a caller needs them. Every offset is checked
against the data and every loop is bounded, because the bytes come from anyone.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

# Bytes per value of each TIFF field type (BigTIFF adds 16-18: 8-byte integers and IFDs).
_TYPE_SIZES = {
    1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4,
    16: 8, 17: 8, 18: 8,
}
_INT_FORMATS = {1: "B", 3: "H", 4: "I", 6: "b", 8: "h", 9: "i", 13: "I", 16: "Q", 17: "q", 18: "Q"}
MAX_ENTRIES = 1024
MAX_IFDS = 64


def is_tiff(data: bytes) -> bool:
    """Classic TIFF or BigTIFF, either byte order."""
    return data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")


@dataclass(frozen=True, slots=True)
class Entry:
    type: int
    count: int
    raw: bytes  # the values' bytes, exactly count * size of the type


class Tiff:
    """The header of a TIFF structure and a reader of its IFDs."""

    __slots__ = ("data", "end", "big", "first")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.end = ""
        self.big = False
        self.first = 0
        if len(data) < 8 or data[:2] not in (b"II", b"MM"):
            return
        end = "<" if data[:2] == b"II" else ">"
        (magic,) = struct.unpack(end + "H", data[2:4])
        if magic == 42:
            (self.first,) = struct.unpack(end + "I", data[4:8])
        elif magic == 43 and len(data) >= 16:
            size, zero, first = struct.unpack(end + "HHQ", data[4:16])
            if size != 8 or zero != 0:
                return
            self.big, self.first = True, first
        else:
            return
        self.end = end

    def __bool__(self) -> bool:
        return bool(self.end) and self.first >= 8

    def ifd(self, offset: int, wanted: set[int] | None = None) -> tuple[dict[int, Entry], int]:
        """The entries of the IFD at offset (only the wanted tags when given) and the offset
        of the next IFD (0 at the end of the chain)."""
        data, end = self.data, self.end
        head, entry_size, count_format = (8, 20, "Q") if self.big else (2, 12, "H")
        if not end or offset < 8 or offset + head > len(data):
            return {}, 0
        (count,) = struct.unpack(end + count_format, data[offset : offset + head])
        count = min(count, MAX_ENTRIES)
        out: dict[int, Entry] = {}
        pos = offset + head
        for _ in range(count):
            if pos + entry_size > len(data):
                return out, 0
            if self.big:
                tag, typ, n = struct.unpack(end + "HHQ", data[pos : pos + 12])
                inline, value_at = 8, pos + 12
            else:
                tag, typ, n = struct.unpack(end + "HHI", data[pos : pos + 8])
                inline, value_at = 4, pos + 8
            pos += entry_size
            if (wanted is not None and tag not in wanted) or tag in out:
                continue
            size = _TYPE_SIZES.get(typ, 1) * n
            if size > len(data):
                continue
            if size <= inline:
                raw = data[value_at : value_at + size]
            else:
                (where,) = struct.unpack(end + ("Q" if self.big else "I"), data[value_at : value_at + inline])
                if where + size > len(data):
                    continue
                raw = data[where : where + size]
            out[tag] = Entry(typ, n, raw)
        next_format = "Q" if self.big else "I"
        next_size = 8 if self.big else 4
        if pos + next_size > len(data):
            return out, 0
        (following,) = struct.unpack(end + next_format, data[pos : pos + next_size])
        return out, following

    def ints(self, entry: Entry | None) -> list[int]:
        """The values of an integer-typed entry ([] for other types)."""
        if entry is None or entry.type not in _INT_FORMATS:
            return []
        fmt = _INT_FORMATS[entry.type]
        count = min(entry.count, 4096)
        try:
            return list(struct.unpack(f"{self.end}{count}{fmt}", entry.raw[: count * struct.calcsize(fmt)]))
        except struct.error:
            return []

    def chain(self, wanted: set[int] | None = None) -> list[dict[int, Entry]]:
        """IFD0 and the IFDs that follow it, at most MAX_IFDS, never visiting one twice."""
        out = []
        seen: set[int] = set()
        offset = self.first
        while offset and offset not in seen and len(out) < MAX_IFDS:
            seen.add(offset)
            entries, offset = self.ifd(offset, wanted)
            out.append(entries)
        return out


def ifd0_raw(data: bytes, wanted: set[int]) -> dict[int, bytes]:
    """Raw bytes of the wanted tags of the first IFD of a TIFF structure."""
    tiff = Tiff(data)
    if not tiff:
        return {}
    entries, _next = tiff.ifd(tiff.first, wanted)
    return {tag: entry.raw for tag, entry in entries.items()}
