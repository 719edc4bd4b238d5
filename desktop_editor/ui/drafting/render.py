"""Rendering the preview off the UI thread: newest request wins, nothing queues up.

One render runs at a time on its own thread. A request that arrives while one is running
replaces any waiting request, and runs as soon as the current one ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from desktop_editor.core.dateline import DEFAULT_DATELINE_FORMAT
from desktop_editor.core.figure_view import FigureView, RenderContext
from desktop_editor.core.model import Article, Figure
from desktop_editor.ui.common.workers import Task, serial_pool

# The page's text column is 42rem (672 CSS pixels): pictures are served at that width in
# device pixels, not larger, since Chromium keeps every picture decoded at the size it got.
COLUMN_CSS_PIXELS = 720


def preview_image_width() -> int:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    return round(COLUMN_CSS_PIXELS * max(1.0, ratio))


@dataclass(frozen=True, slots=True)
class RenderRequest:
    request_id: int
    article: Article  # fields as they are now; the body comes separately
    body: str
    context: RenderContext
    full_page: bool  # the whole page too (a first load), not only what changed
    corrections: tuple = ()  # core.corrections.Correction: the notes at the page's foot


@dataclass(frozen=True, slots=True)
class RenderResult:
    request_id: int
    article_id: int | None
    blocks: list  # list[core.rendering.RenderedBlock]
    header_html: str
    lead_html: str
    page_html: str | None  # only when the request asked for the full page
    word_count: int
    corrections: tuple = ()  # the notes at the page's foot (a page with others is made again)


def preview_context(figures: list[Figure], credit_format: str, dateline_format: str = DEFAULT_DATELINE_FORMAT) -> RenderContext:
    width = preview_image_width()
    views = {
        f.handle: FigureView(
            handle=f.handle,
            src=f"desktop-editor://image/{f.image_sha256}?w={width}",
            alt=f.alt,
            caption=f.caption,
            credit=f.credit,
            width=f.width,
            height=f.height,
        )
        for f in figures
    }
    return RenderContext(figures=views, credit_format=credit_format, dateline_format=dateline_format)


def block_html(key: str, html: str) -> str:
    return f'<div class="block" data-key="{key}">{html}</div>'


def render(renderer, request: RenderRequest) -> RenderResult:
    """On the render thread: the blocks, header, lead figure and (for a first load) the page."""
    from desktop_editor.core.dateline import article_dateline, dated_blocks
    from desktop_editor.core.page import lead_figure_html, render_header, render_page

    article = request.article
    dateline = article_dateline(article, request.context.dateline_format)
    blocks = dated_blocks(renderer.render(request.body, request.context), dateline)
    lead = lead_figure_html(article, request.context)
    page = None
    if request.full_page:
        body_html = "\n".join(block_html(b.key, b.html) for b in blocks)
        page = render_page(article, body_html, lead, preview=True, corrections=request.corrections)
    return RenderResult(
        request_id=request.request_id,
        article_id=article.id,
        blocks=blocks,
        header_html=render_header(article),
        lead_html=lead,
        page_html=page,
        word_count=sum(block.words for block in blocks),
        corrections=request.corrections,
    )


class RenderController(QObject):
    rendered = Signal(object)  # RenderResult
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = serial_pool(self)
        self._renderer = None  # a BlockRenderer, made and used only on the render thread
        self._running = False
        self._waiting: RenderRequest | None = None
        self._next_id = 0
        self.last_block_lines: list[int] = []

    def request(self, article: Article, body: str, context: RenderContext, full_page: bool = False, corrections: tuple = ()) -> int:
        self._next_id += 1
        if self._waiting is not None and self._waiting.full_page:
            full_page = True  # a newer request replaces a waiting one, never its needs
        self._waiting = RenderRequest(self._next_id, article, body, context, full_page, corrections)
        if not self._running:
            self._start()
        return self._next_id

    def _start(self) -> None:
        request, self._waiting = self._waiting, None
        if request is None:
            return
        self._running = True
        task = Task(self._render, request)
        task.signals.finished.connect(self._done)
        task.signals.failed.connect(self._error)
        task.start(self._pool)

    def _render(self, request: RenderRequest) -> RenderResult:
        if self._renderer is None:
            # Loading python-markdown here keeps it off the window's start-up path.
            from desktop_editor.core.rendering import BlockRenderer

            self._renderer = BlockRenderer()
        return render(self._renderer, request)

    def _done(self, result: RenderResult) -> None:
        self._running = False
        self.last_block_lines = [block.start_line for block in result.blocks]
        self.rendered.emit(result)
        self._start()

    def _error(self, error: Exception) -> None:
        self._running = False
        self.failed.emit(f"The preview could not be updated: {error}")
        self._start()

    def wait(self) -> None:
        self._pool.waitForDone()

    def render_now(self, article: Article, body: str, context: RenderContext, corrections: tuple = ()) -> RenderResult | None:
        """The whole page, made on the calling thread once the render thread is idle (at
        close, to keep it); None when nothing has been rendered (nothing is loaded for it)."""
        self.wait()
        if self._renderer is None:
            return None
        return render(self._renderer, RenderRequest(0, article, body, context, full_page=True, corrections=corrections))
