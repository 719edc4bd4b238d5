"""Which of EXIF, IPTC-IIM and XMP gives each field: the Metadata Working Group's rules as
ExifTool implements them (``exiftool -use MWG``), with two additions of ours. All of the
choosing is here, in this order:

* caption, creator, copyright: EXIF (ImageDescription, Artist, Copyright) when present and
  not blank; otherwise XMP, unless the IIM was edited after the XMP was written (a stored
  IPTCDigest no longer matches it), in which case IIM; IIM also where XMP lacks the field;
  last, the Windows XP tags (XPComment, XPAuthor).
* credit, alt text, extended description: XMP first; IIM for credit when XMP lacks it.
* headline, instructions: XMP unless the IIM is newer and has the field; then IIM; for the
  headline, last, EXIF XPTitle.

Ours: a value that IIM cut short at its field limit is never kept when XMP holds the
complete text (the XMP value is taken instead), and boilerplate counts as absent (the
readers have already blanked it: see text.py).
"""

from __future__ import annotations

from desktop_editor.core.metadata import iim as iim_format
from desktop_editor.core.metadata import xmp as xmp_format
from desktop_editor.core.metadata.text import clean_value

FIELDS = (
    "caption",
    "credit",
    "creator",
    "copyright",
    "alt",
    "extended_description",
    "headline",
    "instructions",
)

_EXIF_TAGS = {
    "caption": ("ImageDescription", "XPComment"),
    "creator": ("Artist", "XPAuthor"),
    "copyright": ("Copyright",),
    "headline": ("XPTitle",),
}


def choose(
    exif: dict[str, str],
    iim: dict[str, str],
    xmp: dict[str, str],
    iim_newer: bool,
    cameras: tuple[str, ...] = (),
) -> dict[str, dict[str, str]]:
    """{field: {"value", "source"}} from what each format holds (IIM and XMP cleaned,
    EXIF as decoded: its tags are cleaned here, knowing the camera)."""
    result: dict[str, dict[str, str]] = {}

    def put(field: str, pair: tuple[str, str] | None) -> bool:
        if pair and pair[0]:
            result[field] = {"value": pair[0], "source": pair[1]}
            return True
        return False

    def from_exif(field: str, tag: str) -> bool:
        return put(field, (clean_value(exif.get(tag), cameras), f"EXIF {tag}"))

    def from_xmp(field: str) -> bool:
        return field in xmp and put(field, (xmp[field], xmp_format.SOURCES[field]))

    def from_iim(field: str) -> bool:
        """The IIM value, or XMP's when IIM's is the start of it (IIM cut it short)."""
        value = iim.get(field)
        if not value:
            return False
        complete = xmp.get(field)
        if complete and len(complete) > len(value) and complete.startswith(value):
            return put(field, (complete, xmp_format.SOURCES[field]))
        return put(field, (value, iim_format.SOURCES[field]))

    for field in ("caption", "creator", "copyright"):
        primary, *fallbacks = _EXIF_TAGS[field]
        if from_exif(field, primary):
            continue
        if iim_newer:
            from_iim(field) or from_xmp(field)
        else:
            from_xmp(field) or from_iim(field)
        if field not in result:
            any(from_exif(field, tag) for tag in fallbacks)

    for field in ("credit", "alt", "extended_description"):
        from_xmp(field) or from_iim(field)

    for field in ("headline", "instructions"):
        if iim_newer and field in iim:
            from_iim(field)
        else:
            from_xmp(field) or from_iim(field)
    if "headline" not in result:
        from_exif("headline", "XPTitle")

    return {field: result[field] for field in FIELDS if field in result}
