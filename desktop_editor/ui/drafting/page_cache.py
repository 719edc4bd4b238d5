"""The preview's page of the article open when the window closed, and a picture of the
preview as it was on screen, kept for the next start.

At start-up Chromium is ready to show a page well before the session's first render is
(that render loads python-markdown, Jinja and the template first), and its first frame
comes well after the window's. So the window keeps the last page it showed and its picture,
with a key made from everything the page was made from: the store, the article's stored
version and text, its photos, the credit format, the pictures' width, the app's version and
its page template and stylesheet. When the article shown at the next start has the same
key, the window's first frame paints the picture (ui.drafting.preview_picture), the preview
loads the page at once, and the session's first render then patches in whatever differs, as
it does while typing. A page or picture that does not match, or a file that cannot be read,
is simply not used: this is a copy of what the store holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_editor.core.model import Article, Figure
# The window imports this module before its first frame and uses it only after: everything
# else it needs is imported where it is used.

FILE_NAME = "preview-page.json"
PICTURE_NAME = "preview-picture.bin"  # beside it
# Article fields the page shows; a stored article's version also moves with every one of them.
PAGE_FIELDS = (
    "id", "version", "headline", "standfirst", "byline", "slug", "tags", "status", "language", "lead_image", "publish_at",
    "kicker", "dateline",
)  # fmt: skip


@dataclass(frozen=True)
class KeptPage:
    key: str
    article_id: int
    block_keys: list[str]  # the page's blocks, in order, as the preview patches them
    header_html: str
    lead_html: str
    page_html: str
    picture_token: str = ""  # names the picture of this page kept beside it, if any


@dataclass(frozen=True)
class PagePicture:
    """What the preview showed of the page at close, pixel for pixel, for the next start's
    first frame (ui.drafting.preview_picture), while Chromium is still starting."""

    width: int  # in device pixels
    height: int
    ratio: float  # device pixels per logical pixel
    dark: bool  # the colours the page was shown in
    pixels: bytes  # 32-bit premultiplied ARGB, row after row


def default_path() -> Path:
    """In the user's cache folder ($XDG_CACHE_HOME/desktop-editor on Linux)."""
    from PySide6.QtCore import QStandardPaths

    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
    return Path(cache) / "desktop-editor" / FILE_NAME


def page_key(store_location: str, article: Article, body: str, figures: list[Figure], credit_format: str, image_width: int) -> str:
    """Everything the page is made from, as one string (compared whole: no hashing to load)."""
    from desktop_editor import __version__

    made_from = {
        "app": [__version__, _look()],
        "store": store_location,
        "article": [_plain(getattr(article, name)) for name in PAGE_FIELDS],
        "body": body,
        "photos": [[f.handle, f.image_sha256, f.caption, f.credit, f.alt, f.width, f.height] for f in figures],
        "credit_format": credit_format,
        "image_width": image_width,
    }
    return json.dumps(made_from, ensure_ascii=False)


def _plain(value) -> str | list[str]:
    """A field as text, the same whether it was read by the store or by storage.snapshot."""
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return str(getattr(value, "value", value))  # an enum by its value


def _look() -> list[list[int]]:
    """The page template and stylesheet the page was made with (their sizes and times), which
    change without the app's version changing while it is being worked on."""
    import importlib.util
    import os

    # The folder itself rather than importlib.resources, which is slower to load and which the
    # first render loads anyway (a few ms sooner on the way to the preview's first frame).
    folder = Path(next(iter(importlib.util.find_spec("desktop_editor.resources").submodule_search_locations)))
    looks = []
    for name in ("page.html.j2", "header.html.j2", "article.css"):
        stat = os.stat(folder / name)
        looks.append([stat.st_size, stat.st_mtime_ns])
    return looks


def read(key: str, path: Path | None = None) -> KeptPage | None:
    """The kept page when it was made from exactly what key says; else None."""
    try:
        with open(path or default_path(), encoding="utf-8") as file:
            page = KeptPage(**json.load(file))
    except (OSError, ValueError, TypeError):
        return None
    return page if page.key == key else None


