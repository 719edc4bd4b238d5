"""Export timings: ten 24-megapixel photos to a folder, and a 2,000-word article.

Run: python benchmarks/export_bench.py   (prints the figures)
Goals: export_10x24mp_s <= 4 s with all cores; export_2k_text_ms <= 150 ms.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from desktop_editor.core.export import ExportFormat, ExportSettings, export_article
from desktop_editor.core.model import Article, Figure

PHOTO_SIZE = (6000, 4000)
PHOTOS = 10
WORDS = (
    "council bridge river crossing vote mayor residents traffic plan budget year city "
    "engineers said would build new road cost million pounds public inquiry report"
).split()


def photo(seed: int) -> bytes:
    """A 6000x4000 JPEG with photo-like detail: smooth shapes plus fine grain."""
    rng = random.Random(seed)
    small = Image.new("RGB", (600, 400))
    draw = ImageDraw.Draw(small)
    for _ in range(60):
        x, y = rng.randrange(600), rng.randrange(400)
        r = rng.randrange(10, 120)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    image = small.filter(ImageFilter.GaussianBlur(3)).resize(PHOTO_SIZE, Image.Resampling.BILINEAR)
    grain = Image.effect_noise((PHOTO_SIZE[0] // 2, PHOTO_SIZE[1] // 2), 24).resize(PHOTO_SIZE)
    image = Image.blend(image, Image.merge("RGB", (grain, grain, grain)), 0.15)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def photo_article() -> tuple[Article, list[Figure], dict[str, bytes]]:
    originals = {f"sha-{n}": photo(n) for n in range(PHOTOS)}
    figures = [
        Figure(
            handle=f"photo-{n}", image_sha256=f"sha-{n}", caption=f"Photo number {n}.",
            credit="Staff", alt=f"Test photo {n}", position=n,
        )
        for n in range(PHOTOS)
    ]
    body = "\n\n".join(f"Paragraph {n}.\n\n![](image:photo-{n})" for n in range(1, PHOTOS))
    article = Article(
        id=1, headline="Ten photos", standfirst="A benchmark.", slug="ten-photos", body=body,
        lead_image="photo-0", created=datetime(2026, 1, 1, tzinfo=UTC),
    )
    return article, figures, originals


def text_article(words: int = 2000) -> Article:
    rng = random.Random(7)
    paragraphs = []
    count = 0
    while count < words:
        n = min(rng.randrange(40, 90), words - count)
        sentence = " ".join(rng.choice(WORDS) for _ in range(n))
        paragraphs.append(sentence.capitalize() + ".")
        count += n
        if len(paragraphs) % 6 == 0:
            paragraphs.append(f"## Section {len(paragraphs) // 6}")
    return Article(
        id=2, headline="Two thousand words", standfirst="A long read.", byline="A Reporter",
        slug="two-thousand-words", body="\n\n".join(paragraphs),
        created=datetime(2026, 1, 1, tzinfo=UTC),
    )


def _time_export(article, figures, originals, settings, runs: int = 1) -> float:
    best = float("inf")
    for _ in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="export-bench-"))
        try:
            start = time.perf_counter()
            export_article(
                article, figures, originals.__getitem__, folder / "out", ExportFormat.FOLDER,
                settings=settings,
            )
            best = min(best, time.perf_counter() - start)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return best


def measure() -> dict:
    article, figures, originals = photo_article()
    all_cores = ExportSettings(workers=os.cpu_count())
    one_core = ExportSettings(workers=1)
    text = text_article()
    _time_export(text, [], {}, all_cores)  # warm up imports, template and Markdown
    return {
        "export_10x24mp_s": round(_time_export(article, figures, originals, all_cores), 3),
        "export_10x24mp_single_core_s": round(_time_export(article, figures, originals, one_core), 3),
        "export_2k_text_ms": round(_time_export(text, [], {}, all_cores, runs=5) * 1000, 1),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
