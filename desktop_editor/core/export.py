"""Export an article: a folder, a zip, one self-contained HTML file, or a Markdown bundle.

The page comes from the same template and stylesheet as the preview (core.page), with
figures pointing at web renditions made by core.renditions: upright, sRGB, resized,
stripped of location and identity, credits written back as XMP. Renditions are made on a
thread pool, one image per task.

Everything is written into a temporary folder beside the destination and moved into
place at the end, so a failure or a cancel leaves nothing behind, and an existing
destination is only replaced when asked (force=True). File names come from the slug and
the figure handles, made safe: nothing is ever written outside the destination.
Pure Python, no Qt.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import yaml

from desktop_editor.core.model import DEFAULT_LANGUAGE, FIGURE_TEXT_FIELDS, Article, Figure
from desktop_editor.core.page import lead_figure_html, render_page
from desktop_editor.core.preflight import placed_handles
from desktop_editor.core.rendering import (
    DEFAULT_CREDIT_FORMAT,
    FigureView,
    RenderContext,
    render_fragment,
)
from desktop_editor.core.renditions import (
    Rendition,
    RenditionError,
    clean_xmp,
    make_renditions,
)
from desktop_editor.core.text import slugify, unique_name

INDEX_FILE = "index.html"
MARKDOWN_FILE = "article.md"
IMAGES_FOLDER = "images"
# The article column is 42rem wide on wide screens and the full width on phones.
IMAGE_SIZES = "(min-width: 45rem) 42rem, 100vw"
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "TIFF": "tif",
               "BMP": "bmp", "HEIF": "heic", "AVIF": "avif"}  # fmt: skip


class ExportFormat(StrEnum):
    FOLDER = "folder"
    ZIP = "zip"
    SINGLE = "single"
    MARKDOWN = "markdown"


class ExportError(Exception):
    """The export failed; str() is one sentence for the person who asked for it."""


class ExportCancelled(ExportError):
    def __init__(self, message: str = "The export was cancelled; nothing was written.") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class ExportSettings:
    credit_format: str = DEFAULT_CREDIT_FORMAT
    widths: tuple[int, ...] = (480, 960, 1600)
    jpeg_quality: int = 82
    workers: int | None = None  # threads making renditions; None means one per CPU core


Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def article_slug(article: Article) -> str:
    """The file-safe name of the article: its slug, else its headline, else 'article'."""
    return slugify(article.slug) or slugify(article.headline) or "article"


def output_path(article: Article, destination: Path, format: ExportFormat | str) -> Path:
    """Where export_article writes for this destination.

    - folder, markdown: the folder `destination` itself.
    - zip, single: a file. When `destination` is an existing folder the file goes inside
      it as '<slug>.zip' or '<slug>.html'; otherwise `destination` is the file, with
      '.zip' or '.html' added when its name does not already end so.
    """
    format = ExportFormat(format)
    destination = Path(destination)
    if format in (ExportFormat.FOLDER, ExportFormat.MARKDOWN):
        return destination
    suffixes = (".zip",) if format is ExportFormat.ZIP else (".html", ".htm")
    if destination.is_dir():
        return destination / f"{article_slug(article)}{suffixes[0]}"
    if destination.suffix.lower() in suffixes:
        return destination
    return destination.with_name(destination.name + suffixes[0])


def export_article(
    article: Article,
    figures: Sequence[Figure],
    read_image: Callable[[str], bytes],
    destination: Path,
    format: ExportFormat | str,
    *,
    force: bool = False,
    settings: ExportSettings = ExportSettings(),
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Export article with its figures and return the path written:

    - folder: `destination` becomes a folder with index.html and images/.
    - zip: the same files at the root of one archive, `destination` + '.zip' (or
      '<slug>.zip' inside destination when that is an existing folder).
    - single: one HTML file with the images embedded as data URIs, `destination` + '.html'
      (or '<slug>.html' inside an existing folder).
    - markdown: `destination` becomes a folder with article.md and images/ holding the
      original bytes (BUNDLE.md), which the bundle import reads back.

    Only figures the page shows (the lead image and those placed in the body) are rendered
    into the HTML formats; the Markdown bundle keeps every attached figure.

    read_image(sha256) returns an original's bytes. progress(done, total) is called from
    the calling thread as images finish; cancelled() is polled between steps and makes the
    export stop with ExportCancelled. On any failure nothing is left behind: no partial
    output, no temporary folder. An existing output is refused unless force is True.
    """
    try:
        format = ExportFormat(format)
    except ValueError:
        choices = ", ".join(f.value for f in ExportFormat)
        raise ExportError(f"“{format}” is not an export format; choose one of {choices}.") from None
    target = output_path(article, Path(destination), format)
    wants_folder = format in (ExportFormat.FOLDER, ExportFormat.MARKDOWN)
    _check_target(target, wants_folder, force)
    job = _Job(article, figures, read_image, settings, progress, cancelled)

    created = _make_parents(target.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    try:
        if format is ExportFormat.MARKDOWN:
            job.write_markdown(staging)
            result = staging
        elif format is ExportFormat.FOLDER:
            job.write_site(staging, single=False)
            result = staging
        elif format is ExportFormat.ZIP:
            content = staging / "content"
            content.mkdir()
            job.write_site(content, single=False)
            result = staging / "archive.zip"
            _write_zip(content, result)
        else:
            result = staging / "page.html"
            job.write_site(staging, single=True, page_path=result)
        job.check_cancelled()
        _publish(result, target, force)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_empty(created)
        if isinstance(error, ExportError | KeyboardInterrupt | SystemExit):
            raise
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
            raise ExportError(f"The export to {target} failed: {reason}.") from error
        raise
    else:
        if result != staging:
            shutil.rmtree(staging, ignore_errors=True)
    job.report_done()
    return target


# --- The work of one export ------------------------------------------------------------


class _Job:
    def __init__(
        self,
        article: Article,
        figures: Sequence[Figure],
        read_image: Callable[[str], bytes],
        settings: ExportSettings,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> None:
        self.article = article
        self.figures = {figure.handle: figure for figure in figures}
        self.ordered = sorted(figures, key=lambda f: (f.position, f.handle))
        self.read_image = read_image
        self.settings = settings
        self.progress = progress
        self.cancelled = cancelled
        self.done = 0
        self.total = 1
        names: set[str] = set()
        self.file_names: dict[str, str] = {}
        for figure in self.ordered:  # safe, unique file names from the handles
            name = unique_name(slugify(figure.handle, max_length=48) or "image", names)
            names.add(name)
            self.file_names[figure.handle] = name

    # progress and cancel

    def check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled()

    def step(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(min(self.done, self.total - 1), self.total)

    def report_done(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)

    def original(self, figure: Figure) -> bytes:
        try:
            data = self.read_image(figure.image_sha256)
        except ExportError:
            raise
        except Exception as error:
            raise ExportError(
                f"The photo “{figure.handle}” could not be read from the store ({error})."
            ) from error
        if not data:
            raise ExportError(f"The photo “{figure.handle}” has no image data in the store.")
        return data

    # HTML: folder, zip, single file

    def write_site(self, folder: Path, *, single: bool, page_path: Path | None = None) -> None:
        shown = [self.figures[h] for h in placed_handles(self.article) if h in self.figures]
        self.total = len(shown) + 1
        if self.progress is not None:
            self.progress(0, self.total)
        self.check_cancelled()
        renditions = self.renditions(shown, single)
        images = folder / IMAGES_FOLDER
        views: dict[str, FigureView] = {}
        for figure in shown:
            made = renditions[figure.handle]
            largest = made[-1]
            if single:
                src = f"data:{largest.mime};base64,{base64.b64encode(largest.data).decode('ascii')}"
                srcset = sizes = ""
            else:
                images.mkdir(exist_ok=True)
                for rendition in made:
                    _safe_child(images, rendition.file_name).write_bytes(rendition.data)
                src = f"{IMAGES_FOLDER}/{largest.file_name}"
                srcset = ", ".join(f"{IMAGES_FOLDER}/{r.file_name} {r.width}w" for r in made)
                sizes = IMAGE_SIZES if len(made) > 1 else ""
                if len(made) == 1:
                    srcset = ""
            views[figure.handle] = FigureView(
                handle=figure.handle,
                src=src,
                alt=figure.alt.strip(),
                caption=figure.caption,
                credit=figure.credit,
                width=largest.width,
                height=largest.height,
                srcset=srcset,
                sizes=sizes,
            )
        self.check_cancelled()
        html = self.page(views, shown, renditions, single)
        (page_path or folder / INDEX_FILE).write_text(html, encoding="utf-8")

    def renditions(self, shown: list[Figure], single: bool) -> dict[str, list[Rendition]]:
        widths = (max(self.settings.widths),) if single else tuple(self.settings.widths)
        if not shown:
            return {}

        def make(figure: Figure) -> list[Rendition]:
            self.check_cancelled()
            data = self.original(figure)
            self.check_cancelled()
            try:
                return make_renditions(
                    data,
                    self.file_names[figure.handle],
                    widths,
                    self.settings.jpeg_quality,
                    xmp=clean_xmp(figure),
                )
            except RenditionError as error:
                raise ExportError(f"The photo “{figure.handle}” could not be exported: {error}.") from None

        workers = max(1, min(self.settings.workers or os.cpu_count() or 1, len(shown)))
        results: dict[str, list[Rendition]] = {}
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export")
        try:
            pending = {pool.submit(make, figure): figure for figure in shown}
            while pending:
                finished, _ = wait(pending, timeout=0.1, return_when=FIRST_EXCEPTION)
                for future in finished:
                    figure = pending.pop(future)
                    results[figure.handle] = future.result()  # raises the task's error
                    self.step()
                self.check_cancelled()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return results

    def page(
        self,
        views: Mapping[str, FigureView],
        shown: list[Figure],
        renditions: Mapping[str, list[Rendition]],
        single: bool,
    ) -> str:
        article = self.article
        language = article.language.strip()
        if not _LANGUAGE_TAG.match(language):
            language = DEFAULT_LANGUAGE
        article = article.replace(language=language)
        context = RenderContext(
            figures=views, credit_format=self.settings.credit_format, lazy_images=True
        )
        body_html = render_fragment(article.body, context)
        lead_html = lead_figure_html(article, context)
        og_image = ""
        if not single and shown:
            og_image = views[shown[0].handle].src
        return render_page(
            article,
            body_html,
            lead_html,
            preview=False,
            json_ld=json_ld(article, shown, views, include_urls=not single),
            og_image=og_image,
        )

    # Markdown bundle

    def write_markdown(self, folder: Path) -> None:
        self.total = len(self.ordered) + 1
        if self.progress is not None:
            self.progress(0, self.total)
        paths: dict[str, str] = {}
        if self.ordered:
            images = folder / IMAGES_FOLDER
            images.mkdir()
            for figure in self.ordered:
                self.check_cancelled()
                data = self.original(figure)
                name = f"{self.file_names[figure.handle]}.{_extension(figure, data)}"
                _safe_child(images, name).write_bytes(data)
                paths[figure.handle] = f"{IMAGES_FOLDER}/{name}"
                self.step()
        self.check_cancelled()
        text = markdown_bundle_text(self.article, self.ordered, paths)
        (folder / MARKDOWN_FILE).write_text(text, encoding="utf-8")


# --- Page metadata ---------------------------------------------------------------------


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")


def json_ld(
    article: Article,
    shown: Sequence[Figure],
    views: Mapping[str, FigureView],
    *,
    include_urls: bool = True,
) -> dict:
    """schema.org NewsArticle for the page, with an ImageObject per photo and its credits.
    core.page.json_for_script escapes it so no field can end the script element."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline.strip() or "Untitled",
        "inLanguage": article.language,
    }
    if article.standfirst.strip():
        data["description"] = article.standfirst.strip()
    if article.byline.strip():
        data["author"] = [{"@type": "Person", "name": article.byline.strip()}]
    published = _iso(article.created) or _iso(article.updated) or _iso(datetime.now(UTC))
    data["datePublished"] = published
    data["dateModified"] = _iso(article.updated) or published
    if article.tags:
        data["keywords"] = [tag for tag in article.tags if tag.strip()]
    images = []
    for figure in shown:
        view = views[figure.handle]
        image: dict = {"@type": "ImageObject"}
        if include_urls:
            image["contentUrl"] = view.src
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


# --- Markdown bundle (BUNDLE.md) ---------------------------------------------------------



def markdown_bundle_text(
    article: Article, figures: Sequence[Figure], image_paths: Mapping[str, str]
) -> str:
    """article.md of a bundle: YAML front matter as BUNDLE.md describes it, then the body.
    image_paths maps each handle to its file, relative to article.md."""
    front: dict = {"headline": article.headline}
    if article.standfirst:
        front["standfirst"] = article.standfirst
    if article.byline:
        front["byline"] = article.byline
    if article.slug:
        front["slug"] = article.slug
    if article.tags:
        front["tags"] = list(article.tags)
    front["status"] = str(article.status)
    if _LANGUAGE_TAG.match(article.language.strip()):
        front["language"] = article.language.strip()
    if article.word_target:
        front["word_target"] = article.word_target
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
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100_000)
    return f"---\n{header}---\n{article.body}"


def _extension(figure: Figure, data: bytes) -> str:
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


# --- Files -----------------------------------------------------------------------------


def _safe_child(folder: Path, name: str) -> Path:
    """folder/name, refusing any name that is not a plain file name."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise ExportError(f"“{name}” is not a safe file name.")
    return folder / name


def _check_target(target: Path, wants_folder: bool, force: bool) -> None:
    if not (target.exists() or target.is_symlink()):
        return
    if not force:
        raise ExportError(f"{target} already exists; choose another place or allow replacing it.")
    if wants_folder and not target.is_dir():
        raise ExportError(f"{target} exists and is not a folder; it was not replaced.")
    if not wants_folder and target.is_dir() and not target.is_symlink():
        raise ExportError(f"{target} is a folder; it was not replaced.")


def _make_parents(folder: Path) -> list[Path]:
    """Create folder and missing parents; return those created, deepest last."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"The folder {folder} could not be created: {error.strerror or error}.") from None
    return list(reversed(missing))


def _remove_empty(created: list[Path]) -> None:
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            return


def _publish(result: Path, target: Path, force: bool) -> None:
    """Move result to target in one rename; an existing target (force) is swapped out."""
    exists = target.exists() or target.is_symlink()
    if exists and not force:
        raise ExportError(f"{target} already exists; choose another place or allow replacing it.")
    if result.is_dir():
        if not exists:
            os.rename(result, target)  # fails rather than merge if a folder appeared meanwhile
            return
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(target, old)
        try:
            os.rename(result, target)
        except BaseException:
            os.rename(old, target)
            raise
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink()
        return
    if force:
        os.replace(result, target)
        return
    try:
        os.link(result, target)  # never replaces a file that appeared meanwhile
    except FileExistsError:
        raise ExportError(
            f"{target} already exists; choose another place or allow replacing it."
        ) from None
    except OSError:
        os.replace(result, target)  # a file system without hard links
    else:
        result.unlink()


def _files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path


def _write_zip(folder: Path, archive: Path) -> None:
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in _files(folder):
            name = path.relative_to(folder).as_posix()
            stored = path.suffix.lower() in (".jpg", ".jpeg", ".png", ".gif", ".webp")
            bundle.write(
                path, name, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            )
