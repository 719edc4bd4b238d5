"""Qt tests run offscreen, with the application set up as the app sets it up."""

from __future__ import annotations

import json
import os
import tempfile

import pytest

# A 1920×1080 screen (the plugin's default is 800×600, smaller than any desk's).
_SCREEN = os.path.join(tempfile.mkdtemp(prefix="offscreen-"), "screen.json")
with open(_SCREEN, "w") as _file:
    json.dump({"screens": [{"name": "desk", "x": 0, "y": 0, "width": 1920, "height": 1080,
                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}, _file)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"


def pytest_configure(config):
    from desktop_editor.ui.app import prepare_qt

    prepare_qt()


@pytest.fixture(autouse=True, scope="session")
def clipboard_emptied_at_the_end():
    """What the tests copied or pasted leaves the clipboard before the application ends:
    mime data still held by the clipboard then crashes the test process on its way out."""
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def no_store_calls_on_the_ui_thread():
    """A window's store call made on the UI thread fails the test that made it, wherever
    the guard's exception went (a Qt slot swallows it)."""
    from desktop_editor.ui.common import store_guard

    store_guard.violations.clear()
    yield
    assert not store_guard.violations, "\n".join(store_guard.violations)


@pytest.fixture
def new_window(qtbot, store, tmp_path):
    """new_window(settings_path=None): a window on the test's store with its own settings
    file, not yet shown; every one made is closed after the test (which releases the
    preview in the order Qt WebEngine needs) and its photo work waited for."""
    from PySide6.QtCore import QSettings

    from desktop_editor.ui.app import build_window

    windows = []

    def make(settings_path=None):
        settings = QSettings(str(settings_path or tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = build_window(store, settings)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    for window in windows:
        window.images.wait()
