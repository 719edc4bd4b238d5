"""Check rules over the body's text: photos that can only stand inline, images from
elsewhere, paragraphs indented into code, and links that would lead nowhere. Pure Python,
no Qt."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop_editor.core.findings import Finding, Severity
from desktop_editor.core.model import Article
from desktop_editor.core.references import body_links, indented_code_lines, other_images


def indented_code_findings(article: Article) -> Iterator[Finding]:
    for line in indented_code_lines(article.body):
        yield Finding(
            Severity.WARNING,
            "This paragraph starts with four spaces or a tab, so it is published as code, "
            "not as text. Remove the indent unless code was meant.",
            field="body",
            line=line,
        )


def inline_photo_findings(article: Article, credit_required: bool) -> Iterator[Finding]:
    from desktop_editor.core.rendering import inline_photo_lines  # loads the renderer

    for line, handle in inline_photo_lines(article.body):
        yield Finding(
            Severity.ERROR if credit_required else Severity.WARNING,
            f"The photo “{handle}” stands inside a heading, link or emphasis, so the page shows "
            "it without its caption and credit. Put it on a line of its own.",
            handle=handle,
            line=line,
        )


def other_image_findings(article: Article) -> Iterator[Finding]:
    for image in other_images(article.body):
        where = "from elsewhere" if "://" in image.src else "not attached to this article"
        yield Finding(
            Severity.WARNING,
            f"The image {image.src or '(no address)'} is {where}: the export publishes it as a "
            "link, not a picture. Attach the photo to show it.",
            field="body",
            line=image.line,
        )


# What a browser would take for a web address but a page reads as a file beside it: www.
# anything, or a domain name (letters, dots, a top-level domain) that is not a file name.
_WWW = re.compile(r"www\.[^\s/]+\.[^\s/]+", re.IGNORECASE)
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,24})(?:[/?#:]|$)", re.IGNORECASE)
_FILE_ENDINGS = {
    "htm", "html", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "cgi", "pdf", "jpg", "jpeg",
    "png", "gif", "webp", "avif", "svg", "tif", "tiff", "md", "txt", "css", "js", "json",
    "xml", "csv", "zip", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "mp3", "mp4", "mov",
}  # fmt: skip
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)  # https:, mailto: (not host:8080)
_MAIL = re.compile(r"[^\s@/:]+@[^\s@/:]+\.[a-z]{2,24}$", re.IGNORECASE)


def missing_scheme(address: str) -> str | None:
    """The address a link meant, when it was written without its scheme: "www.gov.uk/mod"
    means "https://www.gov.uk/mod"; None for an address that works as written."""
    address = address.strip()
    if not address or _SCHEME.match(address):
        return None
    if _MAIL.match(address):
        return f"mailto:{address}"
    if _WWW.match(address):
        return f"https://{address}"
    domain = _DOMAIN.match(address)
    if domain and domain.group(1).lower() not in _FILE_ENDINGS:
        return f"https://{address}"
    return None


def link_findings(article: Article) -> Iterator[Finding]:
    for link in body_links(article.body):
        label = f"“{link.text}”" if link.text else "without text"
        address = link.address.strip()
        if address in ("", "#"):
            yield Finding(
                Severity.WARNING,
                f"The link {label} has no address: on the page it leads nowhere.",
                field="body",
                line=link.line,
            )
            continue
        meant = missing_scheme(address)
        if meant is not None:
            yield Finding(
                Severity.WARNING,
                f"The link {label} points to {address}, which the page reads as a file beside "
                f"it, not a website: write {meant}.",
                field="body",
                line=link.line,
            )
