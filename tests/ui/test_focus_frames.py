"""Where the keyboard is can always be seen (WCAG 2.4.7): each field, list and the preview
draws a frame in the focus colour while it has the focus, in light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from desktop_editor.ui.common.tones import focus_colour
from tests.ui.test_contrast import contrast, theme, window_with_a_photo  # noqa: F401 (theme: a fixture)


def framed(widget, highlight: QColor) -> bool:
    """Whether the widget as drawn has a line in the highlight colour all along the middle
    halves of its four edges (a selected row touches one edge for a row's height only)."""
    image = widget.grab().toImage()
    w, h = image.width(), image.height()
    ys, xs = range(h // 4, 3 * h // 4, max(1, h // 16)), range(w // 4, 3 * w // 4, max(1, w // 16))
    edges = [[(x, y) for y in ys] for x in (0, w - 1)] + [[(x, y) for x in xs] for y in (0, h - 1)]
    target = highlight.name()
    return all(
        any(image.pixelColor(x + dx, y + dy).name() == target for dx, dy in _inwards(x, y, w, h))
        for edge in edges for x, y in edge
    )  # fmt: skip


def _inwards(x: int, y: int, w: int, h: int) -> list[tuple[int, int]]:
    """The edge pixel and the one inside it."""
    dx = 1 if x == 0 else -1 if x == w - 1 else 0
    dy = 1 if y == 0 else -1 if y == h - 1 else 0
    return [(0, 0), (dx, dy)]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_field_list_and_the_preview_shows_a_frame_while_it_has_the_keyboard(qtbot, store, tmp_path, theme, dark):  # noqa: F811
    theme(dark)
    window = window_with_a_photo(qtbot, store, tmp_path, dark, start=True)
    qtbot.waitUntil(lambda: window.library is not None and window.image_panel is not None, timeout=10000)
    qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)
    qtbot.waitUntil(lambda: window.image_panel.thumbnails.count() == 1, timeout=10000)
    highlight = QColor(focus_colour(dark))
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):  # WCAG 1.4.11: 3:1
        assert contrast(highlight, window.palette().color(role)) >= 3.0
    form = window.form
    parts = {
        "headline": (form.headline, form.headline), "standfirst": (form.standfirst, form.standfirst),
        "slug": (form.slug, form.slug), "body": (window.editor, window.editor),
        "library": (window.library.list, window.library.list),
        "photos": (window.image_panel.thumbnails, window.image_panel.thumbnails),
        "caption": (window.image_panel.fields["caption"], window.image_panel.fields["caption"]),
        "preview": (window.preview.focusProxy() or window.preview, window.preview_holder),
    }  # fmt: skip
    try:
        for name, (takes_keys, shows_frame) in parts.items():
            window.editor.setFocus() if name != "body" else form.headline.setFocus()
            qtbot.waitUntil(lambda t=takes_keys: not t.hasFocus(), timeout=2000)
            assert not framed(shows_frame, highlight), f"{name} is framed without the keyboard"
            takes_keys.setFocus()
            qtbot.waitUntil(lambda t=takes_keys: t.hasFocus(), timeout=2000)
            qtbot.waitUntil(lambda s=shows_frame: framed(s, highlight), timeout=2000)
    finally:
        window.close()
