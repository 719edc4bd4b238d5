"""The main window as a reporter uses it, offscreen, on a real store and real Chromium."""

from __future__ import annotations

import http.server
import threading
import time

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop_editor.core.model import Article
from desktop_editor.ui.app import build_window
from tests.editing.fakes import ScriptedPrompts
from tests.ui.preview_text import preview_text
from tests.waiting import qt_pause, wait_for, wait_until_steady


@pytest.fixture
def settings_file(tmp_path):
    return str(tmp_path / "settings.ini")


@pytest.fixture
def open_window(qtbot, new_window, settings_file):
    def make(start: bool = True):
        window = new_window(settings_file)
        if start:
            window.start()
            qtbot.waitExposed(window)
        return window

    return make


def test_an_empty_store_opens_a_new_draft_with_focus_in_the_body(qtbot, open_window, store):
    window = open_window()
    assert store.article_count() == 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor, timeout=2000)
    assert window.editor.toPlainText() == ""


def test_typing_reaches_the_store_within_a_second(qtbot, open_window, store):
    window = open_window()
    qtbot.keyClicks(window.editor, "The council voted on Tuesday.")
    typed_at = time.monotonic()
    article_id = window.document.article.id
    qtbot.waitUntil(lambda: store.get_article(article_id).body == "The council voted on Tuesday.", timeout=1000)
    assert time.monotonic() - typed_at <= 1.0


def test_a_cursor_moved_without_typing_is_kept_within_a_second(qtbot, open_window, settings_file):
    # Kept for the next start even if this one is killed before anything else is saved.
    from desktop_editor.ui.common.settings import AppSettings

    window = open_window()
    qtbot.keyClicks(window.editor, "The council voted on Tuesday.")
    article_id = window.document.article.id
    qtbot.waitUntil(lambda: window.status_line.save_label.text() == "Saved", timeout=3000)
    qtbot.keyClick(window.editor, Qt.Key.Key_Home)
    moved_at = time.monotonic()
    kept = lambda: AppSettings(QSettings(settings_file, QSettings.Format.IniFormat)).cursor_position(article_id)  # noqa: E731
    qtbot.waitUntil(lambda: kept() == 0, timeout=3000)
    assert time.monotonic() - moved_at <= 1.5


def test_headline_and_standfirst_autosave_and_the_slug_follows(qtbot, open_window, store):
    window = open_window()
    qtbot.keyClicks(window.form.headline, "Council approves new bridge")
    qtbot.keyClicks(window.form.standfirst, "The crossing will open in 2028.")
    article_id = window.document.article.id
    qtbot.waitUntil(lambda: store.get_article(article_id).standfirst == "The crossing will open in 2028.", timeout=1500)
    stored = store.get_article(article_id)
    assert stored.headline == "Council approves new bridge"
    assert stored.slug == "council-approves-new-bridge"
    assert window.form.slug.text() == "council-approves-new-bridge"


def test_the_preview_shows_what_is_typed(qtbot, open_window):
    window = open_window()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)
    qtbot.keyClicks(window.form.headline, "Bridge vote")
    qtbot.keyClicks(window.editor, "The mayor said *yes*.")
    qtbot.waitUntil(lambda: "The mayor said yes." in preview_text(qtbot, window), timeout=5000)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "A second paragraph.")
    qtbot.waitUntil(lambda: "A second paragraph." in preview_text(qtbot, window), timeout=5000)
    text = preview_text(qtbot, window)
    assert "Bridge vote" in text and "The mayor said yes." in text


class CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        CountingHandler.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_no_request_leaves_the_preview(qtbot, open_window):
    server = http.server.HTTPServer(("127.0.0.1", 0), CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    CountingHandler.hits.clear()
    try:
        window = open_window()
        qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)
        window.editor.setPlainText(
            f"![chart]({url}/markdown.png)\n\n<img src=\"{url}/raw.png\" alt=\"x\">\n\n[link]({url}/page)"
        )
        qtbot.waitUntil(lambda: "Remote image not shown" in preview_text(qtbot, window), timeout=5000)
        # Even a page that asks for remote things directly gets nothing: the guard refuses it.
        with qtbot.waitSignal(window.preview.loadFinished, timeout=10000):
            window.preview.setHtml(
                f'<link rel="stylesheet" href="{url}/style.css"><img src="{url}/direct.png" alt="">'
                f'<iframe src="{url}/frame"></iframe>',
                window.preview.url(),
            )
        # The loaded page has asked for its stylesheet and picture (the guard refused both; the
        # page refuses the frame itself), so no request can still be on its way.
        refused = window.preview.guard.refused
        asked = (f"{url}/style.css", f"{url}/direct.png")
        wait_for(
            lambda: all(any(name in r for r in refused) for name in asked), pause=qt_pause(qtbot),
            describe=lambda _all: f"the guard refused {refused}, not everything in {asked}",
        )  # fmt: skip
        assert CountingHandler.hits == []
    finally:
        server.shutdown()


def test_two_windows_on_one_article_never_overwrite_each_other(qtbot, open_window, store):
    first, second = open_window(), open_window()
    assert first.document.article.id == second.document.article.id
    second.document.prompts = ScriptedPrompts(conflict_choice="copy")
    qtbot.keyClicks(first.editor, "Desk one's text.")
    assert first.document.flush()
    qtbot.keyClicks(second.editor, "Desk two's text.")
    assert second.document.flush()  # refused, then merged with desk one's words: both kept
    assert second.document.prompts.conflicts == [] and second.document.article.id == first.document.article.id
    body = store.get_article(first.document.article.id).body
    assert "Desk one's text." in body and "Desk two's text." in body
    assert second.editor.toPlainText() == body
    assert any(r.body == "Desk one's text." for r in store.list_revisions(first.document.article.id))


def test_save_revision_browse_and_restore(qtbot, open_window, store):
    window = open_window()
    window.document.prompts = ScriptedPrompts(revision_name="Before the rewrite")
    qtbot.keyClicks(window.editor, "First version of the story.")
    window.actions.save_revision.trigger()
    window.editor.selectAll()
    qtbot.keyClicks(window.editor, "Rewritten.")
    listed = []
    assert window.document.flush()
    window.document.list_revisions(listed.append)
    qtbot.waitUntil(lambda: bool(listed), timeout=5000)
    assert [(r.body, r.label) for r in listed[0]] == [("First version of the story.", "Before the rewrite")]
    assert window.document.restore(listed[0][0])
    qtbot.waitUntil(lambda: window.editor.toPlainText() == "First version of the story.", timeout=5000)
    reasons = [(r.reason, r.body) for r in store.list_revisions(window.document.article.id)]
    assert reasons[0] == ("before restore", "Rewritten.")


def test_find_and_replace_with_match_case_and_whole_words(qtbot, open_window):
    window = open_window()
    window.editor.setPlainText("Cat scatters cat. CAT!")
    bar = window.find_bar
    bar.open(replace=True)
    bar.find_edit.setText("cat")
    bar.replace_edit.setText("dog")
    bar.whole_box.setChecked(True)
    bar.case_box.setChecked(True)
    assert bar.replace_all() == 1
    assert window.editor.toPlainText() == "Cat scatters dog. CAT!"
    window.editor.undo()
    assert window.editor.toPlainText() == "Cat scatters cat. CAT!"
    bar.case_box.setChecked(False)
    assert bar.replace_all() == 3
    assert window.editor.toPlainText() == "dog scatters dog. dog!"


def test_library_lists_searches_and_reopens_where_the_reporter_was(qtbot, open_window, store):
    store.create_article(Article(headline="Schools", body="Exam results are out."))
    bridge = store.create_article(Article(headline="Bridge", body="The council voted on Tuesday.\n\nSecond paragraph."))
    window = open_window()
    assert window.document.article.id == bridge.id  # the most recent
    window.library.search.setText("exam")
    qtbot.waitUntil(lambda: window.library.list.count() == 1 and "Schools" in window.library.list.item(0).text(), timeout=2000)
    window.library.list.itemClicked.emit(window.library.list.item(0))
    qtbot.waitUntil(lambda: window.editor.toPlainText() == "Exam results are out.", timeout=5000)
    cursor = window.editor.textCursor()
    cursor.setPosition(5)
    window.editor.setTextCursor(cursor)
    window.close()
    reopened = open_window()
    assert reopened.document.article.headline == "Schools"
    assert reopened.editor.textCursor().position() == 5


