"""Pixel work shared by the screen renditions (core.images) and the export renditions
(core.renditions): opening every format we take, reading the EXIF orientation, decoding no
more than a size needs, bringing any mode to one that resizes smoothly, turning upright and
converting to sRGB.

Orientation is applied once. Some loaders turn the picture themselves while decoding (Pillow
does for TIFF, and reports the turned size even before; pillow-heif applies HEIF's own
rotation and mirror and sets the EXIF tag to 1) and drop the tag when they do, so the
orientation still to apply is the one the image reports after it is loaded.

Pure Pillow, no Qt. Nothing here is shared between calls, so several threads may make
renditions at once: in particular an ICC transform is built for each picture, never cached.
"""

from __future__ import annotations

import contextlib
import functools
import math
import threading
from collections.abc import Callable, Iterator
from io import BytesIO
from typing import TYPE_CHECKING

from PIL import Image

if TYPE_CHECKING:  # loaded with the first picture that has a colour profile
    from PIL import ImageCms

TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_ORIENTATION_TAG = 0x0112

_ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")
_HIGH_BIT_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I")

BASE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF")


@functools.cache
def _pillow_formats() -> tuple[str, ...]:
    """The formats Pillow itself opens: AVIF when this Pillow has its codec."""
    try:
        from PIL import features

        if features.check("avif"):
            return (*BASE_FORMATS, "AVIF")
    except Exception:  # noqa: BLE001 - a codec that fails to load means no AVIF
        pass
    return BASE_FORMATS


@functools.cache
def supported_formats() -> tuple[str, ...]:
    """Pillow format names we open: AVIF when this Pillow has its codec, HEIF when
    pillow-heif is installed (its opener is registered here, on the first HEIF-family
    picture opened, never at start-up: loading it costs the process several MB)."""
    formats = _pillow_formats()
    try:
        import pillow_heif  # type: ignore[import-not-found]

        pillow_heif.register_heif_opener()
    except Exception:  # noqa: BLE001 - optional plug-in: absent or broken means no HEIF
        return formats
    return (*formats, "HEIF")


def open_image(data: bytes) -> Image.Image:
    """The image in data, opened lazily by one of the supported formats' plug-ins. Only an
    ISO media file ("ftyp" box: HEIF, HEIC, AVIF) needs pillow-heif or Pillow's AVIF codec,
    so only one loads them."""
    formats = supported_formats() if data[4:8] == b"ftyp" else BASE_FORMATS
    return Image.open(BytesIO(data), formats=list(formats))


def orientation(image: Image.Image) -> int:
    """EXIF orientation 1-8; 1 when absent or unreadable (broken EXIF never fails a photo)."""
    try:
        value = int(image.getexif().get(_ORIENTATION_TAG, 1))
    except Exception:  # noqa: BLE001 - any damage in the EXIF block means "as stored"
        return 1
    return value if 1 <= value <= 8 else 1


