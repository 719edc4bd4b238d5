"""Writing the article bundle (BUNDLE.md): article.md with YAML front matter, beside the
reader in core.bundle, so import(export(x)) gives back x. Pure Python, no Qt."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import yaml

from desktop_editor.core.authors import to_front_matter
from desktop_editor.core.bundle import IMPORT_STATES
from desktop_editor.core.model import FIGURE_TEXT_FIELDS, Article, Figure
from desktop_editor.core.review_bundle import write_block

MARKDOWN_FILE = "article.md"
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "TIFF": "tif",
               "BMP": "bmp", "HEIF": "heic", "AVIF": "avif"}  # fmt: skip


def markdown_bundle_text(
    article: Article, figures: Sequence[Figure], image_paths: Mapping[str, str]
) -> str:
    """article.md of a bundle: YAML front matter as BUNDLE.md describes it, then the body.
    image_paths maps each handle to its file, relative to article.md."""
    front: dict = {"headline": article.headline}
    if article.kicker.strip():
        front["kicker"] = article.kicker.strip()
    if article.dateline.strip():
        front["dateline"] = article.dateline.strip()
    if article.standfirst:
        front["standfirst"] = article.standfirst
    if article.byline:
        front["byline"] = article.byline
    if article.authors:
        front["authors"] = to_front_matter(article.authors)
    if article.slug:
        front["slug"] = article.slug
    if article.tags:
        front["tags"] = list(article.tags)
    if str(article.status) in IMPORT_STATES:
        front["status"] = str(article.status)  # a published story's copy starts again as a draft
    if _LANGUAGE_TAG.match(article.language.strip()):
        front["language"] = article.language.strip()
    if article.word_target:
        front["word_target"] = article.word_target
    if article.publish_at is not None:
        front["publish_at"] = article.publish_at.isoformat(timespec="seconds")
    if article.embargo is not None:
        front["embargo"] = article.embargo.isoformat(timespec="seconds")
    if article.lead_image:
        front["lead_image"] = article.lead_image
    entries = []
    for figure in sorted(figures, key=lambda f: (f.position, f.handle)):
        if figure.handle not in image_paths:
            continue
        entry = {"handle": figure.handle, "file": image_paths[figure.handle]}
        for name in FIGURE_TEXT_FIELDS:
            value = getattr(figure, name)
            if value:
                entry[name] = value
        entries.append(entry)
    if entries:
        front["images"] = entries
    if (block := write_block(article.body, article.review)) is not None:
        front["review"] = block  # the items stand in the body as CriticMarkup
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100_000)
    return f"---\n{header}---\n{article.body}"


def image_extension(figure: Figure, data: bytes) -> str:
    """The file extension for a photo's original bytes."""
    kind = (figure.format or "").upper()
    if kind not in _EXTENSIONS:
        kind = _sniff(data)
    return _EXTENSIONS.get(kind, "img")


def _sniff(data: bytes) -> str:
    from io import BytesIO

    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as image:
            return (image.format or "").upper()
    except Exception:
        return ""
