"""The desk server for the storage tests: DESKTOP_EDITOR_TEST_POSTGRES, a SQLAlchemy URL of
an empty database (tools/start-test-postgres prints one; .ci/run sets it). Tests that need
it are skipped without it."""

from __future__ import annotations

import os

import pytest

POSTGRES_URL = os.environ.get("DESKTOP_EDITOR_TEST_POSTGRES")
needs_postgres = pytest.mark.skipif(
    not POSTGRES_URL, reason="DESKTOP_EDITOR_TEST_POSTGRES is not set (no PostgreSQL server here)"
)


def empty_postgres(url: str | None = None) -> str:
    """The test server's database, emptied; returns its URL."""
    from sqlalchemy import create_engine, text

    url = url or POSTGRES_URL
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return url


# A role that logs in with a password, and its database (tools/start-test-postgres makes them).
PASSWORD_USER, PASSWORD = "desk_with_password", "correct-horse-battery"


def empty_password_database() -> None:
    """desk_password_test, emptied, owned by PASSWORD_USER; skips the test on a server that
    has no such database."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(make_url(POSTGRES_URL).set(database="desk_password_test"))
    try:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public AUTHORIZATION {PASSWORD_USER}"))
    except Exception:
        pytest.skip("the test server has no desk_password_test database (an older tools/start-test-postgres)")
    finally:
        engine.dispose()


@pytest.fixture
def pg_url() -> str:
    if not POSTGRES_URL:
        pytest.skip("DESKTOP_EDITOR_TEST_POSTGRES is not set (no PostgreSQL server here)")
    return empty_postgres()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request, tmp_path) -> str:
    """An empty store's URL on each backend: a SQLite file, and the desk server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.sqlite'}"
    if not POSTGRES_URL:
        pytest.skip("DESKTOP_EDITOR_TEST_POSTGRES is not set (no PostgreSQL server here)")
    return empty_postgres()


def migrate_to(url: str, revision: str, *statements: str) -> None:
    """A database brought to an older schema revision, then statements run on it (what a
    desk running that version wrote), in one transaction."""
    from importlib import resources

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(resources.files("desktop_editor.storage").joinpath("migrations")))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()
