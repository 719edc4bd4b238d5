"""The check window at 1024x700: a finding clicked in it takes the editor to its line, and the
window never covers that line; the line stays marked until the text is next changed."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor

from desktop_editor.core.model import Article
from tests.ui.showing import shown

# Line 35 of the body: a link without its scheme, which the check warns about with its line.
BODY = "\n\n".join([f"Paragraph {n} of the story, long enough to fill a line or so." for n in range(1, 18)]
                   + ["See [the ministry](www.gov.uk/mod) for more."]
                   + [f"Closing paragraph {n}." for n in range(1, 12)])  # fmt: skip


def line_on_screen(editor) -> QRect:
    """The cursor's line across the editor's width, in screen coordinates."""
    rect = editor.cursorRect()
    top_left = editor.viewport().mapToGlobal(QPoint(0, rect.top()))
    return QRect(top_left.x(), top_left.y(), editor.viewport().width(), rect.height())


def marked(editor) -> bool:
    """The cursor's line is drawn on a tint, not on the editor's plain background."""
    image = editor.viewport().grab().toImage()
    rect = editor.cursorRect()
    plain = editor.palette().color(editor.viewport().backgroundRole())
    x = editor.viewport().width() - 4  # right of the text, where only a line's tint shows
    return QColor(image.pixel(x, rect.center().y())) != plain


def test_a_finding_jumped_to_is_not_covered_by_the_check_and_stays_marked_until_an_edit(qtbot, new_window, store):
    article = store.create_article(Article(headline="Bridge", standfirst="At last.", body=BODY))
    assert BODY.split("\n")[34].startswith("See [the ministry]")
    window = new_window()
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    shown(qtbot, window, article.id)
    dialog = window.publishing.show_preflight()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: any(finding.line == 35 for finding in dialog.findings), timeout=10000)
    try:
        row = next(n for n, finding in enumerate(dialog.findings) if finding.line == 35)
        dialog.list.activate(row)
        editor = window.editor
        qtbot.waitUntil(lambda: editor.textCursor().blockNumber() == 34, timeout=2000)
        assert dialog.isVisible()
        line = line_on_screen(editor)
        assert window.frameGeometry().contains(line)
        qtbot.waitUntil(lambda: not dialog.frameGeometry().intersects(line_on_screen(editor)), timeout=2000)
        assert marked(editor)
        dialog.close()
        assert marked(editor), "the mark goes with the next edit, not with the check"
        editor.setFocus()
        qtbot.keyClick(editor, Qt.Key.Key_End)
        assert marked(editor), "moving the cursor keeps it"
        qtbot.keyClicks(editor, "!")
        qtbot.waitUntil(lambda: not marked(editor), timeout=2000)
    finally:
        dialog.close()
        window.publishing.shutdown()
        window.document.flush()
