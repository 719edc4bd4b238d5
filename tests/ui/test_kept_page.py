"""The preview's page kept at close and shown at once by the next start (ui.drafting.page_cache)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, Qt

from desktop_editor.core.model import Article, Figure
from desktop_editor.ui.app import build_window
from desktop_editor.ui.drafting import page_cache
from desktop_editor.ui.drafting.page_cache import KeptPage, page_key
from tests.ui.preview_text import preview_text

ARTICLE = Article(id=7, headline="Baltic", body="Ships.", version=3, tags=("navy", "baltic"))
SHIP = Figure(handle="ship", image_sha256="ab" * 32, caption="HMS Ocean.", credit="Crown Copyright", width=640, height=427)


@pytest.fixture
def settings_file(tmp_path):
    return str(tmp_path / "settings.ini")


def key(**changes) -> str:
    values = dict(store_location="sqlite:////tmp/store.sqlite", article=ARTICLE, body="Ships.", figures=[SHIP], credit_format="Picture: {credit}", image_width=720)
    values.update(changes)
    return page_key(**values)


def test_the_key_changes_with_anything_the_page_is_made_from():
    keys = {
        key(),
        key(store_location="sqlite:////tmp/other.sqlite"),
        key(article=ARTICLE.replace(version=4)),
        key(article=ARTICLE.replace(headline="Baltic Sea")),
        key(article=ARTICLE.replace(tags=("navy",))),
        key(article=ARTICLE.replace(publish_at=datetime(2026, 1, 1, tzinfo=UTC))),
        key(body="Ships!"),
        key(figures=[SHIP.replace(caption="HMS Ocean at sea.")]),
        key(figures=[]),
        key(credit_format="Photo: {credit}"),
        key(image_width=1440),
    }
    assert len(keys) == 11
    assert key(article=ARTICLE.replace(tags=["navy", "baltic"], word_count=99)) == key()  # not on the page


def test_a_page_is_read_back_only_for_its_own_key(tmp_path):
    path = tmp_path / "cache" / "preview-page.json"
    page = KeptPage(key(), 7, ["a1", "b2"], "<header>Baltic</header>", "", "<html lang=\"en\"><body>Ships.</body></html>")
    assert page_cache.write(page, path)
    assert page_cache.read(key(), path) == page
    assert page_cache.read(key(body="Other"), path) is None
    assert [p.name for p in path.parent.iterdir()] == ["preview-page.json"]  # no temporary left


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"key": "x"}', b"[1, 2]", b"\xff\xfe"])
def test_a_damaged_file_is_not_used(tmp_path, content):
    path = tmp_path / "preview-page.json"
    path.write_bytes(content)
    assert page_cache.read(key(), path) is None


def test_a_page_that_cannot_be_written_is_not_kept(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    page = KeptPage(key(), 7, [], "", "", "<html></html>")
    assert page_cache.write(page, blocker / "preview-page.json") is False


def test_a_reopened_window_shows_the_kept_page_first_and_typing_patches_it(qtbot, store_path, settings_file, tmp_path, monkeypatch):
    from desktop_editor.storage.snapshot import first_snapshot
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.drafting.preview import PreviewView
    from desktop_editor.ui.common.store_opener import LazyStore
    from desktop_editor.workflows import attach_files
    from tests.images import photo

    image = tmp_path / "ship.jpg"
    image.write_bytes(photo(caption="HMS Ocean in the Baltic.", credit="Crown Copyright", alt="A ship"))
    with Store(store_path) as setup:
        article = setup.create_article(Article(headline="Baltic", body="Ships gathered.\n\n![](image:ship)\n\nThey sailed.", tags=("navy",)))
        attach_files(setup, article.id, [image])

    keep = PreviewView.show_kept_page
    newest: list[list[str]] = [[]]  # what the window opened last showed, in order
    monkeypatch.setattr(PreviewView, "show_kept_page", lambda view, page: (newest[0].append("kept"), keep(view, page)))

    def open_window():
        """The window, its store and what it showed; a render the window before reports
        late (its thread ends after the window closes) is that window's, not this one's."""
        shown = newest[0] = []
        lazy = LazyStore(str(store_path), start=False)
        window = build_window(lazy, QSettings(settings_file, QSettings.Format.IniFormat), snapshot=first_snapshot(store_path, None))
        qtbot.addWidget(window)
        window.render_controller.rendered.connect(lambda _result: shown.append("rendered"))
        window.start()
        qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded and "rendered" in shown, timeout=20000)
        return window, lazy, shown

    first, lazy, shown = open_window()
    assert shown[0] == "rendered"  # nothing kept yet: the page is rendered
    qtbot.waitUntil(lambda: lazy.ready, timeout=10000)
    first.close()
    lazy.close()
    assert page_cache.default_path().exists()

    window, lazy, shown = open_window()
    assert shown[0] == "kept"  # shown before anything was rendered
    assert "HMS Ocean in the Baltic (Picture: Crown Copyright)." in preview_text(qtbot, window)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    for _ in range(2):
        qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "A third paragraph.")
    qtbot.waitUntil(lambda: "A third paragraph." in preview_text(qtbot, window), timeout=5000)
    text = preview_text(qtbot, window)
    assert text.count("Ships gathered.") == 1 and text.count("They sailed.") == 1 and text.count("HMS Ocean in the Baltic") == 1
    window.close()
    lazy.close()


def test_a_page_kept_for_other_text_is_not_shown(qtbot, store_path, settings_file):
    from desktop_editor.storage.snapshot import first_snapshot
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.common.store_opener import LazyStore

    with Store(store_path) as setup:
        setup.create_article(Article(headline="Baltic", body="The text as stored."))
    wrong = KeptPage("0" * 64, 1, ["x"], "", "", "<html lang=\"en\"><body><p>Old text.</p></body></html>")
    page_cache.write(wrong)
    lazy = LazyStore(str(store_path), start=False)
    window = build_window(lazy, QSettings(settings_file, QSettings.Format.IniFormat), snapshot=first_snapshot(store_path, None))
    qtbot.addWidget(window)
    window.start()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview._ever_loaded and lazy.ready, timeout=20000)
    text = preview_text(qtbot, window)
    assert "The text as stored." in text and "Old text." not in text
    window.close()
    lazy.close()


def test_the_first_frame_shows_the_last_sessions_picture_of_the_preview_until_chromium_draws(qtbot, store_path, settings_file, tmp_path):
    from desktop_editor.storage.snapshot import first_snapshot
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.common.store_opener import LazyStore

    with Store(store_path) as setup:
        setup.create_article(Article(headline="Baltic", body="Ships gathered.\n\nThey sailed."))

    def open_window():
        lazy = LazyStore(str(store_path), start=False)
        window = build_window(lazy, QSettings(settings_file, QSettings.Format.IniFormat), snapshot=first_snapshot(store_path, None))
        qtbot.addWidget(window)
        return window, lazy

    first, lazy = open_window()
    assert first.preview_picture is None  # nothing kept yet
    first.start()
    qtbot.waitUntil(lambda: first.preview is not None and first.preview._ever_loaded and lazy.ready, timeout=20000)
    drawn = []
    first.preview.when_drawn(lambda: drawn.append(True))
    qtbot.waitUntil(lambda: bool(drawn), timeout=20000)  # Chromium's first frame is on screen
    first.close()
    lazy.close()
    kept = KeptPage(**json.loads(page_cache.default_path().read_text("utf-8")))
    picture = page_cache.read_picture(kept)
    assert picture is not None and picture.width > 100 and picture.height > 100
    assert len(set(picture.pixels[::4097])) > 2  # not a blank picture

    window, lazy = open_window()
    assert window.preview_picture is not None  # made before the first frame, over the preview's place
    shown = []
    window.preview_picture.shown.connect(lambda: shown.append(window.preview is None))
    window.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == [True]  # painted before Chromium was even started
    qtbot.waitUntil(lambda: window.preview_picture is None, timeout=20000)  # it gave way to the live page
    assert window.preview_holder.front() is window.preview
    assert "Ships gathered." in preview_text(qtbot, window)
    window.close()
    lazy.close()


class PaintCounter(QObject):
    """Counts the paint events a widget gets (its paintEvent has run once each is counted
    and the event loop has turned)."""

    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_a_picture_taken_at_another_size_is_not_painted(qtbot, store_path, settings_file):
    from desktop_editor.storage.snapshot import first_snapshot
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.drafting.preview_picture import PreviewPicture

    with Store(store_path) as setup:
        setup.create_article(Article(headline="Baltic", body="Ships."))
    picture = page_cache.PagePicture(width=300, height=200, ratio=1.0, dark=False, pixels=b"\xff" * (300 * 200 * 4))
    widget = PreviewPicture(picture)
    qtbot.addWidget(widget)
    shown = []
    widget.shown.connect(lambda: shown.append(True))
    widget.resize(300, 200)
    assert widget.fits()
    widget.resize(310, 200)
    assert not widget.fits()
    painted = PaintCounter(widget)
    widget.show()
    qtbot.waitUntil(lambda: painted.count > 0, timeout=20000)  # it has painted (nothing) at its new size
    assert shown == []


def test_a_picture_cut_short_or_of_another_page_is_not_used(tmp_path):
    path = tmp_path / "preview-page.json"
    picture = page_cache.PagePicture(width=4, height=2, ratio=1.0, dark=False, pixels=b"\x01" * 32)
    assert page_cache.write(KeptPage(key(), 7, [], "", "", "<html></html>"), path, picture=picture)
    kept = page_cache.read(key(), path)
    assert page_cache.read_picture(kept, path) == picture
    assert page_cache.read_picture(KeptPage(key(), 7, [], "", "", "", picture_token="other"), path) is None
    stored = page_cache.picture_path(path)
    stored.write_bytes(stored.read_bytes()[:-1])
    assert page_cache.read_picture(kept, path) is None
