"""The picture desk as a picture editor uses it: real store, real photos, offscreen window."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from desktop_editor.core.model import Article
from tests.images import photo
from tests.ui.preview_text import preview_text
from tests.ui.showing import figures_reloaded, open_shown, shown


@pytest.fixture
def open_window(qtbot, new_window):
    def make(preview: bool = False):
        window = new_window()
        if preview:
            window.start()  # also makes the Chromium preview
        else:
            window.show()
        qtbot.waitExposed(window)
        return window

    return make


def write(folder, name: str, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


def tagged(folder, name: str, **fields):
    return write(folder, name, photo(caption=fields.pop("caption", "A caption."), **fields))


def import_and_wait(qtbot, window, paths, insert_at=None):
    with qtbot.waitSignal(window.images.import_finished, timeout=10000) as finished:
        window.images.add_files(paths, insert_at)
    return finished.args


def thumbnails_loaded(panel) -> bool:
    items = [panel.thumbnails.item(r) for r in range(panel.thumbnails.count())]
    return bool(items) and all(not item.icon().isNull() for item in items)


def panel_handles(window) -> list[str]:
    return window.image_panel.thumbnails.handles()


def paragraphs(text: str) -> list[str]:
    """Markdown paragraphs: what blank lines separate."""
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def test_adding_files_imports_on_a_worker_with_progress_thumbnails_and_xmp_fields(qtbot, open_window, store, tmp_path):
    window = open_window()
    panel = window.image_panel
    harbour = tagged(tmp_path, "Harbour.jpg", caption="Boats in the harbour.", credit="Reuters", creator="Ann Lee", alt="Boats moored at dusk")
    broken = write(tmp_path, "broken-scan.jpg", b"this is not a photo at all")
    market = tagged(tmp_path, "market.jpg", caption="The market at dawn.", credit="AP", creator="Bo Chen", alt="Stalls", color=(10, 120, 40))

    with qtbot.waitSignal(window.images.import_finished, timeout=10000) as finished:
        window.images.add_files([harbour, broken, market])
        assert window.images.is_importing()
        assert panel.progress.isVisible() and panel.cancel_button.isVisible()
        assert panel.progress.maximum() == 3
    added, refused = finished.args

    assert [f.handle for f in added] == ["harbour", "market"]
    assert len(refused) == 1 and "broken-scan.jpg" in refused[0]
    assert not panel.progress.isVisible()
    assert panel_handles(window) == ["harbour", "market"]
    assert [f.handle for f in store.figures(window.document.article.id)] == ["harbour", "market"]
    qtbot.waitUntil(lambda: thumbnails_loaded(panel), timeout=5000)

    # The refusal is said by name, beside the text, in a notice that takes no keys from it.
    assert window.notice.isVisible() and "broken-scan.jpg" in window.notice.message.text()
    assert window.notice.message.text().startswith("Added 2 photos. Refused:")
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]

    panel.select("harbour")
    fields = panel.fields
    assert fields["caption"].toPlainText() == "Boats in the harbour."
    assert fields["credit"].text() == "Reuters"
    assert fields["creator"].text() == "Ann Lee"
    assert fields["alt"].toPlainText() == "Boats moored at dusk"
    for name in ("caption", "credit", "creator", "alt"):
        assert "XMP" in fields[name].toolTip(), name
    assert fields["copyright"].toolTip() == ""
    panel.select("market")
    assert fields["caption"].toPlainText() == "The market at dawn."
    assert fields["credit"].text() == "AP"

    # Still working: another batch goes through.
    added, refused = import_and_wait(qtbot, window, [tagged(tmp_path, "later.jpg", color=(1, 2, 3))])
    assert [f.handle for f in added] == ["later"] and refused == []
    assert window.statusBar().currentMessage() == "Added 1 photo."
    assert panel_handles(window) == ["harbour", "market", "later"]


def test_files_dropped_on_the_editor_are_placed_where_they_were_dropped(qtbot, open_window, store, tmp_path):
    store.create_article(Article(headline="Harbour", body="First paragraph.\n\nSecond paragraph."))
    window = open_window()
    one = tagged(tmp_path, "one.jpg")
    two = tagged(tmp_path, "two.jpg", color=(200, 10, 10))
    with qtbot.waitSignal(window.images.import_finished, timeout=10000):
        window.editor.images_dropped.emit([str(one), str(two)], 17)  # the blank line between
        assert window.editor.toPlainText() == "First paragraph.\n\nSecond paragraph."  # not before the import ends
    text = window.editor.toPlainText()
    assert paragraphs(text) == ["First paragraph.", "![](image:one)", "![](image:two)", "Second paragraph."]
    assert panel_handles(window) == ["one", "two"]
    qtbot.waitUntil(lambda: store.get_article(window.document.article.id).body == window.editor.toPlainText(), timeout=2000)


def test_pasting_a_picture_attaches_it(qtbot, open_window, store):
    window = open_window()
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor(30, 140, 90))
    mime = QMimeData()
    mime.setImageData(image)
    with qtbot.waitSignal(window.images.import_finished, timeout=10000) as finished:
        window.editor.insertFromMimeData(mime)
    added, refused = finished.args
    assert refused == [] and len(added) == 1
    handle = added[0].handle
    assert handle.startswith("pasted-image")
    figure = store.figures(window.document.article.id)[0]
    assert (figure.handle, figure.width, figure.height, figure.format.upper()) == (handle, 320, 200, "PNG")
    assert f"![](image:{handle})" in window.editor.toPlainText()
    assert panel_handles(window) == [handle]


def test_editing_the_caption_is_stored_and_the_preview_uses_house_style(qtbot, open_window, store, tmp_path):
    store.create_article(Article(headline="Harbour", body="Intro.\n\n![](image:harbour)\n"))
    window = open_window(preview=True)
    import_and_wait(qtbot, window, [tagged(tmp_path, "harbour.jpg", caption="Old caption.", credit="Reuters")])
    qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded, timeout=20000)
    qtbot.waitUntil(lambda: "Old caption (Picture: Reuters)." in preview_text(qtbot, window), timeout=5000)

    caption = window.image_panel.fields["caption"]
    assert "XMP" in caption.toolTip()
    caption.setPlainText("Fishing boats return at dusk.")
    assert caption.toolTip() == ""
    article_id = window.document.article.id
    # Stored shortly after the last keystroke (not on every one).
    qtbot.waitUntil(lambda: store.figures(article_id)[0].caption == "Fishing boats return at dusk.", timeout=1500)
    figure = store.figures(article_id)[0]
    assert "caption" not in figure.sources and "credit" in figure.sources
    qtbot.waitUntil(
        lambda: "Fishing boats return at dusk (Picture: Reuters)." in preview_text(qtbot, window), timeout=5000
    )


def test_photo_fields_show_what_was_typed_when_the_desk_comes_back_to_a_photo(qtbot, open_window, store, tmp_path):
    store.create_article(Article(headline="Navy"))
    window = open_window()
    import_and_wait(qtbot, window, [write(tmp_path, "ocean.jpg", photo()), write(tmp_path, "dock.jpg", photo())])
    panel = window.image_panel
    panel.select("ocean")
    qtbot.keyClicks(panel.fields["caption"], "HMS Ocean during BALTOPS 2015.")
    qtbot.keyClicks(panel.fields["credit"], "Crown Copyright")
    qtbot.keyClicks(panel.fields["alt"], "A grey warship")
    panel.select("dock")
    assert panel.fields["caption"].toPlainText() == ""
    panel.select("ocean")
    assert panel.fields["caption"].toPlainText() == "HMS Ocean during BALTOPS 2015."
    assert panel.fields["credit"].text() == "Crown Copyright"
    assert panel.fields["alt"].toPlainText() == "A grey warship"
    article_id = window.document.article.id
    qtbot.waitUntil(lambda: store.figures(article_id)[0].credit == "Crown Copyright", timeout=1500)


def test_renaming_a_handle_renames_the_photo_and_every_reference(qtbot, open_window, store, tmp_path):
    body = "![](image:harbour)\n\nText mentions image:harbour plainly.\n\n![Boats](image:harbour)\n"
    store.create_article(Article(headline="Harbour", body=body))
    window = open_window()
    import_and_wait(qtbot, window, [tagged(tmp_path, "harbour.jpg")])
    panel = window.image_panel
    panel.select("harbour")

    panel.handle.setText("harbour-view")
    panel.handle.editingFinished.emit()
    article_id = window.document.article.id
    qtbot.waitUntil(lambda: panel_handles(window) == ["harbour-view"], timeout=5000)  # saved off the UI thread
    assert [f.handle for f in store.figures(article_id)] == ["harbour-view"]
    assert window.editor.toPlainText() == (
        "![](image:harbour-view)\n\nText mentions image:harbour plainly.\n\n![Boats](image:harbour-view)\n"
    )
    assert panel_handles(window) == ["harbour-view"]
    assert panel.handle.text() == "harbour-view"
    qtbot.waitUntil(lambda: store.get_article(article_id).body == window.editor.toPlainText(), timeout=2000)

    panel.handle.setText("Bad Name")
    panel.handle.editingFinished.emit()
    assert panel.handle.text() == "harbour-view"
    assert [f.handle for f in store.figures(article_id)] == ["harbour-view"]
    assert "![](image:harbour-view)" in window.editor.toPlainText()


def test_lead_toggle_is_autosaved_and_a_double_clicked_reference_selects_its_photo(qtbot, open_window, store, tmp_path):
    window = open_window()
    import_and_wait(qtbot, window, [tagged(tmp_path, "first.jpg"), tagged(tmp_path, "second.jpg", color=(9, 9, 9))])
    panel = window.image_panel
    article_id = window.document.article.id

    window.editor.figure_activated.emit("second")
    assert panel.thumbnails.currentItem().text().startswith("second")
    assert panel.handle.text() == "second"

    toggled_at = time.monotonic()
    panel.lead.setChecked(True)
    qtbot.waitUntil(lambda: store.get_article(article_id).lead_image == "second", timeout=1500)
    assert time.monotonic() - toggled_at <= 1.5
    assert panel.handle.text() == "second" and panel.lead.isChecked()
    assert [panel.thumbnails.item(r).text() for r in range(2)] == ["first", "second ★"]

    window.editor.figure_activated.emit("first")
    assert panel.handle.text() == "first" and not panel.lead.isChecked()
    panel.select("second")
    panel.lead.setChecked(False)
    qtbot.waitUntil(lambda: store.get_article(article_id).lead_image is None, timeout=1500)


def test_an_exif_rotated_photo_is_stored_upright(qtbot, open_window, store, tmp_path):
    window = open_window()
    (figure,), _ = import_and_wait(qtbot, window, [write(tmp_path, "portrait.jpg", photo(640, 427, orientation=6))])
    stored = store.figures(window.document.article.id)[0]
    assert (stored.width, stored.height) == (427, 640)
    assert "427 × 640" in window.image_panel.size_label.text()


def test_restrictive_instructions_show_a_warning(qtbot, open_window, store, tmp_path):
    window = open_window()
    import_and_wait(qtbot, window, [tagged(tmp_path, "clean.jpg"), tagged(tmp_path, "wire.jpg", color=(5, 5, 200))])
    panel = window.image_panel
    panel.select("wire")
    assert not panel.warning.isVisible()
    store.update_figure(window.document.article.id, "wire", instructions="MANDATORY CREDIT: Reuters. No archive.")
    figures_reloaded(qtbot, window.document)
    panel.select("wire")
    assert panel.warning.isVisible()
    assert "mandatory credit" in panel.warning.text()
    panel.select("clean")
    assert not panel.warning.isVisible()


def answer_the_box(qtbot, button: str, asked: list[str]) -> None:
    """Press button in the next message box shown (the real box, as a person would), noting
    its text in asked."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def press():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        asked.append(box.text())
        choices = {b.text().replace("&", ""): b for b in box.buttons()}
        if button in choices:
            choices[button].click()
        else:  # said by the test's next assertion; the box must not wait for ever
            asked.append(f"no button {button!r} among {list(choices)}")
            box.done(0)

    QTimer.singleShot(0, press)


