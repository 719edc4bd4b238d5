"""Thumbnail timing: a 24-megapixel camera JPEG and a 12-megapixel phone HEIC down to the
256-pixel library thumbnail.

Run: python benchmarks/images_bench.py   (prints the figures)
Goal: thumbnail_24mp_ms well under 60 ms (JPEG draft decoding: the DCT is scaled to 1/8).
thumbnail_12mp_heic_ms: a 4032x3024 HEIC with the 320x240 preview an iPhone stores beside
the picture (the thumbnail is made from it: pillow-heif's draft picks a preview that is a
scaled copy of the picture and at least as large as needed); thumbnail_12mp_heic_no_preview_ms
decodes the whole picture (HEVC has no reduced-scale decoding).
The photo is generated: smooth shapes, edges and fine sensor-like grain, saved at quality 90
(about 2-4 MB, like a camera's fine JPEG). JPEG decoding time grows with the file's bytes:
a noisier, larger file takes proportionally longer even at 1/8 scale.
"""

from __future__ import annotations

import io
import json
import random
import statistics
import time

from PIL import Image, ImageDraw, ImageFilter

from desktop_editor.core.images import thumbnail_bytes

PHOTO_SIZE = (6000, 4000)
PHONE_SIZE = (4032, 3024)
RUNS = 15
HEIC_RUNS = 7


def picture(size: tuple[int, int] = PHOTO_SIZE, seed: int = 24) -> Image.Image:
    """Photo-like structure and grain at size."""
    rng = random.Random(seed)
    small = Image.new("RGB", (1500, 1000), (120, 140, 170))
    draw = ImageDraw.Draw(small)
    for _ in range(220):
        x, y = rng.randrange(1500), rng.randrange(1000)
        r = rng.randrange(8, 220)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    image = small.filter(ImageFilter.GaussianBlur(1.5)).resize(size, Image.Resampling.BICUBIC)
    # Texture at full resolution: fine grain like a sensor at base ISO, plus coarser detail.
    fine = Image.effect_noise(size, 28)
    coarse = Image.effect_noise((size[0] // 3, size[1] // 3), 40).resize(size)
    texture = Image.merge("RGB", (fine, coarse, fine))
    return Image.blend(image, texture, 0.12)


def photo(seed: int = 24) -> bytes:
    """A 6000x4000 quality-90 JPEG with photo-like structure and grain."""
    buffer = io.BytesIO()
    picture(PHOTO_SIZE, seed).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def phone_photo(preview: bool = True) -> bytes | None:
    """A 4032x3024 HEIC like an iPhone's, with its 320x240 preview; None without pillow-heif."""
    try:
        import pillow_heif
    except ImportError:
        return None
    buffer = io.BytesIO()
    pillow_heif.from_pillow(picture(PHONE_SIZE, 12)).save(
        buffer, format="HEIF", quality=80, thumbnails=[320] if preview else []
    )
    return buffer.getvalue()


def median_ms(data: bytes, runs: int) -> float:
    thumbnail_bytes(data)  # warm up: imports, codecs, plug-in registration
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        thumbnail_bytes(data)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def measure() -> dict:
    figures = {"thumbnail_24mp_ms": median_ms(photo(), RUNS)}
    for name, preview in (("thumbnail_12mp_heic_ms", True), ("thumbnail_12mp_heic_no_preview_ms", False)):
        data = phone_photo(preview)
        if data is not None:
            figures[name] = median_ms(data, HEIC_RUNS)
    return figures


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
