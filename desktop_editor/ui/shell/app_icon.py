"""The app's own icon, io.github.desktop_editor.svg in desktop_editor.resources."""

from __future__ import annotations

ICON_NAME = "io.github.desktop_editor"  # the AppStream id; the desktop entry's Icon= too


def app_icon():
    """The icon: the installed theme's copy when there is one (the one the desktop shows),
    else the package's. The SVG itself is read only when the icon is first drawn."""
    from importlib import resources

    from PySide6.QtGui import QIcon

    path = resources.files("desktop_editor.resources").joinpath(f"{ICON_NAME}.svg")
    return QIcon.fromTheme(ICON_NAME, QIcon(str(path)))


def set_window_icon(app) -> None:
    """Give every window of app the icon. About 40 ms (importlib.resources, the SVG icon
    engine): called once the main window has painted, not before."""
    app.setWindowIcon(app_icon())
