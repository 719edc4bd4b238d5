"""The window's side columns, the library and the photo panel: made just after the first
frame (the window shows sooner without them, and their contents wait for the store anyway),
in places kept for them as wide as they will be, and wired to the open article."""

from __future__ import annotations

from desktop_editor.ui.common import layout as panes


def build_library(window) -> None:
    """The library column: the list of articles is filled from the store, which opens
    after the first frame anyway, so the window shows without it and it follows."""
    if window.library is not None:
        return
    from desktop_editor.ui.library.commands import LibraryCommands, WindowHooks
    from desktop_editor.ui.library.panel import LibraryPanel
    from desktop_editor.ui.library.trash_bar import TrashBar

    window.trash_bar = TrashBar()
    window._writing_column.insertWidget(0, window.trash_bar)
    window.library = LibraryPanel()
    place = window.main_splitter.widget(0)
    window.library.setMinimumWidth(place.minimumWidth())
    window.library.setVisible(window.actions.toggle_library.isChecked())
    window.main_splitter.replaceWidget(0, window.library)
    place.deleteLater()
    hooks = WindowHooks(
        dialog_parent=window, status=window.statusBar().showMessage, remember_cursor=window.remember_cursor,
        lock_editing=lambda locked: _lock_editing(window, locked),
        focus_text=window.editor.setFocus, focus_headline=window.form.headline.setFocus,
    )  # fmt: skip
    window.library_commands = LibraryCommands(
        window.document, window.library_controller, window.library, window.trash_bar, window.actions, hooks
    )
    window.library_controller.refresh()  # once the store is open, if it is not yet


def build_photo_panel(window) -> None:
    """The photo panel and the picture desk's wiring, in the place kept for them (as
    wide as the panel will be: see size_photo_place), showing the article's photos."""
    if window.image_panel is not None:
        return
    from desktop_editor.ui.picture_desk.desk import PictureDesk
    from desktop_editor.ui.picture_desk.panel import ImagePanel

    panel = ImagePanel()
    place = window.work_splitter.widget(2)
    window.work_splitter.replaceWidget(2, panel)  # takes the place's size and visibility
    place.deleteLater()
    window.image_panel = panel
    window.picture_desk = PictureDesk(
        panel, window.editor, window.document, window.images, dialog_parent=window,
        status=window.statusBar().showMessage, notice=lambda sentence: window.notice.say(sentence, about="photos"),
    )  # fmt: skip
    if window.document.article is not None:
        window.picture_desk.show_figures(window.document.figures)
    panel.setEnabled(not window.document.read_only)
    panel.set_spelling(window.spelling.service)


def _lock_editing(window, locked: bool) -> None:
    window.editor.setReadOnly(locked)
    window.form.setEnabled(not locked)
    if window.image_panel is not None:  # else it is made in this state
        window.image_panel.setEnabled(not locked)


def size_photo_place(window, figures) -> None:
    if window.image_panel is None:
        window.work_splitter.widget(2).setMinimumWidth(panes.PHOTOS_FULL_MIN if figures else panes.PHOTOS_EMPTY_MIN)


def review_room(window):
    """make_room(shown, width) for the review panel: beside the text, the window as wide as it
    was; in a narrow window it takes the photo panel's place while it is open."""
    from PySide6.QtCore import Qt, QTimer

    hidden_photos = []

    def settle_minimum() -> None:
        window.work_splitter.updateGeometry()
        window.main_splitter.updateGeometry()
        window.layout().invalidate()
        window.layout().activate()

    def fit(size, width: int) -> None:
        settle_minimum()
        if window.width() > size.width() and not (window.isMaximized() or window.isFullScreen()):
            window.resize(size)  # Qt widens the window for a dock shown beside the text
        dock = window.review.dock
        if dock is not None and dock.isVisible() and dock.width() < width:
            window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def make_room(on: bool, width: int) -> None:
        photos = window.work_splitter.widget(2)
        if on and not photos.isHidden() and window.width() < window.main_splitter.minimumSizeHint().width() + width:
            photos.hide()
            hidden_photos.append(True)
            settle_minimum()  # the window's minimum width without it, before the panel shows
        elif not on and hidden_photos:
            hidden_photos.clear()
            window.work_splitter.widget(2).show()
        if on:
            size = window.size()
            QTimer.singleShot(0, lambda: fit(size, width))

    return make_room