def test_removing_a_photo_still_placed_in_the_text_asks_what_to_do_with_its_places(qtbot, open_window, store, tmp_path):
    body = "Intro.\n\n![](image:harbour)\n\nText.\n\n![The harbour again](image:harbour)\n\nMore.\n\n![](image:quay)\n"
    store.create_article(Article(headline="Harbour", body=body))
    window = open_window()
    paths = [tagged(tmp_path, "harbour.jpg"), tagged(tmp_path, "quay.jpg", color=(0, 0, 0)), tagged(tmp_path, "spare.jpg")]
    import_and_wait(qtbot, window, paths)
    article_id = window.document.article.id
    asked: list[str] = []

    answer_the_box(qtbot, "Cancel", asked)
    window.picture_desk.remove("harbour")
    assert len(asked) == 1 and "The text still places “harbour” twice" in asked[0]
    assert panel_handles(window) == ["harbour", "quay", "spare"] and window.editor.toPlainText() == body

    answer_the_box(qtbot, "Remove photo and its references", asked)
    window.picture_desk.remove("harbour")
    assert len(asked) == 2
    qtbot.waitUntil(lambda: panel_handles(window) == ["quay", "spare"], timeout=5000)
    assert window.editor.toPlainText() == "Intro.\n\nText.\n\nMore.\n\n![](image:quay)\n"

    answer_the_box(qtbot, "Remove photo only", asked)
    window.picture_desk.remove("quay")
    qtbot.waitUntil(lambda: panel_handles(window) == ["spare"], timeout=5000)
    assert window.editor.toPlainText().endswith("More.\n\n![](image:quay)\n")  # shown as a warning by the check

    window.picture_desk.remove("spare")  # not in the text: no question
    assert len(asked) == 3
    qtbot.waitUntil(lambda: panel_handles(window) == [], timeout=5000)
    window.document.flush()
    qtbot.waitUntil(lambda: store.figures(article_id) == [], timeout=5000)
    qtbot.waitUntil(lambda: store.get_article(article_id).body == "Intro.\n\nText.\n\nMore.\n\n![](image:quay)\n", timeout=5000)


