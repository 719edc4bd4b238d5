"""The main window: layout and wiring only. Behaviour lives in the controllers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop_editor import APP_NAME
from desktop_editor.core.model import Article, ArticleSummary
from desktop_editor.editing.open_article import OpenArticle, SaveState
from desktop_editor.core.text import reading_minutes
from desktop_editor.ui.common import layout as panes
from desktop_editor.ui.shell.actions import Actions
from desktop_editor.ui.shell.edit_commands import EditCommands
from desktop_editor.ui.shell.notice import Notice
from desktop_editor.ui.shell.view_commands import ViewCommands
from desktop_editor.ui.drafting.editor import MarkdownEditor
from desktop_editor.ui.drafting.find_bar import FindBar
from desktop_editor.ui.picture_desk.controller import ImagesController
from desktop_editor.ui.library.controller import LibraryController
from desktop_editor.ui.drafting.metadata_form import MetadataForm
from desktop_editor.ui.drafting.commands import Drafting
from desktop_editor.ui.drafting.page_cache import KeptPages
from desktop_editor.ui.drafting.render import RenderController, preview_context
from desktop_editor.ui.common.settings import AppSettings
from desktop_editor.ui.shell.window_spelling import WindowSpelling


SAVE_STATE_LABELS = {
    SaveState.SAVED: "Saved",
    SaveState.MODIFIED: "Saving…",
    SaveState.SAVING: "Saving…",
    SaveState.FAILED: "Not saved",
    SaveState.CONFLICT: "Changed elsewhere",
}


PANELS_AFTER_PREVIEW_MS = 100  # after the preview's first page has loaded
PANELS_AT_THE_LATEST_MS = 500  # after the preview is made, should Chromium be slow to show it
PICTURE_AT_MOST_MS = 5000  # the last session's picture of the preview gives way to it by then


class MainWindow(QMainWindow):
    preview_ready = Signal()  # the preview exists and has painted its first page
    first_painted = Signal()  # the editor has painted its first frame: a person sees the text
    panels_built = Signal()  # the library and the photo panel have been made (after the preview)
    preview_picture_shown = Signal()  # the last session's picture of the preview is on screen

    def __init__(
        self,
        document: OpenArticle,
        library: LibraryController,
        images: ImagesController,
        settings: AppSettings,
        panels_later: bool = False,
    ):
        """panels_later: the library and the photo panel are made just after the window's
        first frame (see build_library, build_photo_panel), which is then on screen sooner;
        else at once."""
        super().__init__()
        self.document = document
        self.library_controller = library
        self.images = images
        self.settings = settings
        self.render_controller = RenderController(self)
        self.kept_pages = KeptPages(self)
        self.preview = None  # made after the window is on screen: see create_preview()
        self._preview_wanted = False  # renders are asked for from create_preview() on
        self._unshown_result = None  # a render that arrived before the preview existed
        self._closed = False
        self.setWindowTitle(f"[*]{APP_NAME}")
        self.actions = Actions(self)
        self._build()
        self._connect()
        if not panels_later:
            self.build_library()
            self.build_photo_panel()

    # Layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.library = None  # see build_library(); until then an empty column holds its place
        self.form = MetadataForm()
        self.editor = MarkdownEditor(self.settings.font_size, self.settings.measure_chars)
        self.find_bar = FindBar(self.editor)
        self.preview_holder = QWidget()
        stack = QStackedLayout(self.preview_holder)  # the last session's picture over the preview
        stack.setStackingMode(QStackedLayout.StackingMode.StackAll)
        stack.addWidget(QLabel("Preparing the preview…", alignment=Qt.AlignmentFlag.AlignCenter))
        self.preview_picture = None  # see _show_preview_picture()
        writing = QWidget()
        column = QVBoxLayout(writing)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.trash_bar = None  # made with the library: over an article shown from the trash
        self._writing_column = column
        column.addWidget(self.form)
        column.addWidget(self.editor, 1)
        self.notice = Notice()  # under the text, so a notice never moves what is being typed
        column.addWidget(self.notice)
        column.addWidget(self.find_bar)
        self.work_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.work_splitter.addWidget(writing)
        self.work_splitter.addWidget(self.preview_holder)
        self.image_panel = None  # see build_photo_panel(); until then an empty place as wide
        self.work_splitter.addWidget(QWidget(objectName="photos-place", minimumWidth=panes.PHOTOS_EMPTY_MIN))
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("main-splitter")
        self.main_splitter.addWidget(QWidget(objectName="library-place"))
        self.main_splitter.addWidget(self.work_splitter)
        self.setCentralWidget(self.main_splitter)
        self.words_label = QLabel()
        self.save_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.words_label)
        self._build_menus()
        panes.fit_to_screen(self)
        geometry = self.settings.geometry("window")
        if geometry is not None:
            self.restoreGeometry(geometry)
        panes.arrange(self.main_splitter, self.work_splitter, self.width(), self.work_splitter.widget(2).minimumWidth())
        self._split_remembered = False
        for name, splitter in (("main_splitter", self.main_splitter), ("work_splitter", self.work_splitter)):
            self._split_remembered |= panes.restore(splitter, self.settings.geometry(name))

    def _build_menus(self) -> None:
        a = self.actions
        menus = (
            ("&File", (a.new_article, a.duplicate, a.delete, None, a.add_photos, a.import_bundle, a.preflight, a.export, a.print_proof, a.print_page, None, a.save_revision, a.revisions, None, a.quit)),
            ("&Edit", (a.undo, a.redo, None, a.cut, a.copy, a.paste, a.select_all, None, a.find, a.replace, a.find_next, a.find_previous, None, a.preferences)),
            ("F&ormat", (a.bold, a.italic, a.link, None, a.heading, a.quote)),
            ("&View", (a.focus_library, a.toggle_library, a.toggle_preview, a.outline, None, a.zoom_in, a.zoom_out, a.zoom_reset, None, a.focus_mode, a.full_screen, None, a.next_panel, a.previous_panel)),
            ("&Help", (a.about,)),
        )  # fmt: skip
        for title, items in menus:
            menu = self.menuBar().addMenu(title)
            for item in items:
                menu.addSeparator() if item is None else menu.addAction(item)

    @property
    def publishing(self):
        """Preflight and export; made when first used (they load the exporter)."""
        if self._publishing is None:
            from desktop_editor.ui.publishing.commands import Publishing

            self._publishing = Publishing(self)
        return self._publishing

    def build_library(self) -> None:
        """The library column: the list of articles is filled from the store, which opens
        after the first frame anyway, so the window shows without it and it follows."""
        if self.library is not None:
            return
        from desktop_editor.ui.library.commands import LibraryCommands
        from desktop_editor.ui.library.panel import LibraryPanel
        from desktop_editor.ui.library.trash_bar import TrashBar

        self.trash_bar = TrashBar()
        self._writing_column.insertWidget(0, self.trash_bar)
        self.library = LibraryPanel()
        place = self.main_splitter.widget(0)
        self.library.setMinimumWidth(place.minimumWidth())
        self.library.setVisible(self.actions.toggle_library.isChecked())
        self.main_splitter.replaceWidget(0, self.library)
        place.deleteLater()
        self.library_commands = LibraryCommands(self)
        self.library_controller.refresh()  # once the store is open, if it is not yet

    def build_photo_panel(self) -> None:
        """The photo panel and the picture desk's wiring, in the place kept for them (as
        wide as the panel will be: see _size_photo_place), showing the article's photos."""
        if self.image_panel is not None:
            return
        from desktop_editor.ui.picture_desk.desk import PictureDesk
        from desktop_editor.ui.picture_desk.panel import ImagePanel

        panel = ImagePanel()
        place = self.work_splitter.widget(2)
        self.work_splitter.replaceWidget(2, panel)  # takes the place's size and visibility
        place.deleteLater()
        self.image_panel = panel
        self.picture_desk = PictureDesk(
            panel, self.editor, self.document, self.images, dialog_parent=self,
            status=self.statusBar().showMessage, notice=lambda sentence: self.notice.say(sentence, about="photos"),
        )  # fmt: skip
        if self.document.article is not None:
            self.picture_desk.show_figures(self.document.figures)
        panel.setEnabled(not self.document.read_only)
        panel.set_spelling(self.spelling.service)

    def _size_photo_place(self, figures) -> None:
        if self.image_panel is None:
            self.work_splitter.widget(2).setMinimumWidth(panes.PHOTOS_FULL_MIN if figures else panes.PHOTOS_EMPTY_MIN)

    def _add_photos(self) -> None:
        self.build_photo_panel()
        self.picture_desk.choose_files()

    def store_opened(self) -> None:
        """The store has opened behind the window (see ui.common.store_opener)."""
        if self._closed:
            return  # closed while the store was opening: nothing is left to show or save
        self.document.store_opened()
        self.library_controller.refresh()

    def start(self) -> None:
        """Show the window ready for typing; the preview is made once the editor is on screen."""
        self.editor.viewport().installEventFilter(self)
        self.show()
        self.activateWindow()
        self.editor.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and watched is self.editor.viewport():
            watched.removeEventFilter(self)
            # After this frame is on screen: the store host and Chromium start next, then the
            # library and the photo panel are made (their contents wait for the store anyway).
            QTimer.singleShot(0, self.first_painted.emit)
            QTimer.singleShot(0, self.create_preview)
        return super().eventFilter(watched, event)

    def _build_panels(self) -> None:
        """The library and the photo panel, once the preview has shown its first page (or
        after PANELS_AT_THE_LATEST_MS): made sooner, they would hold up Chromium's loading
        and first frame, which need this thread too."""
        if self._closed or (self.library is not None and self.image_panel is not None):
            return
        self.build_library()
        self.build_photo_panel()
        self.panels_built.emit()

    def create_preview(self) -> None:
        """Chromium takes a while to start: the editor is usable first, the preview follows."""
        if self.preview is not None or self._closed:
            return
        self._preview_wanted = True
        kept = self.kept_pages.page_to_show()
        if kept is None:
            self.request_render()  # the first page renders on its thread while Chromium starts
        from desktop_editor.ui.drafting.preview import PreviewView

        store = self.document.store
        self.preview = PreviewView(lambda sha, width: _preview_image(store, sha, width), QThreadPool.globalInstance(), owner=self)
        layout = self.preview_holder.layout()
        for index in reversed(range(layout.count())):
            if layout.widget(index) is not self.preview_picture:
                layout.takeAt(index).widget().deleteLater()
        layout.addWidget(self.preview)
        layout.setCurrentWidget(self.preview_picture or self.preview)  # on top
        self.view.preview_created(self.preview)
        self.preview.painted.connect(self.preview_ready)
        self.preview.painted.connect(_settle_after_start_up)
        self.preview.needs_full_page.connect(self.request_render)
        self.preview.loadFinished.connect(lambda _ok: self._follow_timer.start())  # a restored cursor
        # Chromium draws the page's first frame just after it has loaded: let it, first.
        self.preview.painted.connect(lambda: QTimer.singleShot(PANELS_AFTER_PREVIEW_MS, self._build_panels))
        QTimer.singleShot(PANELS_AT_THE_LATEST_MS, self._build_panels)
        if kept is not None:
            self.preview.show_kept_page(kept)
            # Once it is on screen, the session's first render patches it where it differs
            # (before that, the render would only compete with Chromium for the processor).
            self.preview.painted.connect(self.request_render)
            self.preview.painted.connect(self._preview_page_shown)
        elif self._unshown_result is not None:
            self._show_in_preview(self._unshown_result)

    def _show_preview_picture(self) -> None:
        """In the first frame: the last session's picture of the preview, when it shows the
        article as it is now (ui.drafting.page_cache), until Chromium has drawn the page."""
        picture = self.kept_pages.picture_to_show()
        if picture is None:
            return
        from desktop_editor.ui.drafting.preview_picture import PreviewPicture

        self.preview_picture = PreviewPicture(picture)
        self.preview_picture.shown.connect(self.preview_picture_shown)
        self.preview_holder.layout().addWidget(self.preview_picture)
        self.preview_holder.layout().setCurrentWidget(self.preview_picture)
        QTimer.singleShot(PICTURE_AT_MOST_MS, self._drop_preview_picture)  # should Chromium not draw

    def _preview_page_shown(self) -> None:
        if self.preview_picture is not None:
            self._follow_editor()  # where the picture was taken, as a rule
            self.preview.when_drawn(self._drop_preview_picture)

    def _drop_preview_picture(self) -> None:
        if self.preview_picture is None:
            return
        picture, self.preview_picture = self.preview_picture, None
        self.preview_holder.layout().removeWidget(picture)
        picture.deleteLater()
        if self.preview is not None:
            self.preview_holder.layout().setCurrentWidget(self.preview)

    # Wiring ------------------------------------------------------------------------------

    def _connect(self) -> None:
        a, d = self.actions, self.document
        d.set_body_source(self.editor.toPlainText)
        d.article_loaded.connect(self._article_loaded)
        d.fields_changed.connect(self._fields_changed)
        d.figures_changed.connect(lambda _figures: self.request_render())
        d.figure_edited.connect(lambda _figure: self.request_render())
        self.picture_desk = None  # with the photo panel
        d.figures_changed.connect(self._size_photo_place)
        self._photo_fit = panes.PhotoPanelFit(self.main_splitter, self.work_splitter, self._split_remembered)
        d.figures_changed.connect(self._photo_fit.figures_shown)  # after the panel has its photos
        self.drafting = Drafting(self)
        self.library_commands = None  # with the library
        self.edit_commands = EditCommands(self)
        self.view = ViewCommands(self)
        self.spelling = WindowSpelling(self)
        self._publishing = None
        d.saved.connect(self._saved)
        d.state_changed.connect(self._show_save_state)
        d.problem_changed.connect(self.notice.say)
        self.editor.textChanged.connect(self._body_changed)
        self.editor.focus_lost.connect(d.save_soon)
        self.editor.verticalScrollBar().valueChanged.connect(lambda _v: self._follow_timer.start())
        self.editor.cursorPositionChanged.connect(lambda: self._follow_timer.start())
        self._follow_timer = QTimer(self, singleShot=True, interval=60)
        self._follow_timer.timeout.connect(self._follow_editor)
        # A cursor moved without typing (Home, a click) is kept within a second too, not only
        # with the next save: after a crash the cursor is where it was.
        self._cursor_timer = QTimer(self, singleShot=True, interval=1000)
        self._cursor_timer.timeout.connect(self._keep_cursor)
        self.editor.cursorPositionChanged.connect(self._cursor_timer.start)
        self.form.changed.connect(lambda changes: d.set_fields(**changes))
        self.render_controller.rendered.connect(self._rendered)
        self.render_controller.rendered.connect(self._show_in_preview)
        self.render_controller.failed.connect(lambda text: self.statusBar().showMessage(text, 5000))
        a.add_photos.triggered.connect(self._add_photos)
        a.preflight.triggered.connect(lambda: self.publishing.show_preflight())
        a.export.triggered.connect(lambda: self.publishing.show_export())
        a.print_proof.triggered.connect(lambda: self.publishing.print_proof())
        a.print_page.triggered.connect(lambda: self.publishing.print_page())
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(lambda: self.find_bar.open(replace=False))
        a.replace.triggered.connect(lambda: self.find_bar.open(replace=True))
        a.find_next.triggered.connect(self.find_bar.find_next)
        a.find_previous.triggered.connect(self.find_bar.find_previous)
        a.toggle_preview.toggled.connect(self.preview_holder.setVisible)
        self.settings.credit_format_changed.connect(lambda _format: self.request_render())

    # Behaviour glue -----------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        self.build_library()
        self.library_commands.open_article(article_id)

    def remember_cursor(self) -> None:
        if self.document.article is not None:
            self.settings.set_cursor_position(self.document.article.id, self.editor.textCursor().position())

    def _keep_cursor(self) -> None:
        if not self._closed:
            self.remember_cursor()
            self.settings.sync_in_background()

    def _show_title(self, article: Article) -> None:
        self.setWindowTitle(f"{article.headline.strip() or 'Untitled'}[*] — {APP_NAME}")

    def _article_loaded(self, article: Article) -> None:
        self._show_title(article)
        self.form.show_article(article)
        self.editor.set_text(article.body, self.settings.cursor_position(article.id))
        if self.preview is None and self.preview_picture is None:
            self._show_preview_picture()  # at start, before the first frame
        self.settings.last_article_id = article.id
        self.library_controller.refresh()
        self.request_render()

    def _fields_changed(self, article: Article) -> None:
        self._show_title(article)
        self.form.show_article(article)
        self.request_render()

    def _body_changed(self) -> None:
        self.document.body_edited()
        self.request_render()

    def request_render(self) -> None:
        d = self.document
        if d.article is None or not self._preview_wanted:
            return  # create_preview() asks for the first render
        context = preview_context(d.figures, self.settings.credit_format)
        article = d.current_fields()
        full_page = self.preview is None or not self.preview.can_patch(article.id)
        self.render_controller.request(article, self.editor.toPlainText(), context, full_page)

    def _show_in_preview(self, result) -> None:
        if self.preview is None:
            self._unshown_result = None if self._closed else result  # shown once it exists
        else:
            self._unshown_result = None
            self.preview.show_result(result)

    def _rendered(self, result) -> None:
        article = self.document.current_fields() if self.document.article else None
        words = result.word_count
        text = f"{words:,} words · {reading_minutes(words)} min read"
        if article is not None and article.word_target:
            text += f" · {round(100 * words / article.word_target)}% of {article.word_target:,}"
        self.words_label.setText(text)

    def _follow_editor(self) -> None:
        """The preview shows the paragraph with the cursor (or, when the cursor is scrolled
        out of sight, the top of the text on screen); the last paragraph shows the page's end."""
        if self.preview is None:
            return
        line, where = self.editor.followed_line()
        lines = self.render_controller.last_block_lines
        index = max((i for i, start in enumerate(lines) if start <= line), default=0)
        self.preview.scroll_to_block(index, where, last=bool(lines) and index >= len(lines) - 1)

    def _saved(self, article: Article) -> None:
        if self.library is not None:
            self.library.update_current(
                ArticleSummary(article.id, article.slug, article.headline, article.status, article.updated, article.word_count)
            )
        self.remember_cursor()  # with each save: after a crash the cursor is where it was
        self.settings.sync_in_background()

    def _show_save_state(self, state: SaveState) -> None:
        self.setWindowModified(state is not SaveState.SAVED)
        self.save_label.setText(SAVE_STATE_LABELS[state])

    def save_state(self) -> None:
        self.settings.set_geometry("window", self.saveGeometry())
        self.settings.set_geometry("main_splitter", self.main_splitter.saveState())
        self.settings.set_geometry("work_splitter", self.work_splitter.saveState())
        self.remember_cursor()
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._closed:  # quit_saving() has stored the text or written it to a recovery file
            event.accept()
            return
        self.save_state()
        if not self.document.close_requested():
            event.ignore()
            return
        self.shut_down()
        event.accept()

    def quit_saving(self) -> None:
        """Leave now without asking anything (a signal or logout): store what can be stored,
        and write what cannot to a recovery file rather than lose it."""
        self.save_state()
        if not self.document.flush() and self.document.is_modified():
            from desktop_editor.editing.recovery import write_recovery_copy

            write_recovery_copy(self.document.current_fields(), self.editor.toPlainText())
        self.shut_down()
        QApplication.quit()

    def shut_down(self) -> None:
        """Stop background work and the preview; the article has been saved by now."""
        if self._closed:
            return
        self.render_controller.wait()
        self.kept_pages.keep()
        self.images.cancel_import()
        self.images.wait()
        self.library_controller.shut_down()
        self.document.shut_down()
        self._closed = True
        self.spelling.shut_down()
        if self.preview is not None:
            self.preview.release()
            self.preview = None


def _preview_image(store, sha256: str, width: int):
    """On a pool thread: the picture sized for the preview, the decoded photo's memory
    handed back once it is made."""
    from desktop_editor.core.process_memory import trim
    from desktop_editor.workflows import preview_image

    picture = preview_image(store, sha256, width)
    trim()
    return picture


def _settle_after_start_up() -> None:
    """Move everything made at start-up out of the garbage collector's sight: a full
    collection, which may run on any thread and pauses them all (the UI's included), then
    walks only what the session has made since."""
    import gc

    gc.freeze()