def write(page: KeptPage, path: Path | None = None, picture: PagePicture | None = None) -> bool:
    """Replace the kept page (and its picture) in one step; False (nothing kept) when it
    cannot be written. The picture goes first, under a new token the page then names, so a
    page never names a picture of another page."""
    import dataclasses
    import os

    path = path or default_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if picture is not None:
            token = os.urandom(8).hex()
            header = {"token": token, **{name: getattr(picture, name) for name in ("width", "height", "ratio", "dark")}}
            _replace(picture_path(path), json.dumps(header).encode("ascii") + b"\n" + picture.pixels)
            page = dataclasses.replace(page, picture_token=token)
        _replace(path, json.dumps(dataclasses.asdict(page), ensure_ascii=False).encode("utf-8"))
    except OSError:
        return False
    return True


def picture_path(page_path: Path) -> Path:
    return page_path.with_name(PICTURE_NAME)


def read_picture(page: KeptPage, path: Path | None = None) -> PagePicture | None:
    """The picture kept with page; None when there is none, or it is another page's or cut short."""
    if not page.picture_token:
        return None
    try:
        with open(picture_path(path or default_path()), "rb") as file:
            header = json.loads(file.readline())
            pixels = file.read()
        picture = PagePicture(header["width"], header["height"], header["ratio"], header["dark"], pixels)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if header.get("token") != page.picture_token or len(pixels) != picture.width * picture.height * 4:
        return None
    return picture


def _replace(path: Path, content: bytes) -> None:
    import os
    import tempfile

    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


class KeptPages:
    """The preview column's side (ui.drafting.preview_column): the page to show first, and
    keeping the page at close."""

    def __init__(self, column):
        self.column = column
        self._read: KeptPage | None = None  # read once, at start

    def page_to_show(self) -> KeptPage | None:
        """The page kept at the last close, when it shows exactly what the window shows now."""
        key = self._key()
        if key is None:
            return None
        if self._read is None or self._read.key != key:
            self._read = read(key)
        return self._read

    def picture_to_show(self) -> PagePicture | None:
        """The picture of that page, when there is one in the window's colours."""
        page = self.page_to_show()
        picture = read_picture(page) if page is not None else None
        return picture if picture is not None and picture.dark == self.column.dark() else None

    def keep(self) -> None:
        """At close, once the render thread is idle: the preview's page of the article as
        stored (nothing when it has unsaved changes or is in the trash)."""
        w, document = self.column, self.column.document
        article_id = document.article.id if document.article is not None else None
        if w.preview is None or not w.preview.can_patch(article_id) or document.read_only or document.is_modified():
            return
        key = self._key()
        if key is None:
            return
        from desktop_editor.ui.drafting.render import preview_context

        context = preview_context(document.figures, w.settings.credit_format, w.settings.dateline_format)
        try:
            result = w.render_controller.render_now(document.current_fields(), w.editor.toPlainText(), context, w.corrections.notes)
        except Exception:  # noqa: BLE001 (a page not kept is only a slower next start)
            return
        if result is not None:
            keys = [block.key for block in result.blocks]
            page = KeptPage(key, result.article_id, keys, result.header_html, result.lead_html, result.page_html)
            write(page, picture=self._picture())

    def _picture(self) -> PagePicture | None:
        """The preview as it is on screen now; None when it is not shown."""
        from PySide6.QtGui import QImage

        preview = self.column.preview
        if self.column.preview_picture is not None or not preview.isVisible() or preview.width() < 2 or preview.height() < 2:
            return None  # Chromium has not drawn yet, or the preview is hidden
        image = preview.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        if image.bytesPerLine() != image.width() * 4:
            return None
        pixels = bytes(image.constBits())[: image.sizeInBytes()]
        return PagePicture(image.width(), image.height(), image.devicePixelRatio(), self.column.dark(), pixels)

    def _key(self) -> str | None:
        """None where no page is kept: a store that is not a file on this computer."""
        from desktop_editor.storage.location import sqlite_path, store_url
        from desktop_editor.ui.drafting.render import preview_image_width

        w, document = self.column, self.column.document
        location = getattr(document.store, "location", None)
        if document.article is None or not isinstance(location, str) or sqlite_path(store_url(location)) is None:
            return None
        article, body = document.current_fields(), w.editor.toPlainText()
        try:
            return page_key(location, article, body, document.figures, w.settings.credit_format, preview_image_width())
        except (OSError, ImportError, AttributeError, TypeError, StopIteration):
            return None  # the page template cannot be read here: no page is kept
