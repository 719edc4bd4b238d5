"""Test photos made on the spot with Pillow, with the metadata a newsroom file carries."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

XMP_TEMPLATE = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
 xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt></dc:description>
<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>
<photoshop:Credit>{credit}</photoshop:Credit>
<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">{alt}</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def photo(
    width: int = 640,
    height: int = 427,
    *,
    format: str = "JPEG",
    orientation: int | None = None,
    gps: bool = False,
    serial: str | None = None,
    caption: str | None = None,
    credit: str = "",
    creator: str = "",
    alt: str = "",
    mode: str = "RGB",
    color=(40, 90, 160),
) -> bytes:
    image = Image.new(mode if mode != "CMYK" else "RGB", (width, height), color)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 3, height // 4), fill=(230, 200, 40))  # marks the top-left
    draw.ellipse((width // 2, height // 2, width // 2 + width // 5, height // 2 + height // 5), fill=(200, 30, 30))
    if mode == "CMYK":
        image = image.convert("CMYK")
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if serial:
        exif[0xA431] = serial  # BodySerialNumber
        exif[0x010F] = "Camera Maker"
    if gps:
        exif[0x8825] = {1: "N", 2: (43.0, 28.0, 0.0), 3: "E", 4: (11.0, 53.0, 0.0)}
    options = {}
    if len(exif):
        options["exif"] = exif.tobytes()
    if caption is not None:
        options["xmp"] = XMP_TEMPLATE.format(caption=caption, credit=credit, creator=creator, alt=alt).encode()
    out = io.BytesIO()
    if format == "JPEG":
        image.save(out, "JPEG", quality=85, **options)
    else:
        image.save(out, format, **{k: v for k, v in options.items() if k != "xmp"})
    return out.getvalue()
