"""Photos as they come from the world, made here: TIFFs in all eight orientations, phone
HEIC and AVIF files, raw camera files (refused), TIFFs this build cannot decompress, 16-bit
grey with transparency, animations; and the libraries never print on stderr."""

from __future__ import annotations

import io
import struct
import warnings

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat, features

from desktop_editor.core.images import (
    ImageRejected,
    display_bytes,
    ingest_bytes,
    thumbnail_bytes,
)
from desktop_editor.core.model import Figure
from desktop_editor.core.rawfiles import raw_kind
from desktop_editor.core.renditions import clean_xmp, make_renditions

# What each orientation does to the upright picture to store it (the inverse of showing it).
STORE = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def upright_picture(size=(300, 120)) -> Image.Image:
    """An asymmetric picture: any wrong turn or flip changes it a lot."""
    im = Image.new("RGB", size, (40, 90, 160))
    draw = ImageDraw.Draw(im)
    w, h = size
    draw.rectangle((0, 0, w // 3, h // 3), fill=(240, 210, 30))  # top-left
    draw.rectangle((w - w // 6, h - h // 2, w, h), fill=(200, 30, 30))  # bottom-right
    draw.ellipse((w // 2, h // 8, w // 2 + h // 3, h // 8 + h // 3), fill=(20, 200, 60))
    return im


def stored(im: Image.Image, orientation: int, fmt: str, **save) -> bytes:
    turn = STORE[orientation]
    raw = im.transpose(turn) if turn is not None else im
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    raw.save(out, fmt, exif=exif, **save)
    return out.getvalue()


def difference(a: Image.Image, b: Image.Image) -> float:
    a, b = a.convert("L"), b.convert("L").resize(a.size)
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


# --- TIFF orientation ---------------------------------------------------------------------


@pytest.mark.parametrize("compression", [None, "tiff_lzw"])
@pytest.mark.parametrize("orientation", range(1, 9))
def test_tiff_in_every_orientation_is_shown_and_exported_upright_once(orientation, compression):
    original = upright_picture()
    data = stored(original, orientation, "TIFF", compression=compression)
    ingested = ingest_bytes(data, f"scan-{orientation}.tif")
    assert (ingested.width, ingested.height) == original.size  # what `show` reports

    renditions = make_renditions(ingested.data, "scan", (200, 960))
    for rendition in renditions:
        exported = Image.open(io.BytesIO(rendition.data))
        assert exported.size == (rendition.width, rendition.height)
        assert exported.width / exported.height == pytest.approx(300 / 120, rel=0.02)
        assert difference(original.resize(exported.size), exported) < 6, orientation
    assert renditions[-1].width == 300  # never upscaled

    for encoded in (thumbnail_bytes(data, 100), display_bytes(data, 150)[0]):
        shown = Image.open(io.BytesIO(encoded))
        assert shown.width > shown.height
        assert difference(original.resize(shown.size), shown) < 6, orientation


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_jpeg_orientation_is_still_applied_once(orientation):
    original = upright_picture()
    data = stored(original, orientation, "JPEG", quality=95)
    ingested = ingest_bytes(data, "photo.jpg")
    assert (ingested.width, ingested.height) == original.size
    exported = Image.open(io.BytesIO(make_renditions(data, "p", (300,))[0].data))
    assert difference(original, exported) < 6


# --- HEIC and AVIF from a phone -----------------------------------------------------------

PHONE_CAPTION = "Ferry leaving the harbour at dusk."


def phone_exif(orientation: int = 6) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15"
    exif[0x010E] = PHONE_CAPTION
    exif[0x0112] = orientation
    return exif.tobytes()


def heic(im: Image.Image, **save) -> bytes:
    pillow_heif = pytest.importorskip("pillow_heif")
    out = io.BytesIO()
    pillow_heif.from_pillow(im).save(out, format="HEIF", quality=90, **save)
    return out.getvalue()


def avif(im: Image.Image, **save) -> bytes:
    if not features.check("avif"):
        pytest.skip("this Pillow has no AVIF codec")
    out = io.BytesIO()
    im.save(out, "AVIF", quality=90, **save)
    return out.getvalue()


@pytest.mark.parametrize("make, fmt", [(heic, "HEIF"), (avif, "AVIF")])
def test_a_phone_photo_with_orientation_6_is_taken_upright_with_its_caption(make, fmt):
    original = upright_picture((320, 160))
    # Stored as the sensor saw it, with EXIF Orientation 6 saying how to show it.
    data = make(original.transpose(Image.Transpose.ROTATE_90), exif=phone_exif(6))
    ingested = ingest_bytes(data, "IMG_0042." + fmt.lower())
    assert ingested.format == fmt
    assert (ingested.width, ingested.height) == (320, 160)
    assert ingested.metadata["caption"] == {"value": PHONE_CAPTION, "source": "EXIF ImageDescription"}

    thumb = Image.open(io.BytesIO(thumbnail_bytes(data, 128)))
    assert thumb.format == "JPEG" and thumb.size == (128, 64)
    assert difference(original.resize(thumb.size), thumb) < 8

    shown, mime = display_bytes(data, 200)
    assert mime == "image/jpeg"
    assert difference(original.resize((200, 100)), Image.open(io.BytesIO(shown))) < 8

    figure = Figure(handle="ferry", image_sha256=ingested.sha256, caption=PHONE_CAPTION, credit="Desk")
    renditions = make_renditions(data, "ferry", (160, 960), xmp=clean_xmp(figure))
    assert [(r.width, r.height, r.mime) for r in renditions] == [
        (160, 80, "image/jpeg"),
        (320, 160, "image/jpeg"),
    ]
    exported = Image.open(io.BytesIO(renditions[-1].data))
    assert exported.format == "JPEG"
    assert difference(original, exported) < 8
    assert not exported.getexif()  # nothing of the phone's EXIF travels
    assert b"Apple" not in renditions[-1].data and PHONE_CAPTION.encode() in renditions[-1].data


def test_heic_thumbnail_may_come_from_its_embedded_preview_but_export_never_does():
    original = upright_picture((1200, 800))
    data = heic(original, thumbnails=[320])  # an iPhone stores a preview like this one
    thumb = Image.open(io.BytesIO(thumbnail_bytes(data, 128)))
    assert thumb.size == (128, 85)
    assert difference(original.resize(thumb.size), thumb) < 8
    assert (ingest_bytes(data, "big.heic").width, ingest_bytes(data, "big.heic").height) == (1200, 800)
    exported = make_renditions(data, "big", (960,))[0]
    assert (exported.width, exported.height) == (960, 640)
    assert difference(original.resize((960, 640)), Image.open(io.BytesIO(exported.data))) < 8


# --- raw camera files -------------------------------------------------------------------


def tiff_with(tags: dict, size=(8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 90, 90)).save(out, "TIFF", tiffinfo=tags)
    return out.getvalue()


RAW_SAMPLES = {
    "DNG (DNGVersion tag)": (tiff_with({50706: b"\x01\x04\x00\x00"}), "photo.tif", "DNG"),
    "Canon CR2": (b"II*\x00\x10\x00\x00\x00CR\x02\x00" + bytes(64), "IMG_0001.CR2", "Canon CR2"),
    "Canon CR3": (b"\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom" + bytes(64), "x", "Canon CR3"),
    "Fujifilm RAF": (b"FUJIFILMCCD-RAW 0201FF383501" + bytes(64), "x.jpg", "Fujifilm RAF"),
    "Olympus ORF": (b"IIRO\x08\x00\x00\x00" + bytes(64), "x", "Olympus ORF"),
    "Panasonic RW2": (b"IIU\x00\x18\x00\x00\x00" + bytes(64), "x", "Panasonic RW2"),
    "Phase One IIQ": (b"II*\x00\x08\x0a\x00\x00IIII" + bytes(64), "x", "Phase One IIQ"),
    "CFA data (NEF-like)": (tiff_with({262: 32803, 271: "NIKON CORPORATION"}), "DSC_0001.NEF", "Nikon NEF"),
    "by name only": (b"\x0070.1 .reV" + bytes(64), "shot.ARW", "Sony ARW"),
}


@pytest.mark.parametrize("sample", list(RAW_SAMPLES))
def test_raw_camera_files_are_refused_with_what_to_send_instead(sample):
    data, name, kind = RAW_SAMPLES[sample]
    assert raw_kind(data, name) == kind
    with pytest.raises(ImageRejected) as refused:
        ingest_bytes(data, name)
    message = str(refused.value)
    assert message == (
        f"{name} was refused: it is a raw camera file ({kind}) and raw files are not taken; "
        "send a JPEG or TIFF exported from the raw developer instead."
    )


def test_a_dng_is_refused_not_taken_as_its_small_preview():
    # A DNG's IFD0 is a small preview and the real picture sits in a SubIFD: Pillow would
    # open the preview. Refused by the DNGVersion tag, whatever the file is called.
    data = tiff_with({50706: b"\x01\x04\x00\x00", 254: 1}, size=(8, 8))
    with pytest.raises(ImageRejected, match="raw camera file"):
        ingest_bytes(data, "holiday.tiff")


@pytest.mark.parametrize("tags", [{}, {271: "NIKON CORPORATION", 272: "NIKON D850"}, {262: 2}])
def test_ordinary_tiffs_are_not_raw(tags):
    assert raw_kind(tiff_with(tags), "scan.tif") is None


# --- what the libraries say ----------------------------------------------------------------


def tiff_compressed_with(scheme: int) -> bytes:
    """A TIFF whose Compression tag names a scheme (50001 is WebP) the data is not in."""
    data = bytearray(tiff_with({}, size=(16, 16)))
    (offset,) = struct.unpack("<I", data[4:8])
    (count,) = struct.unpack("<H", data[offset : offset + 2])
    for i in range(count):
        at = offset + 2 + 12 * i
        if struct.unpack("<H", data[at : at + 2])[0] == 259:
            data[at + 8 : at + 10] = struct.pack("<H", scheme)
    return bytes(data)


def test_tiff_with_webp_compression_is_unsupported_not_damaged_and_nothing_reaches_stderr(capfd):
    with pytest.raises(ImageRejected) as refused:
        ingest_bytes(tiff_compressed_with(50001), "scan.tif")
    assert "uses a compression this app cannot read" in str(refused.value)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def jpeg_with_damaged_exif() -> bytes:
    """A good picture whose IFD0 claims 255 entries: Pillow warns "Corrupt EXIF data"."""
    data = bytearray(_jpeg_with_exif())
    at = data.find(b"Exif\x00\x00") + 6
    data[at + 8 : at + 10] = b"\xff\x00"
    return bytes(data)


def test_pillow_warnings_never_reach_the_person(capfd):
    data = jpeg_with_damaged_exif()
    with pytest.warns(UserWarning, match="Corrupt EXIF"):
        Image.open(io.BytesIO(data)).getexif()  # what Pillow says on its own
    capfd.readouterr()
    with warnings.catch_warnings(record=True) as heard:
        warnings.simplefilter("always")
        image = ingest_bytes(data, "photo.jpg")
        thumbnail_bytes(image.data, 32)
        display_bytes(image.data, 32)
        make_renditions(image.data, "p", (32,))
    assert capfd.readouterr() == ("", "")
    assert [str(w.message) for w in heard] == []


def _jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 1
    exif[0x010E] = "A caption"
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 20, 30)).save(out, "JPEG", exif=exif)
    return out.getvalue()


# --- 16-bit grey transparency, animations -------------------------------------------------


def test_16_bit_grey_with_a_transparent_value_keeps_its_transparency_in_export():
    values = [1234 if x < 20 else 40000 for _y in range(20) for x in range(40)]
    im = Image.frombytes("I;16", (40, 20), struct.pack(f"<{len(values)}H", *values))
    out = io.BytesIO()
    im.save(out, "PNG", transparency=1234)
    data = out.getvalue()
    ingest_bytes(data, "grey16.png")
    rendition = make_renditions(data, "g", (40,))[0]
    assert rendition.mime == "image/png"
    exported = Image.open(io.BytesIO(rendition.data)).convert("RGBA")
    assert exported.getpixel((5, 5))[3] == 0
    assert exported.getpixel((35, 5)) == (156, 156, 156, 255)


def test_an_animated_gif_is_taken_with_a_warning_that_only_its_first_frame_is_used():
    frames = [Image.new("RGB", (20, 20), (40 * i, 200 - 30 * i, 90)) for i in range(5)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
    image = ingest_bytes(out.getvalue(), "loop.gif")
    assert image.warnings == ("is an animation of 5 frames: only the first frame is used",)
    assert image.metadata["warnings"] == list(image.warnings)


def test_a_still_photo_has_no_warnings():
    image = ingest_bytes(_jpeg_with_exif(), "still.jpg")
    assert image.warnings == () and "warnings" not in image.metadata


# --- start-up and threads -----------------------------------------------------------------


def test_the_heif_plug_in_is_loaded_with_the_first_picture_not_at_import():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import desktop_editor.core.images, desktop_editor.core.renditions\n"
        "assert 'pillow_heif' not in sys.modules, 'imported at start-up'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_captures_on_many_threads_leave_stderr_and_the_warning_filters_as_they_were(capfd):
    import os
    import threading

    before = os.fstat(2)
    filters = list(warnings.filters)
    data = stored(upright_picture(), 6, "TIFF")
    bad = tiff_compressed_with(50001)
    errors: list[BaseException] = []

    def work(number: int) -> None:
        try:
            for _ in range(5):
                thumbnail_bytes(data, 64)
                with pytest.raises(ImageRejected):
                    ingest_bytes(bad, f"scan-{number}.tif")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    after = os.fstat(2)
    assert (after.st_dev, after.st_ino) == (before.st_dev, before.st_ino)
    assert list(warnings.filters) == filters
    assert capfd.readouterr() == ("", "")
    os.write(2, b"still ours\n")
    assert capfd.readouterr().err == "still ours\n"
