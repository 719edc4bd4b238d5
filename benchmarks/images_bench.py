"""Thumbnail timing: a 24-megapixel camera JPEG down to the 256-pixel library thumbnail.

Run: python benchmarks/images_bench.py   (prints the figures)
Goal: thumbnail_24mp_ms well under 60 ms (JPEG draft decoding: the DCT is scaled to 1/8).
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
RUNS = 15


def photo(seed: int = 24) -> bytes:
    """A 6000x4000 quality-90 JPEG with photo-like structure and grain."""
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
    image = small.filter(ImageFilter.GaussianBlur(1.5)).resize(
        PHOTO_SIZE, Image.Resampling.BICUBIC
    )
    # Texture at full resolution: fine grain like a sensor at base ISO, plus coarser detail.
    fine = Image.effect_noise(PHOTO_SIZE, 28)
    coarse = Image.effect_noise((PHOTO_SIZE[0] // 3, PHOTO_SIZE[1] // 3), 40).resize(PHOTO_SIZE)
    texture = Image.merge("RGB", (fine, coarse, fine))
    image = Image.blend(image, texture, 0.12)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def measure() -> dict:
    data = photo()
    thumbnail_bytes(data)  # warm up: imports, codecs
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        thumbnail_bytes(data)
        times.append((time.perf_counter() - started) * 1000)
    return {"thumbnail_24mp_ms": round(statistics.median(times), 1)}


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
