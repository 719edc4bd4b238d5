"""The pixel work shared by thumbnails and export renditions."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from desktop_editor.core import pixels
from desktop_editor.core.images import thumbnail_bytes

GHOSTSCRIPT_ICC = Path("/usr/share/color/icc/ghostscript")


def _reopened(image: Image.Image, fmt: str = "JPEG", **save) -> Image.Image:
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return Image.open(io.BytesIO(out.getvalue()))


def test_orientation_is_read_and_broken_exif_means_as_stored(monkeypatch):
    exif = Image.Exif()
    exif[0x0112] = 6
    turned = _reopened(Image.new("RGB", (40, 20)), exif=exif)
    assert pixels.orientation(turned) == 6
    assert pixels.upright_size(turned) == (20, 40)

    exif[0x0112] = 99
    assert pixels.orientation(_reopened(Image.new("RGB", (40, 20)), exif=exif)) == 1

    def broken(self):
        raise SyntaxError("not a TIFF file")

    monkeypatch.setattr(Image.Image, "getexif", broken)
    assert pixels.orientation(turned) == 1


def test_turned_swaps_only_for_quarter_turns():
    assert pixels.turned((300, 200), 3) == (300, 200)
    assert pixels.turned((300, 200), 8) == (200, 300)


def test_normalized_keeps_only_real_transparency():
    see_through, transparent = pixels.normalized(Image.new("LA", (4, 4), (128, 100)))
    assert (see_through.mode, transparent) == ("RGBA", True)
    opaque, transparent = pixels.normalized(Image.new("RGBA", (4, 4), (1, 2, 3, 255)))
    assert (opaque.mode, transparent) == ("RGB", False)
    deep, transparent = pixels.normalized(Image.new("I;16", (4, 4), 0xFF00))
    assert (deep.mode, deep.getpixel((0, 0)), transparent) == ("L", 255, False)
    assert pixels.normalized(Image.new("P", (4, 4)))[0].mode == "RGB"


def test_no_transform_for_srgb_or_unusable_profiles():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    assert pixels.srgb_transform(srgb, "RGB") is None
    assert pixels.srgb_transform(b"not a profile", "CMYK") is None
    assert pixels.srgb_transform(None, "CMYK") is None
    cmyk = Image.new("CMYK", (2, 2), (0, 0, 0, 0))
    assert pixels.to_srgb(cmyk, None).mode == "RGB"


@pytest.mark.skipif(
    not (GHOSTSCRIPT_ICC / "default_cmyk.icc").is_file(), reason="no CMYK ICC profile"
)
def test_thumbnails_on_several_threads_match_one_at_a_time():
    icc = (GHOSTSCRIPT_ICC / "default_cmyk.icc").read_bytes()
    photos = []
    for n in range(6):
        noise = Image.effect_noise((900, 600), 40 + n * 10)
        image = Image.merge("CMYK", (noise, noise.rotate(90 * n), noise.transpose(0), noise))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=90, icc_profile=icc)
        photos.append(out.getvalue())

    alone = [thumbnail_bytes(data, 300) for data in photos]
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(3):
            assert list(pool.map(lambda data: thumbnail_bytes(data, 300), photos)) == alone
