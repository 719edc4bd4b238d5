"""Opening a store safely: refuse what is not ours, upgrade what is older, never touch a refusal.

Every check before an upgrade reads the file through a read-only SQLite connection, so a
refused file stays byte-for-byte as it was. Alembic is imported only when a store actually
needs creating or upgrading, which keeps the everyday start fast.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from typing import TYPE_CHECKING

from desktop_editor import __version__
from desktop_editor.storage.errors import StoreBusy, StoreError

# Every schema revision this version knows, oldest first. The last one is the head.
SCHEMA_REVISIONS = (
    "0001_drafting", "0002_picture_desk", "0003_full_revisions", "0004_search_and_publish_time",
    "0005_desk_server", "0006_newsroom_words", "0007_replicas", "0008_workflow",
    "0009_change_counter", "0010_review", "0011_dateline_kicker", "0012_presence",
)
HEAD_REVISION = SCHEMA_REVISIONS[-1]
# pg_advisory_xact_lock's key while a desk sets up or upgrades a shared store ("DEsk").
MIGRATION_LOCK_KEY = 0x4445736B


# The package's own version: reading the installed metadata instead would cost the window
# about 100 ms at start-up (this module is on its path, through storage.snapshot).
APP_VERSION = __version__

if TYPE_CHECKING:
    from sqlalchemy import Connection


def check_sqlite_file(path: Path) -> str | None:
    """Return the file's schema revision (None for a new or empty file), or refuse it.

    The file is only ever read through SQLite, never with a plain open(): POSIX locks belong
    to the process, so closing any other descriptor of the file would silently drop the
    locks of every SQLite connection this process has open on it (another Store, the
    start-up snapshot), and another program could then checkpoint or delete the WAL under
    them.
    """
    if not path.exists():
        if not path.parent.exists():
            return None
        if not os.access(path.parent, os.W_OK):
            raise StoreError(f"Cannot create a store in {path.parent}: the folder is read-only.")
        return None
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a Desktop Editor store.")
    try:
        if path.stat().st_size == 0:
            return None  # an empty file is an empty database
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror}.") from None
    if not os.access(path, os.R_OK):
        raise StoreError(f"Cannot read {path}: Permission denied.")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            row = required = None
            if tables:
                if "alembic_version" not in tables or "articles" not in tables:
                    raise StoreError(
                        f"{path} is a SQLite database from another program, not a Desktop "
                        "Editor store; it was left untouched."
                    )
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                if "store_meta" in tables:
                    meta = connection.execute("SELECT value FROM store_meta WHERE name = 'app_version'").fetchone()
                    required = meta[0] if meta else None
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise StoreBusy(f"{path} is locked by another program; close it and try again.") from None
        if not _location_writable(path):
            raise _read_only(path) from None
        raise StoreError(f"{path} cannot be read as a store: {error}.") from None
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise StoreError(
                f"{path} is not a Desktop Editor store: it is not a SQLite database."
            ) from None
        raise StoreError(f"{path} is damaged or not a SQLite database; it was left untouched.") from None
    if not _location_writable(path):
        raise _read_only(path)
    if not tables:
        return None
    revision = row[0] if row else None
    check_revision_known(revision, str(path), required)
    return revision


def _read_only(path: Path) -> StoreError:
    return StoreError(
        f"{path} is in a read-only location; it was not opened, so that no typing can be "
        "lost. Copy it somewhere writable or choose another store."
    )


def _location_writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def check_revision_known(revision: str | None, where: str, required: str | None = None) -> None:
    if revision is not None and revision not in SCHEMA_REVISIONS:
        refuse_newer(revision, where, required)


def refuse_newer(revision: str, where: str, required: str | None) -> None:
    """A store from a newer version: say which version to install, when the store says."""
    wanted = f"Please install Desktop Editor {required} or later." if required else "Please update Desktop Editor."
    raise StoreError(
        f"{where} was made by a newer version of Desktop Editor (schema {revision}); "
        f"this version ({APP_VERSION}) cannot open it and left it untouched. {wanted}"
    )


def required_app_version(connection: Connection) -> str | None:
    """The version of Desktop Editor that last set up or upgraded the store (store_meta,
    from schema 0005), which every desk needs at least; None when the store does not say."""
    from sqlalchemy import inspect, text

    try:
        if not inspect(connection).has_table("store_meta"):
            return None
        return connection.execute(text("SELECT value FROM store_meta WHERE name = 'app_version'")).scalar()
    except Exception:
        return None


def record_app_version(connection: Connection) -> None:
    """Note in the store which version set it up or upgraded it, for older desks to be told."""
    from sqlalchemy import text

    connection.execute(
        text("UPDATE store_meta SET value = :version WHERE name = 'app_version'"), {"version": APP_VERSION}
    )


def current_revision(connection: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_before_upgrade(path: Path, revision: str) -> Path:
    """Keep a copy of a store before its schema is upgraded.

    Copied page by page with SQLite's backup API, never with shutil.copy: the store has
    a connection open in this process while this runs, and closing a plain descriptor of
    the file would drop its locks. The copy is a consistent snapshot, WAL included; if it
    cannot be completed, no half-written copy is left behind.
    """
    backup = path.with_name(f"{path.name}.before-{HEAD_REVISION}-from-{revision}.bak")
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(backup)
        try:
            source.backup(target)
        finally:
            target.close()
    except BaseException:
        backup.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return backup


def upgrade(connection: Connection) -> None:
    """Run Alembic migrations up to the head on an open connection."""
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("desktop_editor.storage").joinpath("migrations"))
    )
    config.attributes["connection"] = connection
    command.upgrade(config, "head")

