"""The library: search results with the words around the match, read off the UI thread."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont

from desktop_editor.core.model import Article, ArticleSummary
from desktop_editor.ui.app import build_window
from desktop_editor.ui.library.controller import SNIPPET_MARKS, LibraryController
from desktop_editor.ui.library.snippet_delegate import SNIPPET_ROLE, laid_out, snippet_pieces, snippet_text
from tests.ui.preview_text import preview_text
from tests.ui.showing import shown
from tests.waiting import layout_settled

OPEN, CLOSE = SNIPPET_MARKS


@pytest.fixture
def window(qtbot, store, tmp_path):
    made = build_window(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.close()


def rows(window) -> list:
    return [window.library.list.item(r) for r in range(window.library.list.count())]


def test_snippet_pieces_tell_the_match_from_the_articles_own_markdown():
    snippet = f"The council voted **7-2** as the {OPEN}ferries{CLOSE} stopped"
    assert snippet_pieces(snippet) == [
        ("The council voted **7-2** as the ", False),
        ("ferries", True),
        (" stopped", False),
    ]
    assert snippet_text(f"cut short {OPEN}brid") == "cut short brid"
    assert snippet_pieces(f"{OPEN}a{CLOSE}{OPEN}b{CLOSE}") == [("a", True), ("b", True)]


def test_a_long_snippet_is_cut_to_the_width_with_an_ellipsis(qapp):
    font = QFont()
    pieces = snippet_pieces(f"words before the {OPEN}harbour{CLOSE} and a great many words after it, " * 4)
    full = laid_out(pieces, font, 10_000)
    assert "".join(text for text, *_ in full) == snippet_text("".join(t for t, _ in pieces))
    for width in (60, 140, 260):
        shown = laid_out(pieces, font, width)
        assert shown[-1][0].endswith("…")
        text, _matched, x, advance = shown[-1]
        assert x + advance <= width + 1


def test_search_shows_the_words_around_the_match_under_the_headline(qtbot, window, store):
    store.create_article(Article(headline="Ferry sinks", body="Nothing about it."))
    store.create_article(Article(headline="Harbour", body="<b>Bold claim</b> the old ferries were sold **cheaply** last year."))
    store.create_article(Article(headline="Schools", body="Exam results are out."))
    window.library_controller.refresh()
    qtbot.waitUntil(lambda: len(rows(window)) == 4, timeout=3000)
    assert all(not item.data(SNIPPET_ROLE) for item in rows(window))  # no search, no snippets
    list_ = window.library.list
    plain_height = next(list_.visualItemRect(i).height() for i in rows(window) if i.text().startswith("Harbour"))
    window.library.search.setText("ferry")
    qtbot.waitUntil(lambda: len(rows(window)) == 2, timeout=3000)
    by_headline = {item.text().split("\n")[0]: item for item in rows(window)}
    harbour = by_headline["Harbour"]
    pieces = snippet_pieces(harbour.data(SNIPPET_ROLE))
    assert ("ferries", True) in pieces
    words = snippet_text(harbour.data(SNIPPET_ROLE))
    assert "<b>Bold claim</b>" in words and "**cheaply**" in words  # shown as typed, never as markup
    assert "ferries were sold" in harbour.toolTip()
    # The row is two lines taller with its snippet, and paints.
    assert list_.visualItemRect(harbour).height() >= plain_height + 2 * list_.fontMetrics().lineSpacing()
    assert not list_.viewport().grab().isNull()
    window.library.search.clear()
    qtbot.waitUntil(lambda: len(rows(window)) == 4, timeout=3000)
    assert all(not item.data(SNIPPET_ROLE) for item in rows(window))


class SlowStore:
    """Answers a search only once let go, and says what it was asked."""

    ready = True

    def __init__(self):
        self.asked: list[str] = []
        self.let_go = threading.Event()

    def search_snippets(self, query, marks):
        self.asked.append(query)
        self.let_go.wait(5)
        when = datetime.now(timezone.utc)
        return [(ArticleSummary(len(query), query, query.title(), "draft", when, 1), f"{marks[0]}{query}{marks[1]}")]

    def list_articles(self, trash=False):
        return []


def test_searching_never_waits_on_the_ui_thread_and_the_newest_query_wins(qtbot):
    store = SlowStore()
    controller = LibraryController(store)
    shown = []
    controller.listed.connect(lambda summaries, snippets: shown.append(([s.headline for s in summaries], snippets)))
    started = time.monotonic()
    controller.refresh("fer")
    controller.refresh("ferr")
    controller.refresh("ferry")
    assert time.monotonic() - started < 0.5  # the store is still thinking about "fer"
    qtbot.waitUntil(lambda: store.asked == ["fer"], timeout=20000)
    store.let_go.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    controller.wait()  # nothing is being read any more
    QCoreApplication.sendPostedEvents()  # and every answer read has been delivered
    assert store.asked == ["fer", "ferry"]  # "ferr" was overtaken before it was asked
    assert shown == [(["Ferry"], {5: f"{OPEN}ferry{CLOSE}"})]  # "fer"'s answer was never shown


@pytest.mark.parametrize("trash", [False, True])
def test_the_tool_row_fits_the_narrowest_library_and_says_what_each_button_does(qtbot, trash):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    from desktop_editor.ui.library.panel import LibraryPanel
    from desktop_editor.ui.common.layout import LIBRARY_MIN

    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.trash_toggle.setChecked(trash)
    clicked = []
    panel.new_requested.connect(lambda: clicked.append("new"))
    panel.empty_trash_requested.connect(lambda: clicked.append("empty"))
    for width, words in ((LIBRARY_MIN, False), (420, True)):
        panel.resize(width, 500)
        panel.show()
        qtbot.waitExposed(panel)
        layout_settled(qtbot, panel)
        shown = [b for b in panel.tools() if b.isVisible()]
        assert len(shown) == (2 if trash else 3)
        for button in shown:
            assert button.geometry().right() < panel.width() - panel.layout().contentsMargins().right() + 1
            assert button.width() >= button.minimumSizeHint().width()  # not squeezed either
            assert button.accessibleName() and button.accessibleName() in button.toolTip()
            assert not button.icon().isNull()
            assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
            with_words = button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            assert with_words == words, (width, button.text())
    button = panel.empty_button if trash else panel.new_button
    assert isinstance(button, QToolButton)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)  # the keyboard reaches and presses it
    assert clicked == ["empty" if trash else "new"]


def choose_in_trash(qtbot, window, article_id: int) -> None:
    from desktop_editor.ui.library.panel import ID_ROLE

    window.library.trash_toggle.setChecked(True)
    qtbot.waitUntil(lambda: any(item.data(ID_ROLE) == article_id for item in rows(window)), timeout=3000)
    item = next(item for item in rows(window) if item.data(ID_ROLE) == article_id)
    window.library.list.itemClicked.emit(item)
    shown(qtbot, window, article_id)


def test_an_article_in_the_trash_is_shown_read_only_until_it_is_restored(qtbot, store, tmp_path):
    from PySide6.QtCore import Qt

    live = store.create_article(Article(headline="Live", body="Live text."))
    doomed = store.create_article(Article(headline="Doomed", standfirst="Gone.", body="Last words of the story."))
    store.move_to_trash(doomed.id)
    store.save_article(store.get_article(live.id).replace(body="Live text, most recent."))
    window = build_window(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.start()
    qtbot.waitExposed(window)
    assert window.document.article.id == live.id and not window.trash_bar.isVisible()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)

    choose_in_trash(qtbot, window, doomed.id)
    stored = store.get_article(doomed.id)
    assert window.editor.toPlainText() == "Last words of the story." and window.editor.isReadOnly()
    assert window.trash_bar.isVisible() and window.trash_bar.message.text() == "In the trash — Restore to edit"
    assert window.trash_bar.restore_button.isVisible() and window.trash_bar.restore_button.accessibleName()
    assert not window.form.isEnabled() and window.form.headline.text() == "Doomed"
    qtbot.waitUntil(lambda: "Last words of the story." in preview_text(qtbot, window), timeout=5000)
    # Nothing typed, formatted, replaced or pasted changes it, on screen or in the store.
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "typed")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    window.editor.selectAll()
    window.actions.bold.trigger()
    window.find_bar.open(replace=True)
    window.find_bar.find_edit.setText("Last")
    window.find_bar.replace_edit.setText("First")
    window.find_bar.replace_all()
    window.document.set_fields(headline="Changed")
    window.actions.save_revision.trigger()
    # Nothing is waiting to be saved or being saved (an edit that got through would be, and
    # would be in the store once this holds).
    qtbot.waitUntil(lambda: window.document.state == "saved" and not window.document.is_modified(), timeout=20000)
    assert window.editor.toPlainText() == "Last words of the story."
    assert store.get_article(doomed.id) == stored
    assert not window.actions.delete.isEnabled() and not window.actions.add_photos.isEnabled()

    # Leaving the trash goes back to the article open before, editable.
    window.library.trash_toggle.setChecked(False)
    shown(qtbot, window, live.id)
    assert not window.editor.isReadOnly()
    assert not window.trash_bar.isVisible() and window.form.isEnabled() and window.actions.delete.isEnabled()

    # Restore from the bar: it opens as any article does, editable and saved as typed.
    choose_in_trash(qtbot, window, doomed.id)
    assert window.trash_bar.isVisible()
    qtbot.mouseClick(window.trash_bar.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.document.read_only, timeout=5000)  # restored, and read again
    assert store.get_article(doomed.id).deleted is None
    assert not window.library.showing_trash and window.document.article.id == doomed.id
    assert not window.editor.isReadOnly() and not window.trash_bar.isVisible()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " Back.")
    qtbot.waitUntil(lambda: store.get_article(doomed.id).body == "Last words of the story. Back.", timeout=1500)
    window.close()


def test_emptying_the_trash_while_one_of_its_articles_is_shown_goes_back_to_the_open_one(qtbot, window, store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    doomed = store.create_article(Article(headline="Doomed", body="Gone soon."))
    live_id = window.document.article.id
    store.move_to_trash(doomed.id)
    choose_in_trash(qtbot, window, doomed.id)
    assert window.document.read_only and window.editor.toPlainText() == "Gone soon."
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.library.empty_button.click()
    shown(qtbot, window, live_id)
    assert store.list_articles(trash=True) == []
    assert not window.document.read_only
    assert not window.editor.isReadOnly() and not window.trash_bar.isVisible()


def test_an_article_deleted_elsewhere_is_said_beside_the_text_and_the_open_one_stays(qtbot, new_window, store):
    gone = store.create_article(Article(headline="Gone elsewhere", body="x"))
    kept = store.create_article(Article(headline="Kept", body="Still here."))
    window = new_window()
    assert window.document.article.id == kept.id
    store.move_to_trash(gone.id)
    store.empty_trash()  # another desk emptied the trash
    window.open_article(gone.id)  # from a list that had not caught up yet
    qtbot.waitUntil(lambda: "no longer in the store" in window.notice.message.text(), timeout=5000)
    assert window.document.article.id == kept.id and window.editor.toPlainText() == "Still here."


def test_a_snippet_in_a_narrow_library_flows_onto_a_second_line(qapp):
    from desktop_editor.ui.common.layout import LIBRARY_MIN
    from desktop_editor.ui.library.snippet_delegate import flowed

    font = QFont()
    pieces = snippet_pieces(
        f"Officers of the regiment known across the county as the {OPEN}Gloucesters{CLOSE} marched "
        "through the city on Saturday to mark three centuries of service with crowds lining the streets"
    )
    one = laid_out(pieces, font, LIBRARY_MIN - 20)
    lines = flowed(pieces, font, LIBRARY_MIN - 20, 2)
    assert len(lines) == 2
    for line in lines:
        assert line[-1][2] + line[-1][3] <= LIBRARY_MIN - 20 + 1
    words = " ".join("".join(text for text, *_ in line) for line in lines)
    assert ("Gloucesters", True) in [(text.strip(), matched) for line in lines for text, matched, *_ in line]
    assert len(words.split()) >= len("".join(t for t, *_ in one).split()) + 2, (words, one)
    assert lines[-1][-1][0].endswith("…")
    first = "".join(text for text, *_ in lines[0])
    assert first.startswith("…") and first[1:].split()[0] in "Officers of the regiment known across the county as the".split()
    wide = flowed(pieces, font, 10_000, 2)
    assert len(wide) == 1 and "".join(t for t, *_ in wide[0]) == snippet_text("".join(t for t, _ in pieces))


def test_the_trash_says_how_to_get_back_to_the_articles(qtbot):
    from PySide6.QtCore import Qt

    from desktop_editor.ui.common.layout import LIBRARY_MIN
    from desktop_editor.ui.library.panel import LibraryPanel

    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(LIBRARY_MIN, 500)
    panel.show()
    qtbot.waitExposed(panel)
    toggle = panel.trash_toggle
    assert "Trash" in toggle.text()
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    layout_settled(qtbot, panel)
    assert "Trash" in panel.heading.text()
    assert "Trash" not in toggle.text() and "Articles" in toggle.text(), toggle.text()
    assert toggle.accessibleName() == "Back to articles" and "Back to articles" in toggle.toolTip()
    assert not toggle.icon().isNull()
    assert toggle.geometry().right() < panel.width() and toggle.width() >= toggle.minimumSizeHint().width()
    assert not toggle.geometry().intersects(panel.heading.geometry())
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert "Articles" in panel.heading.text() and not panel.showing_trash
    assert toggle.text() == "Trash" and toggle.accessibleName() == "Show the trash"


def test_an_article_a_sync_left_in_conflict_is_marked_in_the_library(qtbot, window, store, tmp_path):
    from desktop_editor.storage.store import Store
    from desktop_editor.storage.sync import sync

    story = store.create_article(Article(headline="Council votes", body="The vote was close."))
    store.create_article(Article(headline="Schools", body="Exam results are out."))
    with Store(tmp_path / "desk.sqlite") as desk, Store(tmp_path / "other.sqlite") as other:
        sync(store, desk, "this laptop", "desk")
        sync(other, desk, "other laptop", "desk")
        theirs = next(a for a in other.list_articles() if a.headline == "Council votes")
        other.save_article(other.get_article(theirs.id).replace(headline="Council votes yes"))
        store.save_article(store.get_article(story.id).replace(headline="Council votes no"))  # the same field, apart
        sync(other, desk, "other laptop", "desk")
        sync(store, desk, "this laptop", "desk")
    window.library_controller.refresh()
    qtbot.waitUntil(lambda: len(rows(window)) == 3, timeout=3000)
    marked = [item for item in rows(window) if "Conflict — headline" in item.text()]
    assert len(marked) == 1 and marked[0].text().startswith("Council votes")
    assert "Setting the field again settles it" in marked[0].toolTip()
    assert not any("Conflict" in item.text() for item in rows(window) if item.text().startswith("Schools"))


def test_who_else_has_an_article_open_is_said_in_its_row_as_the_sync_heard_it(qtbot, window, store):
    story = store.create_article(Article(headline="Council votes", body="The vote was close."))
    store.create_article(Article(headline="Schools", body="Exam results are out."))
    window.library_controller.refresh()
    qtbot.waitUntil(lambda: len(rows(window)) == 3, timeout=3000)
    window.library.set_present({story.id: ["Sam Jones on laptop-2"]})
    (row,) = [item for item in rows(window) if item.text().startswith("Council votes")]
    assert row.text().split("\n")[1].startswith("Also open: Sam Jones on laptop-2 · ")
    assert not any("Also open" in item.text() for item in rows(window) if item is not row)
    window.library.set_present({})  # Sam closed it: the next sync says so
    assert "Also open" not in row.text()
