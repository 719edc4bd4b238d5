"""Caption, credit, creator, copyright and alt text from EXIF, IPTC-IIM and XMP."""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from desktop_editor.core.metadata import instructions_warning, read_metadata

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
IMAGES = CORPUS / "images"

# --- building test photos -------------------------------------------------------------


def iim(*datasets: tuple[int, int, bytes]) -> bytes:
    return b"".join(
        b"\x1c" + bytes([record, dataset]) + struct.pack(">H", len(value)) + value
        for record, dataset, value in datasets
    )


def resource(rid: int, body: bytes) -> bytes:
    return b"8BIM" + struct.pack(">H", rid) + b"\x00\x00" + struct.pack(">I", len(body)) + body + (
        b"\x00" if len(body) % 2 else b""
    )


def segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def xmp_packet(description: str = "", attributes: str = "") -> bytes:
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"'
        f" {attributes}>{description}</rdf:Description>"
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode("utf-8")


def lang_alt(tag: str, *items: tuple[str, str]) -> str:
    lis = "".join(f'<rdf:li xml:lang="{lang}">{text}</rdf:li>' for lang, text in items)
    return f"<{tag}><rdf:Alt>{lis}</rdf:Alt></{tag}>"


def photo(
    *,
    exif: dict[int, object] | None = None,
    xmp: bytes | None = None,
    iim_block: bytes | None = None,
    digest: bytes | None | str = None,
) -> bytes:
    """A small JPEG carrying the given EXIF tags, XMP packet and IIM block.

    digest: the IPTCDigest resource to store: bytes as given, "match" for the MD5 of the
    IIM block (XMP and IIM in step), None for no digest.
    """
    out = io.BytesIO()
    save = {}
    if exif:
        tags = Image.Exif()
        for tag, value in exif.items():
            tags[tag] = value
        save["exif"] = tags
    Image.new("RGB", (16, 16), (90, 90, 90)).save(out, "JPEG", **save)
    data = out.getvalue()
    extra = b""
    if xmp is not None:
        extra += segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp)
    if iim_block is not None:
        irb = resource(0x0404, iim_block)
        if digest == "match":
            irb += resource(0x0425, hashlib.md5(iim_block).digest())
        elif digest is not None:
            irb += resource(0x0425, digest)
        extra += segment(0xED, b"Photoshop 3.0\x00" + irb)
    # after SOI and any APP0/APP1 Pillow wrote: metadata order does not matter to readers
    return data[:2] + extra + data[2:]


def values(metadata: dict) -> dict[str, str]:
    return {field: entry["value"] for field, entry in metadata.items()}


def sources(metadata: dict) -> dict[str, str]:
    return {field: entry["source"] for field, entry in metadata.items()}


# --- each source on its own -----------------------------------------------------------


def test_a_photo_without_metadata_has_none():
    assert read_metadata(photo()) == {}


def test_iptc_iim_fields_are_read_with_their_sources():
    block = iim(
        (1, 90, b"\x1b%G"),
        (2, 120, "Crowds line the Mall for the parade.".encode()),
        (2, 110, b"Reuters"),
        (2, 80, "Zoë Brown".encode()),
        (2, 116, "© Reuters 2024".encode()),
        (2, 105, b"Jubilee parade"),
        (2, 40, b"EMBARGOED until 00:01 GMT"),
    )
    metadata = read_metadata(photo(iim_block=block))
    assert values(metadata) == {
        "caption": "Crowds line the Mall for the parade.",
        "credit": "Reuters",
        "creator": "Zoë Brown",
        "copyright": "© Reuters 2024",
        "headline": "Jubilee parade",
        "instructions": "EMBARGOED until 00:01 GMT",
    }
    assert sources(metadata) == {
        "caption": "IPTC Caption-Abstract",
        "credit": "IPTC Credit",
        "creator": "IPTC By-line",
        "copyright": "IPTC Copyright Notice",
        "headline": "IPTC Headline",
        "instructions": "IPTC Special Instructions",
    }


