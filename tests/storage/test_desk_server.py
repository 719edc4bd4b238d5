"""A newsroom's desk server (PostgreSQL): passwords never shown, a silent or lost server a
sentence within seconds, a restart carried over, explicit upgrades, and captions never
overwritten by racing desks. Needs DESKTOP_EDITOR_TEST_POSTGRES (see conftest.py)."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import threading
import time
from contextlib import closing

import pytest
from sqlalchemy.engine import make_url

from desktop_editor.core.model import Article, Figure
from desktop_editor.storage import credentials
from desktop_editor.storage.errors import StoreError
from desktop_editor.storage.failures import NOT_ANSWERING
from desktop_editor.storage.schema import HEAD_REVISION
from desktop_editor.storage.store import Store
from tests.images import photo
from tests.storage.conftest import (
    PASSWORD,
    PASSWORD_USER,
    POSTGRES_URL,
    empty_password_database,
    needs_postgres,
)
from tests.storage.relay import Relay
from tests.storage.test_races import DESKS, REPO, plan

pytestmark = needs_postgres


def password_url(password: str | None) -> str:
    url = make_url(POSTGRES_URL).set(username=PASSWORD_USER, password=password, database="desk_password_test")
    return url.render_as_string(hide_password=False)


@pytest.fixture
def password_database():
    """desk_password_test, emptied, owned by the role that logs in with a password."""
    empty_password_database()
    yield
    credentials.set_password_hook(None)
    credentials.forget_password(make_url(password_url(None)))


def one_sentence(message: str) -> None:
    assert "\n" not in message and "Traceback" not in message and "SELECT" not in message


def test_a_wrong_password_is_one_sentence_that_never_shows_it(password_database, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with pytest.raises(StoreError) as refused:
        Store(password_url("wrong-secret-123"))
    message = str(refused.value)
    one_sentence(message)
    assert "wrong-secret-123" not in message and "refused the password" in message
    assert "desk_with_password@127.0.0.1" in message
    # The window's store host: the password is not on its command line (`ps`), nor in its sentence.
    from desktop_editor.storage.client import StoreClient

    client = StoreClient(password_url("wrong-secret-123"))
    try:
        assert "wrong-secret-123" not in " ".join(client._host.process.args)
        with pytest.raises(StoreError, match="refused the password") as refused:
            client.wait_ready(timeout=30)
        assert "wrong-secret-123" not in str(refused.value)
    finally:
        client.close()
    # The command line too: one sentence on stderr, no password, no traceback.
    cli = subprocess.run(
        [sys.executable, "-c", "import sys; from desktop_editor.cli import main; sys.exit(main())", "list", "--store", password_url("wrong-secret-123")],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert cli.returncode != 0
    assert "wrong-secret-123" not in cli.stderr + cli.stdout and "Traceback" not in cli.stderr
    assert "refused the password" in cli.stderr


def test_the_password_comes_from_pgpass_pgpassword_or_the_hook(password_database, tmp_path, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "nothing-here"))
    with pytest.raises(StoreError, match="asks for a password"):
        Store(password_url(None))
    pgpass = tmp_path / "pgpass"
    port = make_url(POSTGRES_URL).port
    pgpass.write_text(f"127.0.0.1:{port}:desk_password_test:{PASSWORD_USER}:{PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with Store(password_url(None)) as store:  # a fresh database: set up on first open
        store.create_article(Article(headline="Through pgpass"))
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "nothing-here"))
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    with Store(password_url(None)) as store:
        assert store.article_count() == 1
    monkeypatch.delenv("PGPASSWORD")
    asked = []
    credentials.set_password_hook(lambda where: asked.append(where) or PASSWORD)
    with Store(password_url(None)) as store:
        assert store.article_count() == 1
    assert asked == [f"{PASSWORD_USER}@127.0.0.1:{port}/desk_password_test"]


def silent_server() -> tuple[socket.socket, int]:
    """A TCP listener on 127.0.0.1 that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return listener, listener.getsockname()[1]


def test_a_server_that_accepts_and_never_answers_is_a_sentence_within_ten_seconds():
    listener, port = silent_server()
    with closing(listener):
        url = f"postgresql+psycopg://desk@127.0.0.1:{port}/newsroom"
        started = time.monotonic()
        with pytest.raises(StoreError) as refused:
            Store(url)  # the default connect timeout
        assert time.monotonic() - started < 10
        one_sentence(str(refused.value))
        assert "did not answer" in str(refused.value)
        # The window's way: the store host says so, and the window's wait ends.
        from desktop_editor.storage.client import StoreClient

        started = time.monotonic()
        client = StoreClient(url)
        try:
            with pytest.raises(StoreError, match="did not answer"):
                client.wait_ready(timeout=15)
        finally:
            client.close()
        assert time.monotonic() - started < 10


def test_a_lost_server_is_a_sentence_and_the_store_carries_on_when_it_is_back(pg_url):
    relay = Relay(make_url(pg_url).port)
    url = make_url(pg_url).set(port=relay.port).render_as_string(hide_password=False)
    try:
        with Store(url) as store:
            article = store.create_article(Article(headline="Before the restart"))
            relay.cut()  # the server restarted: every pooled connection is dead
            article = store.save_article(article.replace(body="Saved straight after."))
            assert store.get_article(article.id).body == "Saved straight after."
            relay.refusing = True
            relay.cut()  # and now it is gone
            started = time.monotonic()
            with pytest.raises(StoreError) as lost:
                store.save_article(article.replace(body="Typed while it was gone."))
            assert str(lost.value) == NOT_ANSWERING
            assert time.monotonic() - started < 10
            relay.refusing = False  # back
            saved = store.save_article(article.replace(body="Typed while it was gone."))
            assert saved.version == article.version + 1
    finally:
        relay.close()


