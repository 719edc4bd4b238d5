"""Qt tests run offscreen, with the application set up as the app sets it up."""

from __future__ import annotations

import json
import os
import tempfile

# A 1920×1080 screen (the plugin's default is 800×600, smaller than any desk's).
_SCREEN = os.path.join(tempfile.mkdtemp(prefix="offscreen-"), "screen.json")
with open(_SCREEN, "w") as _file:
    json.dump({"screens": [{"name": "desk", "x": 0, "y": 0, "width": 1920, "height": 1080,
                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}, _file)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"


def pytest_configure(config):
    from desktop_editor.ui.app import prepare_qt

    prepare_qt()
