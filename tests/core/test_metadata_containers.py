"""Metadata where real files keep it: XMP in UTF-16 and UTF-32, BigTIFF, EXIF continued
over two APP1 segments, extended XMP (long captions), HEIF and AVIF items; and the camera
and software boilerplate that is never a caption, against real captions that always are."""

from __future__ import annotations

import hashlib
import io
import struct

import pytest
from PIL import Image, features

from desktop_editor.core.metadata import read_metadata
from desktop_editor.core.metadata.text import camera_names, is_boilerplate

from .test_metadata import segment, values, xmp_packet


def jpeg_with(*segments: bytes) -> bytes:
    """A small JPEG with the given segments right after SOI."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (90, 90, 90)).save(out, "JPEG")
    data = out.getvalue()
    return data[:2] + b"".join(segments) + data[2:]


def xmp_segment(packet: bytes) -> bytes:
    return segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + packet)


CAPTION_XMP = (
    '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Frühling am Fluss, 2024</rdf:li>'
    "</rdf:Alt></dc:description><photoshop:Credit>Agence Été</photoshop:Credit>"
)


# --- XMP encodings ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-be", "utf-16-le", "utf-32-be", "utf-32-le"])
def test_xmp_packets_in_every_encoding_the_specification_allows_are_read(encoding):
    packet = xmp_packet(CAPTION_XMP).decode("utf-8").encode(encoding)
    metadata = read_metadata(jpeg_with(xmp_segment(packet)))
    assert values(metadata) == {"caption": "Frühling am Fluss, 2024", "credit": "Agence Été"}


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le"])
def test_utf16_packet_without_a_header_is_read_in_its_own_byte_order(encoding):
    # No <?xpacket begin="BOM"?> to say the byte order: the reading that makes sense wins.
    bare = xmp_packet(CAPTION_XMP).decode("utf-8")
    bare = bare[bare.index("<x:xmpmeta") : bare.index("</x:xmpmeta>") + len("</x:xmpmeta>")]
    metadata = read_metadata(jpeg_with(xmp_segment(b"\x00" + bare.encode(encoding))))
    assert values(metadata)["caption"] == "Frühling am Fluss, 2024"


# --- TIFF and EXIF ----------------------------------------------------------------------


def test_bigtiff_metadata_is_read():
    exif = Image.Exif()
    exif[0x010E] = "Harbour at dawn, from the BigTIFF scan."
    exif[0x013B] = "Ann Scanner"
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "TIFF", big_tiff=True, exif=exif)
    data = out.getvalue()
    assert data[:4] == b"II+\x00"
    assert values(read_metadata(data)) == {
        "caption": "Harbour at dawn, from the BigTIFF scan.",
        "creator": "Ann Scanner",
    }


def _tiff_with_description(description: bytes, padding: int) -> bytes:
    """A big-endian EXIF TIFF structure whose ImageDescription lies after padding bytes."""
    entries = 1
    ifd_size = 2 + 12 * entries + 4
    value_at = 8 + ifd_size + padding
    ifd = struct.pack(">H", entries) + struct.pack(">HHII", 0x010E, 2, len(description), value_at)
    ifd += struct.pack(">I", 0)
    return b"MM\x00*" + struct.pack(">I", 8) + ifd + b"\x00" * padding + description


def test_exif_continued_in_a_second_app1_segment_is_read():
    tiff = _tiff_with_description(b"Caption beyond the first segment.\x00", 70_000)
    cut = 60_000
    first = segment(0xE1, b"Exif\x00\x00" + tiff[:cut])
    second = segment(0xE1, b"Exif\x00\x00" + tiff[cut:])
    metadata = read_metadata(jpeg_with(first, second))
    assert metadata["caption"] == {
        "value": "Caption beyond the first segment.",
        "source": "EXIF ImageDescription",
    }


# --- extended XMP -----------------------------------------------------------------------


def test_extended_xmp_holds_a_long_caption():
    caption = "A very long caption. " * 6000  # 126,000 characters: more than one segment
    extended = xmp_packet(
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt>'
        "</dc:description>"
    )
    guid = hashlib.md5(extended).hexdigest().upper()
    main = xmp_packet(
        "<photoshop:Credit>Long Caption Agency</photoshop:Credit>",
        attributes=f'xmlns:xmpNote="http://ns.adobe.com/xmp/note/" xmpNote:HasExtendedXMP="{guid}"',
    )
    parts = []
    chunk = 65_000
    for offset in range(0, len(extended), chunk):
        body = (
            b"http://ns.adobe.com/xmp/extension/\x00"
            + guid.encode("ascii")
            + struct.pack(">II", len(extended), offset)
            + extended[offset : offset + chunk]
        )
        parts.append(segment(0xE1, body))
    assert len(parts) == 2
    metadata = read_metadata(jpeg_with(xmp_segment(main), *reversed(parts)))
    assert metadata["credit"]["value"] == "Long Caption Agency"
    assert metadata["caption"] == {"value": caption.strip(), "source": "XMP dc:description"}


# --- HEIF and AVIF ----------------------------------------------------------------------

PHONE_XMP = xmp_packet(CAPTION_XMP)


def _phone_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "Ferry leaving the harbour at dusk."
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15"
    exif[0x0112] = 6
    return exif.tobytes()


def test_heic_exif_and_xmp_items_are_read():
    pillow_heif = pytest.importorskip("pillow_heif")
    out = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (64, 48), (10, 120, 200))).save(
        out, format="HEIF", exif=_phone_exif(), xmp=PHONE_XMP, quality=60
    )
    data = out.getvalue()
    assert data[4:12] == b"ftypheic"
    assert values(read_metadata(data)) == {
        "caption": "Ferry leaving the harbour at dusk.",
        "credit": "Agence Été",
    }


def test_avif_exif_and_xmp_items_are_read():
    if not features.check("avif"):
        pytest.skip("this Pillow has no AVIF codec")
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(out, "AVIF", exif=_phone_exif(), xmp=PHONE_XMP)
    data = out.getvalue()
    assert data[4:12] == b"ftypavif"
    assert values(read_metadata(data)) == {
        "caption": "Ferry leaving the harbour at dusk.",
        "credit": "Agence Été",
    }


# --- boilerplate ------------------------------------------------------------------------

# (value, the file's EXIF Make, Model): values cameras and programs wrote into real files'
# caption, creator or copyright fields (ExifTool's and metadata-extractor's sample images,
# phone and action-camera files).
BOILERPLATE = [
    ("OLYMPUS DIGITAL CAMERA", "OLYMPUS IMAGING CORP.", "FE230,X790"),
    ("GE DIGITAL CAMERA", "General Imaging Co.", "E1040"),
    ("SAMSUNG CSC", "SAMSUNG", "NX100"),
    ("SONY DSC", "SONY", "DSC-W55"),
    ("KODAK Digital Still Camera", "EASTMAN KODAK COMPANY", "KODAK EASYSHARE C813"),
    ("KONICA MINOLTA DIGITAL CAMERA", "KONICA MINOLTA", "DiMAGE Z6"),
    ("SAMSUNG DIGITAL CAMERA", "", ""),
    ("DCF 1.0", "", ""),
    ("DCIM\\100GOPRO\\GOPR0482.JPG", "GoPro", "HERO4 Silver"),
    ("DCIM/100MEDIA/DJI_0042.JPG", "DJI", "FC6310"),
    ("IMG_4821.JPG", "Apple", "iPhone 12"),
    ("Created with The GIMP", "", ""),
    ("Created with GIMP", "", ""),
    ("File written by Adobe Photoshop¨ 4.0", "", ""),
    ("File written by Adobe Photoshop 4.0", "", ""),
    ("LEAD Technologies Inc. V1.01", "", ""),
    ("Exif_JPEG_PICTURE", "", ""),
    ("NIKON D70", "NIKON CORPORATION", "NIKON D70"),
    ("Canon PowerShot S40", "Canon", "Canon PowerShot S40"),
    ("PowerShot S40", "Canon", "Canon PowerShot S40"),
    ("FinePix S1Pro", "FUJIFILM", "FinePix S1Pro"),
    ("          ", "", ""),
    ("null", "", ""),
    ("Copyright", "", ""),
    ("(C)", "", ""),
    ("Untitled", "", ""),
    ("Description", "", ""),
    ("Caption", "", ""),
]

# Real captions, credits and copyright lines that look a little like the above.
REAL = [
    ("Olympus digital cameras on sale in Tokyo, 2004.", "OLYMPUS IMAGING CORP.", "E-1"),
    ("The GE digital camera plant in Shenzhen employs 1,200 people.", "", ""),
    ("Samsung's CSC range was launched in Seoul on Tuesday.", "", ""),
    ("Created with care by the children of Year 4, this mural fills the hall.", "", ""),
    ("A Nikon D70 on display at the museum of photography.", "NIKON CORPORATION", "NIKON D70"),
    ("Nikon", "", ""),
    ("Canon", "", ""),
    ("GoPro", "", ""),
    ("Adobe Stock", "", ""),
    ("Getty Images", "", ""),
    ("Photo: Jane Doe/Reuters", "", ""),
    ("© Peter Bemmann", "", ""),
    ("(C) Peter Bemmann", "", ""),
    ("Copyright 2004 Phil Harvey", "", ""),
    ("mit blauem Kleid", "", ""),
    ("Apollo 11", "", ""),
    ("Workshop showing workbench and storage", "", ""),
    ("Mandatory Credit: Stephen Dunn/Getty Images", "", ""),
    ("NASA, ESA, Michael Wong (Space Telescope Science Institute)", "", ""),
    ("Stephen Dunn", "", ""),
    ("DCIM", "", ""),
]


@pytest.mark.parametrize("value, make, model", BOILERPLATE)
def test_camera_and_software_boilerplate_is_not_a_caption(value, make, model):
    assert is_boilerplate(value, camera_names(make, model))


@pytest.mark.parametrize("value, make, model", REAL)
def test_real_captions_credits_and_notices_are_kept(value, make, model):
    assert not is_boilerplate(value, camera_names(make, model))


def test_the_files_own_camera_name_as_a_caption_is_blanked():
    exif = Image.Exif()
    exif[0x010F] = "NIKON CORPORATION"
    exif[0x0110] = "NIKON D1X"
    exif[0x010E] = "NIKON D1X"
    exif[0x013B] = "Anna Photographer"
    out = io.BytesIO()
    Image.new("RGB", (16, 16)).save(out, "JPEG", exif=exif)
    assert values(read_metadata(out.getvalue())) == {"creator": "Anna Photographer"}
