"""Qt WebEngine set up the one way this app uses it, before it makes its first profile or
view: the preview's URL scheme registered, and pages drawn in software.

Software throughout: Chromium runs without its GPU process (ui.app), and Qt Quick, which
puts Chromium's frames in the window, draws them with its software renderer rather than
through OpenGL. Loading OpenGL would bring in Mesa and LLVM (about 60 MB of the window's
memory) to copy a still page into a widget. Loaded after the window's first frame.
"""

from __future__ import annotations

import os

from desktop_editor.ui.drafting.scheme import register_scheme


def prepare_web_engine() -> None:
    """Before any Qt WebEngine profile, page or view exists; calling it again does nothing."""
    # Qt Quick's documented switch to its software renderer, read when the first scene is
    # made. Unlike QQuickWindow.setGraphicsApi, it needs none of PySide6's Qt Quick, QML and
    # OpenGL modules, which would cost the window about 3.5 MB and 25 ms.
    os.environ["QT_QUICK_BACKEND"] = "software"
    register_scheme()
