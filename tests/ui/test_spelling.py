"""Spelling as you type: the underline after the checking thread answers, the context menu's
suggestions, the newsroom dictionary in the store, and every checked field. Offscreen, on a
real store and the system's hunspell dictionaries."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication

from desktop_editor.core.model import Article
from desktop_editor.core.spelling import Speller
from desktop_editor.ui.common.spelling_layer import rehighlight
from desktop_editor.workflows import attach_files
from tests.images import photo

SPELL = QTextCharFormat.UnderlineStyle.SpellCheckUnderline

pytestmark = pytest.mark.skipif(
    not Speller.open("en-GB").available, reason="no en_GB hunspell dictionary (tools/install-system-deps installs it)"
)


@pytest.fixture
def open_window(qtbot, new_window):
    def make(start_spelling: bool = True):
        window = new_window()
        window.show()
        qtbot.waitExposed(window)
        if start_spelling:  # as the first paint does in the running app (start() makes Chromium too)
            window.spelling.service.start()
        return window

    return make


def underlined(document) -> list[str]:
    """The words drawn with the spell-check underline, in document order."""
    found = []
    block = document.firstBlock()
    while block.isValid():
        for span in block.layout().formats():
            if span.format.underlineStyle() == SPELL:
                found.append(block.text()[span.start:span.start + span.length])
        block = block.next()
    return found


def point_at(editor, position: int) -> QPoint:
    """The viewport point over the character at position."""
    cursor = editor.textCursor()
    cursor.setPosition(position + 1)
    return editor.cursorRect(cursor).center()


def test_a_misspelt_body_word_is_underlined_once_the_thread_answers(qtbot, open_window, store):
    store.create_article(Article(headline="Navy", body="The fleet will recieve orders.\n\n```\nrecieve\n```\n"))
    window = open_window(start_spelling=False)
    QApplication.sendPostedEvents()  # whatever showing the window set going has run
    assert not window.spelling.service.started  # no dictionary before the first paint
    assert underlined(window.editor.document()) == []
    window.first_painted.emit()
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == ["recieve"], timeout=5000)
    assert not window.document.is_modified() and not window.editor.document().isUndoAvailable()  # not an edit
    # The underline sits over the Markdown's own formats, not instead of them.
    editor = window.editor
    editor.selectAll()
    editor.textCursor().insertText("**Bold recieve** and `code recieve` at https://exmaple.com/recieve")
    qtbot.waitUntil(lambda: underlined(editor.document()) == ["recieve"], timeout=5000)
    span = next(s for s in editor.document().firstBlock().layout().formats() if s.format.underlineStyle() == SPELL)
    assert span.format.fontWeight() > 400 and span.start == 7
    article_id = window.document.article.id
    qtbot.waitUntil(lambda: store.get_article(article_id).body.startswith("**Bold"), timeout=2000)


def test_typing_a_misspelling_underlines_it_and_a_correction_clears_it(qtbot, open_window):
    window = open_window()
    editor = window.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Ships gather in the Baltc for the exercise.")
    qtbot.waitUntil(lambda: underlined(editor.document()) == ["Baltc"], timeout=5000)
    editor.selectAll()
    qtbot.keyClicks(editor, "Ships gather in the Baltic for the exercise.")
    qtbot.waitUntil(lambda: underlined(editor.document()) == [], timeout=5000)


def test_the_word_being_typed_is_left_alone_until_the_cursor_leaves_it(qtbot, open_window):
    window = open_window()
    editor = window.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Teh fleet will recieve")
    service = window.spelling.service
    qtbot.waitUntil(lambda: service.verdict("recieve") is False, timeout=5000)
    rehighlight(editor.highlighter, None)
    assert underlined(editor.document()) == ["Teh"]  # known to be wrong, but still being typed
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: underlined(editor.document()) == ["Teh", "recieve"], timeout=5000)
    headline = window.form.headline
    headline.setFocus()
    qtbot.keyClicks(headline, "Navy gathr")
    qtbot.waitUntil(lambda: headline.spelling.service.verdict("Navy") is True, timeout=5000)
    assert headline.misspelt() == []
    qtbot.keyClicks(headline, " ")
    qtbot.waitUntil(lambda: [w for *_, w in headline.misspelt()] == ["gathr"], timeout=5000)


def test_the_context_menu_suggests_and_a_suggestion_replaces_the_word_and_autosaves(qtbot, open_window, store):
    article = store.create_article(Article(headline="Navy", body="The fleet will recieve orders."))
    window = open_window()
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor.document()) == ["recieve"], timeout=5000)
    menu = editor_menu(editor, editor.toPlainText().index("recieve"))
    qtbot.waitUntil(lambda: "receive" in texts(menu), timeout=5000)
    labels = texts(menu)
    assert labels.index("receive") < labels.index("Add to Newsroom Dictionary") < labels.index("Ignore")
    assert "Looking for suggestions…" not in labels
    assert labels.index("Ignore") < labels.index(next(t for t in labels if t.startswith("&Undo") or t.startswith("Undo")))
    action(menu, "receive").trigger()
    assert editor.toPlainText() == "The fleet will receive orders."
    qtbot.waitUntil(lambda: store.get_article(article.id).body == "The fleet will receive orders.", timeout=2000)
    qtbot.waitUntil(lambda: underlined(editor.document()) == [], timeout=5000)
    editor.document().undo()  # the replacement is one undo step
    assert editor.toPlainText() == "The fleet will recieve orders."


def test_add_to_dictionary_clears_the_underline_and_is_kept_in_the_store(qtbot, open_window, store):
    store.create_article(Article(headline="Exercise", body="BALTOPS begins. Stoltenberg spoke."))
    window = open_window()
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor.document()) == ["BALTOPS", "Stoltenberg"], timeout=5000)
    menu = editor_menu(editor, 0)
    action(menu, "Add to Newsroom Dictionary").trigger()
    qtbot.waitUntil(lambda: underlined(editor.document()) == ["Stoltenberg"], timeout=2000)
    qtbot.waitUntil(lambda: store.newsroom_words() == ["BALTOPS"], timeout=5000)
    action(editor_menu(editor, editor.toPlainText().index("Stoltenberg")), "Ignore").trigger()
    qtbot.waitUntil(lambda: underlined(editor.document()) == [], timeout=2000)
    assert store.newsroom_words() == ["BALTOPS"]  # ignoring is for this session only


def test_another_article_opened_is_checked_after_it_shows(qtbot, open_window, store):
    first = store.create_article(Article(headline="One", body="The fleet will recieve orders."))
    window = open_window()
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == ["recieve"], timeout=5000)
    second = store.create_article(Article(headline="Two", body="Many paragraphs.\n\n" * 300 + "A neccessary end."))
    at_show = []
    window.document.article_loaded.connect(lambda _article: at_show.append(underlined(window.editor.document())))
    window.open_article(second.id)
    qtbot.waitUntil(lambda: bool(at_show), timeout=5000)
    assert at_show == [[]]  # shown first, its words looked at next
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == ["neccessary"], timeout=5000)
    window.open_article(first.id)
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == ["recieve"], timeout=5000)


def test_the_newsroom_s_words_from_the_store_are_accepted_in_a_new_window(qtbot, open_window, store):
    store.add_newsroom_word("BALTOPS")
    store.create_article(Article(headline="Exercise", body="BALTOPS begins; the fleet will recieve orders."))
    window = open_window()
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == ["recieve"], timeout=5000)


def test_headline_standfirst_and_photo_text_are_checked(qtbot, open_window, store, tmp_path):
    article = store.create_article(Article(headline="Navy ships gathr", standfirst="A standfrist here."))
    (tmp_path / "ship.jpg").write_bytes(photo(caption="HMS Ocean in the Baltik", credit="Navy"))
    attach_files(store, article.id, [tmp_path / "ship.jpg"])
    window = open_window()
    form = window.form
    qtbot.waitUntil(lambda: underlined(form.standfirst.document()) == ["standfrist"], timeout=5000)
    qtbot.waitUntil(lambda: [w for *_, w in form.headline.misspelt()] == ["gathr"], timeout=5000)
    caption = window.image_panel.fields["caption"]
    qtbot.waitUntil(lambda: underlined(caption.document()) == ["Baltik"], timeout=5000)
    alt = window.image_panel.fields["alt"]
    alt.setFocus()
    qtbot.keyClicks(alt, "A grey warshipp at sea")
    qtbot.waitUntil(lambda: underlined(alt.document()) == ["warshipp"], timeout=5000)
    # The headline's menu replaces the word as typing would: the slug follows.
    start = form.headline.text().index("gathr")
    form.headline.setCursorPosition(0)
    menu = form.headline.context_menu(headline_point(form.headline, start + 2))
    qtbot.waitUntil(lambda: "gather" in texts(menu), timeout=5000)
    action(menu, "gather").trigger()
    assert form.headline.text() == "Navy ships gather"
    qtbot.waitUntil(lambda: store.get_article(article.id).slug == "navy-ships-gather", timeout=2000)
    assert form.headline.misspelt() == []


def test_the_headline_paints_its_underline(qtbot, open_window, store):
    store.create_article(Article(headline="Navy ships gathr"))
    window = open_window()
    headline = window.form.headline
    qtbot.waitUntil(lambda: bool(headline.misspelt()), timeout=5000)
    image = headline.grab().toImage()
    start = headline_point(headline, headline.text().index("gathr")).x()
    end = headline_point(headline, len(headline.text()) - 1).x()
    red = [
        (x, y) for x in range(start, end) for y in range(image.height())
        if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 110 and c.blue() < 110
    ]  # fmt: skip
    assert red, "no red underline under the misspelt word"
    before = headline_point(headline, 2).x()
    assert not any(
        (c := image.pixelColor(x, y)).red() > 150 and c.green() < 110 for x in range(0, before) for y in range(image.height())
    )


def test_switching_spelling_off_removes_every_underline(qtbot, open_window, store):
    store.create_article(Article(headline="Navy ships gather", body="The fleet will recieve orders."))
    window = open_window()
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == ["recieve"], timeout=5000)
    window.settings.set_preferences(window.settings.preferences().replace(check_spelling=False))
    assert window.form.headline.misspelt() == []
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == [], timeout=2000)
    window.settings.set_preferences(window.settings.preferences().replace(check_spelling=True))
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == ["recieve"], timeout=5000)


def test_the_article_s_language_chooses_the_dictionary(qtbot, open_window, store):
    store.create_article(Article(headline="Colour", body="The color of the colour.", language="en-US"))
    window = open_window()
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == ["colour"], timeout=5000)
    window.form.language.setText("en-GB")
    window.form.language.textEdited.emit("en-GB")
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == ["color"], timeout=5000)
    # Languages named in the preferences stand in for the article's: both spellings are right.
    window.settings.set_preferences(window.settings.preferences().replace(spelling_languages=("en-GB", "en-US")))
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == [], timeout=5000)
    window.settings.set_preferences(window.settings.preferences().replace(spelling_languages=("en-US",)))
    qtbot.waitUntil(lambda: underlined(window.editor.document()) == ["colour"], timeout=5000)


def test_a_language_without_a_dictionary_underlines_nothing_and_says_so_once(qtbot, open_window, store):
    store.create_article(Article(headline="Titre", body="Le navire arrive demain.", language="fr"))
    window = open_window()
    qtbot.waitUntil(lambda: "no dictionary" in window.statusBar().currentMessage(), timeout=5000)
    assert "(fr)" in window.statusBar().currentMessage()
    assert underlined(window.editor.document()) == []


# Helpers ------------------------------------------------------------------------------------


def editor_menu(editor, position: int):
    from desktop_editor.ui.common.spelling_layer import text_menu

    menu = text_menu(editor, point_at(editor, position), editor.highlighter.spelling)
    return menu


def headline_point(headline, position: int) -> QPoint:
    from PySide6.QtGui import QFontMetricsF

    metrics = QFontMetricsF(headline.font())
    text = headline.text()
    origin = headline.cursorRect().center().x() - metrics.horizontalAdvance(text[: headline.cursorPosition()])
    return QPoint(round(origin + metrics.horizontalAdvance(text[:position]) + 1), headline.height() // 2)


def texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def action(menu, text: str):
    return next(a for a in menu.actions() if a.text() == text)
