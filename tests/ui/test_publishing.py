"""Preflight and export from the window, offscreen, on a real store with real photos."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_editor.core.model import Article
from desktop_editor.core.preflight import Severity
from desktop_editor.ui.app import build_window
from desktop_editor.ui.picture_desk.panel import HANDLE_ROLE
from desktop_editor.workflows import attach_files
from tests.images import photo

DESCRIBED = {"caption": "The bridge at dusk.", "credit": "Jane Doe", "alt": "A steel bridge over a wide river"}


@pytest.fixture
def make_window(qtbot, store, tmp_path):
    windows = []

    def make():
        window = build_window(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()  # no preview: these tests need no Chromium
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.publishing.shutdown()
        window.document.flush()


def checked(qtbot, dialog):
    """dialog, once the check's findings are in (the check runs on a worker)."""
    qtbot.waitUntil(lambda: "Checking" not in summary_of(dialog), timeout=10000)
    return dialog


def summary_of(dialog) -> str:
    label = getattr(dialog, "findings_summary", None) or dialog.summary
    return label.text()


def add_photos(store, tmp_path, article_id, specs):
    """specs: (name, photo keyword arguments); returns the figures added."""
    folder = tmp_path / "photos"
    folder.mkdir(exist_ok=True)
    paths = []
    for name, options in specs:
        path = folder / f"{name}.jpg"
        path.write_bytes(photo(**options))
        paths.append(path)
    added, refused = attach_files(store, article_id, paths)
    assert not refused
    return added


def current_handle(window) -> str | None:
    item = window.image_panel.thumbnails.currentItem()
    return item.data(HANDLE_ROLE) if item is not None else None


def test_preflight_lists_findings_and_each_one_leads_to_its_place(qtbot, make_window, store, tmp_path):
    article = store.create_article(
        Article(headline="", body="The council voted.\n\n![](image:bridge)\n\nWork starts in May.", lead_image="crowd")
    )
    add_photos(store, tmp_path, article.id, [("crowd", {"color": (90, 20, 20)}), ("bridge", {})])
    window = make_window()
    assert current_handle(window) == "crowd"

    dialog = checked(qtbot, window.publishing.show_preflight())
    qtbot.waitExposed(dialog)
    findings = dialog.findings
    assert any(f.severity is Severity.ERROR and f.field == "headline" for f in findings)
    bridge_alt = next(f for f in findings if f.field == "alt" and f.handle == "bridge")
    assert bridge_alt.severity is Severity.ERROR and bridge_alt.line == 3
    assert "errors block export" in dialog.summary.text()
    assert not dialog.export_button.isEnabled()

    dialog.list.activate(findings.index(bridge_alt))
    assert current_handle(window) == "bridge"
    assert window.editor.textCursor().blockNumber() == 2
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor, timeout=2000)

    lead_alt = next(f for f in findings if f.field == "alt" and f.handle == "crowd")
    assert lead_alt.line is None
    dialog.list.activate(findings.index(lead_alt))
    assert current_handle(window) == "crowd"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.image_panel.fields["alt"], timeout=2000)

    headline = next(f for f in findings if f.field == "headline")
    dialog.list.activate(findings.index(headline))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.form.headline, timeout=2000)

    qtbot.keyClicks(window.form.headline, "Bridge vote")
    dialog.recheck_button.click()
    qtbot.waitUntil(lambda: not any(f.field == "headline" for f in dialog.findings), timeout=10000)


def test_export_to_a_folder_from_the_dialog(qtbot, make_window, store, tmp_path):
    article = store.create_article(Article(headline="Bridge opens", body="Intro.\n\n![](image:bridge)\n"))
    add_photos(store, tmp_path, article.id, [("bridge", DESCRIBED)])
    window = make_window()
    dialog = window.publishing.show_export()
    assert not dialog.export_button.isEnabled()  # until the check is in
    checked(qtbot, dialog)
    assert dialog.export_button.isEnabled()
    assert dialog.request().destination.name == "bridge-opens"
    out = tmp_path / "exports" / "bridge-opens"
    dialog.destination.setText(str(out))
    dialog.set_format("zip")
    assert dialog.destination.text().endswith("bridge-opens.zip")
    dialog.set_format("folder")
    assert dialog.destination.text() == str(out)

    with qtbot.waitSignal(window.publishing.controller.finished, timeout=60000) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.is_running, timeout=10000)  # checked first, on a worker
        assert not dialog.export_button.isEnabled()
    assert finished.args == [out]
    assert (out / "index.html").is_file()
    assert any((out / "images").iterdir())
    assert "Bridge opens" in (out / "index.html").read_text(encoding="utf-8")
    assert not dialog.is_running()
    # "Open when done" was on, and nothing here can show a page (no display): it says so, with the path.
    page = out / "index.html"
    said = f"Exported to {out}. No browser or file manager could open it: open {page} yourself."
    assert dialog.status.text() == said and window.statusBar().currentMessage() == said
    # The next export is suggested beside this one.
    assert window.publishing.show_export().request().destination == tmp_path / "exports" / "bridge-opens"