def test_delete_moves_to_trash_and_restore_brings_it_back(qtbot, open_window, store, monkeypatch):
    doomed = store.create_article(Article(headline="Doomed", body="x"))
    window = open_window()
    deleted = []
    window.library_controller.delete(doomed.id, deleted.append)
    qtbot.waitUntil(lambda: bool(deleted), timeout=5000)
    assert [s.headline for s in store.list_articles(trash=True)] == ["Doomed"]
    window.library.trash_toggle.setChecked(True)
    qtbot.waitUntil(lambda: window.library.list.count() > 0 and "Doomed" in window.library.list.item(0).text(), timeout=2000)
    window.library.list.setCurrentRow(0)
    window.library.restore_button.click()
    qtbot.waitUntil(lambda: store.list_articles(trash=True) == [], timeout=5000)


def test_typing_while_the_store_is_still_opening_is_saved_once_it_opens(qtbot, store_path, settings_file):
    from desktop_editor.storage.snapshot import first_article
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.common.store_opener import LazyStore

    with Store(store_path) as setup:
        article = setup.create_article(Article(headline="Bridge", body="First line."))
    snapshot = first_article(store_path, None)
    assert snapshot == article
    lazy = LazyStore(str(store_path))
    window = build_window(lazy, QSettings(settings_file, QSettings.Format.IniFormat), first_article=snapshot)
    qtbot.addWidget(window)
    window.start()
    assert window.editor.toPlainText() == "First line."  # shown before the store is open
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " Typed at once.")
    qtbot.waitUntil(lambda: lazy.ready, timeout=10000)
    with Store(store_path) as check:
        qtbot.waitUntil(lambda: check.get_article(article.id).body == "First line. Typed at once.", timeout=3000)
    qtbot.waitUntil(lambda: window.library.list.count() == 1, timeout=3000)
    window.close()
    lazy.close()


def test_the_first_preview_shows_the_photos_before_the_store_has_opened(qtbot, store_path, settings_file, tmp_path):
    from desktop_editor.storage.snapshot import first_snapshot
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.common.store_opener import LazyStore
    from desktop_editor.workflows import attach_files
    from tests.images import photo

    image = tmp_path / "ship.jpg"
    image.write_bytes(photo(caption="HMS Ocean in the Baltic.", credit="Crown Copyright", alt="A ship"))
    with Store(store_path) as setup:
        article = setup.create_article(Article(headline="Baltic", body="Ships gathered.\n\n![](image:ship)"))
        attach_files(setup, article.id, [image])
    lazy = LazyStore(str(store_path), start=False)  # opens on the first call that needs it
    window = build_window(lazy, QSettings(settings_file, QSettings.Format.IniFormat), snapshot=first_snapshot(store_path, None))
    qtbot.addWidget(window)
    pages = []
    window.render_controller.rendered.connect(lambda result: pages.append(result.page_html))
    window.start()
    qtbot.waitUntil(lambda: bool(pages), timeout=20000)
    assert "HMS Ocean in the Baltic (Picture: Crown Copyright)." in pages[0]
    assert "No photo" not in pages[0]
    qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)
    qtbot.waitUntil(lambda: "HMS Ocean in the Baltic" in preview_text(qtbot, window), timeout=5000)
    window.close()
    lazy.close()


def test_a_newer_store_is_refused_before_anything_is_shown(store_path):
    import sqlite3

    from desktop_editor.storage.errors import StoreError
    from desktop_editor.storage.snapshot import first_article
    from desktop_editor.storage.store import Store

    Store(store_path).close()
    db = sqlite3.connect(store_path)
    db.execute("UPDATE alembic_version SET version_num = '0099_future'")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer version"):
        first_article(store_path, None)