def test_xmp_fields_are_read_including_alt_text():
    packet = xmp_packet(
        lang_alt("dc:description", ("x-default", "A lifeboat crew at sea."))
        + "<dc:creator><rdf:Seq><rdf:li>Ann Lee</rdf:li><rdf:li>Bo Chen</rdf:li></rdf:Seq></dc:creator>"
        + lang_alt("dc:rights", ("x-default", "© RNLI"))
        + lang_alt(
            "Iptc4xmpCore:AltTextAccessibility",
            ("en", "English alt"),
            ("x-default", "Four crew in orange suits haul a line aboard."),
        )
        + lang_alt("Iptc4xmpCore:ExtDescrAccessibility", ("en", "The boat leans to port."))
        + "<photoshop:Headline>Rescue</photoshop:Headline>",
        attributes='photoshop:Credit="RNLI/Nigel Millard"',
    )
    metadata = read_metadata(photo(xmp=packet))
    assert values(metadata) == {
        "caption": "A lifeboat crew at sea.",
        "credit": "RNLI/Nigel Millard",
        "creator": "Ann Lee; Bo Chen",
        "copyright": "© RNLI",
        "alt": "Four crew in orange suits haul a line aboard.",  # x-default, not first
        "extended_description": "The boat leans to port.",  # no x-default: first entry
        "headline": "Rescue",
    }
    assert metadata["credit"]["source"] == "XMP photoshop:Credit"
    assert metadata["creator"]["source"] == "XMP dc:creator"
    assert metadata["alt"]["source"] == "XMP Iptc4xmpCore:AltTextAccessibility"


def test_exif_fields_and_windows_xp_tags_are_read():
    metadata = read_metadata(
        photo(
            exif={
                0x010E: "Dawn over the Tyne bridges.",
                0x013B: "Sam Hall",
                0x8298: "Sam Hall\x00Tyne Weekly",
            }
        )
    )
    assert values(metadata) == {
        "caption": "Dawn over the Tyne bridges.",
        "creator": "Sam Hall",
        "copyright": "Sam Hall; Tyne Weekly",  # photographer and editor parts
    }
    assert sources(metadata)["creator"] == "EXIF Artist"

    xp = read_metadata(
        photo(
            exif={
                0x9C9C: "Kinderwagen am Fluss – Köln".encode("utf-16-le") + b"\x00\x00",
                0x9C9D: "Jürgen Ötzi".encode("utf-16-le") + b"\x00\x00",
            }
        )
    )
    assert values(xp) == {"caption": "Kinderwagen am Fluss – Köln", "creator": "Jürgen Ötzi"}
    assert sources(xp) == {"caption": "EXIF XPComment", "creator": "EXIF XPAuthor"}


# --- choosing between sources (MWG) ---------------------------------------------------


def test_exif_wins_for_caption_when_present_and_not_blank():
    data = photo(
        exif={0x010E: "EXIF caption", 0x013B: "   "},
        xmp=xmp_packet(
            lang_alt("dc:description", ("x-default", "XMP caption"))
            + "<dc:creator><rdf:Seq><rdf:li>XMP Creator</rdf:li></rdf:Seq></dc:creator>"
        ),
        iim_block=iim((2, 120, b"IIM caption"), (2, 80, b"IIM Creator")),
        digest="match",
    )
    metadata = read_metadata(data)
    assert metadata["caption"] == {"value": "EXIF caption", "source": "EXIF ImageDescription"}
    # a blank EXIF Artist does not count: XMP, in step with IIM, is next
    assert metadata["creator"] == {"value": "XMP Creator", "source": "XMP dc:creator"}


def test_xmp_wins_over_iim_when_the_digest_matches_or_is_absent():
    packet = xmp_packet(lang_alt("dc:description", ("x-default", "Edited in XMP")))
    block = iim((2, 120, b"Original in IIM"))
    for digest in ("match", None):
        metadata = read_metadata(photo(xmp=packet, iim_block=block, digest=digest))
        assert metadata["caption"] == {"value": "Edited in XMP", "source": "XMP dc:description"}


def test_iim_wins_when_the_stored_digest_shows_it_was_edited_after_the_xmp():
    packet = xmp_packet(
        lang_alt("dc:description", ("x-default", "Old caption"))
        + "<photoshop:Credit>XMP Agency</photoshop:Credit>"
    )
    block = iim((2, 120, b"New caption typed in an old tool"), (2, 110, b"IIM Agency"))
    stale = hashlib.md5(b"the IIM as it was when the XMP was written").digest()
    metadata = read_metadata(photo(xmp=packet, iim_block=block, digest=stale))
    assert metadata["caption"] == {
        "value": "New caption typed in an old tool",
        "source": "IPTC Caption-Abstract",
    }
    # credit is read XMP first whatever the digest says
    assert metadata["credit"] == {"value": "XMP Agency", "source": "XMP photoshop:Credit"}


