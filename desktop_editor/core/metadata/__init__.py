"""Caption, credit, creator, copyright and alt text from a photo's own metadata.

Reads the three places newsroom photos carry text, EXIF, IPTC-IIM and XMP, from the
containers of JPEG, PNG, WebP, GIF, TIFF (and BigTIFF), HEIF and AVIF files, and chooses
between them as the Metadata Working Group says (the rules are in precedence.py).

    containers.py  which container holds which block: jpeg.py (segments), chunks.py
                   (PNG and WebP chunks), tiff.py (IFDs), heif.py (boxes)
    exif.py, iim.py, xmp.py   the formats
    text.py        decoding, and the camera and software boilerplate that is not a caption
    precedence.py  the choice between them

Everything here parses untrusted bytes: ``read_metadata`` never raises and bounds its work
by the size of the input.
"""

from __future__ import annotations

import re

from desktop_editor.core.metadata import containers, exif, iim, precedence, text, xmp
from desktop_editor.core.metadata.precedence import FIELDS
from desktop_editor.core.metadata.text import clean_value

__all__ = ["FIELDS", "clean_value", "instructions_warning", "read_metadata"]


def _xmp_fields(blocks: containers.Blocks, cameras: tuple[str, ...]) -> dict[str, str]:
    if not blocks.xmp:
        return {}
    fields = xmp.read_xmp(blocks.xmp, cameras)
    if blocks.xmp_extended:
        # Properties too long for the main packet (a JPEG segment holds 64 KB) were moved
        # to the extended packet the main one names; with no name, a single one is it.
        guid = xmp.extended_guid(blocks.xmp)
        extended = blocks.xmp_extended.get(guid or "")
        if extended is None and len(blocks.xmp_extended) == 1:
            extended = next(iter(blocks.xmp_extended.values()))
        if extended:
            for field, value in xmp.read_xmp(extended, cameras).items():
                fields.setdefault(field, value)
    return fields


def read_metadata(data: bytes) -> dict:
    """{field: {"value": str, "source": str}} for the fields the photo carries.

    Fields are among ``FIELDS``; absent or boilerplate ones are omitted. Never raises:
    whatever part of hostile or broken metadata cannot be read is skipped.
    """
    try:
        blocks = containers.collect(bytes(data))
    except Exception:  # noqa: BLE001 - hostile input must not stop an import
        return {}
    try:
        exif_tags = exif.read_exif(blocks.exif) if blocks.exif else {}
    except Exception:  # noqa: BLE001
        exif_tags = {}
    cameras = text.camera_names(exif_tags.get("Make", ""), exif_tags.get("Model", ""))
    try:
        block, iim_newer = iim.iim_block(blocks.irb, blocks.iptc)
        iim_fields = iim.read_iim(block, cameras) if block else {}
    except Exception:  # noqa: BLE001
        iim_fields, iim_newer = {}, False
    try:
        xmp_fields = _xmp_fields(blocks, cameras)
    except Exception:  # noqa: BLE001
        xmp_fields = {}
    try:
        return precedence.choose(exif_tags, iim_fields, xmp_fields, iim_newer, cameras)
    except Exception:  # noqa: BLE001
        return {}


def instructions_warning(instructions: str) -> str | None:
    """A sentence for the picture desk when the photo's instructions restrict its use."""
    lowered = (instructions or "").lower()
    embargo = "embargo" in lowered
    mandatory = re.search(r"mandatory\s+credit", lowered) is not None
    if embargo and mandatory:
        return "The photo's instructions set an embargo and a mandatory credit: read them before publishing."
    if embargo:
        return "The photo's instructions mention an embargo: check the release time before publishing."
    if mandatory:
        return "The photo's instructions require a mandatory credit: make sure the credit line matches them."
    return None
