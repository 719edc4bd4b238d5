"""Caption, credit, creator, copyright and alt text from a photo's own metadata.

Reads the three places newsroom photos carry text: EXIF (IFD0), IPTC-IIM (the Photoshop
APP13 resource 0x0404) and XMP. Chooses between them the way the Metadata Working Group
guidelines say and ExifTool implements them (``exiftool -use MWG``):

* caption, creator, copyright: EXIF when present and not blank; otherwise XMP, unless the
  Photoshop resources hold an IPTCDigest (0x0425) that no longer matches the IIM block
  (the IIM was edited after the XMP was written), in which case IIM; IIM also where XMP
  lacks the field.
* credit, alt text, extended description: XMP first, IIM for credit when XMP lacks it.
* headline, instructions: XMP unless the digest shows IIM is newer, IIM where XMP lacks it.

On top of MWG: a value cut short by IIM's field limits is never kept when XMP holds the
complete text, and camera boilerplate ("OLYMPUS DIGITAL CAMERA", "null") counts as absent.

Everything here parses untrusted bytes: ``read_metadata`` never raises and bounds its work
by the size of the input.
"""

from __future__ import annotations

import hashlib
import re
import struct
import xml.etree.ElementTree as ET
import zlib

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

_MAX_XMP_BYTES = 4 * 1024 * 1024
_MAX_SEGMENTS = 4096

# --- boilerplate ----------------------------------------------------------------------

# Values cameras and tools write when nobody typed anything. Compared lower-cased, with
# runs of whitespace collapsed and surrounding punctuation removed.
_BOILERPLATE = frozenset(
    {
        "olympus digital camera",
        "sony dsc",
        "digital camera",
        "kodak digital still camera",
        "minolta digital camera",
        "konica minolta digital camera",
        "samsung digital camera",
        "samsung digimax",
        "sanyo digital camera",
        "pentax digital camera",
        "casio digital camera",
        "lead technologies inc. v1.01",
        "created with gimp",
        "default",
        "untitled",
        "image",
        "picture",
        "photo",
        "null",
        "nil",
        "none",
        "n/a",
        "na",
        "undefined",
        "unknown",
        "copyright",
        "(c)",
        "©",
        "artist",
        "author",
        "description",
    }
)
_EDGE_PUNCTUATION = " \t\r\n,.;:-_/\\|*#~"


def clean_value(value: str | None) -> str:
    """The text with control characters removed and whitespace trimmed; "" for boilerplate."""
    if not value:
        return ""
    text = value.replace("\x00", " ").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch if ch >= " " or ch in "\n\t" else " " for ch in text)
    text = text.replace("\ufffd", "").strip()
    key = re.sub(r"\s+", " ", text.lower()).strip(_EDGE_PUNCTUATION)
    if not key or key in _BOILERPLATE or not re.search(r"\w", key):
        return ""
    return text


# --- text decoding --------------------------------------------------------------------

_PLAUSIBLE = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿ©®°“”‘’–—…•€ \-.,;:'\"()/&!?]")