def test_iim_fills_fields_the_xmp_lacks():
    packet = xmp_packet(lang_alt("dc:description", ("x-default", "Caption from XMP")))
    block = iim((2, 120, b"Caption from IIM"), (2, 110, b"PA Media"), (2, 80, b"Kim Ode"))
    metadata = read_metadata(photo(xmp=packet, iim_block=block, digest="match"))
    assert values(metadata) == {
        "caption": "Caption from XMP",
        "credit": "PA Media",
        "creator": "Kim Ode",
    }


def test_a_value_cut_short_in_iim_is_recovered_from_xmp():
    full = "NASA, ESA, Michael Wong (Space Telescope Science Institute)"
    cut = full.encode()[:32]
    packet = xmp_packet(
        f"<photoshop:Credit>{full}</photoshop:Credit>"
        "<dc:creator><rdf:Seq><rdf:li>Test author string for metadata-extractor</rdf:li>"
        "</rdf:Seq></dc:creator>"
    )
    block = iim((2, 110, cut), (2, 80, b"Test author string for metadata-"))
    stale = b"\x00" * 16  # even when IIM is marked newer, a cut value is not kept
    metadata = read_metadata(photo(xmp=packet, iim_block=block, digest=stale))
    assert metadata["credit"] == {"value": full, "source": "XMP photoshop:Credit"}
    assert metadata["creator"]["value"] == "Test author string for metadata-extractor"


def test_camera_boilerplate_and_placeholders_are_ignored():
    data = photo(
        exif={0x010E: "OLYMPUS DIGITAL CAMERA", 0x013B: "null", 0x8298: "Copyright,    "},
        xmp=xmp_packet(lang_alt("dc:description", ("x-default", "SONY DSC"))),
        iim_block=iim((2, 120, b"A heron on the weir."), (2, 80, b"  "), (2, 116, b"(C) Pat Ng")),
    )
    assert values(read_metadata(data)) == {
        "caption": "A heron on the weir.",
        "copyright": "(C) Pat Ng",
    }
    only_null = photo(
        exif={0x010E: "null", 0x013B: "null"},
        xmp=xmp_packet(lang_alt("dc:description", ("x-default", "null"))),
        iim_block=iim((2, 120, b"null"), (2, 80, b"NULL")),
    )
    assert read_metadata(only_null) == {}


# --- character sets -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("© 2003 Joseph S. Colson".encode("latin-1"), "© 2003 Joseph S. Colson"),
        ("Café “Flore” – Paris".encode("cp1252"), "Café “Flore” – Paris"),
        ("Crème brûlée à la gare".encode("mac_roman"), "Crème brûlée à la gare"),
        ("Ærø færge".encode(), "Ærø færge"),  # UTF-8 without a 1:90 record
    ],
)
def test_iim_without_a_character_set_record_is_decoded_sensibly(raw, expected):
    metadata = read_metadata(photo(iim_block=iim((2, 116, raw))))
    assert metadata["copyright"]["value"] == expected


def test_iim_character_set_record_is_honoured():
    block = iim((1, 90, b"\x1b%G"), (2, 120, "Ünïcödé caption".encode()))
    assert read_metadata(photo(iim_block=block))["caption"]["value"] == "Ünïcödé caption"


# --- hostile input --------------------------------------------------------------------


def test_xml_entities_in_xmp_are_never_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="&c;"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    assert read_metadata(photo(xmp=bomb)) == {}


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xd8",
        b"\xff\xd8\xff\xe1\x00\x01",
        b"\xff\xd8\xff\xed\xff\xff" + b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00\xff\xff\xff\xff",
        b"\xff\xd8\xff\xe1\x00\x20Exif\x00\x00II*\x00\xff\xff\xff\xff" + b"\x00" * 20,
        b"\x89PNG\r\n\x1a\n\xff\xff\xff\xffiTXt",
        b"RIFF\x00\x00\x00\x00WEBPEXIF\xff\xff\xff\xff",
        b"II*\x00\x08\x00\x00\x00\xff\xff" + b"\x01" * 64,
        b"GIF89a<x:xmpmeta><rdf:RDF",
    ],
)
def test_broken_structures_give_an_empty_answer_not_an_error(data):
    assert read_metadata(data) == {}