def test_the_window_keeps_responding_while_large_photos_import(qtbot, open_window, tmp_path):
    window = open_window()
    paths = [write(tmp_path, f"big-{n}.jpg", photo(3000, 2000, color=(20 * n, 60, 200 - 20 * n))) for n in range(6)]
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 2, timeout=20000)  # the clock is running before the import starts
    added, refused = import_and_wait(qtbot, window, paths)
    qtbot.waitUntil(lambda: thumbnails_loaded(window.image_panel), timeout=15000)
    loaded_at = time.monotonic()
    qtbot.waitUntil(lambda: ticks[-1] > loaded_at, timeout=20000)  # and it has ticked since the last thumbnail
    timer.stop()
    assert len(added) == 6 and refused == []
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert max(gaps) < 0.25, f"the event loop stalled for {max(gaps) * 1000:.0f} ms"


def test_photos_dropped_into_one_story_stay_with_it_when_another_is_opened(qtbot, open_window, store, tmp_path):
    first = store.create_article(Article(headline="First", body="Para one.\n\nPara two."))
    second = store.create_article(Article(headline="Second", body="Other text."))
    window = open_window()
    open_shown(qtbot, window, first.id)
    paths = [write(tmp_path, f"big-{n}.jpg", photo(2400, 1600, color=(n * 40, 80, 120))) for n in range(4)]
    with qtbot.waitSignal(window.images.import_finished, timeout=20000):
        window.editor.images_dropped.emit(paths, len("Para one.\n"))
        window.open_article(second.id)  # while the photos are still being read
    shown(qtbot, window, second.id)
    assert window.editor.toPlainText() == "Other text."  # nothing placed in the wrong story
    assert len(store.figures(first.id)) == 4 and store.figures(second.id) == []


