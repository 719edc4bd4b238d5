"""IPTC-IIM: the Photoshop image resource blocks that carry it (JPEG APP13, TIFF tag
34377, ImageMagick's PNG profiles) and the IIM datasets themselves, with the character
set record (1:90) honoured."""

from __future__ import annotations

import hashlib
import struct

from desktop_editor.core.metadata.text import clean_value, decode_legacy

MAX_RESOURCES = 4096

# field: ((record, dataset), where it came from, as the panel says it)
FIELDS = {
    "caption": ((2, 120), "IPTC Caption-Abstract"),
    "credit": ((2, 110), "IPTC Credit"),
    "creator": ((2, 80), "IPTC By-line"),
    "copyright": ((2, 116), "IPTC Copyright Notice"),
    "headline": ((2, 105), "IPTC Headline"),
    "instructions": ((2, 40), "IPTC Special Instructions"),
}
SOURCES = {field: source for field, (_key, source) in FIELDS.items()}


def irb_resources(irb: bytes) -> dict[int, bytes]:
    """First occurrence of each Photoshop image resource, by id."""
    out: dict[int, bytes] = {}
    pos = 0
    n = len(irb)
    for _ in range(MAX_RESOURCES):
        if pos + 12 > n or irb[pos : pos + 4] not in (b"8BIM", b"PHUT", b"AgHg", b"DCSR"):
            break
        (rid,) = struct.unpack(">H", irb[pos + 4 : pos + 6])
        name_len = irb[pos + 6]
        name_total = name_len + 1
        name_total += name_total & 1  # padded to even
        at = pos + 6 + name_total
        if at + 4 > n:
            break
        (size,) = struct.unpack(">I", irb[at : at + 4])
        body = irb[at + 4 : at + 4 + size]
        out.setdefault(rid, body)
        pos = at + 4 + size + (size & 1)
    return out


def iim_block(irb: bytes | None, bare: bytes | None) -> tuple[bytes | None, bool]:
    """(the IIM block, whether it was edited after the XMP was written).

    The IIM comes from the resource blocks (0x0404) or, in TIFF, from its own tag. It is
    newer than the XMP when an IPTCDigest resource (0x0425) no longer matches it.
    """
    block, digest = bare, None
    if irb:
        resources = irb_resources(irb)
        block = resources.get(0x0404, block)
        digest = resources.get(0x0425)
    if not block:
        return None, False
    newer = bool(digest) and len(digest) == 16 and (
        hashlib.md5(block, usedforsecurity=False).digest() != digest
    )
    return block, newer


def parse_iim(iim: bytes) -> dict[tuple[int, int], list[bytes]]:
    out: dict[tuple[int, int], list[bytes]] = {}
    pos = 0
    n = len(iim)
    while pos + 5 <= n:
        if iim[pos] != 0x1C:
            # Some writers pad with NULs; anything else ends the block.
            if iim[pos] == 0:
                pos += 1
                continue
            break
        record, dataset = iim[pos + 1], iim[pos + 2]
        (length,) = struct.unpack(">H", iim[pos + 3 : pos + 5])
        pos += 5
        if length & 0x8000:  # extended dataset: the next (length & 0x7fff) bytes hold it
            width = length & 0x7FFF
            if width > 8 or pos + width > n:
                break
            length = int.from_bytes(iim[pos : pos + width], "big")
            pos += width
        value = iim[pos : pos + length]
        pos += length
        out.setdefault((record, dataset), []).append(value)
    return out


def read_iim(iim: bytes, cameras: tuple[str, ...] = ()) -> dict[str, str]:
    """{field: cleaned text} for the FIELDS the block holds; repeated datasets joined by "; "."""
    datasets = parse_iim(iim)
    charset = b"".join(datasets.get((1, 90), [b""])[:1])
    # ESC - A / ESC . A designate ISO 8859-1 (Latin-1) explicitly.
    latin1 = b"\x1b%G" not in charset and (b"\x1b-A" in charset or b"\x1b.A" in charset)
    out: dict[str, str] = {}
    for field, ((record, dataset), _source) in FIELDS.items():
        values = []
        for raw in datasets.get((record, dataset), []):
            raw = raw.rstrip(b"\x00")
            if latin1:
                text = raw.decode("latin-1")
            else:
                # UTF-8 first, declared (1:90 ESC % G) or not; a record that promises
                # UTF-8 but holds 8-bit bytes (it happens) still reads sensibly.
                text = decode_legacy(raw)
            text = clean_value(text, cameras)
            if text and text not in values:
                values.append(text)
        if values:
            out[field] = "; ".join(values)
    return out