def test_randomly_damaged_metadata_never_raises():
    good = photo(
        exif={0x010E: "Caption", 0x013B: "Artist Name", 0x8298: "Copyright Holder"},
        xmp=xmp_packet(lang_alt("dc:description", ("x-default", "XMP caption"))),
        iim_block=iim((1, 90, b"\x1b%G"), (2, 120, b"IIM caption"), (2, 110, b"Credit")),
        digest="match",
    )
    header_end = good.index(b"\xff\xda")  # damage the metadata, not the scan
    rng = random.Random(20240601)
    for _ in range(400):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 12)):
            damaged[rng.randrange(2, header_end)] = rng.randrange(256)
        result = read_metadata(bytes(damaged))
        assert isinstance(result, dict)
        for entry in result.values():
            assert isinstance(entry["value"], str) and entry["value"].strip()


# --- instructions ---------------------------------------------------------------------


def test_instructions_warning_flags_embargoes_and_mandatory_credits():
    assert "embargo" in instructions_warning("EMBARGOED until 00:01 GMT Tuesday")
    assert "mandatory credit" in instructions_warning("Mandatory  Credit: Getty Images")
    both = instructions_warning("Embargo 10:00. MANDATORY CREDIT: AP")
    assert "embargo" in both and "mandatory credit" in both
    assert instructions_warning("Editorial use only") is None
    assert instructions_warning("") is None


# --- real files -----------------------------------------------------------------------


def corpus_file(*parts: str) -> bytes:
    path = IMAGES.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"corpus file {path} is absent")
    return path.read_bytes()


def test_iptc_reference_image_gives_every_field():
    metadata = read_metadata(corpus_file("iptc-reference", "IPTC-PhotometadataRef-Std2021.1.jpg"))
    assert values(metadata) == {
        "caption": "The description aka caption (ref2021.1)",
        "credit": "Credit Line (ref2021.1)",
        "creator": "Creator1 (ref2021.1)",
        "copyright": "Copyright (Notice) 2021.1 IPTC - www.iptc.org  (ref2021.1)",
        "alt": "This is the Alt Text description to support accessibility in 2021.1",
        "extended_description": "This is the Extended Description to support accessibility in 2021.1",
        "headline": "The Headline (ref2021.1)",
        "instructions": "An Instruction (ref2021.1)",
    }
    assert metadata["credit"]["source"] == "XMP photoshop:Credit"
    assert metadata["caption"]["source"] == "EXIF ImageDescription"


def test_iptc_2019_reference_has_no_alt_text():
    metadata = read_metadata(
        corpus_file("iptc-reference", "Issue_258_dotnet_from_metadata-extractor-images.jpg")
    )
    assert "alt" not in metadata
    assert metadata["creator"]["value"] == "Creator1 (ref2019.1)"


def test_getty_wire_photo():
    metadata = read_metadata(corpus_file("metadata-extractor-images", "Issue_122.jpg"))
    assert metadata["creator"]["value"] == "Stephen Dunn"
    assert metadata["credit"]["value"] == "Getty Images"
    assert metadata["caption"]["value"].endswith("Mandatory Credit:  Stephen Dunn/Getty Images")


def test_hubble_credit_cut_in_iim_is_taken_complete_from_xmp():
    metadata = read_metadata(corpus_file("metadata-extractor-images", "Issue_600_1.jpg"))
    assert metadata["credit"]["source"] == "XMP photoshop:Credit"
    assert metadata["credit"]["value"].startswith("NASA, ESA, Michael Wong (Space Telescope Science")
    assert metadata["credit"]["value"].endswith("and the Jupiter Impact Team")


def test_photoshop_by_line_cut_at_32_characters_is_recovered():
    metadata = read_metadata(corpus_file("metadata-extractor-images", "Photoshop_3_.jpg"))
    assert metadata["creator"]["value"] == "Test author string for metadata-extractor"


def test_olympus_boilerplate_is_not_a_caption():
    metadata = read_metadata(corpus_file("metadata-extractor-images", "Olympus_FE230-X790.jpg"))
    assert "caption" not in metadata


def test_literal_null_is_not_a_caption_or_creator():
    metadata = read_metadata(corpus_file("metadata-extractor-images", "Issue_266.jpg"))
    assert "caption" not in metadata and "creator" not in metadata


def test_nikon_latin1_copyright_without_charset_record():
    metadata = read_metadata(corpus_file("metadata-extractor-images", "Nikon_D1X.jpg"))
    # EXIF holds the camera's "Copyright," placeholder: the IIM notice is the real one
    assert metadata["copyright"] == {
        "value": "© 2003 Joseph S. Colson",
        "source": "IPTC Copyright Notice",
    }
    assert metadata["caption"]["value"] == "Workshop showing workbench and storage"
    assert "creator" not in metadata and "credit" not in metadata  # empty IIM datasets


