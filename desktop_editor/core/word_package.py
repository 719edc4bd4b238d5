"""A Word package (.docx) checked before it is read: its sizes, as the zip declares them,
within limits, and every XML part well formed and free of document type declarations.

Reading a zip member never inflates it past the size the archive declares (the reader stops
there and the checksum then fails), so checking the declared sizes bounds the memory and
time any later reading takes: a zip bomb is refused in microseconds. XML parts are read
through expat in chunks with every DTD refused: Word never writes one, and entity
expansion (billion laughs) and external entities (a reference to /etc/passwd) both need
one. Pure Python, no Qt.
"""

from __future__ import annotations

import zipfile
import zlib
from xml.parsers import expat

from desktop_editor.core.bundle import BundleError
from desktop_editor.core.inputs import MB, size_text

MAX_DOCX_BYTES = 100 * MB  # the file itself
MAX_XML_BYTES = 8 * MB  # each XML part unpacked: a 300-page report is about 5 MB
MAX_UNPACKED_BYTES = 300 * MB  # all parts together, pictures included
MAX_PARTS = 10_000
_CHUNK = 1 << 16


class _Declared(Exception):
    pass


def _looks_like_xml(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    name = info.filename.lower()
    if name.endswith((".xml", ".rels", ".vml")):
        return True
    with package.open(info) as part:
        start = part.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<")


def _refuse_declarations(*_args) -> None:
    raise _Declared


def _scan(package: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.ExternalEntityRefHandler = _refuse_declarations
    try:
        with package.open(info) as part:
            while chunk := part.read(_CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Declared:
        raise BundleError(
            f"{name}: its part {info.filename} declares a document type (entities), which Word "
            "never writes; it was not read."
        ) from None
    except expat.ExpatError as error:
        raise BundleError(
            f"{name}: its part {info.filename} is not well-formed XML (line {error.lineno}); "
            "the document is damaged."
        ) from None


def check_package(package: zipfile.ZipFile, name: str) -> None:
    """BundleError with a sentence when the package is too large unpacked, or holds an XML
    part that is too large, not well formed, or declares a document type."""
    from desktop_editor.core.images import MAX_BYTES

    parts = package.infolist()
    if len(parts) > MAX_PARTS:
        raise BundleError(f"{name} holds {len(parts):,} parts, more than the {MAX_PARTS:,} a Word document may.")
    total = sum(info.file_size for info in parts)
    if total > MAX_UNPACKED_BYTES:
        raise BundleError(
            f"{name} would unpack to {size_text(total)}, more than the {size_text(MAX_UNPACKED_BYTES)} "
            "a Word document may; it was not read."
        )
    for info in parts:
        xml = _looks_like_xml(package, info)
        limit = MAX_XML_BYTES if xml else MAX_BYTES
        if info.file_size > limit:
            raise BundleError(
                f"{name}: its part {info.filename} would unpack to {size_text(info.file_size)}, more "
                f"than the {size_text(limit)} allowed; it was not read."
            )
        if xml:
            _scan(package, info, name)


def unreadable(name: str, error: BaseException) -> str:
    """The sentence for a package the reader failed on."""
    if isinstance(error, expat.ExpatError):
        return f"{name} has a part that is not well-formed XML (line {error.lineno}); the document is damaged."
    if isinstance(error, KeyError):
        return f"{name} lacks a part every Word document has; it is damaged or not a .docx."
    if isinstance(error, zipfile.LargeZipFile | NotImplementedError):
        return f"{name} uses a zip feature Word does not (ZIP64 or an unusual compression); it was not read."
    if isinstance(error, MemoryError):
        return f"{name} is too large to read in the memory available."
    if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError | OSError):
        return f"{name} is not a Word document (.docx) that can be read: the file is damaged or not a .docx."
    return f"{name} is not a Word document (.docx) that can be read."
