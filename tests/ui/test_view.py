"""Dark with the system (editor and preview, the export stays light), zoom, full screen,
focus mode, the outline and About."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop_editor.core.model import Article
from desktop_editor.ui.drafting import highlighter
from desktop_editor.ui.shell.view_commands import outline

import pytest


@pytest.fixture
def make_window(qtbot, new_window):
    def make(preview=False):
        window = new_window()
        window.resize(1366, 768)
        if preview:
            window.start()
            qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)
        else:
            window.show()
        qtbot.waitExposed(window)
        return window

    return make


def page_scheme(qtbot, window) -> str:
    box = {}
    window.preview.color_scheme(lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=5000)
    return box["v"]


def test_dark_mode_reaches_the_editor_and_the_preview_but_not_the_export(qtbot, make_window, store):
    store.create_article(Article(headline="Exercise", body="## Mine clearance\n\nForty ships."))
    window = make_window(preview=True)
    assert page_scheme(qtbot, window) == "light rgb(255, 255, 255)"
    window.view.set_dark(True)
    assert not window.document.is_modified()  # colours are not an edit
    qtbot.waitUntil(lambda: page_scheme(qtbot, window) == "dark rgb(31, 31, 31)", timeout=5000)
    formats = window.editor.document().firstBlock().layout().formats()
    heading = formats[0].format
    assert heading.foreground().color().name() == highlighter.DARK[id(highlighter.HEADING)]
    # A new page (another article) comes dark too.
    other = store.create_article(Article(headline="Second", body="Text."))
    window.open_article(other.id)
    qtbot.waitUntil(lambda: page_scheme(qtbot, window) == "dark rgb(31, 31, 31)", timeout=10000)
    window.view.set_dark(False)
    qtbot.waitUntil(lambda: page_scheme(qtbot, window) == "light rgb(255, 255, 255)", timeout=5000)


def test_the_exported_page_has_no_preview_mark():
    from desktop_editor.core.page import render_page

    page = render_page(Article(headline="Exercise", body="Text."), "<p>Text.</p>", "")
    assert "data-preview" not in page.split("<style>")[0]
    assert "<html " in page  # the preview marks this tag


def test_zoom_changes_editor_and_preview_and_is_remembered(qtbot, make_window):
    window = make_window(preview=True)
    size = window.editor.font().pointSizeF()
    window.actions.zoom_in.trigger()
    assert window.editor.font().pointSizeF() == pytest.approx(size * 1.1)
    assert window.preview.zoomFactor() == pytest.approx(1.1)
    window.close()
    again = make_window()
    assert again.editor.font().pointSizeF() == pytest.approx(size * 1.1)
    again.actions.zoom_reset.trigger()
    assert again.editor.font().pointSizeF() == pytest.approx(size)


def test_full_screen_and_back(qtbot, make_window):
    window = make_window()
    window.actions.full_screen.setChecked(True)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    window.actions.full_screen.setChecked(False)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)


def test_focus_mode_dims_all_but_the_current_paragraph(qtbot, make_window):
    window = make_window()
    editor = window.editor
    editor.setPlainText("First paragraph.\n\nSecond one,\nstill second.\n\nThird.")
    cursor = editor.textCursor()
    cursor.setPosition(len("First paragraph.\n\nSec"))
    editor.setTextCursor(cursor)
    window.actions.focus_mode.setChecked(True)
    dimmed = ["".join(s.cursor.selectedText().split("\u2029")) for s in editor.extraSelections()]
    assert len(dimmed) == 2
    assert "Second" not in "".join(dimmed) and "First" in dimmed[0] and "Third" in dimmed[1]
    window.actions.focus_mode.setChecked(False)
    assert editor.extraSelections() == []


def test_the_outline_lists_headings_and_jumps_to_them(qtbot, make_window):
    assert outline("# A\n\ntext\n\n```\n# not a heading\n```\n\n## B ##") == [(0, (1, "A")), (8, (2, "B"))]
    window = make_window()
    assert window.view._outline is None  # made when first shown
    window.editor.setPlainText("Lede.\n\n## Mine clearance\n\nText.\n\n## Landings\n\nMore.")
    window.actions.outline.setChecked(True)
    items = window.view.outline_list
    assert [items.item(r).text() for r in range(items.count())] == ["Mine clearance", "Landings"]
    items.itemClicked.emit(items.item(1))
    assert window.editor.textCursor().block().text() == "## Landings"


def test_about_names_version_licence_and_libraries(qtbot, make_window, monkeypatch):
    window = make_window()
    shown = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.update(title=title, text=text))
    window.actions.about.trigger()
    from desktop_editor import __version__

    assert __version__ in shown["text"] and "MIT" in shown["text"]
    for library in ("PySide6", "SQLAlchemy", "Markdown", "Pillow", "nh3", "Qt"):
        assert library in shown["text"]