def test_canon_german_caption_exif_copyright_first():
    metadata = read_metadata(corpus_file("metadata-extractor-images", "Canon_EOS_7D.jpg"))
    assert metadata["caption"]["value"] == "mit blauem Kleid"
    assert metadata["copyright"] == {"value": "(C) Peter Bemmann", "source": "EXIF Copyright"}


def test_lightroom_fields_land_in_the_right_places():
    metadata = read_metadata(
        corpus_file("metadata-extractor-images", "Canon_EOS-1D_Mark_III_via_Adobe_Lightroom_.jpg")
    )
    # "caption" is the field's own name, as "description" and "copyright" are: not a caption.
    assert values(metadata) == {
        "credit": "iptc status-provider",
        "creator": "iptc creator-creator",
        "copyright": "iptc copyright-copyright",
        "headline": "iptc-headline",
        "instructions": "iptc status-inst",
    }


def test_png_with_xmp_but_no_caption_or_credit():
    metadata = read_metadata(
        corpus_file("metadata-extractor-images", "photoshop-8x12-rgb24-all-metadata.png")
    )
    assert "caption" not in metadata and "credit" not in metadata


def test_long_army_caption_is_kept_whole():
    metadata = read_metadata(corpus_file("exif-samples", "misc", "long_description.jpg"))
    assert len(metadata["caption"]["value"]) >= 400
    assert metadata["creator"]["value"] == "SSG KYLE DAVIS"


# Where we deliberately part from ExifTool's MWG composites, and why.
_DEVIATIONS = {
    ("Olympus_FE230-X790.jpg", "Description"),  # camera boilerplate
    ("Issue_266.jpg", "Description"),  # "null"
    ("Canon_EOS-1D_Mark_III_via_Adobe_Lightroom_.jpg", "Description"),  # the field's own name
    ("Issue_266.jpg", "Creator"),
    ("Nikon_D1X.jpg", "Copyright"),  # EXIF "Copyright," placeholder
    ("Nikon_D1X.jpg", "Creator"),  # empty datasets
}


def test_caption_creator_copyright_agree_with_exiftool_mwg():
    exiftool = shutil.which("exiftool")
    folder = IMAGES / "metadata-extractor-images"
    if exiftool is None or not folder.is_dir():
        pytest.skip("needs exiftool and the corpus")
    files = sorted([*folder.glob("*.jpg"), *(IMAGES / "iptc-reference").glob("*.jpg")])
    completed = subprocess.run(
        [exiftool, "-json", "-use", "MWG", "-MWG:Description", "-MWG:Creator", "-MWG:Copyright",
         *map(str, files)],
        capture_output=True, check=True, timeout=60,
    )
    fields = {"Description": "caption", "Creator": "creator", "Copyright": "copyright"}
    compared = 0
    for entry in json.loads(completed.stdout):
        name = Path(entry["SourceFile"]).name
        ours = values(read_metadata(Path(entry["SourceFile"]).read_bytes()))
        for tag, field in fields.items():
            if (name, tag) in _DEVIATIONS:
                continue
            theirs = entry.get(tag)
            if isinstance(theirs, list):
                theirs = "; ".join(map(str, theirs))
            if theirs in (None, ""):
                theirs = None
            else:
                theirs = str(theirs).replace("\r\n", "\n").strip()
            assert ours.get(field) == theirs, (name, tag)
            compared += 1
    assert compared >= 30


def test_iim_declared_latin1_is_read_as_latin1():
    # b"\xc3\xa9" reads as "é" in UTF-8, but the record says Latin-1: two characters.
    raw = "RenÃ©".encode("latin-1")
    assert read_metadata(photo(iim_block=iim((2, 80, raw))))["creator"]["value"] == "René"
    block = iim((1, 90, b"\x1b-A"), (2, 80, raw))
    assert read_metadata(photo(iim_block=block))["creator"]["value"] == "RenÃ©"


def test_iim_declared_utf8_holding_latin1_bytes_still_reads():
    block = iim((1, 90, b"\x1b%G"), (2, 116, "© Agence Française".encode("latin-1")))
    assert read_metadata(photo(iim_block=block))["copyright"]["value"] == "© Agence Française"
