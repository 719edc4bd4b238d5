"""The main window: layout and wiring only. Behaviour lives in the controllers."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QVBoxLayout, QWidget

from desktop_editor import APP_NAME
from desktop_editor.core.model import Article, ArticleSummary
from desktop_editor.editing.open_article import OpenArticle
from desktop_editor.ui.common import layout as panes
from desktop_editor.ui.common.settings import AppSettings
from desktop_editor.ui.drafting.commands import Drafting
from desktop_editor.ui.drafting.cursor_keeper import CursorKeeper
from desktop_editor.ui.drafting.editor import MarkdownEditor
from desktop_editor.ui.drafting.find_bar import FindBar
from desktop_editor.ui.drafting.metadata_form import MetadataForm
from desktop_editor.ui.drafting.preview_column import PreviewColumn
from desktop_editor.ui.library.controller import LibraryController
from desktop_editor.ui.picture_desk.controller import ImagesController
from desktop_editor.ui.shell import side_panels
from desktop_editor.ui.shell.actions import Actions
from desktop_editor.ui.shell.edit_commands import EditCommands
from desktop_editor.ui.shell.notice import Notice
from desktop_editor.ui.shell.status_line import StatusLine
from desktop_editor.ui.shell.view_commands import ViewCommands
from desktop_editor.ui.shell.window_spelling import WindowSpelling

PANELS_AFTER_PREVIEW_MS = 100  # after the preview's first page has loaded
PANELS_AT_THE_LATEST_MS = 500  # after the preview is made, should Chromium be slow to show it


class MainWindow(QMainWindow):
    preview_ready = Signal()  # the preview exists and has painted its first page
    first_painted = Signal()  # the editor has painted its first frame: a person sees the text
    panels_built = Signal()  # the library and the photo panel have been made (after the preview)
    preview_picture_shown = Signal()  # the last session's picture of the preview is on screen

    def __init__(
        self, document: OpenArticle, library: LibraryController, images: ImagesController, settings: AppSettings,
        panels_later: bool = False,
    ):  # fmt: skip
        """panels_later: the library and the photo panel are made just after the window's
        first frame (see build_library, build_photo_panel), which is then on screen sooner;
        else at once."""
        super().__init__()
        self.document = document
        self.library_controller = library
        self.images = images
        self.settings = settings
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
        self.preview_holder = PreviewColumn(
            self.document, self.editor, self.settings, dark=lambda: self.view.dark, profile_owner=self
        )
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
        self.status_line = StatusLine(self, self.statusBar())
        self.actions.fill_menu_bar(self.menuBar())
        panes.fit_to_screen(self)
        geometry = self.settings.geometry("window")
        if geometry is not None:
            self.restoreGeometry(geometry)
        panes.arrange(self.main_splitter, self.work_splitter, self.width(), self.work_splitter.widget(2).minimumWidth())
        self._split_remembered = False
        for name, splitter in (("main_splitter", self.main_splitter), ("work_splitter", self.work_splitter)):
            self._split_remembered |= panes.restore(splitter, self.settings.geometry(name))

    @property
    def publishing(self):
        """Preflight and export; made when first used (they load the exporter)."""
        if self._publishing is None:
            from desktop_editor.ui.publishing.commands import Publishing

            self._publishing = Publishing(
                self.document, self.settings, self.edit_commands.go_to, dialog_parent=self, status=self.statusBar().showMessage
            )
        return self._publishing

    def build_library(self) -> None:
        side_panels.build_library(self)

    def build_photo_panel(self) -> None:
        side_panels.build_photo_panel(self)

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
        self.editor.first_painted.connect(self._first_frame_shown)
        self.show()
        self.activateWindow()
        self.editor.setFocus()

    def _first_frame_shown(self) -> None:
        # After this frame is on screen: the store host and Chromium start next, then the
        # library and the photo panel are made (their contents wait for the store anyway).
        QTimer.singleShot(0, self.first_painted.emit)
        QTimer.singleShot(0, self.create_preview)

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
        if not self.preview_holder.create():
            return
        self.view.preview_created(self.preview)
        # Chromium draws the page's first frame just after it has loaded: let it, first.
        self.preview.painted.connect(lambda: QTimer.singleShot(PANELS_AFTER_PREVIEW_MS, self._build_panels))
        QTimer.singleShot(PANELS_AT_THE_LATEST_MS, self._build_panels)

    # The preview column's parts, as the rest of the window and its tests know them.
    preview = property(lambda self: self.preview_holder.preview)
    preview_picture = property(lambda self: self.preview_holder.preview_picture)
    render_controller = property(lambda self: self.preview_holder.render_controller)
    kept_pages = property(lambda self: self.preview_holder.kept_pages)

    def request_render(self) -> None:
        self.preview_holder.request_render()

    # Wiring ------------------------------------------------------------------------------

    def _connect(self) -> None:
        a, d = self.actions, self.document
        d.set_body_source(self.editor.toPlainText)
        d.article_loaded.connect(self._article_loaded)
        d.fields_changed.connect(self._fields_changed)
        d.figures_changed.connect(lambda _figures: self.request_render())
        d.figure_edited.connect(lambda _figure: self.request_render())
        self.picture_desk = None  # with the photo panel
        d.figures_changed.connect(lambda figures: side_panels.size_photo_place(self, figures))
        self._photo_fit = panes.PhotoPanelFit(self.main_splitter, self.work_splitter, self._split_remembered)
        d.figures_changed.connect(self._photo_fit.figures_shown)  # after the panel has its photos
        self.drafting = Drafting(
            d, a, self.editor.toPlainText, self.open_article, dialog_parent=self, status=self.statusBar().showMessage
        )
        self.library_commands = None  # with the library
        self.edit_commands = EditCommands(self)
        self.view = ViewCommands(self)
        self.spelling = WindowSpelling(self)
        self._publishing = None
        d.saved.connect(self._saved)
        d.state_changed.connect(self.status_line.show_save_state)
        d.problem_changed.connect(self.notice.say)
        d.conflict_changed.connect(lambda sentence: self.notice.offer_conflict(sentence, d.resolve_conflict, self.editor.setFocus))
        self.editor.textChanged.connect(self._body_changed)
        self.editor.focus_lost.connect(d.save_soon)
        self.cursor_keeper = CursorKeeper(d, self.editor, self.settings, parent=self)
        self.form.changed.connect(lambda changes: d.set_fields(**changes))
        self.render_controller.rendered.connect(lambda result: self.status_line.show_words(result.word_count, d))
        self.render_controller.failed.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.preview_holder.painted.connect(self.preview_ready)
        self.preview_holder.picture_shown.connect(self.preview_picture_shown)
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
        a.preview_original.toggled.connect(self.preview_holder.show_original)
        self.settings.credit_format_changed.connect(lambda _format: self.request_render())

    # Behaviour glue -----------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        self.build_library()
        self.library_commands.open_article(article_id)

    def remember_cursor(self) -> None:
        self.cursor_keeper.remember()

    def _show_title(self, article: Article) -> None:
        self.setWindowTitle(f"{article.headline.strip() or 'Untitled'}[*] — {APP_NAME}")

    def _article_loaded(self, article: Article) -> None:
        self._show_title(article)
        self.form.show_article(article)
        self.editor.set_text(article.body, self.settings.cursor_position(article.id))
        self.preview_holder.show_kept_picture()  # at start, before the first frame
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

    def _saved(self, article: Article) -> None:
        if self.library is not None:
            self.library.update_current(ArticleSummary.of(article))

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
        if not self.document.flush(ask=False) and self.document.is_modified():
            from desktop_editor.editing.recovery import write_recovery_copy

            d = self.document
            write_recovery_copy(d.current_fields(), self.editor.toPlainText(), None, d.unsaved_photo_text, d.unmade_photo_changes)
        self.shut_down()
        QApplication.quit()

    def shut_down(self) -> None:
        """Stop background work and the preview; the article has been saved by now."""
        if self._closed:
            return
        self.images.cancel_import()
        self.images.wait()
        self.library_controller.shut_down()
        self.document.shut_down()
        self._closed = True
        self.cursor_keeper.stopped = True
        self.spelling.shut_down()
        self.preview_holder.shut_down()  # the page kept for the next start, Chromium let go

