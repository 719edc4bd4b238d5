"""The one page template, shared by the live preview and the exported HTML."""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources

import jinja2
from markupsafe import Markup

from desktop_editor.core.authors import credit_line
from desktop_editor.core.corrections import Correction
from desktop_editor.core.model import Article
from desktop_editor.core.page_metadata import PageMetadata
from desktop_editor.core.rendering import RenderContext, figure_element, sanitize


def _template_source(name: str) -> str | None:
    """A template from desktop_editor.resources (the top-level resources/ folder)."""
    path = resources.files("desktop_editor.resources").joinpath(name)
    return path.read_text("utf-8") if path.is_file() else None


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


@functools.cache
def stylesheet() -> str:
    return resources.files("desktop_editor.resources").joinpath("article.css").read_text("utf-8")


def lead_figure_html(article: Article, context: RenderContext) -> str:
    """The lead photo as a figure that sits under the standfirst, or nothing."""
    view = context.figures.get(article.lead_image or "")
    if view is None:
        return ""
    element = figure_element(view, context.credit_format, None, lazy=False)
    element.set("class", "figure lead-figure")
    return sanitize(etree.tostring(element, encoding="unicode", method="html"))


def json_for_script(value: object) -> str:
    """JSON that cannot end or confuse the <script> element it sits in."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def display_date(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _header_values(article: Article) -> dict:
    moment = article.publish_at or article.updated or article.created or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    from desktop_editor.core.workflow import under_embargo

    embargoed = under_embargo(article)  # the preview and the print proof say so; the export waits
    return {
        "headline": article.headline.strip(),
        "kicker": " ".join(article.kicker.split()),
        "standfirst": article.standfirst.strip(),
        "byline": credit_line(article),
        "date_iso": moment.isoformat(timespec="seconds"),
        "date_display": display_date(moment),
        "embargo_iso": article.embargo.isoformat(timespec="seconds") if embargoed else "",
        "embargo_display": f"{display_date(article.embargo)} {article.embargo:%H:%M %Z}".strip() if embargoed else "",
    }


def render_header(article: Article) -> str:
    """The article's header alone (headline, standfirst, byline, date), for live updates."""
    return _environment().get_template("header.html.j2").render(**_header_values(article))


def render_page(
    article: Article,
    body_html: str,
    lead_html: str = "",
    *,
    preview: bool = False,
    metadata: PageMetadata | None = None,
    corrections: Sequence[Correction] = (),
) -> str:
    """The whole page. metadata (core.page_metadata) gives the exported page its JSON-LD,
    Open Graph and Twitter tags and canonical link; the preview has none."""
    template = _environment().get_template("page.html.j2")
    return template.render(
        language=article.language or "en",
        title=article.headline.strip() or "Untitled",
        description=article.standfirst.strip(),
        **_header_values(article),
        lead_html=Markup(lead_html),
        body_html=Markup(body_html),
        stylesheet=Markup(stylesheet()),
        preview=preview,
        json_ld=Markup(json_for_script(metadata.json_ld if metadata else {})),
        meta=metadata.meta if metadata else [],
        canonical=metadata.canonical if metadata else "",
        corrections=corrections,
    )
