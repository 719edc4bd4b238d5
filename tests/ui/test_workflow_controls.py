"""The window's Status control and the desk's fields: only the moves the workflow allows are
offered, a chosen one is made and recorded under the user's name without losing a key typed,
a refusal is said where it takes no focus, and an embargo in the past is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QTimer
from PySide6.QtWidgets import QApplication

from desktop_editor.core.model import Article, Status
from tests.scheduling import planned_time_passes
from tests.ui.showing import open_shown
from tests.ui.test_save_failures import started, type_where_the_focus_is


def offered(window) -> list[str]:
    """The state shown, then the moves its menu offers."""
    return [window.form.status.text()] + [a.text() for a in window.form.status.menu().actions()]


def choose_status(window, label: str) -> None:
    """Choose "Move to label" (or the item label) in the Status button's menu."""
    window.form.status.setFocus()
    [action] = [a for a in window.form.status.menu().actions() if a.text() in (f"Move to {label}", label)]
    action.trigger()


def test_status_offers_only_the_allowed_moves_and_a_move_keeps_everything_typed(qtbot, new_window, store, monkeypatch):
    monkeypatch.setenv("DESKTOP_EDITOR_AUTHOR", "Anna Sub")
    article = store.create_article(Article(headline="Ferry strike"))
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    assert offered(window) == ["Draft", "Move to Subbing"]
    window.editor.setFocus()
    type_where_the_focus_is("Typed just before the move.")
    choose_status(window, "Subbing")
    qtbot.waitUntil(lambda: store.get_article(article.id).status == Status.SUBBING, timeout=10000)
    qtbot.waitUntil(lambda: offered(window) == ["Subbing", "Move to Draft", "Move to Legal", "Move to Ready"], timeout=5000)
    window.editor.setFocus()
    type_where_the_focus_is(" And after.")
    qtbot.waitUntil(lambda: store.get_article(article.id).body == "Typed just before the move. And after.", timeout=10000)
    assert not window.document.in_conflict and not window.notice.isVisible()
    [move] = store.history(article.id)
    assert (move.author, move.from_state, move.to_state) == ("Anna Sub", "draft", "subbing")


def test_a_refused_move_is_said_in_the_notice_and_the_status_stays(qtbot, new_window, store):
    article = store.create_article(Article(headline="Budget"))
    for state in ("subbing", "ready"):
        article = store.change_status(article.id, state, "desk")
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    assert offered(window) == ["Ready", "Move to Subbing", "Move to Legal", "Move to Scheduled", "Move to Published"]
    choose_status(window, "Scheduled")  # with no publish time
    qtbot.waitUntil(window.notice.isVisible, timeout=5000)
    assert window.notice.message.text().startswith("Scheduling needs a publish time in the future")
    assert QApplication.focusWidget() is window.form.status  # the notice took no focus
    assert window.form.status.text() == "Ready"
    assert store.get_article(article.id).status == Status.READY and store.history(article.id)[-1].to_state == "ready"


def test_desk_assignee_and_a_future_embargo_are_kept_and_a_past_one_is_refused(qtbot, new_window, store):
    article = store.create_article(Article(headline="Budget"))
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    fields = window.form.desk_fields
    fields.desk.setFocus()
    type_where_the_focus_is("Sport")
    fields.assignee.setFocus()
    type_where_the_focus_is("Ben")
    fields.embargoed.click()
    past = datetime.now(UTC) - timedelta(hours=3)
    fields.embargo.setDateTime(QDateTime.fromSecsSinceEpoch(int(past.timestamp())))
    assert fields.refusal.isVisible() and "must lie in the future" in fields.refusal.text()
    future = (datetime.now(UTC) + timedelta(days=2)).replace(second=0, microsecond=0)
    fields.embargo.setDateTime(QDateTime.fromSecsSinceEpoch(int(future.timestamp())))
    assert not fields.refusal.isVisible()
    qtbot.waitUntil(lambda: store.get_article(article.id).embargo == future, timeout=10000)
    stored = store.get_article(article.id)
    assert (stored.desk, stored.assignee) == ("Sport", "Ben")
    assert fields.embargo.text().endswith(("UTC", "GMT", future.astimezone().strftime("%Z")))