def test_an_article_with_an_error_is_refused_and_nothing_is_written(qtbot, make_window, store, tmp_path):
    article = store.create_article(Article(headline="", body="Intro.\n\n![](image:bridge)\n"))
    add_photos(store, tmp_path, article.id, [("bridge", DESCRIBED)])
    window = make_window()
    dialog = checked(qtbot, window.publishing.show_export())
    assert not dialog.export_button.isEnabled()
    assert "error blocks export" in dialog.findings_summary.text()

    out = tmp_path / "exports" / "refused"
    controller = window.publishing.controller
    with qtbot.waitSignal(controller.refused, timeout=10000) as refused:
        assert controller.start(out, "folder")  # the check starts; it refuses
    assert [f.field for f in refused.args[0]] == ["headline"]
    assert not controller.is_running()
    assert not out.exists() and not out.parent.exists()


def test_cancelling_a_running_export_leaves_nothing(qtbot, make_window, store, tmp_path):
    handles = [f"photo-{n}" for n in range(4)]
    body = "Intro.\n\n" + "\n\n".join(f"![](image:{h})" for h in handles)
    article = store.create_article(Article(headline="Big photos", body=body))
    add_photos(
        store, tmp_path, article.id,
        [(h, {"width": 3000, "height": 2000, "color": (40 * n, 90, 160), **DESCRIBED}) for n, h in enumerate(handles)],
    )  # fmt: skip
    window = make_window()
    controller = window.publishing.controller
    parent = tmp_path / "exports"
    out = parent / "big-photos"
    finished = []
    controller.finished.connect(finished.append)
    with qtbot.waitSignal(controller.cancelled, timeout=60000) as cancelled:
        assert controller.start(out, "folder")
        controller.cancel()
    assert cancelled.args == ["Export cancelled; nothing was written."]
    assert not finished
    assert not out.exists()
    assert not parent.exists() or not any(parent.iterdir())


def test_only_an_earlier_export_is_replaced_and_only_when_the_person_agrees(qtbot, make_window, store, tmp_path, monkeypatch):
    article = store.create_article(Article(headline="Bridge opens", body="Intro.\n\n![](image:bridge)\n"))
    add_photos(store, tmp_path, article.id, [("bridge", DESCRIBED)])
    out = tmp_path / "exports" / "bridge-opens"
    out.mkdir(parents=True)
    (out / "keep.txt").write_text("older work")
    window = make_window()
    controller = window.publishing.controller

    with qtbot.waitSignal(controller.failed, timeout=5000) as failed:
        assert controller.start(out, "folder")
    assert "is not an earlier export" in failed.args[0] or "not an earlier export" in failed.args[0]
    assert (out / "keep.txt").is_file() and not (out / "index.html").exists()

    dialog = window.publishing.show_export()
    dialog.destination.setText(str(out))
    asked = []

    def answer(reply):
        def question(parent, title, text, *args, **kwargs):
            asked.append(text)
            return reply

        return question

    # A folder holding the person's own files is never offered for replacing.
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert window.publishing.export() is False
    assert not asked and not controller.is_running()
    assert "(keep.txt); nothing was replaced or deleted" in dialog.status.text()
    assert (out / "keep.txt").read_text() == "older work" and not (out / "index.html").exists()

    # An earlier export is, and only when the person says yes.
    (out / "keep.txt").unlink()
    with qtbot.waitSignal(controller.finished, timeout=60000):
        assert window.publishing.export() is True
    asked.clear()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    page = (out / "index.html").read_bytes()
    assert window.publishing.export() is False
    assert asked and str(out) in asked[0]
    assert (out / "index.html").read_bytes() == page

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(controller.finished, timeout=60000):
        assert window.publishing.export() is True
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in out.parent.iterdir()) == ["bridge-opens"]
