"""The subeditor's pass in the window: a comment made with Ctrl+Alt+M on selected words,
suggestions accepted and rejected from the review panel one undo step at a time, a comment
answered and resolved, suggesting mode, and a page that shows none of the markup."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog

from desktop_editor.core import critic, review
from desktop_editor.core.model import Article
from tests.ui.preview_text import preview_text
from tests.ui.showing import open_shown
from tests.ui.test_save_failures import started, type_where_the_focus_is

MOMENT = datetime(2026, 12, 7, 8, 30, tzinfo=UTC)
BODY = "The council will close the old pool in March. Swimmers said the decision was rushed."


def with_suggestions(store) -> tuple[Article, str, str]:
    """An article where the reporter's text has two suggestions by a subeditor."""
    body, data, first = review.suggest(BODY, {}, BODY.index("old "), BODY.index("old ") + 4, "", "Sam Sub", MOMENT)
    at = body.index("rushed")
    body, data, second = review.suggest(body, data, at, at + len("rushed"), "hasty", "Sam Sub", MOMENT)
    return store.create_article(Article(headline="Pool to close", body=body, review=data)), first, second


def as_user(window, name: str) -> None:
    window.settings.set_preferences(window.settings.preferences().replace(user_name=name))


def answer_dialog(text: str) -> None:
    """Type text into the dialog that is about to open and press OK."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.setTextValue(text)
        dialog.accept()

    QTimer.singleShot(20, answer)


def select(window, words: str) -> None:
    body = window.editor.toPlainText()
    cursor = window.editor.textCursor()
    cursor.setPosition(body.index(words))
    cursor.setPosition(body.index(words) + len(words), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)


def stored(store, article_id: int) -> Article:
    return store.get_article(article_id)


def suggesting_on(qtbot, window, store, body: str) -> tuple:
    """(window, article): a story with body open in the started window, suggesting on."""
    article = store.create_article(Article(headline="Pool", body=body))
    window = started(qtbot, window)
    open_shown(qtbot, window, article.id)
    window.actions.suggesting.setChecked(True)
    return window, article


def test_a_comment_made_with_the_key_on_selected_words_is_stored_with_its_author_and_undo_takes_it_out(qtbot, new_window, store):
    article = store.create_article(Article(headline="Pool", body=BODY))
    window = started(qtbot, new_window())
    as_user(window, "Sam Sub")
    open_shown(qtbot, window, article.id)
    window.editor.setFocus()
    select(window, "the decision was rushed")
    answer_dialog("Who said this?")
    QTest.keyClick(window.editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "{==" in stored(store, article.id).body, timeout=10000)
    saved = stored(store, article.id)
    [item] = critic.items(saved.body)
    assert saved.body == BODY.replace("the decision was rushed.", "") + critic.markup(
        critic.COMMENT, item.id, words="the decision was rushed", note="Who said this?"
    ) + "."
    entry = saved.review[item.id]
    assert (entry["author"], entry["text"], entry["words"], entry["resolved"]) == ("Sam Sub", "Who said this?", "the decision was rushed", False)
    assert datetime.fromisoformat(entry["at"]).year >= 2026
    QTest.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo: the whole comment
    assert window.editor.toPlainText() == BODY
    qtbot.waitUntil(lambda: stored(store, article.id).body == BODY, timeout=10000)
    # Taken back, not detached: listed nowhere and nothing for the check to warn about.
    qtbot.waitUntil(lambda: review.review_items(BODY, stored(store, article.id).review) == [], timeout=10000)
    assert review.unresolved(BODY, stored(store, article.id).review) == []
    QTest.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # redo
    qtbot.waitUntil(lambda: [i.state for i in review.review_items(stored(store, article.id).body, stored(store, article.id).review)] == ["open"], timeout=10000)


def test_accept_and_reject_from_the_panel_each_one_undo_step_and_the_page_shows_no_markup(qtbot, new_window, store):
    article, deletion, substitution = with_suggestions(store)
    window = started(qtbot, new_window())
    as_user(window, "Ann Reporter")
    open_shown(qtbot, window, article.id)
    window.actions.toggle_review.trigger()
    panel = window.review.panel
    qtbot.waitUntil(lambda: panel.ids() == [deletion, substitution], timeout=5000)
    assert "Deleted · Sam Sub" in panel.list.item(0).text() and "− “old”" in panel.list.item(0).text()
    panel.select(deletion)
    panel.accept_button.click()
    qtbot.waitUntil(lambda: panel.ids() == [substitution], timeout=5000)
    panel.select(substitution)
    panel.reject_button.click()
    assert window.editor.toPlainText() == BODY.replace("old ", "")
    qtbot.waitUntil(lambda: stored(store, article.id).body == BODY.replace("old ", ""), timeout=10000)
    events = stored(store, article.id).review
    assert [e["action"] for e in events[deletion]["events"]] == ["accepted"]
    assert events[substitution]["events"][-1]["action"] == "rejected" and events[substitution]["events"][-1]["by"] == "Ann Reporter"
    qtbot.waitUntil(lambda: "rushed" in preview_text(qtbot, window) and "{" not in preview_text(qtbot, window), timeout=10000)
    assert "old pool" not in preview_text(qtbot, window)
    window.editor.setFocus()
    QTest.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the rejection taken back
    assert window.editor.toPlainText() == BODY.replace("old ", "").replace("rushed", critic.markup(critic.SUBSTITUTION, substitution, "rushed", "hasty"))
    qtbot.waitUntil(lambda: [i.id for i in critic.items(stored(store, article.id).body)] == [substitution], timeout=10000)
    qtbot.waitUntil(lambda: panel.ids() == [substitution], timeout=5000)


def test_accept_all_and_next_item_key(qtbot, new_window, store):
    article, deletion, substitution = with_suggestions(store)
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    cursor = window.editor.textCursor()
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    body = window.editor.toPlainText()
    marked = {item.id: body[item.start : item.end] for item in critic.items(body)}
    window.actions.next_review_item.trigger()
    assert window.editor.textCursor().selectedText() == marked[deletion]
    window.actions.next_review_item.trigger()
    assert window.editor.textCursor().selectedText() == marked[substitution]
    window.actions.previous_review_item.trigger()
    assert window.editor.textCursor().selectedText() == marked[deletion]
    window.actions.toggle_review.trigger()
    window.review.panel.accept_all_button.click()
    assert window.editor.toPlainText() == BODY.replace("old ", "").replace("rushed", "hasty")
    qtbot.waitUntil(lambda: stored(store, article.id).body == BODY.replace("old ", "").replace("rushed", "hasty"), timeout=10000)


def test_a_comment_is_answered_and_resolved_from_the_panel_and_stays_in_the_history(qtbot, new_window, store):
    body, data, comment = review.add_comment(BODY, {}, 0, 11, "Which council?", "Sam Sub", MOMENT)
    article = store.create_article(Article(headline="Pool", body=body, review=data))
    window = started(qtbot, new_window())
    as_user(window, "Ann Reporter")
    open_shown(qtbot, window, article.id)
    window.actions.toggle_review.trigger()
    panel = window.review.panel
    qtbot.waitUntil(lambda: panel.ids() == [comment], timeout=5000)
    panel.list.setCurrentRow(0)
    assert "Which council?" in panel.list.item(0).text()
    answer_dialog("Hackney.")
    panel.reply_button.click()
    qtbot.waitUntil(lambda: "Ann Reporter: Hackney." in panel.list.item(0).text(), timeout=5000)
    panel.list.setCurrentRow(0)
    panel.resolve_button.click()
    qtbot.waitUntil(lambda: stored(store, article.id).review[comment].get("resolved") is True, timeout=10000)
    entry = stored(store, article.id).review[comment]
    assert entry["replies"][0]["author"] == "Ann Reporter" and entry["replies"][0]["text"] == "Hackney."
    assert entry["events"][-1]["action"] == "resolved" and entry["events"][-1]["by"] == "Ann Reporter"
    qtbot.waitUntil(lambda: "(resolved)" in panel.list.item(0).text(), timeout=5000)
    assert stored(store, article.id).body == body  # the words keep their comment
    panel.list.setCurrentRow(0)
    assert panel.resolve_button.text().replace("&", "") == "Reopen"


def test_suggesting_mode_records_typing_and_deleting_as_suggestions(qtbot, new_window, store):
    article = store.create_article(Article(headline="Pool", body=BODY))
    window = started(qtbot, new_window())
    as_user(window, "Sam Sub")
    open_shown(qtbot, window, article.id)
    window.actions.suggesting.trigger()
    assert window.review.suggesting.label.isVisible()
    window.editor.setFocus()
    cursor = window.editor.textCursor()
    cursor.setPosition(BODY.index("pool") + len("pool"))
    window.editor.setTextCursor(cursor)
    type_where_the_focus_is(" baths")
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.toPlainText().index(" rushed") + len(" rushed"))
    window.editor.setTextCursor(cursor)
    for _ in range(len(" rushed")):
        QTest.keyClick(window.editor, Qt.Key.Key_Backspace)
    body = window.editor.toPlainText()
    assert len(critic.items(body)) == 2, body
    insertion, deletion = critic.items(body)
    assert (insertion.kind, insertion.new, deletion.kind, deletion.old) == ("insertion", " baths", "deletion", " rushed")
    assert critic.clean(body, "original") == BODY and critic.clean(body, "accepted") == BODY.replace("pool", "pool baths").replace(" rushed", "")
    qtbot.waitUntil(lambda: stored(store, article.id).body == body, timeout=10000)
    data = stored(store, article.id).review
    assert data[insertion.id]["author"] == data[deletion.id]["author"] == "Sam Sub"
    window.actions.suggesting.trigger()
    assert not window.review.suggesting.label.isVisible()
    type_where_the_focus_is("!")  # off again: plain typing
    assert window.editor.toPlainText().count("!") == 1 and len(critic.items(window.editor.toPlainText())) == 2


def test_the_review_panel_fits_beside_the_text_in_a_1024_pixel_window(qtbot, new_window, store):
    article, deletion, _substitution = with_suggestions(store)
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=5000)
    window.actions.toggle_review.trigger()
    qtbot.waitUntil(lambda: window.review.panel.ids()[:1] == [deletion], timeout=5000)
    qtbot.waitUntil(lambda: window.width() == 1024 and window.review.dock.width() >= 200, timeout=5000)
    assert window.review.dock.width() >= 200 and window.review.dock.geometry().right() <= window.width()
    window.actions.toggle_review.trigger()
    assert not window.work_splitter.widget(2).isHidden()  # the photos are back


def test_your_name_in_preferences_signs_what_you_make_and_empty_means_the_accounts(qtbot, new_window, store, monkeypatch):
    from desktop_editor.core.preferences import account_name
    from desktop_editor.ui.shell.preferences_dialog import PreferencesDialog

    monkeypatch.delenv("DESKTOP_EDITOR_AUTHOR", raising=False)
    window = started(qtbot, new_window())
    assert window.document.author == account_name() != ""
    dialog = PreferencesDialog(window.settings.preferences())
    assert dialog.user_name.text() == "" and dialog.user_name.placeholderText() == account_name()
    dialog.user_name.setText("  Sam   Sub ")
    window.settings.set_preferences(dialog.preferences())
    assert window.document.author == "Sam Sub" and window.settings.user_name == "Sam Sub"
    dialog.deleteLater()


def test_the_texts_menu_decides_the_suggestion_under_the_pointer_and_suggesting_turns_its_rewrites_off(qtbot, new_window, store):
    article, deletion, substitution = with_suggestions(store)
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    body = window.editor.toPlainText()
    [_first, second] = critic.items(body)
    cursor = window.editor.textCursor()
    cursor.setPosition(second.start + 4)
    point = window.editor.cursorRect(cursor).center()
    menu = window.review.context_menu(point)
    names = [action.text() for action in menu.actions()]
    assert names[:2] == ["Accept suggestion", "Reject suggestion"]
    window.actions.suggesting.setChecked(True)
    restricted = window.review.context_menu(point)
    enabled = {a.text().split("\t")[0] for a in restricted.actions() if a.isEnabled() and not a.isSeparator()}
    assert {"Accept suggestion", "Reject suggestion"} <= enabled and not any("Paste" in name or "Cut" in name for name in enabled)
    window.actions.suggesting.setChecked(False)
    menu.actions()[0].trigger()  # accept
    assert window.editor.toPlainText() == body[: second.start] + "hasty" + body[second.end :]
    assert [item.id for item in critic.items(window.editor.toPlainText())] == [deletion]
    assert substitution not in [item.id for item in critic.items(window.editor.toPlainText())]
    menu.deleteLater()
    restricted.deleteLater()


def test_replace_while_suggesting_suggests_the_replacement(qtbot, new_window, store):
    window, _article = suggesting_on(qtbot, new_window(), store, BODY)
    window.actions.replace.trigger()
    window.find_bar.find_edit.setText("March")
    window.find_bar.replace_edit.setText("April")
    window.find_bar.replace_one()  # finds it
    window.find_bar.replace_one()  # suggests the replacement
    [item] = critic.items(window.editor.toPlainText())
    assert (item.kind, item.old, item.new) == ("substitution", "March", "April")
    assert critic.clean(window.editor.toPlainText(), "original") == BODY


def test_accept_pressed_again_goes_on_down_the_list(qtbot, new_window, store):
    article, deletion, substitution = with_suggestions(store)
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    window.actions.toggle_review.trigger()
    panel = window.review.panel
    qtbot.waitUntil(lambda: panel.ids() == [deletion, substitution] and panel.current_id() == deletion, timeout=5000)
    panel.accept_button.click()
    qtbot.waitUntil(lambda: panel.current_id() == substitution, timeout=5000)
    panel.accept_button.click()
    qtbot.waitUntil(lambda: panel.ids() == [], timeout=5000)
    assert window.editor.toPlainText() == BODY.replace("old ", "").replace("rushed", "hasty")
    assert not panel.accept_all_button.isEnabled()


def test_the_preview_shows_the_original_text_when_asked_and_the_suggested_by_default(qtbot, new_window, store):
    article = store.create_article(Article(headline="Pool", body="The pool will {~~close~>stay open~~} in May."))
    window = new_window()
    window.start()
    qtbot.waitExposed(window)
    open_shown(qtbot, window, article.id)
    qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)
    qtbot.waitUntil(lambda: "The pool will stay open in May." in preview_text(qtbot, window), timeout=10000)
    window.actions.preview_original.setChecked(True)
    qtbot.waitUntil(lambda: "The pool will close in May." in preview_text(qtbot, window), timeout=10000)
    assert "{~~" not in preview_text(qtbot, window)
    window.actions.preview_original.setChecked(False)
    qtbot.waitUntil(lambda: "The pool will stay open in May." in preview_text(qtbot, window), timeout=10000)


def test_the_house_can_turn_suggesting_on_for_stories_past_the_reporter(qtbot, new_window, store, tmp_path, monkeypatch):
    style = tmp_path / "house-style.toml"
    style.write_text('suggesting_from = "subbing"\n', encoding="utf-8")
    monkeypatch.setenv("DESKTOP_EDITOR_SETTINGS", str(style))
    draft = store.create_article(Article(headline="Draft", body="Words."))
    subbed = store.create_article(Article(headline="Subbed", body="More words."))
    store.change_status(subbed.id, "subbing", "Anna Reporter")
    window = new_window()
    window.show()
    qtbot.waitExposed(window)
    open_shown(qtbot, window, subbed.id)
    assert window.actions.suggesting.isChecked() and window.review.suggesting.label.isVisible()
    open_shown(qtbot, window, draft.id)
    assert not window.actions.suggesting.isChecked()
    style.write_text("", encoding="utf-8")  # the house leaves it to each person: nothing is switched
    window.actions.suggesting.setChecked(True)
    open_shown(qtbot, window, subbed.id)
    assert window.actions.suggesting.isChecked()


def test_bold_while_suggesting_suggests_the_formatted_words(qtbot, new_window, store):
    window, article = suggesting_on(qtbot, new_window(), store, BODY)
    assert all(getattr(window.actions, name).isEnabled() for name in ("bold", "italic", "link", "heading", "quote"))
    select(window, "rushed")
    window.actions.bold.trigger()
    [item] = critic.items(window.editor.toPlainText())
    assert (item.kind, item.old, item.new) == ("substitution", "rushed", "**rushed**")
    assert critic.clean(window.editor.toPlainText(), "original") == BODY
    qtbot.waitUntil(lambda: stored(store, article.id).body == window.editor.toPlainText(), timeout=10000)


def test_replace_all_while_suggesting_suggests_each_one_as_one_undoable_edit(qtbot, new_window, store):
    body = "The pool closes. The pool was old. A pool hall stays. {==pool==}{>>Which one?<<}{#c-abc123} too."
    window, _article = suggesting_on(qtbot, new_window(), store, body)
    window.actions.replace.trigger()
    window.find_bar.find_edit.setText("pool")
    window.find_bar.replace_edit.setText("baths")
    assert window.find_bar.replace_all() == 3 and window.find_bar.status.text() == "Suggested 3"
    found = critic.items(window.editor.toPlainText())
    assert [(i.kind, i.old, i.new) for i in found if i.kind == "substitution"] == [("substitution", "pool", "baths")] * 3
    assert critic.clean(window.editor.toPlainText(), "original") == critic.clean(body, "original")  # the commented words untouched
    window.editor.undo()
    assert window.editor.toPlainText() == body


def test_a_heading_and_a_link_while_suggesting_are_suggestions_too(qtbot, new_window, store):
    body = "Pool to close\n\nThe council will close the old pool in March."
    window, _article = suggesting_on(qtbot, new_window(), store, body)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.actions.heading.trigger()
    [heading] = critic.items(window.editor.toPlainText())
    assert (heading.kind, heading.new) == ("insertion", "## ")
    select(window, "council")
    window.actions.link.trigger()
    QTest.keyClicks(window.editor, "www.gov.uk")  # typed over the address, within the suggestion
    found = critic.items(window.editor.toPlainText())
    assert [(i.kind, i.old, i.new) for i in found][1] == ("substitution", "council", "[council](www.gov.uk)")
    assert critic.clean(window.editor.toPlainText(), "original") == body
    assert critic.clean(window.editor.toPlainText()) == "## Pool to close\n\nThe [council](www.gov.uk) will close the old pool in March."


def two_suggesters() -> Article:
    """BODY with "old " struck out by Sam Sub and "rushed" replaced by "hasty" by Lee Lawyer."""
    body, data, _first = review.suggest(BODY, {}, BODY.index("old "), BODY.index("old ") + 4, "", "Sam Sub", MOMENT)
    at = body.index("rushed")
    body, data, _second = review.suggest(body, data, at, at + len("rushed"), "hasty", "Lee Lawyer", MOMENT)
    return Article(headline="Pool", body=body, review=data)


def drawn_colour(window, words: str) -> str:
    """The colour the editor draws words of the first paragraph in (a struck-out one but "hasty")."""
    block = window.editor.document().firstBlock()
    at = block.text().index(words) + 1
    for found in block.layout().formats():
        fmt = QTextCharFormat(found.format)
        if found.start <= at < found.start + found.length and fmt.fontStrikeOut() == (words != "hasty"):
            return fmt.foreground().color().name()
    return ""


def each_in_their_colour(window) -> bool:
    from desktop_editor.ui.drafting.highlighter import suggester_colour

    assert suggester_colour("Sam Sub") != suggester_colour("Lee Lawyer")
    return drawn_colour(window, "old ") == suggester_colour("Sam Sub") and drawn_colour(window, "hasty") == suggester_colour("Lee Lawyer")


def test_each_suggesters_words_are_marked_in_their_own_colour(qtbot, new_window, store):
    article = store.create_article(two_suggesters())
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    assert each_in_their_colour(window)


def test_suggesters_colours_are_drawn_when_the_review_arrives_after_the_text(qtbot, store_path, tmp_path):
    """As the app starts: the text is shown from the file before the store has opened, and
    who made each suggestion comes with the store."""
    from PySide6.QtCore import QSettings

    from desktop_editor.storage.snapshot import first_snapshot
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.app import build_window
    from desktop_editor.ui.common.store_opener import LazyStore

    with Store(store_path) as setup:
        setup.create_article(two_suggesters())
    lazy = LazyStore(str(store_path), start=False)
    window = build_window(lazy, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), snapshot=first_snapshot(store_path, None))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "hasty" in window.editor.toPlainText())
    lazy.start()
    qtbot.waitUntil(lambda: lazy.ready, timeout=10000)
    qtbot.waitUntil(lambda: each_in_their_colour(window), timeout=5000)
    window.close()
    lazy.close()
