"""IPTC ninjs 2.2 for a CMS or a wire: DIR/ninjs.json, with the web renditions beside it.

The item carries a stable URN per article, its version and times, the embargo (an embargoed
item is `withheld` until then; a killed one `canceled`), headline, standfirst, the HTML body,
the byline and authors with their roles, and each photo the story shows as a `picture`
association: caption, credit line and alt text as descriptions, creator, copyright and its
renditions. Every item is checked against IPTC's own schema (resources/ninjs-schema_2.2.json,
its one remote reference, GeoJSON, read from a local copy) before it is written: what does
not validate is never sent. Pure Python, no Qt.
"""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from desktop_editor.core.authors import credit_line
from desktop_editor.core.export_files import ExportError
from desktop_editor.core.model import Article, Figure, Status

NINJS_FILE = "ninjs.json"
SCHEMA_FILE = "ninjs-schema_2.2.json"
GEOJSON_FILE = "GeoJSON-schema.json"
URN = "urn:desktop-editor"


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat(timespec="seconds")


def pubstatus(article: Article, now: datetime | None = None) -> str:
    from desktop_editor.core.workflow import under_embargo

    if article.status == Status.KILLED:
        return "canceled"
    return "withheld" if under_embargo(article, now) else "usable"


def _descriptions(*pairs: tuple[str, str]) -> list[dict]:
    return [{"role": role, "value": value.strip()} for role, value in pairs if value and value.strip()]


def picture(figure: Figure, renditions: list, images_folder: str) -> dict:
    """One photo as a ninjs association of type picture."""
    item: dict = {
        "name": figure.handle,
        "uri": f"{URN}:picture:{figure.image_sha256}",
        "type": "picture",
        "renditions": [
            {
                "name": f"{rendition.width}w", "href": f"{images_folder}/{rendition.file_name}",
                "contenttype": rendition.mime, "width": rendition.width, "height": rendition.height,
                "sizeinbytes": len(rendition.data),
            }  # fmt: skip
            for rendition in renditions
        ],
    }
    if figure.caption.strip():
        item["headlines"] = [{"role": "caption", "value": figure.caption.strip()}]
    descriptions = _descriptions(
        ("caption", figure.caption), ("creditline", figure.credit), ("alt", figure.alt),
        ("longdesc", figure.extended_description),
    )  # fmt: skip
    if descriptions:
        item["descriptions"] = descriptions
    if figure.creator.strip() or figure.credit.strip():
        item["by"] = figure.creator.strip() or figure.credit.strip()
    if figure.copyright.strip() or figure.credit.strip():
        item["copyrightnotice"] = figure.copyright.strip() or figure.credit.strip()
    if figure.instructions.strip():
        item["usageterms"] = figure.instructions.strip()
    return item


def ninjs_item(
    article: Article, body_html: str, pictures: list[dict], publisher: str = "", now: datetime | None = None,
    corrections=(),
) -> dict:
    """The article as one ninjs 2.2 object; corrections (core.corrections.Correction, oldest
    first) each a description of role "correction", dated as the page says it, and listed in
    the ednote for the receiving desk."""
    item: dict = {
        "uri": f"{URN}:article:{article.uid or article.id or article.slug}",
        "type": "text",
        "version": str(article.version),
        "pubstatus": pubstatus(article, now),
        "language": article.language.strip() or "en",
        "headlines": [{"role": "main", "value": article.headline.strip() or "Untitled"}]
        + ([{"role": "kicker", "value": article.kicker.strip()}] if article.kicker.strip() else []),
        "bodies": [{"role": "main", "contenttype": "text/html", "value": body_html}],
    }
    times = {
        "firstcreated": _iso(article.created),
        "versioncreated": _iso(article.corrected_at or article.updated or now or datetime.now(UTC)),
        "embargoed": _iso(article.embargo),
    }
    item.update({name: value for name, value in times.items() if value})
    descriptions = [{"role": "summary", "value": article.standfirst.strip()}] if article.standfirst.strip() else []
    descriptions += [{"role": "correction", "value": correction.note()} for correction in corrections]
    if descriptions:
        item["descriptions"] = descriptions
    if article.slug:
        item["slugline"] = article.slug
    if credit_line(article):
        item["by"] = credit_line(article)
    if article.authors:
        item["people"] = [
            {"name": a.name, "rel": a.role, **({"uri": a.url} if a.url else {})} for a in article.authors if a.name.strip()
        ]
    if publisher.strip():
        item["copyrightholder"] = publisher.strip()
    if corrections:
        item["ednote"] = " ".join(correction.note() for correction in corrections)
    elif article.correction_count:
        item["ednote"] = f"Corrected: {article.correction_count} correction(s), the last on {_iso(article.corrected_at)}."
    if pictures:
        item["associations"] = pictures
    return item


@functools.cache
def _validator():
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    folder = resources.files("desktop_editor.resources")
    schema = json.loads(folder.joinpath(SCHEMA_FILE).read_text("utf-8"))
    geojson = json.loads(folder.joinpath(GEOJSON_FILE).read_text("utf-8"))
    registry = Registry().with_resource(geojson["$id"], Resource.from_contents(geojson))  # offline
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(item: dict) -> list[str]:
    """What IPTC's schema finds wrong with item: one line each; none when it validates."""
    found = sorted(_validator().iter_errors(item), key=lambda error: list(error.absolute_path))
    return [f"{'/'.join(str(p) for p in error.absolute_path) or 'the item'}: {error.message}" for error in found]


def write_ninjs(job, folder: Path) -> None:
    """The export's ninjs format (core.export): the shown photos' renditions in images/,
    then ninjs.json, refused whole if it does not validate."""
    from desktop_editor.core.export import IMAGES_FOLDER
    from desktop_editor.core.dateline import article_body

    shown, views, made = job.write_images(folder, single=False)
    body_html = article_body(job.article, job.context(views), job.settings.dateline_format)
    pictures = [picture(figure, made[figure.handle], IMAGES_FOLDER) for figure in shown]
    item = ninjs_item(job.article, body_html, pictures, job.settings.publication.publisher, corrections=job.corrections)
    wrong = problems(item)
    if wrong:
        raise ExportError(f"The ninjs item does not validate against IPTC's schema ({wrong[0]}); nothing was exported.")
    (folder / NINJS_FILE).write_text(json.dumps(item, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
