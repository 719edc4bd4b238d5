"""The window at the sizes reporters use: every pane usable, nothing clipped or jumping."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_editor.ui.common import layout as panes
from desktop_editor.workflows import import_bundle
from tests.e2e.story import write_story
from tests.waiting import layout_settled

SIZES = [(1024, 700), (1366, 768), (1920, 1080)]


@pytest.fixture
def settings_file(tmp_path):
    return str(tmp_path / "settings.ini")


@pytest.fixture
def story(store, tmp_path):
    return import_bundle(store, write_story(tmp_path / "bundle"))


@pytest.fixture
def open_window(qtbot, new_window, settings_file):
    def make(size=None):
        window = new_window(settings_file)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def settle(qtbot, window, size=None):
    """Resize the window (when a size is given) and wait until its layout is at rest."""
    if size is not None:
        window.resize(*size)
    layout_settled(qtbot, window)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_pane_is_usable_with_find_and_replace_open(qtbot, open_window, story, size):
    window = open_window(size)
    window.actions.replace.trigger()
    qtbot.keyClicks(window.find_bar.find_edit, "Baltic")
    window.find_bar.replace_all()
    settle(qtbot, window)
    assert (window.width(), window.height()) == size  # the find bar never widens the window
    writing, preview, photos = window.work_splitter.sizes()
    assert writing >= panes.WRITING_MIN and preview >= panes.PREVIEW_MIN and photos >= 150
    assert window.library.width() >= panes.LIBRARY_MIN
    assert writing > preview > photos * 0.9 or size[0] < 1200  # writing is favoured
    for box in (window.find_bar.find_edit, window.find_bar.replace_edit):
        assert box.isVisible() and box.width() >= 140
    bar = window.find_bar
    for child in bar.findChildren(type(bar.case_box)):
        assert bar.rect().contains(child.geometry()), child.toolTip()
    form = window.form
    for field in (
        form.headline, form.slug, form.slug_auto, form.tags, form.language, form.word_target, form.status,
        form.desk_fields.desk, form.desk_fields.assignee,
    ):
        assert field.width() >= field.minimumSizeHint().width(), field.accessibleName()
        top_left = field.mapTo(form, field.rect().topLeft())
        assert form.rect().contains(top_left) and top_left.x() + field.width() <= form.width()
    assert form.headline.width() >= 200


def test_the_empty_photo_panel_is_narrow_and_the_split_favours_writing(qtbot, open_window, tmp_path):
    window = open_window((1366, 768))
    settle(qtbot, window)
    writing, preview, photos = window.work_splitter.sizes()
    assert photos <= 180 and writing > preview > photos
    assert not window.image_panel.thumbnails.isVisible() and window.image_panel.empty_hint.isVisible()
    # The first photo gives the panel its share back.
    from tests.images import photo
    from tests.ui.test_picture_desk import import_and_wait, write

    import_and_wait(qtbot, window, [write(tmp_path, "one.jpg", photo())])
    settle(qtbot, window)
    assert window.work_splitter.sizes()[2] >= 230 and window.image_panel.thumbnails.isVisible()


def test_the_split_is_remembered(qtbot, open_window):
    window = open_window((1366, 768))
    settle(qtbot, window)
    writing, preview, photos = window.work_splitter.sizes()
    window.work_splitter.setSizes([writing - 100, preview + 100, photos])
    chosen = window.work_splitter.sizes()
    window.close()
    again = open_window()
    settle(qtbot, again)
    assert again.size().toTuple() == (1366, 768)
    assert again.work_splitter.sizes() == chosen


def test_a_remembered_split_with_a_collapsed_preview_is_not_restored(qtbot, open_window):
    window = open_window((1366, 768))
    window.work_splitter.setCollapsible(1, True)
    window.work_splitter.setSizes([900, 0, 300])
    window.close()
    again = open_window()
    settle(qtbot, again)
    assert again.work_splitter.sizes()[1] >= panes.PREVIEW_MIN


def test_the_slug_label_has_its_mnemonic_and_buddy(qtbot, open_window):
    from PySide6.QtWidgets import QLabel

    window = open_window((1366, 768))
    label = next(label for label in window.form.findChildren(QLabel) if label.text() == "S&lug")
    assert label.buddy() is window.form.slug


def thumbnail_places(panel):
    t = panel.thumbnails
    return [(t.item(r).data(Qt.ItemDataRole.UserRole), t.visualItemRect(t.item(r)).topLeft().toTuple()) for r in range(t.count())]


def test_thumbnails_stay_put_while_typing_a_headline_and_toggling_the_lead(qtbot, open_window, story):
    window = open_window((1366, 768))
    settle(qtbot, window)
    panel = window.image_panel
    # Once the pictures are in (the rows are laid out again with their sizes, once).
    qtbot.waitUntil(lambda: not panel.missing_thumbnails(), timeout=10000)
    settle(qtbot, window)
    items_before = [panel.thumbnails.item(r) for r in range(panel.thumbnails.count())]
    places = thumbnail_places(panel)
    qtbot.keyClicks(window.form.headline, " today")
    settle(qtbot, window)
    assert thumbnail_places(panel) == places
    panel.select("deck")
    panel.lead.setChecked(True)
    settle(qtbot, window)
    assert window.document.current_fields().lead_image == "deck"
    assert thumbnail_places(panel) == places
    assert [panel.thumbnails.item(r) for r in range(panel.thumbnails.count())] == items_before
    assert panel.thumbnails.currentItem().data(Qt.ItemDataRole.UserRole) == "deck"
    assert "★" in panel.thumbnails.currentItem().text()


def wrapped_within(editor) -> bool:
    """Every line of every paragraph fits inside the editor's viewport."""
    width = editor.viewport().width()
    block = editor.document().begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            if layout.lineAt(i).naturalTextWidth() > width + 1:
                return False
        block = block.next()
    return True


def test_editor_lines_are_never_cut_at_the_right_edge(qtbot, open_window, store, story):
    window = open_window((1920, 1080))
    long_paragraph = " ".join(["Forty ships from seventeen nations sailed into the Baltic."] * 12)
    window.editor.setPlainText(long_paragraph)
    for size in [(1024, 700), (1920, 1080), (1366, 768), (1100, 700)]:
        settle(qtbot, window, size)
        assert wrapped_within(window.editor), size
    window.actions.toggle_library.setChecked(False)
    settle(qtbot, window)
    assert wrapped_within(window.editor)
    window.close()
    again = open_window()
    settle(qtbot, again)
    assert wrapped_within(again.editor)


def test_the_window_title_names_the_article_and_marks_unsaved_text(qtbot, open_window, story):
    window = open_window((1366, 768))
    assert window.windowTitle().startswith("Navy ships gather in the Baltic for annual exercise[*]")
    window.form.headline.end(False)
    qtbot.keyClicks(window.form.headline, "!")
    assert window.windowTitle().startswith("Navy ships gather in the Baltic for annual exercise![*]")
    assert window.isWindowModified()
    assert window.document.flush()
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=2000)
