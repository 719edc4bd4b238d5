"""XMP: finding the packet in whatever bytes hold it, in any of the encodings the XMP
specification allows (UTF-8, UTF-16 and UTF-32, either byte order), and reading the fields
the desk uses from it. Never expands an entity, never follows a reference.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from desktop_editor.core.metadata.text import clean_value

MAX_XMP_BYTES = 4 * 1024 * 1024

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "xmpNote": "http://ns.adobe.com/xmp/note/",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_RDF = "{%s}" % NS["rdf"]

FIELDS = {
    "caption": ("dc", "description"),
    "creator": ("dc", "creator"),
    "copyright": ("dc", "rights"),
    "credit": ("photoshop", "Credit"),
    "headline": ("photoshop", "Headline"),
    "instructions": ("photoshop", "Instructions"),
    "alt": ("Iptc4xmpCore", "AltTextAccessibility"),
    "extended_description": ("Iptc4xmpCore", "ExtDescrAccessibility"),
}
SOURCES = {field: f"XMP {prefix}:{local}" for field, (prefix, local) in FIELDS.items()}

# The outermost element a packet may have, and its end: x:xmpmeta (x:xapmeta from the first
# XMP tools), or a bare rdf:RDF.
_BOUNDS = (
    ("<x:xmpmeta", "</x:xmpmeta>"),
    ("<x:xapmeta", "</x:xapmeta>"),
    ("<rdf:RDF", "</rdf:RDF>"),
)
_ENCODINGS = ("utf-8", "utf-16-be", "utf-16-le", "utf-32-be", "utf-32-le")


def _candidate(data: bytes, encoding: str) -> str | None:
    for start_tag, end_tag in _BOUNDS:
        start = data.find(start_tag.encode(encoding))
        if start < 0:
            continue
        end_bytes = end_tag.encode(encoding)
        end = data.find(end_bytes, start)
        if end >= 0:
            return data[start : end + len(end_bytes)].decode(encoding, "replace")
    return None


def _oddity(text: str) -> int:
    """How many characters look like a wrong guess of the encoding."""
    return sum(1 for ch in text if ch == "\ufffd" or "\u0100" <= ch < "\u2000" or ch >= "\u3000")


def find_packet(data: bytes) -> str | None:
    """The text of the first XMP packet in data, from its outermost element to that
    element's end, decoded from whichever encoding it was written in.

    A UTF-16 or UTF-32 packet found at the wrong byte offset reads as the other byte
    order, so the byte-order mark of the packet's header decides when there is one (as
    ExifTool reads it), and otherwise the reading with fewer impossible characters wins.
    """
    data = data[: 64 * 1024 * 1024]
    text = _candidate(data, "utf-8")
    if text is not None:
        return text
    candidates = []
    for encoding in _ENCODINGS[1:]:
        text = _candidate(data, encoding)
        if text is None:
            continue
        if data.find('<?xpacket begin="\ufeff'.encode(encoding)) >= 0:
            return text
        candidates.append(text)
    return min(candidates, key=_oddity) if candidates else None


def _property_value(element: ET.Element, cameras: tuple[str, ...]) -> str:
    for container in element:
        if container.tag == _RDF + "Alt":
            items = [li for li in container if li.tag == _RDF + "li"]
            chosen = None
            for li in items:
                if (li.get(_XML_LANG) or "").lower() == "x-default" and clean_value(li.text, cameras):
                    chosen = li
                    break
            if chosen is None:
                chosen = next((li for li in items if clean_value(li.text, cameras)), None)
            return clean_value(chosen.text, cameras) if chosen is not None else ""
        if container.tag in (_RDF + "Seq", _RDF + "Bag"):
            values = []
            for li in container:
                if li.tag == _RDF + "li":
                    text = clean_value(li.text, cameras)
                    if text and text not in values:
                        values.append(text)
            return "; ".join(values)
    return clean_value(element.text, cameras)


def _parse(packet: bytes) -> ET.Element | None:
    text = find_packet(packet[:MAX_XMP_BYTES])
    if text is None:
        return None
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return None  # no entity expansion from a photo, ever
    try:
        return ET.fromstring(text)
    except (ET.ParseError, ValueError):
        return None


def extended_guid(packet: bytes) -> str | None:
    """The GUID of the extended XMP the main packet points to (xmpNote:HasExtendedXMP)."""
    root = _parse(packet)
    if root is None:
        return None
    qname = "{%s}HasExtendedXMP" % NS["xmpNote"]
    for description in root.iter(_RDF + "Description"):
        value = description.get(qname)
        if value is None:
            element = description.find(qname)
            value = element.text if element is not None else None
        if value and value.strip():
            return value.strip()
    return None


def read_xmp(packet: bytes, cameras: tuple[str, ...] = ()) -> dict[str, str]:
    """{field: cleaned text} for the FIELDS the packet holds."""
    root = _parse(packet)
    if root is None:
        return {}
    out: dict[str, str] = {}
    for description in root.iter(_RDF + "Description"):
        for field, (prefix, local) in FIELDS.items():
            if field in out:
                continue
            qname = "{%s}%s" % (NS[prefix], local)
            attribute = description.get(qname)
            if attribute is not None:
                value = clean_value(attribute, cameras)
            else:
                element = description.find(qname)
                value = _property_value(element, cameras) if element is not None else ""
            if value:
                out[field] = value
    return out