def test_files_dropped_on_the_editor_and_the_thumbnails_are_taken(qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from desktop_editor.ui.drafting.editor import MarkdownEditor
    from desktop_editor.ui.picture_desk.panel import ImagePanel

    editor, panel = MarkdownEditor(), ImagePanel()
    for widget in (editor, panel):
        qtbot.addWidget(widget)
        widget.show()
    path = write(tmp_path, "dropped.jpg", photo())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    received = []
    editor.images_dropped.connect(lambda files, position: received.append(("editor", files)))
    panel.files_dropped.connect(lambda files: received.append(("panel", files)))
    for name, target in (("editor", editor.viewport()), ("panel", panel.thumbnails.viewport())):
        point = QPointF(target.rect().center())
        buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, buttons, modifiers)
        QApplication.sendEvent(target, enter)
        assert enter.isAccepted(), name
        QApplication.sendEvent(target, QDropEvent(point, Qt.DropAction.CopyAction, mime, buttons, modifiers))
    assert received == [("editor", [str(path)]), ("panel", [str(path)])]


def test_replacing_a_picture_keeps_its_text_and_tells_another_window(qtbot, open_window, store, tmp_path):
    store.create_article(Article(headline="Harbour", body="![](image:harbour)\n"))
    window = open_window()
    import_and_wait(qtbot, window, [tagged(tmp_path, "harbour.jpg", caption="Boats in the harbour.")])
    article_id = window.document.article.id
    before = store.get_article(article_id)
    old_sha = store.figures(article_id)[0].image_sha256

    window.images.replace_file("harbour", tagged(tmp_path, "better.jpg", color=(200, 30, 30)))  # decoded off the UI thread
    qtbot.waitUntil(lambda: store.figures(article_id)[0].image_sha256 != old_sha, timeout=10000)
    figure = store.figures(article_id)[0]
    assert figure.handle == "harbour" and figure.caption == "Boats in the harbour."
    assert store.get_article(article_id).version > before.version  # another window's save is refused
    qtbot.waitUntil(lambda: window.document.figures[0].image_sha256 == figure.image_sha256, timeout=5000)

    window.images.replace_file("harbour", write(tmp_path, "scan.jpg", b"not a photo at all"))
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=10000)
    assert "scan.jpg was refused" in window.notice.message.text()
    assert store.figures(article_id)[0].image_sha256 == figure.image_sha256