def turned(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    """size with width and height swapped when the orientation is a quarter turn (5-8).

    The swap is its own inverse: it takes a stored size to the displayed one and back.
    """
    width, height = size
    return (height, width) if orientation >= 5 else (width, height)


def upright_size(image: Image.Image) -> tuple[int, int]:
    """(width, height) of the image as displayed, after its EXIF orientation."""
    return turned(image.size, orientation(image))


def upright(image: Image.Image, orientation: int) -> Image.Image:
    """image turned and flipped the way its EXIF orientation says it is displayed."""
    if orientation in TRANSPOSE:
        return image.transpose(TRANSPOSE[orientation])
    return image


def _fitted(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """size shrunk (never enlarged) to fit in box, keeping its shape, rounded up."""
    scale = min(box[0] / max(1, size[0]), box[1] / max(1, size[1]), 1.0)
    return max(1, math.ceil(size[0] * scale)), max(1, math.ceil(size[1] * scale))


def load(image: Image.Image, box_for: Callable[[int, int], tuple[int, int]]) -> tuple[int, tuple[int, int]]:
    """Decode the frame the file opens on, no larger than needed, and say how to show it.

    box_for(width, height) gets the picture's displayed size and returns the box (displayed
    orientation) that the caller will shrink it into: a JPEG is then decoded at 1/2, 1/4 or
    1/8 scale when that still covers the box (DCT scaling skips most of the work), and a
    HEIF may be decoded from an embedded thumbnail that is a scaled copy of the picture and
    at least as large. Returns (orientation still to apply, displayed size of the picture).
    """
    if image.format in ("JPEG", "MPO"):
        turn = orientation(image)  # a JPEG is never turned by loading
        shown = turned(image.size, turn)
        image.draft(image.mode, turned(_fitted(shown, box_for(*shown)), turn))
        image.load()
        return turn, shown
    if image.format == "HEIF":
        shown = turned(image.size, orientation(image))
        image.draft(image.mode, _fitted(image.size, turned(box_for(*shown), orientation(image))))
        image.load()
        turn = orientation(image)
        return turn, shown
    image.load()
    turn = orientation(image)  # after loading: what the loader has not already done
    return turn, turned(image.size, turn)


def load_at_least(image: Image.Image, box: tuple[int, int]) -> None:
    """Decode the frame the file opens on, a JPEG at reduced scale when that covers box
    (in stored orientation)."""
    if image.format in ("JPEG", "MPO"):
        image.draft(image.mode, box)
    image.load()


def normalized(image: Image.Image) -> tuple[Image.Image, bool]:
    """image in RGB, RGBA, L or CMYK (modes that resize smoothly); True when it has
    real transparency.

    An alpha channel that is opaque everywhere is dropped, so such a picture can be a JPEG.
    16-bit greyscale is brought down to 8 bits; palette and bilevel images become RGB.
    """
    mode = image.mode
    if mode in _HIGH_BIT_MODES and isinstance(image.info.get("transparency"), int):
        # 16-bit grey with one transparent value (PNG tRNS): the alpha is decided at full
        # depth, before the grey is brought down to 8 bits.
        wide = image.convert("I")
        key = image.info["transparency"]
        from PIL import ImageMath

        alpha = ImageMath.lambda_eval(lambda a: a["notequal"](a["w"], key) * 255, w=wide)
        alpha = alpha.convert("L")
        if alpha.getextrema()[0] < 255:
            grey = wide.point(lambda value: value / 256).convert("L")
            return Image.merge("LA", (grey, alpha)).convert("RGBA"), True
    has_alpha = mode in _ALPHA_MODES or (
        mode in ("P", "L", "RGB", "1") and "transparency" in image.info
    )
    if has_alpha:
        rgba = image if mode == "RGBA" else image.convert("RGBA")
        lowest, _ = rgba.getchannel("A").getextrema()
        if lowest < 255:
            return rgba, True
        return rgba.convert("RGB"), False
    if mode in ("RGB", "L", "CMYK"):
        return image, False
    if mode in _HIGH_BIT_MODES:
        return image.convert("I").point(lambda value: value / 256).convert("L"), False
    if mode == "F":
        return image.convert("L"), False
    return image.convert("RGB"), False


def srgb_transform(icc: bytes | None, mode: str) -> ImageCms.ImageCmsTransform | None:
    """A transform from the embedded ICC profile to sRGB for images in mode (RGB, RGBA,
    L or CMYK), or None when none is needed: no profile, already sRGB, or a profile
    that cannot be used (the pixels are then taken as sRGB).

    Built for each picture: one transform used by several threads at once is not safe.
    """
    if not icc or mode not in ("RGB", "RGBA", "L", "CMYK"):
        return None
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(BytesIO(bytes(icc)))
        description = (ImageCms.getProfileDescription(source) or "").lower().replace(" ", "")
        if mode in ("RGB", "RGBA") and "srgb" in description:
            return None
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        return ImageCms.buildTransform(
            source,
            srgb,
            mode,
            "RGBA" if mode == "RGBA" else "RGB",
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
        )
    except Exception:  # noqa: BLE001 - a damaged profile from a file is not worth a refusal
        return None


def to_srgb(image: Image.Image, transform: ImageCms.ImageCmsTransform | None) -> Image.Image:
    """image (as normalized) in sRGB: RGB, RGBA or L.

    transform comes from srgb_transform for the image's mode; without one, CMYK is
    converted plainly and the other modes are taken as sRGB already.
    """
    if transform is not None:
        from PIL import ImageCms

        return ImageCms.applyTransform(image, transform)
    if image.mode in ("RGB", "RGBA", "L"):
        return image
    return image.convert("RGB")


# --- memory --------------------------------------------------------------------------------

# The most a picture may take decoded, whatever the format: a JPEG is decoded at a reduced
# scale (draft) and takes far less, but a PNG, TIFF, WebP or HEIF is decoded whole. With the
# process itself, the original's bytes and the small copies made from it, an export stays
# under 600 MB. Decodes are taken in turn within it (decoding()), so two export threads
# never hold two such pictures at once.
DECODE_BUDGET = 400 * 2**20
# Modes reduce() shrinks in place of a copy; with alpha it premultiplies a full-size copy
# first, so those go a strip at a time like the modes it does not take.
_REDUCIBLE = ("L", "RGB", "CMYK", "I", "F", "YCbCr")
_budget = threading.Condition()
_in_use = 0


def decoded_bytes(image: Image.Image) -> int:
    """What the picture takes decoded whole, in Pillow's storage (and, for modes that are
    converted before they are resized, in what they are converted to)."""
    if image.format in ("JPEG", "MPO"):
        return 0  # decoded through draft: at most a quarter of the pixels, checked apart
    per_pixel = 1 if image.mode in ("L", "1") else 2 if image.mode.startswith("I;16") else 4
    if image.mode == "P":
        per_pixel = 1
    return image.width * image.height * per_pixel


@contextlib.contextmanager
def decoding(size: int) -> Iterator[None]:
    """Hold size bytes of DECODE_BUDGET while a picture is decoded; waits for others'
    decodes to end when they would not fit beside it (one alone always may)."""
    global _in_use
    size = min(size, DECODE_BUDGET)
    with _budget:
        _budget.wait_for(lambda: _in_use == 0 or _in_use + size <= DECODE_BUDGET)
        _in_use += size
    try:
        yield
    finally:
        with _budget:
            _in_use -= size
            _budget.notify_all()


def shrink_early(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """The loaded image reduced by the largest whole factor that still covers box (stored
    orientation), before any full-size copy is made: pictures with alpha, and modes reduce()
    does not take (palette, bilevel, 16-bit grey), are converted and reduced a strip at a time."""
    factor = int(min(image.width / max(1, box[0]), image.height / max(1, box[1])))
    if factor < 2:
        return image
    if image.mode in _REDUCIBLE:
        return image.reduce(factor)
    if image.mode.startswith("I;16"):
        wide = "I"
    elif image.mode == "1":
        wide = "L"
    elif image.mode in ("LA", "La", "PA", "RGBA", "RGBa"):
        wide = image.mode
    else:
        wide = "RGBA" if "transparency" in image.info else "RGB"
    result = Image.new(wide, (-(-image.width // factor), -(-image.height // factor)))  # as reduce()
    rows = factor * max(1, (8 << 20) // max(1, image.width * 4 * factor))
    for top in range(0, image.height, rows):
        strip = image.crop((0, top, image.width, min(top + rows, image.height)))
        converted = strip if strip.mode == wide else strip.convert(wide)
        result.paste(converted.reduce(factor), (0, top // factor))
    if wide == "I" and isinstance(image.info.get("transparency"), int):
        result.info["transparency"] = image.info["transparency"]
    return result


def over_budget(image: Image.Image) -> str | None:
    """Why the opened picture may not be decoded (the end of a sentence), or None."""
    size = decoded_bytes(image)
    if size <= DECODE_BUDGET:
        return None
    return (
        f"it is {image.width * image.height / 1e6:,.0f} megapixels in {image.mode}, which take "
        f"{size / 2**20:,.0f} MB decoded, more than the {DECODE_BUDGET // 2**20} MB a picture other "
        "than a JPEG may take; save it as a JPEG, or smaller"
    )
