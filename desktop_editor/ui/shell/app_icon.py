"""The app's own icon, io.github.desktop_editor.svg in desktop_editor.resources, as the
window shows it: the PNG sizes drawn from that SVG (tools/render-app-icons)."""

from __future__ import annotations

ICON_NAME = "io.github.desktop_editor"  # the AppStream id; the desktop entry's Icon= too
SIZES = (16, 24, 32, 48, 64, 128)  # the desktop draws larger ones from the installed SVG


def app_icon():
    """The icon at each size it was drawn at. From PNG rather than the SVG (or the installed
    theme's copy of it): drawing SVG loads Qt's SVG library and icon engine into the window,
    about 1 MB for as long as it runs."""
    from importlib import resources

    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    folder = resources.files("desktop_editor.resources")
    icon = QIcon()
    for size in SIZES:
        icon.addFile(str(folder.joinpath(f"{ICON_NAME}-{size}.png")), QSize(size, size))
    return icon


def set_window_icon(app) -> None:
    """Give every window of app the icon: called once the main window has painted, not
    before (importlib.resources and the pictures are not on the way to the first frame)."""
    app.setWindowIcon(app_icon())
