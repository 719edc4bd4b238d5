"""The preview's column in the window: how it starts, what it renders, and what it follows.

Chromium takes a while to start, so the column begins as a placeholder (or the picture of
the page kept at the last close, ui.drafting.page_cache, when it shows the article as it is
now); create() makes the live preview once the editor is on screen. Renders run on their
thread (ui.drafting.render) and are shown once the preview exists; the preview keeps the
paragraph being written in view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QRectF, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLabel, QStackedLayout, QVBoxLayout, QWidget

from desktop_editor.editing.open_article import OpenArticle
from desktop_editor.ui.common.settings import AppSettings
from desktop_editor.ui.common.tones import FOCUS_WIDTH, focus_colour
from desktop_editor.ui.drafting.editor import MarkdownEditor
from desktop_editor.ui.drafting.page_cache import KeptPages
from desktop_editor.ui.drafting.render import RenderController, preview_context

PICTURE_AT_MOST_MS = 5000  # the last session's picture of the preview gives way to it by then
FOLLOW_AFTER_MS = 60  # the preview follows the cursor once it rests this long


class PreviewColumn(QWidget):
    painted = Signal()  # the preview exists and has painted its first page
    picture_shown = Signal()  # the last session's picture of the preview is on screen

    def __init__(
        self,
        document: OpenArticle,
        editor: MarkdownEditor,
        settings: AppSettings,
        dark: Callable[[], bool],
        profile_owner: QObject,
    ):
        """dark(): whether the window is dark now; profile_owner: what keeps Chromium's
        profile (the window: the profile must outlive the preview's page)."""
        super().__init__()
        self.document = document
        self.editor = editor
        self.settings = settings
        self.dark = dark
        self.profile_owner = profile_owner
        self.render_controller = RenderController(self)
        self.kept_pages = KeptPages(self)
        self.preview = None  # made after the window is on screen: see create()
        self.preview_picture = None  # see show_kept_picture()
        self._wanted = False  # renders are asked for from create() on
        self._unshown_result = None  # a render that arrived before the preview existed
        self._closed = False
        # Round the pages, room for a frame that shows when the keyboard is in the preview
        # (WCAG 2.4.7); a stacked layout itself has no margins.
        framing = QVBoxLayout(self)
        framing.setContentsMargins(FOCUS_WIDTH, FOCUS_WIDTH, FOCUS_WIDTH, FOCUS_WIDTH)
        pages = QWidget(self)
        framing.addWidget(pages)
        self._stack = stack = QStackedLayout(pages)  # the last session's picture over the preview
        stack.setStackingMode(QStackedLayout.StackingMode.StackAll)
        stack.addWidget(QLabel("Preparing the preview…", alignment=Qt.AlignmentFlag.AlignCenter))
        QApplication.instance().focusChanged.connect(self._focus_moved)
        self._follow_timer = QTimer(self, singleShot=True, interval=FOLLOW_AFTER_MS)
        self._follow_timer.timeout.connect(self.follow_editor)
        editor.verticalScrollBar().valueChanged.connect(lambda _v: self._follow_timer.start())
        editor.cursorPositionChanged.connect(lambda: self._follow_timer.start())
        self.render_controller.rendered.connect(self._show)
        from desktop_editor.ui.drafting.preview_corrections import PreviewCorrections

        self.corrections = PreviewCorrections(document, self)
        self.corrections.changed.connect(lambda: self.request_render(full_page=True))
        self.review_text = "accepted"  # the preview's text: suggestions accepted, or "original"

    def front(self) -> QWidget:
        """What is on top: the placeholder, the last session's picture or the preview."""
        return self._stack.currentWidget()

    def has_keyboard(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and self.isAncestorOf(focused)

    def _focus_moved(self, old, new) -> None:
        if any(widget is not None and self.isAncestorOf(widget) for widget in (old, new)):
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if self.has_keyboard():
            painter = QPainter(self)
            dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
            pen = QPen(QColor(focus_colour(dark)), FOCUS_WIDTH)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            half = FOCUS_WIDTH / 2
            painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
            painter.end()

    # Starting ------------------------------------------------------------------------------

    def show_kept_picture(self) -> None:
        """In the first frame: the last session's picture of the preview, when it shows the
        article as it is now, until Chromium has drawn the page."""
        if self.preview is not None or self.preview_picture is not None:
            return
        picture = self.kept_pages.picture_to_show()
        if picture is None:
            return
        from desktop_editor.ui.drafting.preview_picture import PreviewPicture

        self.preview_picture = PreviewPicture(picture)
        self.preview_picture.shown.connect(self.picture_shown)
        self._stack.addWidget(self.preview_picture)
        self._stack.setCurrentWidget(self.preview_picture)
        QTimer.singleShot(PICTURE_AT_MOST_MS, self._drop_picture)  # should Chromium not draw

    def create(self) -> bool:
        """Make the live preview (once); False when there was nothing to make."""
        if self.preview is not None or self._closed:
            return False
        self._wanted = True
        kept = self.kept_pages.page_to_show()
        if kept is None:
            self.request_render()  # the first page renders on its thread while Chromium starts
        from desktop_editor.ui.drafting.preview import PreviewView

        store = self.document.store
        self.preview = PreviewView(
            lambda sha, width: _preview_image(store, sha, width), QThreadPool.globalInstance(), owner=self.profile_owner
        )
        layout = self._stack
        for index in reversed(range(layout.count())):
            if layout.widget(index) is not self.preview_picture:
                layout.takeAt(index).widget().deleteLater()
        layout.addWidget(self.preview)
        layout.setCurrentWidget(self.preview_picture or self.preview)  # on top
        self.preview.painted.connect(self.painted)
        self.preview.painted.connect(_settle_after_start_up)
        self.preview.needs_full_page.connect(lambda: self.request_render(full_page=True))
        self.preview.loadFinished.connect(lambda _ok: self._follow_timer.start())  # a restored cursor
        if kept is not None:
            self.preview.show_kept_page(kept)
            # Once it is on screen, the session's first render patches it where it differs
            # (before that, the render would only compete with Chromium for the processor).
            self.preview.painted.connect(self.request_render)
            self.preview.painted.connect(self._kept_page_shown)
        elif self._unshown_result is not None:
            self._show(self._unshown_result)
        return True

    def _kept_page_shown(self) -> None:
        if self.preview_picture is not None:
            self.follow_editor()  # where the picture was taken, as a rule
            self.preview.when_drawn(self._drop_picture)

    def _drop_picture(self) -> None:
        if self.preview_picture is None:
            return
        picture, self.preview_picture = self.preview_picture, None
        self._stack.removeWidget(picture)
        picture.deleteLater()
        if self.preview is not None:
            self._stack.setCurrentWidget(self.preview)

    # Rendering -----------------------------------------------------------------------------

    def request_render(self, full_page: bool = False) -> None:
        """full_page: the page made again whole (its corrections changed), not only patched."""
        d = self.document
        if d.article is None or not self._wanted:
            return  # create() asks for the first render
        context = preview_context(d.figures, self.settings.credit_format, self.settings.dateline_format)
        context = replace(context, review_text=self.review_text)
        article = d.current_fields()
        full_page = full_page or self.preview is None or not self.preview.can_patch(article.id)
        self.render_controller.request(article, self.editor.toPlainText(), context, full_page, self.corrections.notes)

    def show_original(self, on: bool) -> None:
        """The preview's text as it was (on) or with every suggestion accepted (off)."""
        self.review_text = "original" if on else "accepted"
        self.request_render()

    def _show(self, result) -> None:
        if self.preview is None:
            self._unshown_result = None if self._closed else result  # shown once it exists
        else:
            self._unshown_result = None
            self.preview.show_result(result)

    def follow_editor(self) -> None:
        """The preview shows the paragraph with the cursor (or, when the cursor is scrolled
        out of sight, the top of the text on screen); the last paragraph shows the page's end."""
        if self.preview is None:
            return
        line, where = self.editor.followed_line()
        lines = self.render_controller.last_block_lines
        index = max((i for i, start in enumerate(lines) if start <= line), default=0)
        last = bool(lines) and index >= len(lines) - 1
        within = self._cursor_within(lines, index) if line == self.editor.current_line() else 0.0
        self.preview.scroll_to_block(index, where, last=last and within >= 0.5, within=within)

    def _cursor_within(self, lines: list[int], index: int) -> float:
        """How far into rendered block index the cursor is, by characters (0 .. 1)."""
        document = self.editor.document()
        if not lines:
            return 0.0
        start = document.findBlockByNumber(lines[index]).position()
        end_block = document.findBlockByNumber(lines[index + 1] - 1) if index + 1 < len(lines) else document.lastBlock()
        end = end_block.position() + end_block.length() - 1
        return max(0.0, min(1.0, (self.editor.textCursor().position() - start) / max(1, end - start)))

    def shut_down(self) -> None:
        """At close: the render thread idle, the page kept for the next start, Chromium let go."""
        self.render_controller.wait()
        self.kept_pages.keep()
        self._closed = True
        if self.preview is not None:
            self.preview.release()
            self.preview = None


def _preview_image(store, sha256: str, width: int):
    """On a pool thread: the picture sized for the preview, made by the picture worker when
    none is kept."""
    from desktop_editor.core import picture_worker
    from desktop_editor.workflows import preview_image

    return preview_image(store, sha256, width, worker=picture_worker.shared())


def _settle_after_start_up() -> None:
    """Move everything made at start-up out of the garbage collector's sight: a full
    collection, which may run on any thread and pauses them all (the UI's included), then
    walks only what the session has made since."""
    import gc

    gc.freeze()
