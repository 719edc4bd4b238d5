"""The preview follows the cursor: Ctrl+End shows the page's end, a reopened article shows
where the cursor was."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWebEngineCore import QWebEngineScript

from desktop_editor.core.model import Article
from desktop_editor.ui.app import build_window

BODY = "\n\n".join(f"Paragraph {n}: the ships sailed north and the crews rehearsed mine clearance." for n in range(60))


def scroll_state(qtbot, window):
    box = {}
    window.preview.page().runJavaScript(
        "JSON.stringify([window.scrollY, window.innerHeight, document.documentElement.scrollHeight])",
        QWebEngineScript.ScriptWorldId.ApplicationWorld,
        lambda value: box.setdefault("v", value),
    )
    qtbot.waitUntil(lambda: "v" in box, timeout=5000)
    return json.loads(box["v"])


def at_end(qtbot, window) -> bool:
    y, height, total = scroll_state(qtbot, window)
    return total > height and y + height >= total - 2


def open_started(qtbot, store, settings_file):
    window = build_window(store, QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.start()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)
    return window


def test_ctrl_end_shows_the_end_and_a_reopened_article_its_cursor(qtbot, store, tmp_path):
    store.create_article(Article(headline="Exercise", body=BODY))
    settings_file = str(tmp_path / "settings.ini")
    window = open_started(qtbot, store, settings_file)
    try:
        window.editor.setFocus()
        qtbot.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: at_end(qtbot, window), timeout=5000)
        qtbot.keyClick(window.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: scroll_state(qtbot, window)[0] == 0, timeout=5000)
        qtbot.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    finally:
        window.close()
    again = open_started(qtbot, store, settings_file)
    try:
        assert again.editor.textCursor().position() == len(BODY)
        qtbot.waitUntil(lambda: at_end(qtbot, again), timeout=5000)
    finally:
        again.close()
