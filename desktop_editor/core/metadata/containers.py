"""Where each file format keeps its metadata: one walker per container gathers the raw
EXIF (a TIFF structure), XMP packets, Photoshop resources and IIM, and nothing else.

JPEG segments are in jpeg.py, PNG and WebP chunks in chunks.py, HEIF and AVIF boxes in
heif.py; a TIFF file is its own EXIF block (tiff.py).
"""

from __future__ import annotations

from desktop_editor.core.metadata import chunks, heif, jpeg
from desktop_editor.core.metadata.tiff import ifd0_raw, is_tiff

MAX_SEGMENTS = 4096


class Blocks:
    """The raw metadata blocks of one file."""

    __slots__ = ("exif", "xmp", "xmp_extended", "irb", "iptc")

    def __init__(self) -> None:
        self.exif: bytes | None = None  # TIFF structure ("II*\0..." / "MM\0*...")
        self.xmp: bytes | None = None
        self.xmp_extended: dict[str, bytes] = {}  # JPEG extended XMP, by GUID
        self.irb: bytes | None = None  # Photoshop image resource blocks
        self.iptc: bytes | None = None  # raw IIM, when stored outside an IRB (TIFF)


def _walk_tiff(data: bytes, blocks: Blocks) -> None:
    blocks.exif = data
    tags = ifd0_raw(data, {700, 33723, 34377})
    if 700 in tags:
        blocks.xmp = tags[700]
    if 34377 in tags:
        blocks.irb = tags[34377]
    if 33723 in tags:
        blocks.iptc = tags[33723]


def collect(data: bytes) -> Blocks:
    blocks = Blocks()
    if data.startswith(b"\xff\xd8"):
        jpeg.walk(data, blocks)
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        chunks.walk_png(data, blocks)
    elif data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        chunks.walk_webp(data, blocks)
    elif is_tiff(data):
        _walk_tiff(data, blocks)
    elif data[4:8] == b"ftyp":
        heif.walk(data, blocks)
    elif data[:6] in (b"GIF87a", b"GIF89a"):
        # GIF keeps XMP in an application extension: the packet is found where it is.
        blocks.xmp = data
    return blocks