def test_the_credit_format_is_a_house_setting_the_preview_follows(qtbot, open_window, store):
    from desktop_editor.ui.shell.preferences_dialog import PreferencesDialog
    from desktop_editor.workflows import attach_files
    from tests.images import photo

    window = open_window()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)
    path = window.settings._settings.fileName()
    image = __import__("pathlib").Path(path).with_name("ship.jpg")
    image.write_bytes(photo(caption="HMS Ocean in the Baltic.", credit="Crown Copyright", alt="A ship"))
    attach_files(store, window.document.article.id, [image])
    window.document.reload_figures()
    window.editor.setPlainText("![](image:ship)")
    qtbot.waitUntil(lambda: "HMS Ocean in the Baltic (Picture: Crown Copyright)." in preview_text(qtbot, window), timeout=5000)
    dialog = PreferencesDialog(window.settings.preferences())
    dialog.credit_format.setText("no placeholder")
    assert not dialog.ok_button.isEnabled()
    dialog.credit_format.setText("Photo: {credit}")
    assert dialog.sample.text() == "HMS Ocean during BALTOPS 2015 in the Baltic Sea (Photo: Crown Copyright)."
    window.settings.set_preferences(dialog.preferences())
    qtbot.waitUntil(lambda: "HMS Ocean in the Baltic (Photo: Crown Copyright)." in preview_text(qtbot, window), timeout=5000)


def test_the_preview_follows_the_editor_and_keeps_its_place_while_typing(qtbot, open_window, store):
    paragraphs = "\n\n".join(f"Paragraph {n} of a long story about the council and the bridge." for n in range(200))
    store.create_article(Article(headline="Long", body=paragraphs))
    window = open_window()
    window.resize(1200, 700)
    qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)

    def scroll_y() -> float:
        box = {}
        window.preview.page().runJavaScript("window.scrollY", 1, lambda y: box.setdefault("y", y))
        qtbot.waitUntil(lambda: "y" in box, timeout=5000)
        return box["y"]

    def settled_scroll_y() -> float:
        """The preview's place once following the editor has finished moving it: the same
        in two readings 200 ms apart."""
        return wait_until_steady(scroll_y, interval=0.2, pause=qt_pause(qtbot), describe="the preview kept scrolling")

    assert scroll_y() == 0
    bar = window.editor.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.waitUntil(lambda: scroll_y() > 1000, timeout=5000)
    cursor = window.editor.cursorForPosition(window.editor.viewport().rect().center())
    window.editor.setTextCursor(cursor)
    place = settled_scroll_y()
    assert place > 1000
    qtbot.keyClicks(window.editor, " More.")
    qtbot.waitUntil(lambda: "More." in preview_text(qtbot, window), timeout=5000)
    assert abs(settled_scroll_y() - place) < 50  # patched in place, not reloaded at the top


def test_a_slug_typed_with_spaces_gets_hyphens_as_it_is_typed(qtbot, open_window, store):
    window = open_window()
    qtbot.waitUntil(lambda: window.document.article is not None, timeout=5000)
    article_id = window.document.article.id
    slug = window.form.slug
    slug.setFocus()
    slug.selectAll()  # as tabbing into it does
    # Each word is saved before the next is typed, as when someone types at a human pace.
    for typed, shown, stored in (("Trump ", "trump-", "trump"), ("NATO ", "trump-nato-", "trump-nato"),
                                 ("Praise!", "trump-nato-praise-", "trump-nato-praise")):  # fmt: skip
        qtbot.keyClicks(slug, typed)
        qtbot.waitUntil(lambda s=stored: store.get_article(article_id).slug == s, timeout=3000)
        qtbot.waitUntil(lambda: window.status_line.save_label.text() == "Saved", timeout=3000)
        assert slug.text() == shown
    window.editor.setFocus()  # leaving the field tidies what it shows
    qtbot.waitUntil(lambda: slug.text() == "trump-nato-praise", timeout=3000)
    assert store.get_article(article_id).slug == "trump-nato-praise"
