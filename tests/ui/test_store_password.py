"""A desk server that asks for a password: the window asks in a dialog and opens the store
again through a fresh store host. The server tests need DESKTOP_EDITOR_TEST_POSTGRES
(tools/start-test-postgres) and are skipped without it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from sqlalchemy.engine import make_url

from desktop_editor.storage.errors import PasswordRequired, StoreError
from desktop_editor.ui.common.store_opener import LazyStore, password_dialog, wait_asking_password, with_password
from tests.storage.conftest import PASSWORD, PASSWORD_USER, POSTGRES_URL, empty_password_database, needs_postgres

WRONG = "wrong-secret-123"


def answer_dialog(qtbot, seen: dict, text: str | None) -> None:
    """Once the dialog is up: note what it shows, then type text and accept (None: cancel)."""

    def act():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, act)
            return
        field = dialog.findChild(QLineEdit)
        seen.update(label=dialog.labelText(), echo=dialog.textEchoMode(), field_echo=field.echoMode())
        if text is None:
            dialog.reject()
        else:
            qtbot.keyClicks(field, text)
            dialog.accept()

    QTimer.singleShot(0, act)


def test_the_password_dialog_hides_what_is_typed_and_cancel_gives_nothing(qtbot):
    seen = {}
    answer_dialog(qtbot, seen, "s3cret pass")
    assert password_dialog("desk@news.example:5432/newsroom", refused=False) == "s3cret pass"
    assert seen["echo"] == seen["field_echo"] == QLineEdit.EchoMode.Password
    assert "desk@news.example:5432/newsroom" in seen["label"] and "s3cret" not in seen["label"]
    answer_dialog(qtbot, seen, None)
    assert password_dialog("desk@news.example:5432/newsroom", refused=True) is None
    assert "refused" in seen["label"]


def test_a_typed_password_goes_into_the_url_escaped():
    url = with_password("postgresql+psycopg://desk@db.example:5432/news", "p@ss:w/rd")
    assert make_url(url).password == "p@ss:w/rd" and make_url(url).username == "desk"


@pytest.fixture
def password_database(monkeypatch, tmp_path):
    """desk_password_test, emptied, owned by the role that logs in with a password; libpq
    finds no password of its own (no PGPASSWORD, no ~/.pgpass)."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "nothing-here"))
    empty_password_database()
    url = make_url(POSTGRES_URL).set(username=PASSWORD_USER, password=None, database="desk_password_test")
    return url.render_as_string(hide_password=False)


@needs_postgres
def test_the_window_asks_for_a_desk_servers_password_and_opens_with_it(qtbot, password_database):
    where = f"{PASSWORD_USER}@127.0.0.1:{make_url(POSTGRES_URL).port}/desk_password_test"
    asked = []

    def ask(server, refused):
        asked.append((server, refused))
        return WRONG if len(asked) == 1 else PASSWORD

    store = wait_asking_password(LazyStore(password_database), ask)
    try:
        assert asked == [(where, False), (where, True)]  # none given, then a wrong one refused
        assert store.ready and store.article_count() == 0
        command_line = " ".join(store._host.process.args)
        assert PASSWORD not in command_line and PASSWORD_USER in command_line  # never where `ps` shows it
    finally:
        store.close()


@needs_postgres
def test_cancelling_or_three_wrong_passwords_end_in_one_sentence_without_the_password(qtbot, password_database):
    with pytest.raises(PasswordRequired) as cancelled:
        wait_asking_password(LazyStore(password_database), lambda where, refused: None)
    assert "asks for a password" in str(cancelled.value) and not cancelled.value.refused
    asked = []
    with pytest.raises(StoreError) as refused:
        wait_asking_password(LazyStore(password_database), lambda where, was_refused: asked.append(was_refused) or WRONG)
    assert asked == [False, True, True]
    assert "refused the password" in str(refused.value) and WRONG not in str(refused.value)
