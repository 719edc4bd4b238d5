"""The preview follows the cursor: Ctrl+End shows the page's end, a reopened article shows
where the cursor was."""

from __future__ import annotations

import json

import pytest

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


def open_started(qtbot, store, settings_file, size=(1366, 768)):
    window = build_window(store, QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(*size)
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


def match_on_screen(qtbot, window, word: str) -> bool:
    box = {}
    window.preview.page().runJavaScript(
        match_on_screen_js(word),
        QWebEngineScript.ScriptWorldId.ApplicationWorld,
        lambda value: box.setdefault("v", value),
    )
    qtbot.waitUntil(lambda: "v" in box, timeout=5000)
    return bool(box["v"])


def match_on_screen_js(word: str) -> str:
    """Whether the preview shows the word itself (not just the start of its paragraph)."""
    return (
        "(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
        " let n; while ((n = w.nextNode())) { const i = n.data.indexOf(" + json.dumps(word) + ");"
        " if (i < 0) continue; const r = document.createRange(); r.setStart(n, i);"
        " r.setEnd(n, i + " + str(len(word)) + "); const b = r.getBoundingClientRect();"
        " return b.top >= 0 && b.bottom <= window.innerHeight; } return false; })()"
    )


LONG = " ".join(["The ships sailed north and the crews rehearsed mine clearance off the coast."] * 14)


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
def test_find_jumps_and_the_preview_shows_the_match(qtbot, store, tmp_path, size):
    paragraphs = [f"{n}: {LONG}" for n in range(30)]
    paragraphs[20] = paragraphs[20] + " The minehunters returned."
    store.create_article(Article(headline="Exercise", body="\n\n".join(paragraphs)))
    window = open_started(qtbot, store, str(tmp_path / "settings.ini"), size)
    try:
        window.editor.setFocus()
        qtbot.keyClick(window.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: scroll_state(qtbot, window)[0] == 0, timeout=5000)
        window.actions.find.trigger()
        qtbot.keyClicks(window.find_bar.find_edit, "minehunters")
        qtbot.keyClick(window.find_bar.find_edit, Qt.Key.Key_Return)
        assert window.editor.textCursor().selectedText() == "minehunters"
        qtbot.waitUntil(lambda: match_on_screen(qtbot, window, "minehunters"), timeout=5000)
    finally:
        window.close()