def test_timeouts_come_from_the_url_and_a_held_row_is_a_sentence(pg_url):
    from sqlalchemy import create_engine, text

    with Store(pg_url + "?lock_timeout=1&statement_timeout=3&connect_timeout=2") as store:
        assert store.timeouts == {"connect_timeout": 2.0, "statement_timeout": 3.0, "lock_timeout": 1.0}
        article = store.create_article(Article(headline="Held"))
        with store.session() as session:
            settings = session.execute(
                text("SELECT current_setting('lock_timeout'), current_setting('statement_timeout'), "
                     "current_setting('application_name')")
            ).one()  # fmt: skip
        assert settings[:2] == ("1s", "3s") and settings[2].startswith("desktop-editor/")
        other = create_engine(pg_url)
        with other.begin() as connection:  # another desk holds the row
            connection.execute(text("SELECT id FROM articles WHERE id = :id FOR UPDATE"), {"id": article.id})
            started = time.monotonic()
            with pytest.raises(StoreError, match="Another desk is saving the same article"):
                store.save_article(article.replace(body="Mine."))
            assert time.monotonic() - started < 5
        other.dispose()
        assert store.save_article(article.replace(body="Mine.")).body == "Mine."


def test_a_shared_store_is_upgraded_only_on_request_and_older_desks_are_told_what_to_install(pg_url):
    from sqlalchemy import create_engine, text

    from tests.storage.conftest import migrate_to

    migrate_to(
        pg_url, "0004_search_and_publish_time",
        "INSERT INTO articles (slug, headline, body, tags, created, updated, standfirst, byline) "
        "VALUES ('old', 'Ferries return to the island', 'Boats.', '[]', now(), now(), '', '')",
    )  # fmt: skip
    with pytest.raises(StoreError, match="desktop-editor upgrade-store") as refused:
        Store(pg_url)
    one_sentence(str(refused.value))
    upgrade = subprocess.run(
        [sys.executable, "-c", "import sys; from desktop_editor.cli import main; sys.exit(main())",
         "upgrade-store", "--store", pg_url],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert upgrade.returncode == 0, upgrade.stderr
    assert f"from schema 0004_search_and_publish_time to {HEAD_REVISION}" in upgrade.stdout
    with Store(pg_url) as store:
        assert [s.slug for s in store.search("ferry")] == ["old"]  # indexed by the upgrade
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
        connection.execute(text("UPDATE store_meta SET value = '9.9.0' WHERE name = 'app_version'"))
    engine.dispose()
    with pytest.raises(StoreError, match="install Desktop Editor 9.9.0 or later"):
        Store(pg_url)


def test_desks_writing_one_caption_at_once_never_overwrite_each_other(pg_url):
    with Store(pg_url) as store:
        article = store.create_article(Article(headline="One caption"))
        data = photo()
        sha256 = hashlib.sha256(data).hexdigest()
        store.put_image(sha256, data, "JPEG", 640, 427, {})
        store.add_figure(article.id, Figure(handle="boat", image_sha256=sha256, caption="A boat."))
        version = store.get_article(article.id).version
    steps = [
        [{"action": "caption", "article_id": article.id, "handle": "boat", "version": version,
          "caption": f"A boat. Desk {desk} adds this."}]
        for desk in range(DESKS)
    ]  # fmt: skip
    import json
    import tempfile

    processes = []
    for desk_steps in steps:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
            json.dump(plan(desk_steps), file)
        processes.append(subprocess.Popen([sys.executable, "-m", "tests.storage.racer", pg_url, file.name],
                                          cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert "Traceback" not in err and process.returncode == 0, err
        outcomes.append(json.loads(out))
    won = [o for o in outcomes if o["ok"]]
    assert len(won) == 1, outcomes
    assert all(o["kind"] == "ConflictError" for o in outcomes if not o["ok"]), outcomes
    with Store(pg_url) as store:
        assert [f.caption for f in store.figures(article.id)] == [won[0]["value"]]
        assert store.get_article(article.id).version == version + 1


def test_the_window_s_store_host_opens_a_desk_server_store(pg_url):
    from desktop_editor.storage.client import StoreClient

    client = StoreClient(pg_url)
    try:
        assert client.wait_ready(timeout=30)
        article = client.create_article(Article(headline="Through the store host"))
        assert client.search("host")[0].id == article.id
        command_line = " ".join(client._host.process.args)
        assert "Through" not in command_line and make_url(pg_url).render_as_string(hide_password=True) in command_line
    finally:
        client.close()


def test_a_server_that_stops_answering_mid_call_is_a_sentence_not_a_hang(pg_url):
    relay = Relay(make_url(pg_url).port)
    url = make_url(pg_url).set(port=relay.port).render_as_string(hide_password=False)
    try:
        with Store(url + "?statement_timeout=1&connect_timeout=1") as store:
            article = store.create_article(Article(headline="Before the server hung"))
            relay.frozen = True
            started = time.monotonic()
            with pytest.raises(StoreError) as hung:
                store.save_article(article.replace(body="Typed while it hung."))
            assert str(hung.value) == NOT_ANSWERING
            assert time.monotonic() - started < 10
            relay.frozen = False
            relay.cut()
            assert store.save_article(article.replace(body="Typed while it hung.")).version == article.version + 1
    finally:
        relay.frozen = False
        relay.close()
