"""The window's own colours, in light and dark: text tones (muted, error, warning, ok) that
keep at least 4.5:1 against the window's background in either theme, and a focus frame on
every field and list, so the keyboard's place can always be seen (WCAG 2.4.7).

A widget says which tone its text takes with set_tone(); the window's style sheet, made by
window_style() for the theme in use, gives the colour, so a change of theme re-colours it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

# tone -> (on a light window, on a dark window)
TONES = {
    "muted": ("#505050", "#bdbdbd"),
    "error": ("#a01010", "#ff8a80"),
    "warning": ("#6b3a00", "#ffb74d"),
    "ok": ("#1b6e20", "#81c784"),
}
# The focus frame: at least 3:1 against the window and the fields in either theme (the
# highlight colours of dark desktop themes are often too dark for that).
FOCUS = ("#1a6fb0", "#78aeed")
FOCUS_WIDTH = 2

# What takes the keyboard and shows it by a frame in the focus colour when it has it.
_FRAMED = (
    "QLineEdit", "QPlainTextEdit", "QTextEdit", "QListView", "QListWidget", "QTreeView",
    "QTreeWidget", "QTableView", "QSpinBox", "QComboBox",
)  # fmt: skip


def tone_colour(tone: str, dark: bool) -> str:
    return TONES[tone][1 if dark else 0]


def focus_colour(dark: bool) -> str:
    return FOCUS[1 if dark else 0]


def window_style(dark: bool) -> str:
    """The window's style sheet for the theme: text tones and focus frames."""
    rules = [f'QLabel[tone="{tone}"] {{ color: {tone_colour(tone, dark)}; }}' for tone in TONES]
    focused = ", ".join(f"{name}:focus" for name in _FRAMED)
    rules.append(f"{focused} {{ border: {FOCUS_WIDTH}px solid {focus_colour(dark)}; border-radius: 3px; }}")
    return "\n".join(rules)


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Colour the widget's text by tone (None: the palette's own text colour)."""
    if widget.property("tone") == tone:
        return
    widget.setProperty("tone", tone)
    # A widget not yet polished (not yet shown) takes the property at its first polish; only
    # one already on screen needs its style applied again. (Asking for the style from Python
    # the first time costs milliseconds: not on the way to the window's first frame.)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)
