"""The View menu's comforts: light or dark with the system, zoom, full screen, focus mode,
the outline of headings, and the About box. Nothing here runs before the window's first
paint except connecting actions; the outline is made when first asked for."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

ZOOM_STEPS = (0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
LIBRARIES = ("PySide6", "SQLAlchemy", "alembic", "Markdown", "nh3", "Pillow", "pillow-heif", "Jinja2", "PyYAML", "platformdirs", "mammoth", "pyenchant", "psycopg")


def system_is_dark() -> bool:
    """The desktop's colour scheme, or failing that the darkness of the window palette."""
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


class ViewCommands(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dark = False
        self.zoom = window.settings.zoom
        self._outline = None  # a QDockWidget, made when first shown
        a = window.actions
        a.zoom_in.triggered.connect(lambda: self.set_zoom(_step(self.zoom, 1)))
        a.zoom_out.triggered.connect(lambda: self.set_zoom(_step(self.zoom, -1)))
        a.zoom_reset.triggered.connect(lambda: self.set_zoom(1.0))
        a.full_screen.toggled.connect(self.set_full_screen)
        a.focus_mode.toggled.connect(self.set_focus_mode)
        a.outline.toggled.connect(self.show_outline)
        window.editor.cursorPositionChanged.connect(self._dim_others)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: self.follow_system())
        window.installEventFilter(self)
        a.about.triggered.connect(self.about)
        self.follow_system()
        if self.zoom != 1.0:
            window.editor.set_zoom(self.zoom)

    # Light and dark ---------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if watched is self.window and event.type() == QEvent.Type.ApplicationPaletteChange:
            self.follow_system()
        return False

    def follow_system(self) -> None:
        self.set_dark(system_is_dark())

    def set_dark(self, dark: bool) -> None:
        """Editor colours and the preview's page together (the export stays light)."""
        self.dark = dark
        from desktop_editor.ui.common.tones import window_style

        self.window.setStyleSheet(window_style(dark))
        editor = self.window.editor
        editor.blockSignals(True)  # re-colouring is not an edit: no textChanged, no save
        try:
            editor.highlighter.set_dark(dark)
        finally:
            editor.blockSignals(False)
        if self.window.preview is not None:
            self.window.preview.set_color_scheme("dark" if dark else "light")

    def preview_created(self, preview) -> None:
        preview.set_color_scheme("dark" if self.dark else "light")
        if self.zoom != 1.0:
            preview.setZoomFactor(self.zoom)

    # Zoom -------------------------------------------------------------------------------------

    def set_zoom(self, factor: float) -> None:
        self.zoom = factor
        self.window.editor.set_zoom(factor)
        if self.window.preview is not None:
            self.window.preview.setZoomFactor(factor)
        self.window.settings.zoom = factor
        self.window.statusBar().showMessage(f"Zoom {round(factor * 100)}%", 2000)

    # Full screen and focus mode ---------------------------------------------------------------

    def set_full_screen(self, on: bool) -> None:
        self.window.showFullScreen() if on else self.window.showNormal()

    def set_focus_mode(self, on: bool) -> None:
        self._focus = on
        self._dim_others()

    def _dim_others(self) -> None:
        editor = self.window.editor
        if not getattr(self, "_focus", False):
            if editor.extraSelections():
                editor.setExtraSelections([])
            return
        dim = QTextCharFormat()
        colour = QColor(editor.palette().color(QPalette.ColorRole.Text))
        colour.setAlphaF(0.3)
        dim.setForeground(colour)
        paragraph = _paragraph_around(editor.textCursor())
        selections = []
        document = editor.document()
        for start, end in ((0, paragraph[0]), (paragraph[1], document.characterCount() - 1)):
            if end > start:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(document)
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor, selection.format = cursor, dim
                selections.append(selection)
        editor.setExtraSelections(selections)

    # Outline ----------------------------------------------------------------------------------

    def show_outline(self, on: bool) -> None:
        if self._outline is None:
            if not on:
                return
            self._outline = self._make_outline()
        self._outline.setVisible(on)
        if on:
            self.refresh_outline()

    def _make_outline(self):
        from PySide6.QtWidgets import QDockWidget, QListWidget

        dock = QDockWidget("Outline", self.window)
        dock.setObjectName("outline")
        self.outline_list = QListWidget()
        self.outline_list.setAccessibleName("Headings in the article")
        dock.setWidget(self.outline_list)
        self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.outline_list.itemActivated.connect(self._jump)
        self.outline_list.itemClicked.connect(self._jump)
        dock.visibilityChanged.connect(lambda visible: self.window.actions.outline.setChecked(visible))
        self._outline_timer = QTimer(self, singleShot=True, interval=300)
        self._outline_timer.timeout.connect(self.refresh_outline)
        self.window.editor.textChanged.connect(lambda: dock.isVisible() and self._outline_timer.start())
        return dock

    def refresh_outline(self) -> None:
        from PySide6.QtWidgets import QListWidgetItem

        self.outline_list.clear()
        for number, (level, title) in outline(self.window.editor.toPlainText()):
            item = QListWidgetItem("    " * (level - 2 if level > 1 else 0) + title)
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.outline_list.addItem(item)
        if not self.outline_list.count():
            empty = QListWidgetItem("No headings yet: start a line with ## for one.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.outline_list.addItem(empty)

    def _jump(self, item) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if line is None:
            return
        editor = self.window.editor
        cursor = QTextCursor(editor.document().findBlockByNumber(line))
        editor.setTextCursor(cursor)
        editor.centerCursor()
        editor.setFocus()

    # About ------------------------------------------------------------------------------------

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop_editor import APP_NAME, __version__

        rows = "".join(f"<tr><td>{name}</td><td>{version}</td></tr>" for name, version in library_versions())
        QMessageBox.about(
            self.window,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>An offline article editor for newsrooms: Markdown beside a live preview, "
            "captioned photos, clean and accessible HTML export.</p>"
            "<p>Licence: MIT.</p>"
            f"<p>Built with:</p><table cellspacing='4'>{rows}<tr><td>Qt</td><td>{_qt_version()}</td></tr></table>",
        )


def outline(text: str) -> list[tuple[int, tuple[int, str]]]:
    """(line number, (level, title)) of each Markdown heading outside fenced code."""
    found, fenced = [], False
    for number, line in enumerate(text.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match:
            found.append((number, (len(match.group(1)), match.group(2))))
    return found


def library_versions() -> list[tuple[str, str]]:
    from importlib.metadata import PackageNotFoundError, version

    import PySide6

    versions = [("PySide6", PySide6.__version__)]  # installed as PySide6-Essentials and -Addons
    for name in LIBRARIES[1:]:
        try:
            versions.append((name, version(name)))
        except PackageNotFoundError:
            continue
    return versions


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return qVersion()


def _step(current: float, direction: int) -> float:
    if direction > 0:
        return next((z for z in ZOOM_STEPS if z > current + 1e-6), ZOOM_STEPS[-1])
    return next((z for z in reversed(ZOOM_STEPS) if z < current - 1e-6), ZOOM_STEPS[0])


def _paragraph_around(cursor: QTextCursor) -> tuple[int, int]:
    """Start and end positions of the paragraph (lines up to blank lines) with the cursor."""
    block = cursor.block()
    first = last = block
    while first.previous().isValid() and first.previous().text().strip():
        first = first.previous()
    while last.next().isValid() and last.next().text().strip():
        last = last.next()
    return first.position(), last.position() + last.length() - 1
