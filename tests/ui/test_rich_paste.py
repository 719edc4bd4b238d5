"""Pasting a web page, a Word or a Google Docs selection into the body gives clean Markdown;
Ctrl+Shift+V pastes its plain text; text copied from the body pastes back unchanged."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_editing_keys import window  # noqa: F401 (the fixture: a shown window, the body focused)

CTRL = Qt.KeyboardModifier.ControlModifier
PAGE = (
    '<h2>Exercise</h2><p>The <b>Royal Navy</b> led <i>BALTOPS</i>, '
    '<a href="https://www.forces.net/baltops" onclick="steal()">Forces News</a> reports.</p>'
    "<script>alert(1)</script><ul><li>Ships</li><li>Planes</li></ul><blockquote>We stand firm.</blockquote>"
)
PAGE_TEXT = "Exercise\nThe Royal Navy led BALTOPS, Forces News reports.\nShips\nPlanes\nWe stand firm."


def copy_page() -> None:
    mime = QMimeData()
    mime.setHtml(PAGE)
    mime.setText(PAGE_TEXT)
    QApplication.clipboard().setMimeData(mime)


def test_a_web_page_pastes_as_markdown_with_nothing_executable(qtbot, window):
    copy_page()
    qtbot.keyClick(window.editor, Qt.Key.Key_V, CTRL)
    assert window.editor.toPlainText() == (
        "## Exercise\n\nThe **Royal Navy** led *BALTOPS*, [Forces News](https://www.forces.net/baltops) reports."
        "\n\n- Ships\n- Planes\n\n> We stand firm."
    )
    window.editor.undo()  # one paste, one undo step
    assert window.editor.toPlainText() == ""


def test_ctrl_shift_v_pastes_plain_text(qtbot, window):
    copy_page()
    qtbot.keyClick(window.editor, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.toPlainText() == PAGE_TEXT


def test_text_copied_from_the_body_pastes_back_as_it_was(qtbot, window):
    editor = window.editor
    editor.setPlainText("A **bold** claim with a [link](https://example.org) and 5 * 3.\n\n- one\n- two")
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_C, CTRL)
    copied = editor.toPlainText()
    editor.clear()
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert editor.toPlainText() == copied


def test_the_text_menu_offers_plain_text_paste_and_it_pastes_plain_text(qtbot, window):
    copy_page()
    menu = window.editor.context_menu(window.editor.rect().center())
    names = [action.text().split("\t")[0].replace("&", "") for action in menu.actions()]
    assert names.index("Paste as plain text") == names.index("Paste") + 1, names
    menu.actions()[names.index("Paste as plain text")].trigger()
    assert window.editor.toPlainText() == PAGE_TEXT
    menu.deleteLater()


def test_the_edit_menu_pastes_plain_text_into_the_field_that_has_the_keyboard(qtbot, window):
    copy_page()
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit")
    names = [a.text().replace("&", "") for a in edit_menu.actions()]
    assert names.index("Paste as plain text") == names.index("Paste") + 1, names
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus, timeout=2000)
    window.actions.paste_plain.trigger()
    assert window.editor.toPlainText() == PAGE_TEXT
    window.form.headline.setFocus()
    qtbot.waitUntil(window.form.headline.hasFocus, timeout=2000)
    window.actions.paste_plain.trigger()
    assert window.form.headline.text().startswith("Exercise") and window.editor.toPlainText() == PAGE_TEXT
