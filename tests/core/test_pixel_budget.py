"""Pictures are decoded within a memory budget: too large ones are refused from their
header, and large ones are shrunk before any full-size copy is made, to the same result."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from desktop_editor.core import pixels
from desktop_editor.core.images import ImageRejected, ingest_bytes
from desktop_editor.core.renditions import RenditionError, make_renditions
from tests.hostile.bombs import png


def picture(mode: str) -> Image.Image:
    image = Image.new("RGBA", (1203, 801), (200, 40, 60, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((100, 100, 900, 700), fill=(20, 200, 90, 128))
    draw.rectangle((0, 0, 300, 200), fill=(0, 0, 0, 0))
    if mode == "I;16":
        return image.convert("L").convert("I").point(lambda v: v * 256).convert("I;16")
    if mode == "P":
        return image.convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE)
    return image.convert(mode)


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "1", "I;16", "RGB", "L"])
def test_shrinking_early_gives_the_picture_a_whole_conversion_would(mode):
    image = picture(mode)
    shrunk = pixels.shrink_early(image, (200, 130))
    whole = image.convert({"I;16": "I", "1": "L", "P": "RGB"}.get(mode, mode)).reduce(6)
    assert shrunk.size == whole.size == (201, 134)
    assert shrunk.mode == whole.mode
    difference = ImageChops.difference(shrunk.convert("RGBA"), whole.convert("RGBA")) if mode not in ("I;16",) else None
    assert difference is None or max(band[1] for band in difference.getextrema()) <= 1


def test_a_picture_over_the_budget_is_refused_from_its_header_at_ingest_and_export():
    huge = png(13000, 12000, "RGBA")
    with pytest.raises(ImageRejected, match="it is 156 megapixels in RGBA, which take 595 MB decoded, more than the 400 MB"):
        ingest_bytes(huge, "huge.png")
    with pytest.raises(RenditionError, match="more than the 400 MB a picture other than a JPEG may take"):
        make_renditions(huge, "huge")


def test_a_large_picture_within_the_budget_makes_its_renditions():
    made = make_renditions(png(9000, 9000, "RGBA"), "large", (480, 1600))
    assert [(r.width, r.height) for r in made] == [(480, 480), (1600, 1600)]
    assert Image.open(io.BytesIO(made[-1].data)).size == (1600, 1600)
