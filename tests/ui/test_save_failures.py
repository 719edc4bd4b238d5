"""A save that fails while someone types never takes the keyboard: every key goes on into
the text, the window says what happened where it takes no focus, and says no more once a
save succeeds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_editor.core.model import Article
from desktop_editor.editing.open_article import SaveState
from tests.editing.fakes import FailingStore


def type_where_the_focus_is(text: str) -> None:
    """Keys go to whatever has the keyboard, as a person's would."""
    for character in text:
        QTest.keyClick(QApplication.focusWidget(), character)


def started(qtbot, window):
    window.start()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor, timeout=5000)
    return window


def test_typing_goes_on_into_the_text_through_a_failed_save(qtbot, new_window, store):
    window = started(qtbot, new_window())
    failing = FailingStore(store)
    window.document.store = failing
    type_where_the_focus_is("seven")
    failing.failing = True
    qtbot.waitUntil(lambda: window.document.state is SaveState.FAILED, timeout=5000)
    assert window.notice.isVisible()
    assert "full" in window.notice.message.text() and "kept here" in window.notice.message.text()
    assert window.notice.message.text().count("kept here") == 1
    assert QApplication.activeModalWidget() is None and QApplication.activePopupWidget() is None
    assert QApplication.focusWidget() is window.editor
    type_where_the_focus_is(" eight")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    type_where_the_focus_is("nine")
    assert window.editor.toPlainText() == "seven eight\nnine"
    failing.failing = False
    article_id = window.document.article.id
    qtbot.waitUntil(lambda: store.get_article(article_id).body == "seven eight\nnine", timeout=10000)
    qtbot.waitUntil(lambda: not window.notice.isVisible(), timeout=5000)
    assert window.status_line.save_label.text() == "Saved"


def test_quitting_on_a_signal_with_a_failed_save_writes_the_text_aside_and_asks_nothing(
    qtbot, new_window, store, tmp_path, monkeypatch
):
    from desktop_editor.editing import recovery

    monkeypatch.setattr(recovery, "recovery_folder", lambda: tmp_path / "recovered")
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: None))  # the test's app goes on
    asked = []
    window = new_window()
    window.document.prompts.confirm = lambda title, question: asked.append(question) or False
    started(qtbot, window)
    failing = FailingStore(store)
    window.document.store = failing
    failing.failing = True
    type_where_the_focus_is("Not lost.")
    window.quit_saving()
    assert window.close()  # what the application's quit does next: the window closes unasked
    assert asked == []
    (kept,) = (tmp_path / "recovered").iterdir()
    assert "Not lost." in kept.read_text()


def test_a_change_elsewhere_is_said_beside_the_text_and_typing_goes_on_until_the_person_chooses(
    qtbot, new_window, store
):
    from PySide6.QtWidgets import QPushButton

    article_id = store.create_article(Article(headline="Bridge", body="Draft text.")).id
    window = started(qtbot, new_window())
    qtbot.waitUntil(lambda: window.editor.toPlainText() == "Draft text.", timeout=5000)
    theirs = store.get_article(article_id)
    store.save_article(theirs.replace(body="Desk one's text."))  # another desk, since this one opened it
    window.editor.selectAll()
    type_where_the_focus_is("Desk two")  # the same words changed here: no merge can settle it
    qtbot.waitUntil(lambda: window.document.in_conflict, timeout=5000)  # its autosave was refused
    assert QApplication.activeModalWidget() is None and QApplication.focusWidget() is window.editor
    assert window.notice.isVisible() and "changed elsewhere" in window.notice.message.text()
    type_where_the_focus_is("'s text.")  # still typing: every key into the text
    assert window.editor.toPlainText() == "Desk two's text."
    assert store.get_article(article_id).body == "Desk one's text."  # nothing saved over theirs
    (copy_button,) = [b for b in window.notice.findChildren(QPushButton) if b.text() == "Save mine as a copy"]
    copy_button.click()
    assert not window.document.in_conflict and window.document.article.id != article_id
    assert store.get_article(window.document.article.id).body == "Desk two's text."
    assert store.get_article(article_id).body == "Desk one's text."
    qtbot.waitUntil(lambda: not window.notice.isVisible(), timeout=5000)
