"""Export an article: a folder, a zip, one self-contained HTML file, or a Markdown bundle.

The page comes from the same template and stylesheet as the preview (core.page), with
figures pointing at web renditions made by core.renditions: upright, sRGB, resized,
stripped of location and identity, credits written back as XMP. Renditions are made on a
thread pool, one image per task. What the page says about itself (JSON-LD, Open Graph) is
core.page_metadata's; the Markdown bundle's text is core.bundle_writer's; writing safely
(staging, one rename, the umask's permissions) is core.export_files'.

File names come from the slug and the figure handles, made safe. Pure Python, no Qt.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from desktop_editor.core.bundle_writer import MARKDOWN_FILE, image_extension, markdown_bundle_text
from desktop_editor.core.corrections import Correction
from desktop_editor.core.export_marks import mark_folder, mark_html
from desktop_editor.core.export_files import (
    ExportCancelled,
    ExportError,
    check_target,
    make_parents,
    make_staging,
    publish,
    remove_empty,
    safe_child,
    write_zip,
)
from desktop_editor.core.markdown_limits import body_problems
from desktop_editor.core.model import DEFAULT_LANGUAGE, Article, Figure
from desktop_editor.core.ninjs import write_ninjs
from desktop_editor.core.page import lead_figure_html, render_page
from desktop_editor.core.page_metadata import Publication, page_metadata
from desktop_editor.core.preflight import placed_handles
from desktop_editor.core.rendering import (
    DEFAULT_CREDIT_FORMAT,
    FigureView,
    RenderContext,
)
from desktop_editor.core.dateline import DEFAULT_DATELINE_FORMAT, article_body
from desktop_editor.core.renditions import Rendition, RenditionError, clean_xmp, make_renditions
from desktop_editor.core.review import page_text
from desktop_editor.core.text import slugify, unique_name

__all__ = [
    "ExportCancelled", "ExportError", "ExportFormat", "ExportSettings", "article_slug",
    "export_article", "markdown_bundle_text", "output_path",
]  # fmt: skip

INDEX_FILE = "index.html"
IMAGES_FOLDER = "images"
# The article column is 42rem wide on wide screens and the full width on phones.
IMAGE_SIZES = "(min-width: 45rem) 42rem, 100vw"
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")


class ExportFormat(StrEnum):
    FOLDER = "folder"
    ZIP = "zip"
    SINGLE = "single"
    MARKDOWN = "markdown"
    NINJS = "ninjs"  # DIR/ninjs.json with the renditions beside it (core.ninjs)


@dataclass(frozen=True)
class ExportSettings:
    credit_format: str = DEFAULT_CREDIT_FORMAT
    widths: tuple[int, ...] = (480, 960, 1600)
    jpeg_quality: int = 82
    workers: int | None = None  # threads making renditions; None means one per CPU core
    base_url: str = ""  # the published page's address ({slug} replaced); "" keeps it relative
    publisher: str = ""
    publisher_url: str = ""
    publisher_logo: str = ""
    published: datetime | None = None  # for articles without a publish time; None: now
    dateline_format: str = DEFAULT_DATELINE_FORMAT  # core.dateline

    @classmethod
    def from_house_style(cls, style, **changes) -> ExportSettings:
        return cls(
            credit_format=style.credit_format, base_url=style.base_url, publisher=style.publisher, publisher_url=style.publisher_url,
            publisher_logo=style.publisher_logo, dateline_format=style.dateline_format, **changes,
        )  # fmt: skip

    @property
    def publication(self) -> Publication:
        return Publication(
            self.base_url, self.publisher, self.publisher_url, self.publisher_logo, self.published, self.dateline_format
        )


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
    if format in (ExportFormat.FOLDER, ExportFormat.MARKDOWN, ExportFormat.NINJS):
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
    corrections: Sequence[Correction] = (),
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
    output, no temporary folder. An existing output is refused unless force is True and it
    is an earlier export of this app, recognised by the mark each export carries
    (core.export_marks): nothing else is ever replaced.
    What is written gets the permissions the umask gives, like any file a user saves.
    """
    try:
        format = ExportFormat(format)
    except ValueError:
        choices = ", ".join(f.value for f in ExportFormat)
        raise ExportError(f"“{format}” is not an export format; choose one of {choices}.") from None
    target = output_path(article, Path(destination), format)
    if format is not ExportFormat.MARKDOWN:  # the page: decided text only, no review markup
        article = article.replace(body=page_text(article.body))
    if format is not ExportFormat.MARKDOWN and (problems := body_problems(article.body)):
        raise ExportError(f"{problems[0]} Nothing was exported.")
    check_target(target, format.value, force)
    job = _Job(article, figures, read_image, settings, progress, cancelled)
    job.corrections = tuple(corrections)  # the notes at the page's foot and in its JSON-LD

    created = make_parents(target.parent)
    try:
        staging = make_staging(target)
    except ExportError:
        remove_empty(created)
        raise
    try:
        if format in (ExportFormat.MARKDOWN, ExportFormat.NINJS):
            job.write_markdown(staging) if format is ExportFormat.MARKDOWN else write_ninjs(job, staging)
            mark_folder(staging)
            result = staging
        elif format is ExportFormat.FOLDER:
            job.write_site(staging, single=False)
            mark_folder(staging)
            result = staging
        elif format is ExportFormat.ZIP:
            content = staging / "content"
            content.mkdir()
            job.write_site(content, single=False)
            result = staging / "archive.zip"
            write_zip(content, result)
        else:
            result = staging / "page.html"
            job.write_site(staging, single=True, page_path=result)
        job.check_cancelled()
        publish(result, target, format.value, force)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        remove_empty(created)
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


class _Job:
    """The work of one export: renditions, the page or the bundle, progress and cancel."""

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
        self.corrections: tuple[Correction, ...] = ()
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
        shown, views, _made = self.write_images(folder, single)
        html = self.page(views, shown, single)
        if single:
            html = mark_html(html)
        (page_path or folder / INDEX_FILE).write_text(html, encoding="utf-8")

    def write_images(self, folder: Path, single: bool) -> tuple[list[Figure], dict[str, FigureView], dict[str, list[Rendition]]]:
        """The renditions of the photos the page shows, written to images/ (or kept for data
        URIs when single), and how the page shows each."""
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
                    safe_child(images, rendition.file_name).write_bytes(rendition.data)
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
        return shown, views, renditions

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

    def context(self, views: Mapping[str, FigureView]) -> RenderContext:
        return RenderContext(figures=views, credit_format=self.settings.credit_format, lazy_images=True, remote_images="link")

    def page(self, views: Mapping[str, FigureView], shown: list[Figure], single: bool) -> str:
        article = self.article
        language = article.language.strip()
        if not _LANGUAGE_TAG.match(language):
            language = DEFAULT_LANGUAGE
        article = article.replace(language=language)
        context = self.context(views)
        body_html = article_body(article, context, self.settings.dateline_format)
        lead_html = lead_figure_html(article, context)
        metadata = page_metadata(
            article, shown, views, self.settings.publication, embedded_images=single, corrections=self.corrections
        )
        return render_page(article, body_html, lead_html, preview=False, metadata=metadata, corrections=self.corrections)

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
                name = f"{self.file_names[figure.handle]}.{image_extension(figure, data)}"
                safe_child(images, name).write_bytes(data)
                paths[figure.handle] = f"{IMAGES_FOLDER}/{name}"
                self.step()
        self.check_cancelled()
        text = markdown_bundle_text(self.article, self.ordered, paths)
        (folder / MARKDOWN_FILE).write_text(text, encoding="utf-8")
