"""Qt tests run offscreen; the preview's URL scheme must exist before the QApplication."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def pytest_configure(config):
    from desktop_editor.ui.app import prepare_qt

    prepare_qt()
