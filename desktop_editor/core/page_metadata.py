"""What an exported page says about itself to search engines and social networks:
JSON-LD NewsArticle with ImageObject credits and a publisher, Open Graph and Twitter card
tags, and the canonical address. Addresses are absolute only when the page's own address
is known (a base URL): a relative og:image is never written, since nobody resolves it.
Pure Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

from desktop_editor.core.corrections import Correction
from desktop_editor.core.corrections import json_ld as corrections_json_ld
from desktop_editor.core.dateline import DEFAULT_DATELINE_FORMAT, article_dateline, place_and_date
from desktop_editor.core.figure_view import FigureView
from desktop_editor.core.house_style import page_url
from desktop_editor.core.model import Article, Figure


@dataclass(frozen=True, slots=True)
class Publication:
    """Where and by whom the page is published (from the house style or the command line)."""

    base_url: str = ""  # the page's address; {slug} is replaced by the article's slug
    publisher: str = ""
    publisher_url: str = ""
    publisher_logo: str = ""
    published: datetime | None = None  # when the article carries no publish time: now
    dateline_format: str = DEFAULT_DATELINE_FORMAT  # core.dateline


@dataclass(frozen=True, slots=True)
class PageMetadata:
    json_ld: dict
    meta: list[tuple[str, str, str]] = field(default_factory=list)  # (attribute, name, content)
    canonical: str = ""


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")


def published_time(article: Article, publication: Publication) -> datetime:
    """The article's publish time if it carries one, else the moment of publishing."""
    moment = article.publish_at or publication.published or datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def page_metadata(
    article: Article,
    shown: Sequence[Figure],
    views: Mapping[str, FigureView],
    publication: Publication = Publication(),
    *,
    embedded_images: bool = False,
    corrections: Sequence[Correction] = (),
) -> PageMetadata:
    url = page_url(publication.base_url, article.slug)

    def absolute(src: str) -> str:
        if embedded_images or src.startswith("data:") or not url:
            return ""
        return urljoin(url, src)

    published = published_time(article, publication)
    data = _json_ld(article, shown, views, publication, url, published, absolute)
    if dateline := place_and_date(article_dateline(article, publication.dateline_format)):
        data["dateline"] = dateline  # as the first paragraph starts, without its dash
    if corrections:  # each note dated and said (core.corrections); dateModified is the last
        data["correction"] = corrections_json_ld(corrections, iso)
    title = article.headline.strip() or "Untitled"
    description = article.standfirst.strip()
    meta = [("property", "og:type", "article"), ("property", "og:title", title)]
    if description:
        meta.append(("property", "og:description", description))
    if url:
        meta.append(("property", "og:url", url))
    if publication.publisher.strip():
        meta.append(("property", "og:site_name", publication.publisher.strip()))
    card = "summary"
    if shown:
        first = shown[0]
        image = absolute(views[first.handle].src)
        if image:
            card = "summary_large_image"
            meta.append(("property", "og:image", image))
            view = views[first.handle]
            if view.width and view.height:
                meta.append(("property", "og:image:width", str(view.width)))
                meta.append(("property", "og:image:height", str(view.height)))
            if first.alt.strip():
                meta.append(("property", "og:image:alt", first.alt.strip()))
    meta.append(("property", "article:published_time", data["datePublished"]))
    meta.append(("property", "article:modified_time", data["dateModified"]))
    meta.append(("name", "twitter:card", card))
    return PageMetadata(data, meta, url)


def _json_ld(article, shown, views, publication, url, published, absolute) -> dict:
    """schema.org NewsArticle for the page, with an ImageObject per photo and its credits.
    core.page.json_for_script escapes it so no field can end the script element."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline.strip() or "Untitled",
        "inLanguage": article.language,
    }
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    if article.standfirst.strip():
        data["description"] = article.standfirst.strip()
    if article.authors:
        data["author"] = [
            {"@type": "Person", "name": a.name, "jobTitle": a.role, **({"url": a.url} if a.url else {})} for a in article.authors
        ]
    elif article.byline.strip():
        data["author"] = [{"@type": "Person", "name": article.byline.strip()}]
    data["datePublished"] = iso(published)
    # Edits before publishing do not count: a page changes after it is out only by a correction.
    modified = article.corrected_at if article.corrected_at and iso(article.corrected_at) > iso(published) else published
    data["dateModified"] = iso(modified)
    if article.tags:
        data["keywords"] = [tag for tag in article.tags if tag.strip()]
    if publication.publisher.strip():
        publisher: dict = {"@type": "Organization", "name": publication.publisher.strip()}
        if publication.publisher_url.strip():
            publisher["url"] = publication.publisher_url.strip()
        if publication.publisher_logo.strip():
            publisher["logo"] = {"@type": "ImageObject", "url": publication.publisher_logo.strip()}
        data["publisher"] = publisher
    images = []
    for figure in shown:
        view = views[figure.handle]
        image: dict = {"@type": "ImageObject"}
        content_url = absolute(view.src)
        if content_url:
            image["contentUrl"] = content_url
        elif not view.src.startswith("data:"):
            image["contentUrl"] = view.src  # relative to the page, as the img element has it
        image["width"] = view.width
        image["height"] = view.height
        for key, value in (
            ("caption", figure.caption),
            ("description", figure.alt),
            ("creditText", figure.credit),
            ("copyrightNotice", figure.copyright),
        ):
            if value.strip():
                image[key] = value.strip()
        if figure.creator.strip():
            image["creator"] = {"@type": "Person", "name": figure.creator.strip()}
        images.append(image)
    if images:
        data["image"] = images
    return data
