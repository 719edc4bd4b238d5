"""The article's fields at 1024x700 in the dark theme: the standfirst, caption and alt text
boxes show whole lines (never the top half of the last one), and a newly shown article's
headline, slug and tags show the start of their text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop_editor.core.model import Article
from desktop_editor.workflows import attach_files
from tests.images import photo
from tests.ui.showing import open_shown, shown
from tests.ui.test_contrast import theme  # noqa: F401 (the fixture: light or dark as a desktop gives)

LONG = (
    "Mark Rutte said the President's push had made the alliance stronger, as members agreed to "
    "lift defence spending to five per cent of GDP over the next decade, a historic rise."
)


def cut_lines(edit) -> list[str]:
    """The lines drawn only in part at the bottom of the box."""
    height = edit.viewport().height()
    block = edit.firstVisibleBlock()
    cut = []
    while block.isValid():
        top = edit.blockBoundingGeometry(block).translated(edit.contentOffset()).top()
        if top >= height:
            break
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            start, end = top + line.y(), top + line.y() + line.height()
            if start < height < end - 0.5:
                cut.append(f"{edit.accessibleName() or edit.objectName()}: a line from {start:.0f} to {end:.0f} in {height}")
        block = block.next()
    return cut


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_multi_line_boxes_show_whole_lines(qtbot, new_window, store, tmp_path, theme, dark):  # noqa: F811
    theme(dark)
    article = store.create_article(Article(headline="Summit", standfirst=LONG, body="Text.\n\n![](image:summit)\n"))
    (tmp_path / "summit.jpg").write_bytes(photo(320, 200))
    attach_files(store, article.id, [tmp_path / "summit.jpg"])
    store.update_figure(article.id, "summit", caption=LONG, alt=LONG[:120])
    window = new_window()
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.view.set_dark(dark)
    shown(qtbot, window, article.id)
    window.build_photo_panel()
    panel = window.image_panel
    qtbot.waitUntil(lambda: panel.thumbnails.handles() == ["summit"], timeout=5000)
    panel.select("summit")
    boxes = [window.form.standfirst, panel.fields["caption"], panel.fields["alt"]]
    qtbot.waitUntil(lambda: all(box.toPlainText() for box in boxes), timeout=5000)
    for box in boxes:
        for focused in (False, True):
            if focused:
                box.setFocus()
                qtbot.waitUntil(box.hasFocus, timeout=2000)
            for end in (False, True):
                box.moveCursor(QTextCursor.MoveOperation.End if end else QTextCursor.MoveOperation.Start)
                assert not cut_lines(box), (focused, end, cut_lines(box))
        assert box.verticalScrollBar().maximum() > 0, "the text is longer than the box"
        assert box.viewport().height() >= 2 * box.fontMetrics().height(), "at least two lines show"


def test_an_article_shown_after_another_shows_the_start_of_its_fields(qtbot, new_window, store):
    first = store.create_article(Article(
        headline="Royal Navy leads the Baltic exercise with ships from fourteen allied nations",
        slug="royal-navy-leads-the-baltic-exercise-with-ships-from-fourteen", tags=("navy", "baltic"), body="Ships.",
    ))  # fmt: skip
    second = store.create_article(Article(
        headline="Trump Praised By NATO Chief For Strong Leadership As Allies Agree Spending Rise",
        slug="trump-praised-by-nato-chief-for-strong-leadership-as-allies-agree",
        tags=("nato", "defence spending", "trump", "rutte", "alliance", "the hague summit", "europe"), body="Text.",
    ))  # fmt: skip
    window = new_window()
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    open_shown(qtbot, window, first.id)
    form = window.form
    for field in (form.headline, form.slug, form.tags):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_End)  # where a reporter leaves them, or halfway
        assert field.cursorPosition() > 0
    open_shown(qtbot, window, second.id)
    qtbot.waitUntil(lambda: form.tags.text().startswith("nato"), timeout=5000)
    for field in (form.headline, form.slug, form.tags):
        assert field.fontMetrics().horizontalAdvance(field.text()) > field.width(), "the text is longer than the field"
        assert field.cursorPosition() == 0, f"{field.accessibleName()} shows its middle or end"
