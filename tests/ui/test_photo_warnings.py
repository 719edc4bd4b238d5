"""The photo panel shows what ingest noticed about the selected picture (its warnings)."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import QSettings

from desktop_editor.core.model import Article
from desktop_editor.ui.app import build_window
from desktop_editor.ui.picture_desk.warning_line import warning_sentences
from tests.images import photo


def animated_gif(frames: int) -> bytes:
    pictures = [Image.new("RGB", (64, 48), (40 * i, 90, 160)) for i in range(frames)]
    out = io.BytesIO()
    pictures[0].save(out, "GIF", save_all=True, append_images=pictures[1:], duration=100, loop=0)
    return out.getvalue()


def test_warning_sentences_start_with_the_photo_and_end_with_a_stop():
    assert warning_sentences(["is an animation of 3 frames: only the first frame is used", "  ", "x."]) == [
        "This photo is an animation of 3 frames: only the first frame is used.",
        "This photo x.",
    ]


def test_the_selected_photo_shows_its_warnings_and_a_photo_without_shows_none(qtbot, store, tmp_path):
    article = store.create_article(Article(headline="Parade"))
    (tmp_path / "parade.gif").write_bytes(animated_gif(3))
    (tmp_path / "still.jpg").write_bytes(photo(caption="A still."))
    window = build_window(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.document.article.id == article.id
    panel = window.image_panel
    assert not panel.photo_warnings.isVisible()  # no photos yet
    with qtbot.waitSignal(window.images.import_finished, timeout=10000):
        window.images.add_files([tmp_path / "parade.gif", tmp_path / "still.jpg"])
    handles = panel.thumbnails.handles()
    assert len(handles) == 2
    gif, jpeg = handles
    panel.select(gif)
    qtbot.waitUntil(lambda: panel.photo_warnings.isVisible(), timeout=5000)
    (sentence,) = panel.photo_warnings.sentences()
    assert sentence == "This photo is an animation of 3 frames: only the first frame is used."
    assert panel.photo_warnings.accessibleDescription() == sentence
    assert not panel.photo_warnings.icon.pixmap().isNull()
    panel.select(jpeg)
    assert not panel.photo_warnings.isVisible()
    assert panel.photo_warnings.sentences() == []
    panel.select(gif)
    assert panel.photo_warnings.isVisible()
    window.close()
    window.images.wait()
