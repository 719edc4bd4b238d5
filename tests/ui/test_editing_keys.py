"""The keys a writer reaches for: Enter after quotes and lists, Tab, formatting, the Edit
menu, moving between panels. Offscreen here; tests/e2e/test_window_keys.py presses the
same keys in the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop_editor.ui.app import build_window


@pytest.fixture
def window(qtbot, store, tmp_path):
    window = build_window(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.editor.setFocus()
    yield window
    window.close()


def type_lines(qtbot, editor, *lines):
    for i, line in enumerate(lines):
        if i:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)


@pytest.mark.parametrize(
    "first, second",
    [("> It is a chance to practise.", "> "), ("- one", "- "), ("1. one", "2. ")],
)
def test_enter_twice_ends_a_quote_or_list_with_a_blank_line(qtbot, window, first, second):
    editor = window.editor
    qtbot.keyClicks(editor, first)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == f"{first}\n{second}"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "The next paragraph.")
    assert editor.toPlainText() == f"{first}\n\nThe next paragraph."


def test_tab_in_prose_never_makes_a_code_block_and_moves_on(qtbot, window):
    editor = window.editor
    qtbot.keyClicks(editor, "Forty ships sailed.")
    editor.moveCursor(QTextCursor.MoveOperation.StartOfBlock)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "Forty ships sailed."
    assert QApplication.focusWidget() is not editor


def test_tab_nests_a_list_item_and_shift_tab_brings_it_back(qtbot, window):
    editor = window.editor
    type_lines(qtbot, editor, "- one", "two")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "- one\n    - two"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "- one\n- two"
    assert QApplication.focusWidget() is editor


def test_tab_in_a_fenced_code_block_indents(qtbot, window):
    editor = window.editor
    editor.setPlainText("```\ncode\n```")
    cursor = editor.textCursor()
    cursor.setPosition(4)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "```\n    code\n```"


def test_bold_italic_and_link_from_the_keyboard_and_the_format_menu(qtbot, window):
    editor = window.editor
    qtbot.keyClicks(editor, "The council voted")
    editor.moveCursor(QTextCursor.MoveOperation.StartOfWord, QTextCursor.MoveMode.MoveAnchor)
    editor.moveCursor(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "The council **voted**"
    assert editor.textCursor().selectedText() == "voted"
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # again: undone
    assert editor.toPlainText() == "The council voted"
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "The council *voted*"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "[The council *voted*](https://)"
    assert editor.textCursor().selectedText() == "https://"
    qtbot.keyClicks(editor, "www.gov.uk/mod")
    assert editor.toPlainText() == "[The council *voted*](https://www.gov.uk/mod)"
    titles = [action.text() for action in window.menuBar().actions()]
    assert "F&ormat" in titles


def test_redo_with_ctrl_y_and_the_edit_menu_acts_on_the_focused_field(qtbot, window):
    editor = window.editor
    qtbot.keyClicks(editor, "Bridge")
    editor.undo()
    assert editor.toPlainText() == ""
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Bridge"
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    names = [a.text() for a in edit_menu.actions()]
    assert {"Cu&t", "&Copy", "&Paste"} <= set(names)
    headline = window.form.headline
    headline.setFocus()
    qtbot.keyClicks(headline, "Vote")
    headline.selectAll()
    window.actions.cut.trigger()
    assert headline.text() == "" and QApplication.clipboard().text() == "Vote"
    window.actions.paste.trigger()
    assert headline.text() == "Vote" and editor.toPlainText() == "Bridge"
    assert "Ctrl+Y" in [key.toString() for key in window.actions.redo.shortcuts()]


def test_ctrl_tab_and_f6_move_through_the_panels(qtbot, window):
    editor = window.editor
    commands = window.edit_commands
    commands.cycle(1)
    after_editor = QApplication.focusWidget()
    assert after_editor is not editor and not window.form.isAncestorOf(after_editor)
    seen = [after_editor]
    for _ in range(len(commands.panels()) - 1):
        commands.cycle(1)
        seen.append(QApplication.focusWidget())
    assert seen[-1] is editor  # all the way round
    assert window.library.list in seen and window.form.headline in seen
    commands.cycle(-1)
    assert window.form.isAncestorOf(QApplication.focusWidget())
    keys = {key.toString() for key in window.actions.next_panel.shortcuts()}
    assert {"Ctrl+Tab", "F6"} <= keys


def test_heading_and_quote_toggle_on_the_line(qtbot, window):
    editor = window.editor
    qtbot.keyClicks(editor, "Mine clearance")
    window.actions.heading.trigger()
    assert editor.toPlainText() == "## Mine clearance"
    window.actions.heading.trigger()
    assert editor.toPlainText() == "Mine clearance"
    window.actions.quote.trigger()
    assert editor.toPlainText() == "> Mine clearance"


def test_showing_the_trash_leaves_the_headline_alone(qtbot, window):
    window.form.headline.setText("Bridge vote")
    window.library.delete_button.setFocus()  # as after moving an article to the trash
    qtbot.mouseClick(window.library.trash_toggle, Qt.MouseButton.LeftButton)
    assert not window.form.headline.hasFocus() and window.form.headline.selectedText() == ""
    window.library.empty_button.setFocus()
    qtbot.mouseClick(window.library.trash_toggle, Qt.MouseButton.LeftButton)
    assert not window.form.headline.hasFocus()


def test_the_headline_and_standfirst_get_curly_quotes_and_en_dashes_as_typed(qtbot, window, store):
    headline = window.form.headline
    headline.setFocus()
    qtbot.keyClicks(headline, "Mayor's \"no\" - for now")
    assert headline.text() == "Mayor’s “no” – for now"
    assert window.document.current_fields().headline == "Mayor’s “no” – for now"
    assert window.document.current_fields().slug == "mayors-no-for-now"
    standfirst = window.form.standfirst
    standfirst.setFocus()
    qtbot.keyClicks(standfirst, "It's \"over\" - they said")
    assert window.document.current_fields().standfirst == "It’s “over” – they said"


def test_a_www_address_pasted_or_typed_into_a_link_keeps_working(qtbot, window):
    editor = window.editor
    qtbot.keyClicks(editor, "Read the guidance")
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    QApplication.clipboard().setText("www.gov.uk/mod")
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Read the guidance[link text](https://www.gov.uk/mod)"
    editor.undo()  # the added scheme is one undo step, as an autocorrection is
    assert editor.toPlainText() == "Read the guidance[link text](www.gov.uk/mod)"
    editor.setPlainText("Visit www.gov.uk today and [this](")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "www.forces.net)")
    assert editor.toPlainText() == "Visit www.gov.uk today and [this](https://www.forces.net)"


def test_text_pasted_into_the_headline_and_standfirst_gets_house_quotes(qtbot, window):
    QApplication.clipboard().setText("Trump's 'Strong Leadership' - NATO")
    for field in (window.form.headline, window.form.standfirst):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    fields = window.document.current_fields()
    assert fields.headline == fields.standfirst == "Trump’s ‘Strong Leadership’ – NATO"
    assert window.form.headline.text() == "Trump’s ‘Strong Leadership’ – NATO"


def test_ctrl_h_puts_the_selection_in_find_and_the_keyboard_there(qtbot, window):
    editor = window.editor
    qtbot.keyClicks(editor, "The council voted")
    editor.moveCursor(QTextCursor.MoveOperation.StartOfWord, QTextCursor.MoveMode.MoveAnchor)
    editor.moveCursor(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    qtbot.keyClick(editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar.find_edit, timeout=2000)
    assert bar.find_edit.text() == "voted" and bar.find_edit.selectedText() == "voted"
    assert bar.replace_edit.isVisible()
    qtbot.keyClicks(bar.find_edit, "council")  # typing replaces the selected term
    assert bar.find_edit.text() == "council" and bar.replace_edit.text() == ""
