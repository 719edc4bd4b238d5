"""The article bundle: one Markdown file with YAML front matter (see BUNDLE.md).

Parsing checks everything it can before anything is stored, so a bundle is imported whole
or refused whole with a sentence naming the file and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from desktop_editor.core.authors import byline_from
from desktop_editor.core.inputs import MB, UnreadableFile, not_a_file, read_file
from desktop_editor.core.model import DEFAULT_LANGUAGE, FIGURE_TEXT_FIELDS, HANDLE_PATTERN, Article, Status

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
BUNDLE_IMAGE_FIELDS = ("handle", "file", *FIGURE_TEXT_FIELDS)
# Front matter this reads. Hugo, Jekyll, Obsidian and Pandoc write title, author(s),
# description and date; they mean headline, byline, standfirst and publish_at here.
KNOWN_FIELDS = {
    "headline", "title", "standfirst", "description", "byline", "author", "authors", "slug",
    "tags", "status", "language", "word_target", "lead_image", "images", "publish_at", "date",
    "embargo", "review", "dateline", "kicker",
}  # fmt: skip


# The states an article may arrive in; scheduling, publishing and killing are the desk's
# recorded moves (core.workflow), never something an imported file says.
IMPORT_STATES = ("draft", "subbing", "legal", "ready")

# The front matter and the body together; the body alone has its own limit (core.limits).
MAX_BUNDLE_BYTES = 4 * MB


class BundleError(Exception):
    """str(error) is one sentence naming the file and, where it applies, the field."""


@dataclass(frozen=True, slots=True)
class BundleImage:
    handle: str
    path: Path
    fields: dict  # caption, credit, alt... as given in the front matter (non-empty only)


@dataclass(frozen=True, slots=True)
class Bundle:
    article: Article
    images: tuple[BundleImage, ...]
    warnings: tuple[str, ...] = ()  # one sentence per thing read past (unknown fields...)


def split_front_matter(text: str) -> tuple[str | None, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text.lstrip("\ufeff")
    return match.group(1), text[match.end():]


def read_bundle(path: Path) -> Bundle:
    name = path.name
    try:
        raw = read_file(path, MAX_BUNDLE_BYTES, "a Markdown article")
    except UnreadableFile as error:
        raise BundleError(f"{path} {error}.") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError(f"{name} is not UTF-8 text.") from None
    return parse_bundle(text, name, base=path.parent)


def parse_bundle(text: str, name: str, base: Path) -> Bundle:
    front, body = split_front_matter(text)
    if front is None:
        raise BundleError(f"{name} has no YAML front matter (a block between --- lines at the top).")
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise BundleError(f"{name} has front matter that is not valid YAML{where}.") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise BundleError(f"{name}: the front matter must be a mapping of fields.")

    def text_field(key: str, required: bool = False) -> str:
        value = meta.get(key)
        if value is None:
            if required:
                raise BundleError(f"{name}: the field “{key}” is required.")
            return ""
        if isinstance(value, (dict, list)):
            raise BundleError(f"{name}: the field “{key}” must be text.")
        return str(value).strip()

    warnings = [
        f"{name}: the field “{key}” is not one Desktop Editor reads; it was left out."
        for key in meta
        if str(key) not in KNOWN_FIELDS
    ]
    headline_key = "headline" if meta.get("headline") is not None else "title"
    if meta.get("headline") is None and meta.get("title") is None:
        raise BundleError(f"{name}: the field “headline” is required (“title” is read as the headline too).")
    headline = text_field(headline_key)
    if not headline:
        raise BundleError(f"{name}: the field “{headline_key}” is empty.")
    status_text = text_field("status") or Status.DRAFT.value
    if status_text not in IMPORT_STATES:  # an import is no move: later states are made on the desk, recorded
        raise BundleError(f"{name}: the field “status” must be draft, subbing, legal or ready.")
    status = Status(status_text)
    language = text_field("language") or DEFAULT_LANGUAGE
    if not _LANGUAGE_TAG.match(language):
        raise BundleError(f"{name}: the field “language” must be a language tag such as en-GB.")
    word_target = meta.get("word_target")
    if word_target is not None:
        if isinstance(word_target, bool) or not isinstance(word_target, int) or word_target <= 0:
            raise BundleError(f"{name}: the field “word_target” must be a positive whole number.")
    tags = _words(meta, "tags", name)
    images = _images(meta.get("images"), name, base)
    lead = text_field("lead_image") or None
    if lead is not None and lead not in {image.handle for image in images}:
        raise BundleError(f"{name}: the field “lead_image” names “{lead}”, which is not in images.")
    slug = text_field("slug")
    byline = text_field("byline")
    if not byline and meta.get("author") is not None:
        byline = ", ".join(_words(meta, "author", name))
    authors = _structured_authors(meta.get("authors"), name)
    if authors:
        byline = byline or byline_from(authors)
    elif not byline and meta.get("authors") is not None:
        byline = ", ".join(_words(meta, "authors", name))
    body, review = _review(meta.get("review"), body.lstrip("\r\n").replace("\r\n", "\n"), name)
    date_key = "publish_at" if meta.get("publish_at") is not None else "date"
    article = Article(
        headline=headline,
        standfirst=text_field("standfirst") or text_field("description"),
        kicker=" ".join(text_field("kicker").split()),
        dateline=" ".join(text_field("dateline").split()),
        byline=byline,
        authors=authors,
        publish_at=_moment(meta.get(date_key), date_key, name),
        embargo=_embargo(meta.get("embargo"), name),
        slug=slug,
        slug_locked=bool(slug),
        tags=tuple(tags),
        status=status,
        language=language,
        word_target=word_target,
        body=body,
        review=review,
        lead_image=lead,
    )
    return Bundle(article, images, tuple(warnings))


def _review(value: object, body: str, name: str) -> tuple[str, dict]:
    """Suggestions and comments: CriticMarkup in the body, the review: block (core.review_bundle)."""
    from desktop_editor.core.review_bundle import ReviewBlockError, read_block

    try:
        return read_block(value, body, name, datetime.now(UTC))
    except ReviewBlockError as error:
        raise BundleError(str(error)) from None


def _words(meta: dict, key: str, name: str) -> list[str]:
    """A list of words (tags, authors), or comma-separated text; null in it is refused."""
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise BundleError(f"{name}: the field “{key}” must be a list of words.")
    for item in value:
        if item is None:
            raise BundleError(f"{name}: the field “{key}” has an empty entry (null); remove it or write it in quotes.")
        if isinstance(item, (dict, list)):
            raise BundleError(f"{name}: the field “{key}” must be a list of words.")
    return [str(item).strip() for item in value if str(item).strip()]


def _moment(value: object, key: str, name: str) -> datetime | None:
    """A publish time: a YAML date or date-time, or ISO 8601 text; no zone means UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise BundleError(
                f"{name}: the field “{key}” must be a date and time such as 2026-05-01T09:00:00+01:00."
            ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _structured_authors(value: object, name: str) -> tuple:
    """authors: [{name, role, url}] (core.authors); a plain list of names stays a byline."""
    from desktop_editor.core.authors import AuthorsError, from_front_matter

    if not isinstance(value, list) or not any(isinstance(entry, dict) for entry in value):
        return ()
    try:
        return from_front_matter(value, name)
    except AuthorsError as error:
        raise BundleError(str(error)) from None


def _embargo(value: object, name: str) -> datetime | None:
    """An embargo: a date and time with its zone, as every desk must read it alike."""
    if isinstance(value, datetime | str) and value != "":
        zoned = value.tzinfo if isinstance(value, datetime) else _moment(value, "embargo", name) and _has_zone(value)
        if not zoned:
            raise BundleError(f"{name}: the field “embargo” needs a time zone, e.g. 2026-05-01T09:00:00+01:00.")
    elif value not in (None, ""):
        raise BundleError(f"{name}: the field “embargo” must be a date and time with its zone, e.g. 2026-05-01T09:00:00+01:00.")
    return _moment(value, "embargo", name)


def _has_zone(text: str) -> bool:
    try:
        return datetime.fromisoformat(text.strip()).tzinfo is not None
    except ValueError:
        return False


def _images(value: object, name: str, base: Path) -> tuple[BundleImage, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise BundleError(f"{name}: the field “images” must be a list.")
    seen: set[str] = set()
    images = []
    for number, entry in enumerate(value, start=1):
        where = f"{name}: images entry {number}"
        if not isinstance(entry, dict):
            raise BundleError(f"{where} must be a mapping with handle and file.")
        handle = str(entry.get("handle") or "").strip()
        if not HANDLE_PATTERN.match(handle):
            raise BundleError(f"{where} needs a “handle” of lowercase letters, digits and hyphens.")
        if handle in seen:
            raise BundleError(f"{where} repeats the handle “{handle}”.")
        seen.add(handle)
        file = str(entry.get("file") or "").strip()
        if not file:
            raise BundleError(f"{where} (“{handle}”) has no “file”.")
        path = (base / file).resolve()
        refusal = not_a_file(path)
        if refusal is not None:
            raise BundleError(f"{where} (“{handle}”): the file {file} {refusal}.")
        fields = {
            key: str(entry[key]).strip()
            for key in FIGURE_TEXT_FIELDS
            if entry.get(key) is not None and str(entry[key]).strip()
        }
        images.append(BundleImage(handle, path, fields))
    return tuple(images)
