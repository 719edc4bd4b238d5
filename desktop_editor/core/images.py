"""Taking photos in safely, and making the small versions the desk and the preview show.

``ingest_bytes`` is the gate every picture passes: the format comes from the content
(never the file name), raw camera files are refused before anything is decoded (Pillow
would take their embedded preview for the photo), the pixel count is checked from the
header, animations are capped, the first frame is really decoded (a truncated or renamed
file is refused) within a time limit, and every way Pillow can fail becomes one
``ImageRejected`` whose message is a sentence naming the file. What the libraries warn or
print meanwhile is captured (core.noise), never shown: it becomes the refusal's reason or a
warning on the photo.

Pure Python and Pillow: no Qt here. Ingest and thumbnails are meant to run on a worker
thread; they hold no shared state.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import threading
from dataclasses import dataclass, field

from PIL import Image, ImageFile, UnidentifiedImageError

from desktop_editor.core import noise, pixels
from desktop_editor.core.pixels import BASE_FORMATS, supported_formats

__all__ = [
    "BASE_FORMATS",
    "ImageRejected",
    "IngestedImage",
    "display_bytes",
    "ingest_bytes",
    "ingest_file",
    "supported_formats",
    "thumbnail_bytes",
]

# 160 megapixels. A fully decoded RGB image of that size takes about 480 MB (640 MB with
# alpha), the most one import should ask of a newsroom laptop. The largest single-shot
# cameras fit (Phase One IQ4: 151 MP; Fujifilm GFX100: 102 MP). It also sits below
# Pillow's own hard stop (2 x Image.MAX_IMAGE_PIXELS, about 179 MP), so the user reads our
# sentence, not Pillow's. We compare the header's size ourselves: the global
# Image.MAX_IMAGE_PIXELS is process-wide and may be changed by anyone.
MAX_PIXELS = 160_000_000

# Originals are kept whole in the store; beyond this the file is not a press photo.
MAX_BYTES = 200 * 1024 * 1024

# An animated GIF or WebP with more frames than this is not a news picture; counting is
# stopped at the cap so a file with 40,000 frames costs no more than one with 1,001.
MAX_FRAMES = 1000

_FORMAT_NAMES = {"MPO": "JPEG"}  # a multi-picture JPEG is still a JPEG file

_FAILURES = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    struct.error,
    EOFError,
    IndexError,
    KeyError,
    ZeroDivisionError,
    AttributeError,
    NotImplementedError,
    RuntimeError,
    MemoryError,
    Image.DecompressionBombError,
    # Pillow warns from about 89 MP (below our limit); a warnings filter set to "error"
    # turns that into an exception, which we then report as a bomb rather than crash on.
    Image.DecompressionBombWarning,
    OverflowError,
)


class ImageRejected(Exception):
    """A file that will not be taken in; ``str()`` is one sentence naming the file."""


@dataclass(frozen=True, slots=True)
class IngestedImage:
    sha256: str
    format: str  # "JPEG", "PNG", "WEBP", "GIF", "TIFF", "HEIF" or "AVIF"
    width: int  # as displayed, after EXIF orientation
    height: int
    byte_size: int
    data: bytes = field(repr=False)  # the original bytes, untouched
    # The fields read from the photo's metadata (core.metadata), and under "warnings" the
    # sentences' ends the desk and the check should show about the picture, if any: each
    # follows "The photo “HANDLE” ", e.g. "is an animation of 12 frames: only the first
    # frame is used".
    metadata: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(self.metadata.get("warnings", ()))


def _display_name(name: str) -> str:
    base = os.path.basename(str(name).replace("\\", "/")) or "The file"
    return base


def _reject(name: str, reason: str) -> ImageRejected:
    return ImageRejected(f"{_display_name(name)} was refused: {reason}")


_SIGNATURES = (
    (b"\xff\xd8", "JPEG"),
    (b"\x89PNG", "PNG"),
    (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def _looks_like(data: bytes) -> str | None:
    for magic, fmt in _SIGNATURES:
        if data.startswith(magic):
            return fmt
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return None


def _format_list() -> str:
    names = {"WEBP": "WebP", "HEIF": "HEIC", "AVIF": "AVIF"}
    shown = [names.get(fmt, fmt) for fmt in supported_formats()]
    return ", ".join(shown[:-1]) + " or " + shown[-1]


_UNSUPPORTED_COMPRESSION = (
    r"compression support is not configured|compression scheme .* not implemented|"
    r"unsupported compression|unknown compression|no decoder|decoder .* not available"
)


def _reason(exc: BaseException, data: bytes = b"", heard: noise.Captured | None = None) -> str:
    if isinstance(exc, Image.DecompressionBombError | Image.DecompressionBombWarning):
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        size = f" ({int(pixels.group(1)) / 1e6:,.0f} megapixels)" if pixels else ""
        return f"it claims far more pixels than can be opened safely{size}."
    if isinstance(exc, UnidentifiedImageError):
        kind = _looks_like(data)
        if kind:
            return f"it starts like a {kind} file but its header is damaged."
        return f"it is not a picture in a supported format ({_format_list()})."
    if isinstance(exc, MemoryError):
        return "it is too large to open in the memory available."
    message = str(exc).lower()
    if re.search(_UNSUPPORTED_COMPRESSION, message) or (heard and heard.says(_UNSUPPORTED_COMPRESSION)):
        return "it uses a compression this app cannot read; save it again as an ordinary JPEG or TIFF."
    if isinstance(exc, EOFError | struct.error) or "truncated" in message or "premature" in message:
        return "it is not a complete image (the file is truncated or damaged)."
    return "it is damaged and could not be decoded."


def _open(data: bytes) -> Image.Image:
    return pixels.open_image(data)


def _count_frames(im: Image.Image, cap: int) -> int:
    """Frames in the file, counting no further than cap + 1."""
    if im.format in ("GIF", "TIFF"):
        # Pillow's n_frames walks every frame of these: seek ourselves, with a bound.
        count = 1
        try:
            while count <= cap:
                im.seek(count)
                count += 1
        except EOFError:
            pass
        return count
    try:
        return int(getattr(im, "n_frames", 1) or 1)
    except Exception:  # noqa: BLE001
        return 1


@dataclass(frozen=True, slots=True)
class _Decoded:
    format: str
    width: int
    height: int
    frames: int = 1


def _decode(data: bytes, name: str, max_pixels: int) -> _Decoded:
    with _open(data) as im:
        fmt = _FORMAT_NAMES.get(im.format or "", im.format or "")
        width, height = im.size
        if width <= 0 or height <= 0:
            raise _reject(name, "its header gives it no pixels.")
        if width * height > max_pixels:
            if max_pixels >= 1_000_000:
                size = f"{width:,} x {height:,} pixels ({width * height / 1e6:,.0f} megapixels)"
                limit = f"{max_pixels / 1e6:,.0f}-megapixel"
            else:
                size, limit = f"{width:,} x {height:,} pixels", f"{max_pixels:,}-pixel"
            raise _reject(name, f"it is {size}, more than the {limit} limit.")
        if (too_big := pixels.over_budget(im)) is not None:
            raise _reject(name, f"{too_big}.")
        frames = _count_frames(im, MAX_FRAMES)
        if frames > MAX_FRAMES:
            raise _reject(name, f"it has more than {MAX_FRAMES:,} frames.")
        if frames > 1 and im.format in ("GIF", "TIFF"):
            im.seek(0)  # back from counting (a HEIF opens on its primary picture: stay there)
        if im.format in ("JPEG", "MPO"):
            width, height = pixels.upright_size(im)  # from the header, before draft shrinks it
            # Half-scale decoding still reads and checks every byte of the image data, so a
            # damaged or cut file is refused all the same, while the pixel buffer (filled with
            # the interpreter locked, which stalls the window) is a quarter of the size.
            im.draft(im.mode, (max(1, im.width // 2), max(1, im.height // 2)))
            im.load()
        else:
            with pixels.decoding(pixels.decoded_bytes(im)):
                im.load()  # before reading EXIF: for PNG that can itself load the image quietly
            width, height = pixels.upright_size(im)
    return _Decoded(fmt, width, height, frames)


# What a decoder says about pictures it still decoded, that the desk should know.
_DAMAGE = r"corrupt jpeg|premature end|truncated|read error|data error|bad huffman|invalid .*(strip|tile|code)"


def _warnings(decoded: _Decoded, heard: noise.Captured) -> list[str]:
    found = []
    more = f"more than {MAX_FRAMES:,}" if decoded.frames > MAX_FRAMES else f"{decoded.frames:,}"
    if decoded.frames > 1 and decoded.format in ("GIF", "WEBP", "PNG", "AVIF"):
        found.append(f"is an animation of {more} frames: only the first frame is used")
    elif decoded.frames > 1 and decoded.format == "TIFF":
        found.append(f"has {more} pages: only the first page is used")
    elif decoded.frames > 1 and decoded.format == "HEIF":
        found.append(f"holds {more} pictures: only the main picture is used")
    # (A JPEG's further pictures, MPO previews and stereo pairs, are not the photo.)
    if heard.says(_DAMAGE):
        found.append("was decoded with errors: part of the picture may be damaged")
    return found


def _run_with_deadline(fn, time_limit_s: float):
    """fn() on a daemon thread; TimeoutError when it is not done in time.

    Python cannot stop a thread: a decoder that runs away keeps its thread until it
    finishes, but the caller gets its answer on time and the thread cannot keep the
    application from exiting. Pillow's decoders release the GIL, so the wait is honest.
    """
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="image-decode", daemon=True)
    worker.start()
    worker.join(time_limit_s)
    if worker.is_alive():
        raise TimeoutError
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def ingest_bytes(
    data: bytes, name: str, *, max_pixels: int = MAX_PIXELS, time_limit_s: float = 20.0
) -> IngestedImage:
    """Check and describe a photo; ImageRejected with a sentence when it is refused."""
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        # Someone flipped the global: half a photo must still be refused here.
        ImageFile.LOAD_TRUNCATED_IMAGES = False
    data = bytes(data)
    if not data:
        raise _reject(name, "the file is empty.")
    if len(data) > MAX_BYTES:
        raise _reject(
            name,
            f"it is {len(data) / 2**20:,.0f} MB, more than the {MAX_BYTES // 2**20} MB limit.",
        )
    from desktop_editor.core.metadata import read_metadata  # only photos taken in are read
    from desktop_editor.core.rawfiles import raw_kind

    raw = raw_kind(data, name)
    if raw is not None:
        raise _reject(
            name,
            f"it is a raw camera file ({raw}) and raw files are not taken; send a JPEG or "
            "TIFF exported from the raw developer instead.",
        )
    failure: BaseException | None = None
    with noise.captured() as heard:
        try:
            decoded = _run_with_deadline(lambda: _decode(data, name, max_pixels), time_limit_s)
        except ImageRejected:
            raise
        except TimeoutError:
            raise _reject(
                name, f"decoding it took longer than {time_limit_s:g} seconds."
            ) from None
        except _FAILURES as exc:
            failure = exc  # its reason needs what the libraries said: read once they are done
        except Exception as exc:  # noqa: BLE001 - a plug-in's surprise is still a refusal
            raise _reject(name, "it is damaged and could not be decoded.") from exc
    if failure is not None:
        raise _reject(name, _reason(failure, data, heard)) from failure
    metadata = read_metadata(data)
    warnings = _warnings(decoded, heard)
    if warnings:
        metadata["warnings"] = warnings
    return IngestedImage(
        sha256=hashlib.sha256(data).hexdigest(),
        format=decoded.format,
        width=decoded.width,
        height=decoded.height,
        byte_size=len(data),
        data=data,
        metadata=metadata,
    )


def ingest_file(path: str | os.PathLike) -> IngestedImage:
    """ingest_bytes on a file's content; a file that cannot be read, or that is not a regular
    file (a pipe, a device, a folder) or is too large, is refused before it is read."""
    from desktop_editor.core.inputs import UnreadableFile, read_file

    name = os.path.basename(os.fspath(path)) or os.fspath(path)
    try:
        data = read_file(path, MAX_BYTES, "a photo")
    except UnreadableFile as exc:
        raise _reject(name, f"it {exc}.") from None
    return ingest_bytes(data, name)


# --- renditions for the screen --------------------------------------------------------


def _encode(im: Image.Image, transparent: bool) -> tuple[bytes, str]:
    out = io.BytesIO()
    if transparent:
        im.save(out, "PNG", compress_level=6)
        return out.getvalue(), "image/png"
    im.save(out, "JPEG", quality=85)
    return out.getvalue(), "image/jpeg"


def _rendition(data: bytes, fits) -> tuple[bytes, str]:
    """Decode as little as possible (JPEG draft), fit, orient, convert to sRGB, encode.

    fits(width, height) -> (box_width, box_height) to shrink into, in displayed orientation.
    """
    try:
        with noise.captured(), _open(data) as im, pixels.decoding(pixels.decoded_bytes(im)):
            if (too_big := pixels.over_budget(im)) is not None:
                raise _reject("The image", f"{too_big}.")
            icc = im.info.get("icc_profile")
            orientation, shown = pixels.load(im, fits)
            stored_box = pixels.turned(fits(*shown), orientation)
            frame, transparent = pixels.normalized(pixels.shrink_early(im, stored_box))
            if frame.width > stored_box[0] or frame.height > stored_box[1]:
                # A box reduce by a whole factor, then Lanczos for the rest: sharp and cheap.
                frame.thumbnail(stored_box, Image.Resampling.LANCZOS, reducing_gap=1.4)
            frame = pixels.upright(frame, orientation)
            # Colour management after the resize: same result, a fraction of the pixels.
            frame = pixels.to_srgb(frame, pixels.srgb_transform(icc, frame.mode))
            return _encode(frame, transparent)
    except _FAILURES as exc:
        raise _reject("The image", _reason(exc, data)) from exc


def thumbnail_bytes(data: bytes, size: int = 256) -> bytes:
    """JPEG (PNG when the picture has transparency) whose longest side is size.

    Orientation applied, colours converted to sRGB. A picture smaller than size keeps
    its own size: a thumbnail is never upscaled.
    """
    if size <= 0:
        raise ValueError("size must be positive")
    encoded, _mime = _rendition(data, lambda w, h: (size, size))
    return encoded


def display_bytes(data: bytes, max_width: int) -> tuple[bytes, str]:
    """(bytes, mime type) of a screen-sized rendition at most max_width wide, never upscaled."""
    if max_width <= 0:
        raise ValueError("max_width must be positive")

    def fits(width: int, height: int) -> tuple[int, int]:
        if width <= max_width:
            return width, height
        return max_width, max(1, round(height * max_width / width))

    return _rendition(data, fits)
