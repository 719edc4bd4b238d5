"""Preferences in the window: one typed object, checked when read, edited in one dialog;
and moving the store from there while the window works on it."""

from __future__ import annotations


from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_editor.core import house_style
from desktop_editor.core.export import ExportFormat
from desktop_editor.core.model import Article
from desktop_editor.core.preferences import DEFAULTS
from desktop_editor.storage import location
from desktop_editor.ui.app import build_window
from desktop_editor.ui.shell.preferences_dialog import PreferencesDialog
from desktop_editor.ui.common.settings import AppSettings

def settings_in(tmp_path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_stored_preferences_are_checked_and_only_differences_are_kept(tmp_path, qtbot):
    settings = settings_in(tmp_path)
    raw = settings._settings
    assert settings.preferences() == DEFAULTS and settings.credit_required
    for key, value in {"preferences/export_format": "pdf", "editor/font_size": "huge",
                       "preferences/check_spelling": "perhaps", "preferences/spelling_languages": "en-GB,cy"}.items():  # fmt: skip
        raw.setValue(key, value)
    house_style.settings_path().parent.mkdir(parents=True, exist_ok=True)
    house_style.settings_path().write_text("credit_required = 3\n")  # a mistake in the shared file
    read = settings.preferences()
    assert read == DEFAULTS.replace(spelling_languages=("en-GB", "cy"))
    assert (settings.export_format, settings.font_size, settings.check_spelling) == ("folder", 12, True)
    assert settings.spelling_languages == ("en-GB", "cy") and settings.credit_required is True
    changes = []
    settings.preferences_changed.connect(changes.append)
    chosen = read.replace(credit_required=False, export_format="zip", check_spelling=False, spelling_languages=())
    settings.set_preferences(chosen)
    assert settings.preferences() == chosen and changes == [chosen]
    assert house_style.load().credit_required is False  # the command line reads the same
    assert raw.value("preferences/export_format") == "zip"
    assert not raw.contains("preferences/spelling_languages") and not raw.contains("editor/font_size")
    settings.set_geometry("window", b"geometry")
    settings.last_article_id = 7
    assert settings.preferences() == chosen  # UI state is kept apart from preferences
    assert {key for key in raw.allKeys() if key.startswith("state/")} == {"state/window", "state/last_article"}


def test_the_dialog_edits_every_preference(tmp_path, qtbot):
    moves = []
    dialog = PreferencesDialog(DEFAULTS, "/home/desk/articles.sqlite", lambda: moves.append(1) or "/srv/news/articles.sqlite")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.credit_required.isChecked() and dialog.check_spelling.isChecked()
    assert dialog.export_format.currentData() == "folder"
    assert dialog.grab().save(str(tmp_path / "preferences.png"))  # to look at: pytest --basetemp
    dialog.spelling_languages.setText("English")
    assert not dialog.ok_button.isEnabled() and "en-GB" in dialog.problem.text()
    dialog.spelling_languages.setText("en-GB, cy")
    dialog.credit_format.setText("Photo: {credit}")
    dialog.credit_required.setChecked(False)
    dialog.export_format.setCurrentIndex(dialog.export_format.findData("single"))
    assert dialog.ok_button.isEnabled()
    dialog.move_button.click()
    assert moves == [1] and dialog.store_location.text() == "/srv/news/articles.sqlite"
    assert dialog.preferences() == DEFAULTS.replace(
        credit_format="Photo: {credit}", credit_required=False, export_format="single", spelling_languages=("en-GB", "cy")
    )


def test_the_export_dialog_starts_on_the_preferred_format(qtbot, store, tmp_path):
    store.create_article(Article(headline="Bridge", body="Text."))
    window = build_window(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.settings.set_preferences(window.settings.preferences().replace(export_format="zip"))
    dialog = window.publishing.show_export()
    assert dialog.request().format is ExportFormat.ZIP and dialog.destination.text().endswith("bridge.zip")
    dialog.close()
    window.close()


def test_moving_the_store_from_the_window_switches_to_the_checked_copy(qtbot, store_path, tmp_path, monkeypatch):
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.shell.preferences import move_store
    from desktop_editor.ui.common.store_opener import LazyStore

    with Store(store_path) as setup:
        article = setup.create_article(Article(headline="Bridge", body="First line."))
    location.remember_store(store_path)  # the window's store is the default one
    lazy = LazyStore(location.resolve_location())
    window = build_window(lazy, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.start()
    qtbot.waitUntil(lambda: window.document.article is not None, timeout=10000)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " Typed before the move.")
    target = tmp_path / "moved" / "articles.sqlite"
    target.parent.mkdir()
    said = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    assert move_store(window, window) == str(target)
    assert said == [f"The store now lives at {target}; the old file is still at {store_path}, to delete once you no longer need it."]
    assert lazy.location == location.store_url(target)
    assert location.resolve_location() == location.store_url(target)  # the next start opens it
    qtbot.keyClicks(window.editor, " Typed after.")
    window.close()
    with Store(target) as moved, Store(store_path) as old:
        assert moved.get_article(article.id).body == "First line. Typed before the move. Typed after."
        assert old.get_article(article.id).body == "First line. Typed before the move."
    said.clear()
    assert move_store(window, window) is None  # the file is there now: refused, one sentence
    assert said == [f"{target} already exists: choose a new file name (nothing was copied)."]
    lazy.close()


def test_edit_preferences_keeps_what_the_dialog_chose_and_moves_the_store_from_it(qtbot, store_path, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from desktop_editor.storage.store import Store
    from desktop_editor.ui.common.store_opener import LazyStore

    with Store(store_path) as setup:
        setup.create_article(Article(headline="Bridge", body="Text."))
    lazy = LazyStore(str(store_path))
    window = build_window(lazy, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    target = tmp_path / "moved.sqlite"
    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(f"warning: {text}"))

    def choose(dialog) -> int:
        shown.append(dialog.store_location.text())
        dialog.export_format.setCurrentIndex(dialog.export_format.findData("markdown"))
        dialog.move_button.click()
        shown.append(dialog.store_location.text())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", choose)
    window.actions.preferences.trigger()
    assert window.settings.export_format == "markdown"
    assert len(shown) == 3 and shown[0] == str(store_path) and shown[-1] == str(target), shown
    assert shown[1].startswith(f"The store now lives at {target}; the old file is still at {store_path}")
    assert "--store or DESKTOP_EDITOR_STORE" in shown[1]  # not the default store: the default is unchanged
    assert location.remembered_store() == ""
    window.close()
    lazy.close()


def test_the_desk_server_is_set_in_preferences_and_never_with_its_password(tmp_path, qtbot):
    from desktop_editor.ui.common.sync_watch import desk_setting

    settings = settings_in(tmp_path)
    dialog = PreferencesDialog(settings.preferences())
    qtbot.addWidget(dialog)
    dialog.desk.setText("postgresql+psycopg://reporter:hunter2@desk.example/newsroom")
    assert not dialog.ok_button.isEnabled() and "~/.pgpass" in dialog.problem.text()
    dialog.desk.setText(" postgresql+psycopg://reporter@desk.example/newsroom ")
    assert dialog.ok_button.isEnabled() and not dialog.problem.isVisibleTo(dialog)
    settings.set_preferences(dialog.preferences())
    wanted = "postgresql+psycopg://reporter@desk.example/newsroom"
    assert settings.preferences().desk == wanted
    assert house_style.load_lenient().desk == wanted and desk_setting() == wanted  # the command line's `sync` too
    assert "hunter2" not in house_style.settings_path().read_text()


def test_workflow_shortcuts_are_set_in_preferences_and_a_bad_one_is_said_in_one_sentence(tmp_path, qtbot):
    from desktop_editor.core import workflow

    settings = settings_in(tmp_path)
    dialog = PreferencesDialog(settings.preferences())
    qtbot.addWidget(dialog)
    dialog.workflow_shortcuts.setText("draft->nowhere")
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "Workflow shortcuts: “draft->nowhere” is not a move between two states, e.g. “draft->ready”."
    dialog.workflow_shortcuts.setText("killed->draft")
    assert not dialog.ok_button.isEnabled() and "a killed story stays killed" in dialog.problem.text()
    dialog.workflow_shortcuts.setText(" draft->ready ,")
    assert dialog.ok_button.isEnabled() and not dialog.problem.isVisibleTo(dialog)
    settings.set_preferences(dialog.preferences())
    assert settings.preferences().workflow_shortcuts == "draft->ready"
    assert house_style.load().workflow_shortcuts == "draft->ready"  # the command line's `status` too
    table = workflow.lenient_table(settings.house_style().workflow_shortcuts)
    assert "ready" in table.allowed("draft")
    house_style.settings_path().write_text('workflow_shortcuts = "draft->?"\n')  # typed into the file by hand
    assert settings.preferences().workflow_shortcuts == ""  # the window opens with the plain table


def test_suggesting_by_itself_is_chosen_for_the_house_and_a_bad_value_in_the_file_is_named(tmp_path, qtbot):
    settings = settings_in(tmp_path)
    dialog = PreferencesDialog(settings.preferences())
    qtbot.addWidget(dialog)
    assert dialog.suggesting_from.currentText() == "As each person chooses"
    dialog.suggesting_from.setCurrentIndex(dialog.suggesting_from.findData("subbing"))
    settings.set_preferences(dialog.preferences())
    assert house_style.load().suggesting_from == "subbing"  # every desk reading the house style
    assert PreferencesDialog(settings.preferences()).suggesting_from.currentData() == "subbing"
    house_style.settings_path().write_text('suggesting_from = "always"\n')
    try:
        house_style.load()
    except house_style.HouseStyleError as error:
        assert "suggesting_from must be one of subbing, legal, ready" in str(error)
    else:
        raise AssertionError("a suggesting_from no state names was read as if it were one")
    assert settings.preferences().suggesting_from == ""  # the window opens as each person chooses
