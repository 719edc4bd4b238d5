"""Text from metadata fields: control characters out, legacy encodings guessed, and the
values cameras and software write when nobody typed anything counted as absent.

The boilerplate rule goes by the shape of what cameras and programs write, not by a list
of every model: the file's own EXIF Make and Model ("NIKON D70" as a caption), a maker
name followed by "DIGITAL CAMERA", "DSC" or "CSC" ("GE DIGITAL CAMERA", "SAMSUNG CSC"),
a camera's file name or DCIM path ("DCIM\\100GOPRO\\GOPR0482.JPG"), a standard or version
signature ("DCF 1.0", "Exif_JPEG_PICTURE"), a program's signature ("Created with The
GIMP", "File written by Adobe Photoshop 4.0", "LEAD Technologies Inc. V1.01"), and the
placeholders people and tools leave ("null", "Copyright", "untitled"). Anything longer or
shaped like a sentence is a person's words and is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_EDGE_PUNCTUATION = " \t\r\n,.;:-_/\\|*#~'\"()[]"

# Placeholders: a field's own name, "nothing here" words and bare copyright marks.
_PLACEHOLDERS = frozenset(
    {
        "null", "nil", "none", "n/a", "na", "undefined", "unknown", "default", "untitled",
        "no title", "no caption", "no description", "no headline", "no instructions", "image", "picture", "photo", "photograph",
        "copyright", "(c)", "c", "©", "all rights reserved", "artist", "author", "creator",
        "description", "caption", "title", "headline", "credit", "byline", "by-line",
        "image description", "user comment", "comment", "digital camera", "camera",
        "jpeg", "jpg", "exif", "exif_jpeg_picture", "exif jpeg picture", "jfif", "test",
    }
)

# Makers whose cameras write "<MAKER> DIGITAL CAMERA" and the like into ImageDescription.
_MAKERS = (
    "olympus|sony|kodak|eastman kodak company|minolta|konica|konica minolta|samsung|"
    "samsung techwin|sanyo|pentax|asahi|casio|ge|general imaging|nikon|canon|fujifilm|fuji|"
    "panasonic|lumix|ricoh|hp|hewlett-packard|polaroid|vivitar|benq|agfa|agfaphoto|"
    "praktica|aiptek|jvc|toshiba|sharp|leica|sigma|epson|mustek|concord|argus|digimax|"
    "kyocera|contax|yashica|premier|traveler|medion|rollei|maginon|disney|coolpix|"
    "finepix|cybershot|cyber-shot|powershot|ixus|exilim|optio|easyshare|camedia"
)
_CAMERA_WORDS = (
    r"(?:digital (?:still )?camera|digital camera dc|digital still|digital|dsc|csc|"
    r"digicam|camera|dc|imaging)"
)
_MAKER_CAMERA = re.compile(rf"^(?:{_MAKERS})(?: [a-z0-9-]+){{0,2}} {_CAMERA_WORDS}(?: [a-z0-9-]+)?$")
_SHOUTED_CAMERA = re.compile(rf"^[A-Z0-9&.-]+(?: [A-Z0-9&.-]+){{0,2}} {_CAMERA_WORDS.upper()}$")

# A camera's own file names and folders: DCIM\100GOPRO\GOPR0482.JPG, IMG_1234.JPG, ...
_DCIM_PATH = re.compile(r"(?:^|[\\/])dcim[\\/]", re.IGNORECASE)
_FILE_NAME = re.compile(
    r"^(?:[a-z]:)?[\w\\/ .-]{0,200}\.(?:jpe?g|tiff?|png|gif|heic|heif|avif|webp|dng|cr2|cr3|"
    r"nef|arw|raf|orf|rw2|psd|bmp)$",
    re.IGNORECASE,
)

# Standards and program signatures written where a caption or a comment belongs.
_SOFTWARE = (
    r"(?:the )?gimp|adobe (?:photoshop|lightroom|imageready)|photoshop|imagemagick|graphicsmagick|paint shop pro|paint\.net|"
    r"acd ?systems?|acdsee|picasa|corel|ulead|irfanview|xnview|lead technologies|"
    r"ms paint|microsoft paint|darktable|rawtherapee|digikam|gthumb|shotwell"
)
_SIGNATURES = re.compile(
    r"^(?:"
    r"dcf ?\d(?:\.\d+)*|exif(?:[ _]?jpeg)?(?:[ _]?\d+)?(?:[ _]picture)?|jfif[ _]?\d*(?:\.\d+)*|"
    r"ver(?:sion)?\.? ?\d+(?:\.\d+)*|v\d+(?:\.\d+)+|"
    r"(?:file|image|picture|photo) (?:written|created|saved|generated|edited) (?:by|with|using) .{1,80}|"
    r"(?:created|made|edited|processed|saved|generated|converted|optimi[sz]ed|compressed|encoded)"
    rf" (?:with|using|by) (?:(?:{_SOFTWARE})[\w .()-]{{0,40}}|[\w.-]+(?: [\w.-]+){{0,2}} v?\d+(?:\.\d+)*)|"
    rf"(?:{_SOFTWARE})(?: [\w.()-]+){{0,4}} ?v?\d+(?:\.\d+)*[a-z]?|"
    r"lead technologies.{0,40}|(?:the )?gimp|jpeg encoder[\w .()-]{0,20}|"
    r"(?:sony|nikon|canon|olympus|kodak|fujifilm|samsung|pentax|panasonic) [\w.-]+ ver\.? ?[\d.]+"
    r")$",
    re.IGNORECASE,
)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip(_EDGE_PUNCTUATION)


def camera_names(make: str = "", model: str = "") -> tuple[str, ...]:
    """Lower-cased names that in a text field mean the camera wrote it: the file's own
    EXIF Make and Model, alone and together, and the Model without the maker in front."""
    make_key, model_key = _key(make or ""), _key(model or "")
    names = {make_key, model_key}
    if make_key and model_key:
        names.add(f"{make_key} {model_key}")
        first = make_key.split(" ", 1)[0]
        if model_key.startswith(first + " "):
            names.add(model_key[len(first) + 1 :])
    return tuple(sorted(name for name in names if len(name) >= 2))


def is_boilerplate(text: str, cameras: Iterable[str] = ()) -> bool:
    """True when text is what a camera or program wrote, or a placeholder, not a person's words.

    cameras: names from camera_names() for this file.
    """
    stripped = " ".join(text.split())
    key = _key(stripped)
    if not key or not re.search(r"\w", key) or key in _PLACEHOLDERS:
        return True
    if len(key) > 120:
        return False  # nobody's boilerplate is that long; a real caption can start like one
    if key in cameras:
        return True
    for camera in cameras:
        # "NIKON CORPORATION NIKON D70 DIGITAL CAMERA", "Canon PowerShot A80 camera"
        if len(camera) >= 3 and key.startswith(camera) and re.fullmatch(
            rf" {_CAMERA_WORDS}|", key[len(camera) :]
        ):
            return True
    if _MAKER_CAMERA.match(key) or _SHOUTED_CAMERA.match(stripped.strip(_EDGE_PUNCTUATION)):
        return True
    if _DCIM_PATH.search(stripped) or (" " not in key and _FILE_NAME.match(key)):
        return True
    return bool(_SIGNATURES.match(key))


def clean_value(value: str | None, cameras: Iterable[str] = ()) -> str:
    """The text with control characters removed and whitespace trimmed; "" for boilerplate."""
    if not value:
        return ""
    text = value.replace("\x00", " ").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch if ch >= " " or ch in "\n\t" else " " for ch in text)
    text = text.replace("\ufffd", "").replace("\ufeff", "").strip()
    if is_boilerplate(text, cameras):
        return ""
    return text


_PLAUSIBLE = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿ©®°“”‘’–—…•€ \-.,;:'\"()/&!?]")


def decode_legacy(raw: bytes) -> str:
    """Bytes of unknown 8-bit encoding: UTF-8 if valid, else cp1252 or Mac Roman."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for codec in ("cp1252", "latin-1", "mac_roman"):
        try:
            candidates.append(raw.decode(codec))
        except UnicodeDecodeError:
            continue
    best = candidates[0]
    best_score = len(_PLAUSIBLE.findall(best))
    for text in candidates[1:]:
        score = len(_PLAUSIBLE.findall(text))
        if score > best_score:
            best, best_score = text, score
    return best