def test_an_embargo_ticked_on_a_published_story_goes_off_again_with_the_reason(qtbot, new_window, store):
    article = store.create_article(Article(headline="Budget"))
    for state in ("subbing", "ready", "published"):
        store.change_status(article.id, state, "Sam Sub")
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    fields = window.form.desk_fields
    fields.embargoed.click()
    assert not fields.embargoed.isChecked() and not fields.embargo.isVisible()
    assert fields.refusal.isVisible() and "published" in fields.refusal.text()
    window.document.flush()
    assert store.get_article(article.id).embargo is None


def history_rows(dialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_history_view_lists_who_moved_the_article_and_follows_a_move_made_in_the_window(qtbot, new_window, store, monkeypatch):
    monkeypatch.setenv("DESKTOP_EDITOR_AUTHOR", "Cleo Chief")
    article = store.create_article(Article(headline="Harbour fire"))
    store.change_status(article.id, "subbing", "Anna Sub", "first read")
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    window.actions.workflow_history.trigger()
    qtbot.waitUntil(lambda: window.drafting.history_dialog is not None and window.drafting.history_dialog.isVisible(), timeout=5000)
    dialog = window.drafting.history_dialog
    [(when, who, origin, to, note)] = history_rows(dialog)
    assert (who, origin, to, note) == ("Anna Sub", "draft", "subbing", "first read") and when
    assert dialog.summary.text() == "“Harbour fire”: 1 recorded move; the last to subbing by Anna Sub."
    choose_status(window, "Ready")
    qtbot.waitUntil(lambda: len(history_rows(dialog)) == 2, timeout=10000)
    assert history_rows(dialog)[-1][1:4] == ["Cleo Chief", "subbing", "ready"]


def scheduled_and_due(store, headline: str) -> Article:
    article = store.create_article(Article(headline=headline, publish_at=datetime.now(UTC) + timedelta(hours=1)))
    for state in ("subbing", "ready", "scheduled"):
        article = store.change_status(article.id, state, "desk")
    return planned_time_passes(store, article.id, datetime.now(UTC) - timedelta(minutes=1))


def test_the_window_publishes_scheduled_stories_when_their_time_comes_the_open_one_through_its_save(qtbot, new_window, store, monkeypatch):
    monkeypatch.setenv("DESKTOP_EDITOR_AUTHOR", "Night Desk")
    shown_one = scheduled_and_due(store, "Tide tables")
    other = scheduled_and_due(store, "Ferry times")
    window = started(qtbot, new_window())
    open_shown(qtbot, window, shown_one.id)
    window.editor.setFocus()
    type_where_the_focus_is("Typed as it goes out.")
    window.schedule_watch.check_now()
    qtbot.waitUntil(lambda: store.get_article(other.id).status == Status.PUBLISHED, timeout=10000)
    qtbot.waitUntil(lambda: store.get_article(shown_one.id).status == Status.PUBLISHED, timeout=10000)
    qtbot.waitUntil(lambda: window.form.status.text() == "Published", timeout=5000)
    for article in (shown_one, other):
        last = store.history(article.id)[-1]
        assert (last.author, last.from_state, last.to_state, last.note) == ("Night Desk", "scheduled", "published", "its scheduled time came")
    qtbot.waitUntil(lambda: store.get_article(shown_one.id).body == "Typed as it goes out.", timeout=10000)
    assert not window.document.in_conflict and not window.notice.isVisible()


def test_a_correction_added_in_the_window_is_recorded_and_the_story_stays_published(qtbot, new_window, store, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QPlainTextEdit

    monkeypatch.setenv("DESKTOP_EDITOR_AUTHOR", "Sam Sub")
    article = store.create_article(Article(headline="Minister resigns"))
    for state in ("subbing", "ready", "published"):
        article = store.change_status(article.id, state, "desk")
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    assert offered(window)[1:] == ["Move to Killed", "", "Add a correction…", "Add an update…", "Add a clarification…"]
    note = "An earlier version of this story misspelt the minister's name."

    def answer() -> None:  # the dialog the person asked for: typed into and accepted
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.findChild(QPlainTextEdit).setPlainText(note)
        dialog.accept()

    QTimer.singleShot(0, answer)
    choose_status(window, "Add a correction…")
    qtbot.waitUntil(lambda: store.get_article(article.id).correction_count == 1, timeout=10000)
    stored = store.get_article(article.id)
    assert stored.status == Status.PUBLISHED and window.form.status.text() == "Published"
    last = store.history(article.id)[-1]
    assert (last.author, last.to_state, last.note) == ("Sam Sub", "corrected", note)
    # The live preview ends with the dated note, as the exported page does.
    from tests.ui.preview_text import preview_text

    qtbot.waitUntil(lambda: f"Correction, {last.at.astimezone().day}" in preview_text(qtbot, window), timeout=10000)
    assert note in preview_text(qtbot, window)


def test_a_dateline_and_kicker_typed_in_the_form_are_saved_and_shown_in_the_preview(qtbot, new_window, store):
    from tests.ui.preview_text import preview_text

    article = store.create_article(Article(headline="Summit ends", body="Leaders agreed a deal.\n\nMore talks follow."))
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    window.form.kicker.setFocus()
    type_where_the_focus_is("Analysis")
    window.form.dateline.setFocus()
    type_where_the_focus_is("Brussels")
    qtbot.waitUntil(lambda: (store.get_article(article.id).kicker, store.get_article(article.id).dateline) == ("Analysis", "Brussels"), timeout=10000)
    qtbot.waitUntil(lambda: "BRUSSELS — Leaders agreed a deal." in preview_text(qtbot, window), timeout=10000)
    text = preview_text(qtbot, window)
    assert text.upper().index("ANALYSIS") < text.upper().index("SUMMIT ENDS") and text.count("BRUSSELS") == 1


def test_a_publish_time_is_kept_and_a_past_one_for_a_scheduled_story_is_refused_beside_it(qtbot, new_window, store):
    soon = (datetime.now(UTC) + timedelta(hours=2)).replace(second=0, microsecond=0)
    article = store.create_article(Article(headline="Budget", publish_at=soon))
    for state in ("subbing", "ready", "scheduled"):
        article = store.change_status(article.id, state, "desk")
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    fields = window.form.desk_fields
    assert fields.scheduled.isChecked() and fields.publish_line.isVisible() and not fields.embargo_line.isVisible()
    past = datetime.now(UTC) - timedelta(hours=3)
    fields.publish_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(past.timestamp())))
    assert fields.refusal.isVisible() and "must lie in the future" in fields.refusal.text()
    assert QApplication.activeModalWidget() is None
    fields.scheduled.click()  # clearing it: a scheduled story needs one
    assert fields.scheduled.isChecked() and "needs a publish time" in fields.refusal.text()
    later = soon + timedelta(days=1)
    fields.publish_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(later.timestamp())))
    assert not fields.refusal.isVisible()
    qtbot.waitUntil(lambda: store.get_article(article.id).publish_at == later, timeout=10000)
    assert store.get_article(article.id).status == Status.SCHEDULED


def test_the_status_menu_follows_workflow_shortcuts_changed_in_preferences(qtbot, new_window, store):
    from desktop_editor.core import house_style

    article = store.create_article(Article(headline="Ferry strike"))
    window = started(qtbot, new_window())
    open_shown(qtbot, window, article.id)
    assert offered(window) == ["Draft", "Move to Subbing"]
    window.settings.set_preferences(window.settings.preferences().replace(workflow_shortcuts="draft->ready"))
    assert house_style.load().workflow_shortcuts == "draft->ready"
    window.form.status.menu().aboutToShow.emit()  # as when the menu opens
    assert offered(window) == ["Draft", "Move to Subbing", "Move to Ready"]
