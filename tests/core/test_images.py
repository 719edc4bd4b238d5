"""Photo ingest, thumbnails and screen renditions, on images the tests make themselves."""

from __future__ import annotations

import hashlib
import io
import struct
import time
import zlib

import pytest
from PIL import Image, ImageFile

from desktop_editor.core import images
from desktop_editor.core.images import (
    MAX_FRAMES,
    ImageRejected,
    IngestedImage,
    display_bytes,
    ingest_bytes,
    ingest_file,
    thumbnail_bytes,
)


def jpeg(size=(120, 80), color=(200, 40, 40), *, orientation=None, mode="RGB", quality=90, **save):
    im = Image.new(mode, size, color)
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        save["exif"] = exif
    out = io.BytesIO()
    im.save(out, "JPEG", quality=quality, **save)
    return out.getvalue()


def noisy_jpeg(size=(400, 300)) -> bytes:
    im = Image.merge("RGB", [Image.effect_noise(size, 60).convert("L")] * 3)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90)
    return out.getvalue()


def png(size=(60, 40), mode="RGB", color=(10, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, "PNG")
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width x height pixels and holds almost nothing (a bomb's header)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def opened(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


# --- accepting ------------------------------------------------------------------------


def test_a_good_jpeg_is_described_and_its_bytes_kept_untouched():
    data = jpeg((120, 80))
    result = ingest_bytes(data, "harbour.jpg")
    assert isinstance(result, IngestedImage)
    assert (result.format, result.width, result.height) == ("JPEG", 120, 80)
    assert result.byte_size == len(data)
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert result.data == data
    assert result.metadata == {}


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "GIF", "TIFF"])
def test_every_supported_format_is_accepted(fmt):
    out = io.BytesIO()
    Image.new("RGB", (33, 21), (0, 128, 255)).save(out, fmt)
    result = ingest_bytes(out.getvalue(), f"picture.{fmt.lower()}")
    assert (result.format, result.width, result.height) == (fmt, 33, 21)


def test_png_bytes_named_jpg_are_accepted_as_the_png_they_are():
    result = ingest_bytes(png((60, 40)), "holiday.jpg")
    assert result.format == "PNG"
    assert (result.width, result.height) == (60, 40)


def test_ingest_file_reads_from_disk(tmp_path):
    path = tmp_path / "Pier at dusk.JPG"
    path.write_bytes(jpeg((50, 70)))
    result = ingest_file(path)
    assert (result.width, result.height) == (50, 70)


def test_a_small_animation_is_accepted():
    frames = [Image.new("RGB", (8, 8), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    result = ingest_bytes(out.getvalue(), "spinner.gif")
    assert (result.format, result.width, result.height) == ("GIF", 8, 8)


# --- refusing -------------------------------------------------------------------------


def test_empty_file_is_refused_with_its_name():
    with pytest.raises(ImageRejected) as caught:
        ingest_bytes(b"", "blank.jpg")
    assert str(caught.value) == "blank.jpg was refused: the file is empty."


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(ImageRejected) as caught:
        ingest_bytes(b"Meeting notes: call the picture desk at ten.\n" * 20, "notes.jpg")
    message = str(caught.value)
    assert message.startswith("notes.jpg was refused: ")
    assert "not a picture" in message
    assert message.endswith(".") and message.count(". ") == 0  # one sentence


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.98])
def test_a_truncated_jpeg_is_refused(keep):
    data = noisy_jpeg()
    with pytest.raises(ImageRejected) as caught:
        ingest_bytes(data[: int(len(data) * keep)], "cut.jpg")
    assert str(caught.value) == (
        "cut.jpg was refused: it is not a complete image (the file is truncated or damaged)."
    )


