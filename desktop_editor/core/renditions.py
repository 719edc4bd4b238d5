"""Web renditions of one original photo, made for export.

Each rendition is decoded from the original (JPEG, PNG, WebP, GIF, TIFF, HEIF or AVIF),
turned upright (EXIF orientation, applied once), converted
to sRGB (CMYK and wide-gamut originals through their ICC profile), resized without ever
upscaling, and written fresh: no EXIF, no maker notes, no embedded thumbnail, no comment,
no original XMP, so nothing that locates or identifies the photographer's camera survives.
Only a small XMP packet with the desk's caption, credit, creator, copyright and alt text
is written back, so the credit travels with the file.

JPEG for photos; PNG where the original has real transparency. Pure Pillow, no Qt; Pillow
releases the GIL while decoding, resizing and encoding, so callers run one image per thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, UnidentifiedImageError
from PIL.PngImagePlugin import PngInfo

from desktop_editor.core import noise, pixels
from desktop_editor.core.model import Figure

MAX_WIDTH = 2400
DEFAULT_WIDTHS = (480, 960, 1600)
DEFAULT_QUALITY = 82
XMP_FIELD_LIMIT = 2000  # characters per field; keeps the packet inside one JPEG segment


class RenditionError(Exception):
    """The original could not be decoded into renditions; the message is one sentence."""


@dataclass(frozen=True, slots=True)
class Rendition:
    file_name: str
    width: int
    height: int
    mime: str  # "image/jpeg" or "image/png"
    data: bytes = field(repr=False)


def target_widths(width: int, widths: Iterable[int], max_width: int = MAX_WIDTH) -> list[int]:
    """The widths to make from an original `width` pixels wide: never wider than the
    original (no upscaling) nor than max_width, without duplicates, smallest first."""
    width = max(1, width)
    chosen = {min(w, width, max_width) for w in widths if w > 0}
    return sorted(chosen) or [min(width, max_width)]


def make_renditions(
    data: bytes,
    base_name: str,
    widths: Iterable[int] = DEFAULT_WIDTHS,
    quality: int = DEFAULT_QUALITY,
    *,
    xmp: bytes = b"",
    max_width: int = MAX_WIDTH,
) -> list[Rendition]:
    """Renditions of the original `data`, smallest first, named '<base_name>-<width>.<ext>'.

    Raises RenditionError when the data is not an image Pillow can decode.
    """
    try:
        return _make(data, base_name, tuple(widths), quality, xmp, max_width)
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise RenditionError(f"it is not an image that can be decoded ({error})") from None
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        raise RenditionError(f"it could not be decoded ({error})") from None


def _make(
    data: bytes, base_name: str, widths: tuple[int, ...], quality: int, xmp: bytes, max_width: int
) -> list[Rendition]:
    with noise.captured(), pixels.open_image(data) as original, pixels.decoding(pixels.decoded_bytes(original)):
        if (too_big := pixels.over_budget(original)) is not None:
            raise RenditionError(too_big)
        icc = original.info.get("icc_profile") or None

        def box_for(upright_w: int, upright_h: int) -> tuple[int, int]:
            width = target_widths(upright_w, widths, max_width)[-1]  # the largest rendition
            return width, max(1, round(upright_h * width / upright_w))

        orientation, (upright_w, upright_h) = pixels.load(original, box_for)
        targets = target_widths(upright_w, widths, max_width)
        sizes = [(w, max(1, round(upright_h * w / upright_w))) for w in targets]
        # Reduced by a whole factor first, so no full-size copy of the picture is ever made.
        image, transparent = pixels.normalized(pixels.shrink_early(original, pixels.turned(sizes[-1], orientation)))

    transform = pixels.srgb_transform(icc, image.mode)  # once for all the sizes
    if transparent:
        extension, mime = "png", "image/png"
    else:
        extension, mime = "jpg", "image/jpeg"

    renditions: list[Rendition] = []
    current = image
    for width, height in reversed(sizes):  # largest first; each smaller one from the last
        stored_size = pixels.turned((width, height), orientation)
        if current.size != stored_size:
            current = current.resize(stored_size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = pixels.to_srgb(pixels.upright(current, orientation), transform)
        payload = _encode(out, extension, quality, xmp)
        renditions.append(
            Rendition(f"{base_name}-{width}.{extension}", out.width, out.height, mime, payload)
        )
    renditions.reverse()
    return renditions


def _encode(image: Image.Image, extension: str, quality: int, xmp: bytes) -> bytes:
    image.info = {}  # nothing of the original's travels by way of info
    buffer = BytesIO()
    if extension == "png":
        info = PngInfo()
        if xmp:
            info.add_itxt("XML:com.adobe.xmp", xmp.decode("utf-8"), zip=False)
        image.save(buffer, "PNG", pnginfo=info, compress_level=6)
    else:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(
            buffer, "JPEG", quality=quality, optimize=True, progressive=True, xmp=xmp or None
        )
    return buffer.getvalue()


# --- XMP ------------------------------------------------------------------------------------

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value: str) -> str:
    value = _XML_INVALID.sub("", value.strip())[:XMP_FIELD_LIMIT]
    return escape(value)


def _lang_alt(name: str, value: str) -> str:
    return (
        f"   <{name}><rdf:Alt><rdf:li xml:lang=\"x-default\">{_xml_text(value)}</rdf:li>"
        f"</rdf:Alt></{name}>\n"
    )


def clean_xmp(figure: Figure) -> bytes:
    """A small XMP packet with only what the desk wants to travel with the photo: caption,
    credit, creator, copyright, alt text and extended description. Empty fields are left out."""
    parts = []
    if figure.caption.strip():
        parts.append(_lang_alt("dc:description", figure.caption))
    if figure.creator.strip():
        parts.append(
            f"   <dc:creator><rdf:Seq><rdf:li>{_xml_text(figure.creator)}</rdf:li>"
            "</rdf:Seq></dc:creator>\n"
        )
    if figure.copyright.strip():
        parts.append(_lang_alt("dc:rights", figure.copyright))
    if figure.credit.strip():
        parts.append(f"   <photoshop:Credit>{_xml_text(figure.credit)}</photoshop:Credit>\n")
    if figure.alt.strip():
        parts.append(_lang_alt("Iptc4xmpCore:AltTextAccessibility", figure.alt))
    if figure.extended_description.strip():
        parts.append(_lang_alt("Iptc4xmpCore:ExtDescrAccessibility", figure.extended_description))
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f"  <rdf:Description rdf:about={quoteattr('')}\n"
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"\n'
        '    xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">\n'
        + "".join(parts)
        + "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")
