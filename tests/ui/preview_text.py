"""What a window's preview shows, as text (for tests)."""

from __future__ import annotations


def preview_text(qtbot, window) -> str:
    box = {}
    window.preview.text_content(lambda text: box.setdefault("text", text))
    qtbot.waitUntil(lambda: "text" in box, timeout=5000)
    return box["text"]