def test_a_truncated_png_is_refused():
    out = io.BytesIO()
    Image.effect_noise((200, 200), 60).save(out, "PNG")
    data = out.getvalue()
    with pytest.raises(ImageRejected, match="not a complete image"):
        ingest_bytes(data[: len(data) // 2], "cut.png")


def test_truncated_images_are_refused_even_if_someone_flipped_pillows_global(monkeypatch):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = noisy_jpeg()
    with pytest.raises(ImageRejected, match="not a complete image"):
        ingest_bytes(data[: len(data) // 2], "cut.jpg")


def test_a_bomb_header_is_refused_without_decoding():
    started = time.perf_counter()
    with pytest.raises(ImageRejected) as caught:
        ingest_bytes(png_header_only(40_000, 40_000), "bomb.png")
    assert time.perf_counter() - started < 1.0
    assert str(caught.value).startswith("bomb.png was refused: it claims far more pixels")


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_our_pixel_limit_applies_below_pillows_own():
    # 13,000 x 13,000 = 169 MP: over our 160 MP limit, under Pillow's 179 MP hard stop.
    with pytest.raises(ImageRejected) as caught:
        ingest_bytes(png_header_only(13_000, 13_000), "panorama.png")
    assert str(caught.value) == (
        "panorama.png was refused: it is 13,000 x 13,000 pixels (169 megapixels), "
        "more than the 160-megapixel limit."
    )


def test_pixel_limit_can_be_lowered_per_call():
    data = jpeg((100, 100))
    with pytest.raises(ImageRejected) as caught:
        ingest_bytes(data, "square.jpg", max_pixels=5_000)
    assert str(caught.value) == (
        "square.jpg was refused: it is 100 x 100 pixels, more than the 5,000-pixel limit."
    )
    assert ingest_bytes(data, "square.jpg", max_pixels=10_000).width == 100


def test_an_animation_with_too_many_frames_is_refused_quickly():
    frames = [Image.new("RGB", (1, 1), ((255, 0, 0), (0, 0, 255))[i % 2]) for i in range(2000)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    started = time.perf_counter()
    with pytest.raises(ImageRejected) as caught:
        ingest_bytes(out.getvalue(), "flicker.gif")
    assert time.perf_counter() - started < 2.0
    assert str(caught.value) == f"flicker.gif was refused: it has more than {MAX_FRAMES:,} frames."


def test_a_decode_that_runs_too_long_is_refused_on_time(monkeypatch):
    def slow_decode(data, name, max_pixels):
        time.sleep(1.5)
        raise AssertionError("the caller should not have waited for this")

    monkeypatch.setattr(images, "_decode", slow_decode)
    started = time.perf_counter()
    with pytest.raises(ImageRejected) as caught:
        ingest_bytes(jpeg(), "slow.jpg", time_limit_s=0.2)
    assert time.perf_counter() - started < 1.0
    assert str(caught.value) == "slow.jpg was refused: decoding it took longer than 0.2 seconds."


@pytest.mark.parametrize(
    "failure",
    [
        OSError("broken data stream"),
        SyntaxError("not a TIFF file"),
        ValueError("buffer is not large enough"),
        TypeError("unsupported operand"),
        struct.error("unpack requires a buffer"),
        EOFError(),
        IndexError("tuple index out of range"),
        KeyError("PLTE"),
        ZeroDivisionError("division by zero"),
        MemoryError(),
        Image.DecompressionBombError("Image size (200000000 pixels) exceeds limit"),
        Image.DecompressionBombWarning("Image size (100000000 pixels) exceeds limit"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_every_pillow_failure_becomes_one_sentence_naming_the_file(monkeypatch, failure):
    def failing_open(*args, **kwargs):
        raise failure

    monkeypatch.setattr(images.Image, "open", failing_open)
    with pytest.raises(ImageRejected) as caught:
        ingest_bytes(b"\xff\xd8\xff\xe0 whatever", "DSC_0042.jpg")
    message = str(caught.value)
    assert message.startswith("DSC_0042.jpg was refused: it ")
    assert message.endswith(".")
    assert "\n" not in message


def test_an_unreadable_path_is_refused_with_its_name(tmp_path):
    with pytest.raises(ImageRejected) as caught:
        ingest_file(tmp_path / "gone.jpg")
    assert str(caught.value) == "gone.jpg was refused: it does not exist."


def test_a_file_that_starts_like_a_png_says_so():
    with pytest.raises(ImageRejected) as caught:
        ingest_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "scan.png")
    assert "starts like a PNG file but its header is damaged" in str(caught.value)


# --- orientation and metadata ---------------------------------------------------------


@pytest.mark.parametrize(
    ("orientation", "expected"),
    [(1, (40, 20)), (3, (40, 20)), (5, (20, 40)), (6, (20, 40)), (8, (20, 40))],
)
def test_exif_orientation_gives_the_displayed_size(orientation, expected):
    result = ingest_bytes(jpeg((40, 20), orientation=orientation), "turned.jpg")
    assert (result.width, result.height) == expected


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_broken_exif_with_good_pixels_is_accepted():
    good = jpeg((30, 30))
    junk = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff" + b"\xde\xad" * 40
    segment = b"\xff\xe1" + struct.pack(">H", len(junk) + 2) + junk
    data = good[:2] + segment + good[2:]
    result = ingest_bytes(data, "odd-exif.jpg")
    assert (result.width, result.height) == (30, 30)
    assert result.metadata == {}


def test_ingest_carries_the_photos_own_caption():
    exif = Image.Exif()
    exif[0x010E] = "Fishing boats return to Brixham harbour."
    exif[0x013B] = "Jane Doe"
    data = jpeg((64, 48), exif=exif)
    metadata = ingest_bytes(data, "brixham.jpg").metadata
    assert metadata["caption"] == {
        "value": "Fishing boats return to Brixham harbour.",
        "source": "EXIF ImageDescription",
    }
    assert metadata["creator"]["value"] == "Jane Doe"


# --- thumbnails and renditions --------------------------------------------------------


def test_thumbnail_longest_side_is_the_size_asked_for():
    thumb = opened(thumbnail_bytes(noisy_jpeg((1200, 800))))
    assert thumb.format == "JPEG"
    assert thumb.size == (256, 171)
    assert opened(thumbnail_bytes(noisy_jpeg((300, 900)), 120)).size == (40, 120)


def test_thumbnail_applies_orientation():
    # A landscape file whose left half is red, stored with "rotate 90 clockwise to view".
    im = Image.new("RGB", (400, 200), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    im.save(out, "JPEG", quality=95, exif=exif)
    thumb = opened(thumbnail_bytes(out.getvalue(), 100)).convert("RGB")
    assert thumb.size == (50, 100)
    red_top = thumb.getpixel((25, 10))
    blue_bottom = thumb.getpixel((25, 90))
    assert red_top[0] > 200 and red_top[2] < 60
    assert blue_bottom[2] > 200 and blue_bottom[0] < 60


def test_thumbnail_keeps_transparency_as_png():
    thumb = opened(thumbnail_bytes(png((600, 300), mode="RGBA", color=(0, 200, 0, 0)), 64))
    assert thumb.format == "PNG"
    assert thumb.mode == "RGBA"
    assert thumb.size == (64, 32)
    assert thumb.getpixel((10, 10))[3] == 0


def test_thumbnail_of_a_cmyk_jpeg_is_rgb_with_the_right_colour():
    data = jpeg((300, 300), color=(255, 0, 0, 0), mode="CMYK")  # pure cyan ink
    thumb = opened(thumbnail_bytes(data, 50))
    assert thumb.mode == "RGB"
    r, g, b = thumb.getpixel((25, 25))
    assert r < 60 and g > 190 and b > 190


def test_thumbnail_is_not_upscaled():
    assert opened(thumbnail_bytes(jpeg((100, 50)), 256)).size == (100, 50)


def test_thumbnail_of_a_24_megapixel_jpeg_uses_draft_decoding():
    im = Image.linear_gradient("L").resize((6000, 4000))
    out = io.BytesIO()
    Image.merge("RGB", (im, im.transpose(Image.Transpose.FLIP_LEFT_RIGHT), im)).save(
        out, "JPEG", quality=90
    )
    data = out.getvalue()
    thumbnail_bytes(data)  # warm up

    def best_of_three(fn) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        return min(times)

    full_decode = best_of_three(lambda: opened(data))
    thumbnail = best_of_three(lambda: thumbnail_bytes(data))
    assert opened(thumbnail_bytes(data)).size == (256, 171)
    # Without draft decoding a thumbnail costs more than a full decode (decode + resize);
    # with it, a fraction of one.
    assert thumbnail < 0.5 * full_decode, (thumbnail, full_decode)


def test_display_rendition_fits_the_width_and_is_never_upscaled():
    data, mime = display_bytes(noisy_jpeg((1600, 1200)), 800)
    assert mime == "image/jpeg"
    assert opened(data).size == (800, 600)
    data, mime = display_bytes(png((300, 200)), 800)
    assert mime == "image/jpeg"
    assert opened(data).size == (300, 200)


def test_display_rendition_of_a_rotated_photo_fits_the_displayed_width():
    data, _mime = display_bytes(jpeg((800, 400), orientation=8), 100)
    assert opened(data).size == (100, 200)


def test_display_rendition_keeps_transparency():
    data, mime = display_bytes(png((50, 50), mode="LA", color=(128, 100)), 640)
    assert mime == "image/png"
    assert opened(data).mode == "RGBA"


def test_renditions_of_garbage_raise_image_rejected():
    with pytest.raises(ImageRejected):
        thumbnail_bytes(b"not an image at all")
    with pytest.raises(ImageRejected):
        display_bytes(b"\xff\xd8\xff" + b"\x00" * 30, 300)