def _decode_legacy(raw: bytes) -> str:
    """Bytes of unknown 8-bit encoding: UTF-8 if valid, else cp1252 or Mac Roman."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for codec in ("cp1252", "latin-1", "mac_roman"):
        try:
            candidates.append((codec, raw.decode(codec)))
        except UnicodeDecodeError:
            continue
    best = candidates[0][1]
    best_score = len(_PLAUSIBLE.findall(best))
    for _codec, text in candidates[1:]:
        score = len(_PLAUSIBLE.findall(text))
        if score > best_score:
            best, best_score = text, score
    return best


# --- container walking ----------------------------------------------------------------


class _Blocks:
    __slots__ = ("exif", "xmp", "irb", "iptc")

    def __init__(self) -> None:
        self.exif: bytes | None = None  # TIFF structure ("II*\0..." / "MM\0*...")
        self.xmp: bytes | None = None
        self.irb: bytes | None = None  # Photoshop image resource blocks
        self.iptc: bytes | None = None  # raw IIM, when stored outside an IRB (TIFF)


def _walk_jpeg(data: bytes, blocks: _Blocks) -> None:
    pos = 2
    irb_parts: list[bytes] = []
    n = len(data)
    for _ in range(_MAX_SEGMENTS):
        if pos + 4 > n:
            break
        if data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no more metadata
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if length < 2:
            break
        body = data[pos + 4 : pos + 2 + length]
        if marker == 0xE1:
            if body.startswith(b"Exif\x00") and blocks.exif is None:
                blocks.exif = body[6:]
            elif body.startswith(b"http://ns.adobe.com/xap/1.0/\x00") and blocks.xmp is None:
                blocks.xmp = body[29:]
        elif marker == 0xED and body.startswith(b"Photoshop 3.0\x00"):
            irb_parts.append(body[14:])
        pos += 2 + length
    if irb_parts:
        blocks.irb = b"".join(irb_parts)


def _walk_png(data: bytes, blocks: _Blocks) -> None:
    pos = 8
    n = len(data)
    for _ in range(_MAX_SEGMENTS):
        if pos + 8 > n:
            break
        length, ctype = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if ctype == b"eXIf" and blocks.exif is None:
            blocks.exif = body[6:] if body.startswith(b"Exif\x00") else body
        elif ctype == b"iTXt" and body.startswith(b"XML:com.adobe.xmp\x00"):
            rest = body[len(b"XML:com.adobe.xmp\x00") :]
            if len(rest) >= 2:
                compressed = rest[0] == 1
                rest = rest[2:]
                # language tag and translated keyword, each NUL-terminated
                for _skip in range(2):
                    cut = rest.find(b"\x00")
                    rest = rest[cut + 1 :] if cut >= 0 else b""
                if compressed:
                    try:
                        dec = zlib.decompressobj()
                        rest = dec.decompress(rest, _MAX_XMP_BYTES)
                    except zlib.error:
                        rest = b""
                blocks.xmp = blocks.xmp or rest
        elif ctype in (b"tEXt", b"zTXt") and body.startswith(b"Raw profile type "):
            # ImageMagick stores profiles as hex text: "\n<name>\n<length>\n<hex...>"
            blocks_from_raw_profile(body, ctype == b"zTXt", blocks)
        elif ctype == b"IEND":
            break
        pos += 12 + length


def blocks_from_raw_profile(body: bytes, compressed: bool, blocks: _Blocks) -> None:
    cut = body.find(b"\x00")
    if cut < 0:
        return
    kind = body[len(b"Raw profile type ") : cut].decode("latin-1").lower()
    payload = body[cut + 1 :]
    if compressed:
        try:
            payload = zlib.decompressobj().decompress(payload[1:], _MAX_XMP_BYTES)
        except zlib.error:
            return
    parts = payload.split(b"\n", 3)
    if len(parts) < 4:
        return
    try:
        raw = bytes.fromhex(parts[3].decode("ascii", "ignore").replace("\n", "").strip())
    except ValueError:
        return
    if kind in ("exif", "app1") and blocks.exif is None:
        blocks.exif = raw[6:] if raw.startswith(b"Exif\x00") else raw
    elif kind in ("iptc", "8bim") and blocks.irb is None:
        if raw.startswith(b"8BIM"):
            blocks.irb = raw
        else:
            blocks.iptc = raw
    elif kind == "xmp" and blocks.xmp is None:
        blocks.xmp = raw


def _walk_webp(data: bytes, blocks: _Blocks) -> None:
    pos = 12
    n = len(data)
    for _ in range(_MAX_SEGMENTS):
        if pos + 8 > n:
            break
        ctype, length = struct.unpack("<4sI", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if ctype == b"EXIF" and blocks.exif is None:
            blocks.exif = body[6:] if body.startswith(b"Exif\x00") else body
        elif ctype == b"XMP " and blocks.xmp is None:
            blocks.xmp = body
        pos += 8 + length + (length & 1)


def _walk_tiff(data: bytes, blocks: _Blocks) -> None:
    blocks.exif = data
    tags = _ifd0_raw(data, {700, 33723, 34377})
    if 700 in tags:
        blocks.xmp = tags[700]
    if 34377 in tags:
        blocks.irb = tags[34377]
    if 33723 in tags:
        blocks.iptc = tags[33723]


def _find_xmp_packet(data: bytes) -> bytes | None:
    start = data.find(b"<x:xmpmeta")
    if start < 0:
        start = data.find(b"<rdf:RDF")
        end_tag = b"</rdf:RDF>"
    else:
        end_tag = b"</x:xmpmeta>"
    if start < 0:
        return None
    end = data.find(end_tag, start)
    if end < 0:
        return None
    return data[start : end + len(end_tag)]


def _collect(data: bytes) -> _Blocks:
    blocks = _Blocks()
    if data.startswith(b"\xff\xd8"):
        _walk_jpeg(data, blocks)
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        _walk_png(data, blocks)
    elif data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        _walk_webp(data, blocks)
    elif data[:4] in (b"II*\x00", b"MM\x00*"):
        _walk_tiff(data, blocks)
    elif data[:6] in (b"GIF87a", b"GIF89a") or data[4:8] == b"ftyp":
        # GIF keeps XMP in an application extension, HEIF in an item: find the packet.
        blocks.xmp = _find_xmp_packet(data[: 64 * 1024 * 1024])
        if data[4:8] == b"ftyp":
            at = data.find(b"Exif\x00\x00")
            if at >= 0:
                blocks.exif = data[at + 6 :]
    return blocks


# --- EXIF -----------------------------------------------------------------------------

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}


def _ifd0_raw(tiff: bytes, wanted: set[int]) -> dict[int, bytes]:
    """Raw bytes of the wanted tags of the first IFD of a TIFF structure."""
    if len(tiff) < 8:
        return {}
    order = tiff[:2]
    if order == b"II":
        end = "<"
    elif order == b"MM":
        end = ">"
    else:
        return {}
    (offset,) = struct.unpack(end + "I", tiff[4:8])
    if offset < 8 or offset + 2 > len(tiff):
        return {}
    (count,) = struct.unpack(end + "H", tiff[offset : offset + 2])
    out: dict[int, bytes] = {}
    for i in range(min(count, 1024)):
        entry = offset + 2 + 12 * i
        if entry + 12 > len(tiff):
            break
        tag, typ, n = struct.unpack(end + "HHI", tiff[entry : entry + 8])
        if tag not in wanted or tag in out:
            continue
        size = _TYPE_SIZES.get(typ, 1) * n
        if size <= 4:
            raw = tiff[entry + 8 : entry + 8 + size]
        else:
            (where,) = struct.unpack(end + "I", tiff[entry + 8 : entry + 12])
            if where + size > len(tiff):
                continue
            raw = tiff[where : where + size]
        out[tag] = raw
    return out


_EXIF_TAGS = {
    0x010E: "ImageDescription",
    0x013B: "Artist",
    0x8298: "Copyright",
    0x9C9B: "XPTitle",
    0x9C9C: "XPComment",
    0x9C9D: "XPAuthor",
}


def _read_exif(tiff: bytes) -> dict[str, str]:
    raw = _ifd0_raw(tiff, set(_EXIF_TAGS))
    out: dict[str, str] = {}
    for tag, name in _EXIF_TAGS.items():
        value = raw.get(tag)
        if value is None:
            continue
        if name.startswith("XP"):
            text = value.decode("utf-16-le", "replace").split("\x00", 1)[0]
        elif name == "Copyright":
            # "photographer NUL editor": keep both parts when both are present.
            parts = [_decode_legacy(p).strip() for p in value.split(b"\x00")]
            text = "; ".join(p for p in parts if p)
        else:
            text = _decode_legacy(value.split(b"\x00", 1)[0])
        out[name] = text
    return out


# --- Photoshop resources and IPTC-IIM -------------------------------------------------


def _irb_resources(irb: bytes) -> dict[int, bytes]:
    """First occurrence of each Photoshop image resource, by id."""
    out: dict[int, bytes] = {}
    pos = 0
    n = len(irb)
    for _ in range(_MAX_SEGMENTS):
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


def _parse_iim(iim: bytes) -> dict[tuple[int, int], list[bytes]]:
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


_IIM_FIELDS = {
    "caption": ((2, 120), "IPTC Caption-Abstract"),
    "credit": ((2, 110), "IPTC Credit"),
    "creator": ((2, 80), "IPTC By-line"),
    "copyright": ((2, 116), "IPTC Copyright Notice"),
    "headline": ((2, 105), "IPTC Headline"),
    "instructions": ((2, 40), "IPTC Special Instructions"),
}


def _read_iim(iim: bytes) -> dict[str, str]:
    datasets = _parse_iim(iim)
    charset = b"".join(datasets.get((1, 90), [b""])[:1])
    # ESC - A / ESC . A designate ISO 8859-1 (Latin-1) explicitly.
    latin1 = b"\x1b%G" not in charset and (b"\x1b-A" in charset or b"\x1b.A" in charset)
    out: dict[str, str] = {}
    for field, ((record, dataset), _source) in _IIM_FIELDS.items():
        values = []
        for raw in datasets.get((record, dataset), []):
            raw = raw.rstrip(b"\x00")
            if latin1:
                text = raw.decode("latin-1")
            else:
                # UTF-8 first, declared (1:90 ESC % G) or not; a record that promises
                # UTF-8 but holds 8-bit bytes (it happens) still reads sensibly.
                text = _decode_legacy(raw)
            text = clean_value(text)
            if text and text not in values:
                values.append(text)
        if values:
            out[field] = "; ".join(values)
    return out


# --- XMP ------------------------------------------------------------------------------

_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_RDF = "{%s}" % _NS["rdf"]

_XMP_FIELDS = {
    "caption": ("dc", "description"),
    "creator": ("dc", "creator"),
    "copyright": ("dc", "rights"),
    "credit": ("photoshop", "Credit"),
    "headline": ("photoshop", "Headline"),
    "instructions": ("photoshop", "Instructions"),
    "alt": ("Iptc4xmpCore", "AltTextAccessibility"),
    "extended_description": ("Iptc4xmpCore", "ExtDescrAccessibility"),
}


def _xmp_property_value(element: ET.Element) -> str:
    for container in element:
        if container.tag == _RDF + "Alt":
            items = [li for li in container if li.tag == _RDF + "li"]
            chosen = None
            for li in items:
                if (li.get(_XML_LANG) or "").lower() == "x-default" and clean_value(li.text):
                    chosen = li
                    break
            if chosen is None:
                chosen = next((li for li in items if clean_value(li.text)), None)
            return clean_value(chosen.text) if chosen is not None else ""
        if container.tag in (_RDF + "Seq", _RDF + "Bag"):
            values = []
            for li in container:
                if li.tag == _RDF + "li":
                    text = clean_value(li.text)
                    if text and text not in values:
                        values.append(text)
            return "; ".join(values)
    return clean_value(element.text)


def _read_xmp(packet: bytes) -> dict[str, str]:
    packet = packet[:_MAX_XMP_BYTES]
    inner = _find_xmp_packet(packet)
    if inner is None:
        return {}
    if b"<!DOCTYPE" in inner or b"<!ENTITY" in inner:
        return {}  # no entity expansion from a photo, ever
    try:
        root = ET.fromstring(inner)
    except (ET.ParseError, ValueError):
        return {}
    out: dict[str, str] = {}
    for description in root.iter(_RDF + "Description"):
        for field, (prefix, local) in _XMP_FIELDS.items():
            if field in out:
                continue
            qname = "{%s}%s" % (_NS[prefix], local)
            attribute = description.get(qname)
            if attribute is not None:
                value = clean_value(attribute)
            else:
                element = description.find(qname)
                value = _xmp_property_value(element) if element is not None else ""
            if value:
                out[field] = value
    return out


# --- choosing -------------------------------------------------------------------------

_XMP_SOURCES = {field: f"XMP {prefix}:{local}" for field, (prefix, local) in _XMP_FIELDS.items()}
_IIM_SOURCES = {field: source for field, (_key, source) in _IIM_FIELDS.items()}
_EXIF_FIELDS = {
    "caption": ("ImageDescription", "XPComment"),
    "creator": ("Artist", "XPAuthor"),
    "copyright": ("Copyright",),
    "headline": ("XPTitle",),
}


def _pick_iim(field: str, iim: dict[str, str], xmp: dict[str, str]) -> tuple[str, str] | None:
    """The IIM value, or XMP's when IIM's is the start of it (IIM cut it short)."""
    value = iim.get(field)
    if not value:
        return None
    complete = xmp.get(field)
    if complete and len(complete) > len(value) and complete.startswith(value):
        return complete, _XMP_SOURCES[field]
    return value, _IIM_SOURCES[field]


def _choose(
    exif: dict[str, str], iim: dict[str, str], xmp: dict[str, str], iim_newer: bool
) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}

    def put(field: str, pair: tuple[str, str] | None) -> bool:
        if pair and pair[0]:
            result[field] = {"value": pair[0], "source": pair[1]}
            return True
        return False

    for field in ("caption", "creator", "copyright"):
        primary = _EXIF_FIELDS[field][0]
        if put(field, (clean_value(exif.get(primary)), f"EXIF {primary}")):
            continue
        if field in xmp and not iim_newer:
            put(field, (xmp[field], _XMP_SOURCES[field]))
        elif not put(field, _pick_iim(field, iim, xmp)) and field in xmp:
            put(field, (xmp[field], _XMP_SOURCES[field]))
        if field not in result:
            for fallback in _EXIF_FIELDS[field][1:]:
                if put(field, (clean_value(exif.get(fallback)), f"EXIF {fallback}")):
                    break

    for field in ("credit", "alt", "extended_description"):
        if field in xmp:
            put(field, (xmp[field], _XMP_SOURCES[field]))
        else:
            put(field, _pick_iim(field, iim, xmp))

    for field in ("headline", "instructions"):
        if field in xmp and not (iim_newer and field in iim):
            put(field, (xmp[field], _XMP_SOURCES[field]))
        else:
            put(field, _pick_iim(field, iim, xmp))
    if "headline" not in result:
        put("headline", (clean_value(exif.get("XPTitle")), "EXIF XPTitle"))

    return {field: result[field] for field in FIELDS if field in result}


def read_metadata(data: bytes) -> dict:
    """{field: {"value": str, "source": str}} for the fields the photo carries.

    Fields are among ``FIELDS``; absent or boilerplate ones are omitted. Never raises:
    whatever part of hostile or broken metadata cannot be read is skipped.
    """
    try:
        blocks = _collect(bytes(data))
    except Exception:  # noqa: BLE001 - hostile input must not stop an import
        return {}

    exif: dict[str, str] = {}
    iim: dict[str, str] = {}
    xmp: dict[str, str] = {}
    iim_newer = False
    try:
        if blocks.exif:
            exif = _read_exif(blocks.exif)
    except Exception:  # noqa: BLE001
        exif = {}
    try:
        iim_block = blocks.iptc
        stored_digest = None
        if blocks.irb:
            resources = _irb_resources(blocks.irb)
            iim_block = resources.get(0x0404, iim_block)
            stored_digest = resources.get(0x0425)
        if iim_block:
            iim = _read_iim(iim_block)
            if stored_digest and len(stored_digest) == 16:
                iim_newer = hashlib.md5(iim_block, usedforsecurity=False).digest() != stored_digest
    except Exception:  # noqa: BLE001
        iim, iim_newer = {}, False
    try:
        if blocks.xmp:
            xmp = _read_xmp(blocks.xmp)
    except Exception:  # noqa: BLE001
        xmp = {}
    try:
        return _choose(exif, iim, xmp, iim_newer)
    except Exception:  # noqa: BLE001
        return {}


def instructions_warning(instructions: str) -> str | None:
    """A sentence for the picture desk when the photo's instructions restrict its use."""
    text = (instructions or "").lower()
    embargo = "embargo" in text
    mandatory = re.search(r"mandatory\s+credit", text) is not None
    if embargo and mandatory:
        return "The photo's instructions set an embargo and a mandatory credit: read them before publishing."
    if embargo:
        return "The photo's instructions mention an embargo: check the release time before publishing."
    if mandatory:
        return "The photo's instructions require a mandatory credit: make sure the credit line matches them."
    return None
