"""The library says who else has an article open, as the window's own sync with the desk
hears it: a real store host on a laptop's file, a real desk file, another laptop noting on
the desk that it shows the story."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from desktop_editor.core.model import Article
from desktop_editor.storage import presence
from desktop_editor.storage.client import StoreClient
from desktop_editor.storage.store import Store
from desktop_editor.storage.sync import sync
from desktop_editor.ui.app import build_window


@pytest.fixture
def laptop_window(qtbot, tmp_path, monkeypatch):
    desk = tmp_path / "desk.sqlite"
    monkeypatch.setenv("DESKTOP_EDITOR_DESK", str(desk))
    with Store(tmp_path / "laptop.sqlite") as laptop:
        laptop.create_article(Article(headline="Schools", body="Exam results are out."))
        laptop.create_article(Article(headline="Council votes", body="The vote was close."))
    client = StoreClient(str(tmp_path / "laptop.sqlite"))
    client.wait_ready(30)
    window = build_window(client, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, desk
    window.close()
    client.close()


def test_a_story_open_on_another_laptop_says_so_in_the_library(qtbot, laptop_window, tmp_path):
    window, desk_path = laptop_window
    def on_the_desk() -> int:
        if not desk_path.exists():
            return 0
        with Store(desk_path) as desk:
            return desk.article_count()

    qtbot.waitUntil(lambda: on_the_desk() == 2, timeout=20000)  # the window's first sync sent them
    with Store(tmp_path / "other.sqlite") as other, Store(desk_path) as desk:
        sync(other, desk, "laptop 2", "desk")
        story = other.find_article("council-votes")
        presence.exchange(other, desk, story.id, "Sam Jones", "laptop-2")

    def council_row() -> str:
        library = window.library.list
        texts = [library.item(r).text() for r in range(library.count())]
        return next((t for t in texts if t.startswith("Council votes")), "")

    qtbot.waitUntil(lambda: "Also open: Sam Jones on laptop-2" in council_row(), timeout=20000)
    assert not any("Also open" in window.library.list.item(r).text()
                   for r in range(window.library.list.count()) if not window.library.list.item(r).text().startswith("Council"))  # fmt: skip
