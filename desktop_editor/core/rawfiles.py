"""Recognising raw camera files, which are not taken.

A raw file holds the sensor's data, which needs a raw developer, and one or more small
previews, which Pillow would happily open: a 3516x2328 DNG becomes its 8x8 thumbnail. So a
raw file is refused before anything is decoded, with a sentence that says what to send.

Recognised by content first, then by name:

* TIFF-based raws (DNG, CR2, NEF, NRW, ARW, SR2, SRF, PEF, ERF, 3FR, MEF, MOS, IIQ, SRW,
  KDC, DCR...): DNG's DNGVersion tag; CR2's "CR" signature; IIQ's "IIII" signature; colour
  filter array or linear raw data (PhotometricInterpretation 32803 or 34892) in IFD0 or
  any SubIFD; compression schemes only raw files use; a reduced-resolution IFD0 whose full
  picture lives in a SubIFD (the main image is not where a TIFF reader looks).
* Their own containers: CR3 (ISO base media, brand "crx "), RAF ("FUJIFILMCCD-RAW"),
  ORF ("IIRO", "IIRS", "MMOR"), RW2 ("IIU\\0"), MRW ("\\0MRM"), X3F ("FOVb"), CRW
  ("HEAPCCDR"), Kodak DCR/K25.
* The file name's extension, for the rest.
"""

from __future__ import annotations

import os

from desktop_editor.core.metadata.tiff import Tiff, is_tiff

RAW_EXTENSIONS = {
    ".3fr": "Hasselblad 3FR", ".ari": "ARRI", ".arw": "Sony ARW", ".bay": "Casio BAY",
    ".cap": "Phase One CAP", ".cr2": "Canon CR2", ".cr3": "Canon CR3", ".crw": "Canon CRW",
    ".dcr": "Kodak DCR", ".dcs": "Kodak DCS", ".dng": "DNG", ".eip": "Phase One EIP",
    ".erf": "Epson ERF", ".fff": "Hasselblad FFF", ".gpr": "GoPro GPR", ".iiq": "Phase One IIQ",
    ".k25": "Kodak K25", ".kdc": "Kodak KDC", ".mdc": "Minolta MDC", ".mef": "Mamiya MEF",
    ".mos": "Leaf MOS", ".mrw": "Minolta MRW", ".nef": "Nikon NEF", ".nrw": "Nikon NRW",
    ".orf": "Olympus ORF", ".ori": "Olympus ORI", ".pef": "Pentax PEF", ".ptx": "Pentax PTX",
    ".pxn": "Logitech PXN", ".r3d": "RED R3D", ".raf": "Fujifilm RAF", ".raw": "raw",
    ".rwl": "Leica RWL", ".rw2": "Panasonic RW2", ".rwz": "Rawzor", ".sr2": "Sony SR2",
    ".srf": "Sony SRF", ".srw": "Samsung SRW", ".x3f": "Sigma X3F",
}

_SIGNATURES = (
    (0, b"FUJIFILMCCD-RAW", "Fujifilm RAF"),
    (0, b"IIRO", "Olympus ORF"),
    (0, b"IIRS", "Olympus ORF"),
    (0, b"MMOR", "Olympus ORF"),
    (0, b"IIU\x00", "Panasonic RW2"),
    (0, b"\x00MRM", "Minolta MRW"),
    (0, b"FOVb", "Sigma X3F"),
    (6, b"HEAPCCDR", "Canon CRW"),
    (8, b"CR\x02", "Canon CR2"),
    (8, b"IIII", "Phase One IIQ"),
)

_DNG_VERSION = 50706
_NEW_SUBFILE_TYPE = 254
_WIDTH, _HEIGHT = 256, 257
_COMPRESSION = 259
_PHOTOMETRIC = 262
_MAKE = 271
_SUB_IFDS = 330
_CFA, _LINEAR_RAW = 32803, 34892
# Compression schemes only raw files use: Kodak, Sony ARW, packed raw, Samsung SRW,
# Panasonic, Nikon NEF, lossy DNG, JPEG XL DNG, Kodak DCR, Pentax PEF.
_RAW_COMPRESSIONS = {262, 32767, 32769, 32770, 32771, 32772, 34316, 34713, 34892, 52546, 65000, 65535}
_WANTED = {_DNG_VERSION, _NEW_SUBFILE_TYPE, _WIDTH, _HEIGHT, _COMPRESSION, _PHOTOMETRIC, _MAKE, _SUB_IFDS}


def _tiff_raw_kind(data: bytes) -> str | None:
    tiff = Tiff(data)
    if not tiff:
        return None
    ifd0, _next = tiff.ifd(tiff.first, _WANTED)
    if _DNG_VERSION in ifd0:
        return "DNG"
    directories = [ifd0]
    for offset in tiff.ints(ifd0.get(_SUB_IFDS))[:16]:
        sub, _next = tiff.ifd(offset, _WANTED)
        directories.append(sub)
    for directory in directories:
        photometric = tiff.ints(directory.get(_PHOTOMETRIC))
        compression = tiff.ints(directory.get(_COMPRESSION))
        if photometric and photometric[0] in (_CFA, _LINEAR_RAW):
            return _maker_raw(tiff, ifd0)
        if compression and compression[0] in _RAW_COMPRESSIONS:
            return _maker_raw(tiff, ifd0)

    def area(directory) -> int:
        width, height = tiff.ints(directory.get(_WIDTH)), tiff.ints(directory.get(_HEIGHT))
        return width[0] * height[0] if width and height else 0

    reduced = tiff.ints(ifd0.get(_NEW_SUBFILE_TYPE))
    if reduced and reduced[0] & 1 and any(area(sub) > area(ifd0) for sub in directories[1:]):
        return _maker_raw(tiff, ifd0)
    return None


def _maker_raw(tiff: Tiff, ifd0) -> str:
    make = ifd0.get(_MAKE)
    name = make.raw.split(b"\x00", 1)[0].decode("latin-1").strip() if make else ""
    return f"{name.split()[0].capitalize()} raw" if name else "raw"


def _isobmff_raw_kind(data: bytes) -> str | None:
    if data[4:8] != b"ftyp":
        return None
    size = int.from_bytes(data[:4], "big")
    brands = data[8 : min(max(size, 16), 64)]
    if b"crx " in brands:
        return "Canon CR3"
    return None


def raw_kind(data: bytes, name: str = "") -> str | None:
    """A name for the kind of raw camera file data is ("DNG", "Nikon NEF"...), or None."""
    head = data[:64]
    for offset, magic, kind in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return kind
    try:
        found = _isobmff_raw_kind(head)
        if found is None and is_tiff(data):
            found = _tiff_raw_kind(data)
    except Exception:  # noqa: BLE001 - a damaged header is judged by its name below
        found = None
    if found is not None:
        extension = os.path.splitext(name.lower())[1]
        return RAW_EXTENSIONS.get(extension, found) if found.endswith("raw") else found
    return RAW_EXTENSIONS.get(os.path.splitext(str(name).lower())[1])
