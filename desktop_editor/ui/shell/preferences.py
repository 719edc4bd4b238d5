"""Edit → Preferences, and moving the store from there.

The dialog returns the Preferences chosen and AppSettings keeps them. Moving the store is
storage.move's (copy with SQLite's backup API, verify, keep the original); this glue saves
the open article first, runs the copy off the UI thread behind a modal progress dialog (so
nothing is typed into the old store meanwhile), switches the window's store to the copy
and remembers it for the next start.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget


def store_location(store) -> str:
    """The URL of the window's store (a LazyStore, a StoreClient or a Store)."""
    from desktop_editor.storage.location import store_url

    location = getattr(store, "location", None) or getattr(store, "url", None)
    return store_url(location) if location else ""


def shown_location(location: str) -> str:
    from desktop_editor.storage.location import hide_password, sqlite_path

    path = sqlite_path(location)
    return str(path) if path is not None else hide_password(location)


def edit_preferences(window) -> None:
    from desktop_editor.ui.shell.preferences_dialog import PreferencesDialog

    settings = window.settings
    location = store_location(window.document.store)
    chosen = PreferencesDialog.ask(
        settings.preferences(), shown_location(location),
        lambda: move_store(window, QApplication.activeModalWidget() or window), window,
    )  # fmt: skip
    if chosen is not None:
        settings.set_preferences(chosen)


def move_store(window, parent: QWidget) -> str | None:
    """Ask where, then move the window's store there; the new path, or None if not moved."""
    from desktop_editor.storage.move import StoreMoveError, check_source, check_target

    store = window.document.store
    location = store_location(store)
    try:
        path = check_source(location)  # a server's store is refused before asking where
    except StoreMoveError as error:
        QMessageBox.warning(parent, "Store not moved", str(error))
        return None
    target, _ = QFileDialog.getSaveFileName(
        parent, "Move the store to", str(path.parent / f"moved-{path.name}"), "Desktop Editor store (*.sqlite)",
        options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused, never replaced
    )  # fmt: skip
    if not target:
        return None
    if not callable(getattr(store, "switch", None)):
        QMessageBox.warning(parent, "Store not moved", "This window cannot change stores; start it on the new file instead.")
        return None
    if not window.document.flush():
        QMessageBox.warning(parent, "Store not moved", "The open article could not be saved, so the store was not moved.")
        return None
    try:
        check_target(location, target)
        moved = _copy_with_progress(location, Path(target), parent)
    except StoreMoveError as error:
        QMessageBox.warning(parent, "Store not moved", str(error))
        return None
    return _switch(window, store, location, moved, parent)


def _copy_with_progress(location: str, target: Path, parent: QWidget):
    """storage.move.move_store on a worker thread; the UI waits behind a modal progress dialog."""
    from desktop_editor.storage.move import move_store as copy_and_verify

    pages = [0, 0]
    dialog = _Busy("Copying the store…", "", 0, 0, parent)
    dialog.setWindowTitle("Moving the store")
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.setModal(True)  # at once: nothing may be typed into the old store meanwhile
    dialog.show()
    with ThreadPoolExecutor(1, thread_name_prefix="move-store") as pool:
        future: Future = pool.submit(copy_and_verify, location, target, lambda done, total: pages.__setitem__(slice(None), [done, total]))
        loop = QEventLoop()
        timer = QTimer(interval=50)

        def poll() -> None:
            if pages[1]:
                dialog.setMaximum(pages[1])
                dialog.setValue(pages[0])
            if future.done():
                loop.quit()

        timer.timeout.connect(poll)
        timer.start()
        if not future.done():
            loop.exec()
        timer.stop()
        dialog.hide()
        dialog.deleteLater()
        return future.result()


class _Busy(QProgressDialog):
    """A progress dialog that Escape and the close button leave open: the copy runs to its
    end (a copy that fails is removed), and the window stays blocked until then."""

    def reject(self) -> None:
        pass

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        event.ignore()


def _switch(window, store, location: str, moved, parent: QWidget) -> str | None:
    from desktop_editor.storage.errors import StoreError
    from desktop_editor.storage.location import STORE_ENVIRONMENT_VARIABLE, default_location, remember_store, store_url

    try:
        store.switch(store_url(moved.target))
    except StoreError as error:
        QMessageBox.warning(
            parent, "Store not moved", f"The copy at {moved.target} could not be opened ({error}); this window keeps working from {moved.source}."
        )  # fmt: skip
        return None
    sentence = moved.sentence()
    if location == default_location() and not os.environ.get(STORE_ENVIRONMENT_VARIABLE):
        remember_store(moved.target)  # the next start opens the new file too
    else:
        sentence += " This window was started on a store named by --store or DESKTOP_EDITOR_STORE, which keeps choosing the store at the next start."
    window.library_controller.refresh()
    window.statusBar().showMessage(sentence, 15000)
    QMessageBox.information(parent, "Store moved", sentence)
    return str(moved.target)