def test_alt_and_an_arrow_move_the_selected_photo_and_the_store_keeps_the_order(qtbot, open_window, store, tmp_path):
    from PySide6.QtCore import Qt

    window = open_window()
    import_and_wait(qtbot, window, [tagged(tmp_path, f"{name}.jpg", color=(n * 60, 90, 120)) for n, name in enumerate(("one", "two", "three"))])
    panel = window.image_panel
    article_id = window.document.article.id
    panel.select("three")
    panel.thumbnails.setFocus()
    qtbot.keyClick(panel.thumbnails, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert panel_handles(window) == ["one", "three", "two"]
    assert panel.thumbnails.currentItem().data(Qt.ItemDataRole.UserRole) == "three"  # it stays selected
    qtbot.keyClick(panel.thumbnails, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(panel.thumbnails, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # first already: nothing
    assert panel_handles(window) == ["three", "one", "two"]
    qtbot.waitUntil(lambda: [f.handle for f in store.figures(article_id)] == ["three", "one", "two"], timeout=5000)
    qtbot.waitUntil(lambda: not window.document.is_modified(), timeout=5000)  # its report is in too
    assert panel_handles(window) == ["three", "one", "two"]  # never shown back in an order on the way
    qtbot.keyClick(panel.thumbnails, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: [f.handle for f in store.figures(article_id)] == ["one", "three", "two"], timeout=5000)
    assert panel_handles(window) == ["one", "three", "two"]
