"""EXIF text: the IFD0 tags a photo's caption, creator and copyright may sit in, and the
camera's Make and Model (to recognise the camera's own words in those fields)."""

from __future__ import annotations

from desktop_editor.core.metadata.text import decode_legacy
from desktop_editor.core.metadata.tiff import ifd0_raw

TAGS = {
    0x010E: "ImageDescription",
    0x010F: "Make",
    0x0110: "Model",
    0x013B: "Artist",
    0x8298: "Copyright",
    0x9C9B: "XPTitle",
    0x9C9C: "XPComment",
    0x9C9D: "XPAuthor",
}


def read_exif(tiff: bytes) -> dict[str, str]:
    """{tag name: text} of the TAGS present in IFD0, decoded but not yet cleaned."""
    raw = ifd0_raw(tiff, set(TAGS))
    out: dict[str, str] = {}
    for tag, name in TAGS.items():
        value = raw.get(tag)
        if value is None:
            continue
        if name.startswith("XP"):
            text = value.decode("utf-16-le", "replace").split("\x00", 1)[0]
        elif name == "Copyright":
            # "photographer NUL editor": keep both parts when both are present.
            parts = [decode_legacy(p).strip() for p in value.split(b"\x00")]
            text = "; ".join(p for p in parts if p)
        else:
            text = decode_legacy(value.split(b"\x00", 1)[0])
        out[name] = text
    return out
