"""Moving a SQLite store to a new file: copy, verify, and only then is it the store.

The copy is made with SQLite's online backup API from a connection of its own, never by
copying the file's bytes: a live store in WAL mode keeps recent commits in its -wal file,
and a byte copy taken while the store host writes would be torn. The backup is a
consistent snapshot, written beside the target under a temporary name; it is checked
(`PRAGMA integrity_check`, the same number of articles and images as the original, the
same schema revision) and only then given the target's name. The original is left where
it was. Every refusal is one sentence (StoreMoveError); nothing half-copied is left behind.

Imports no Qt and no SQLAlchemy: the window runs this on a worker thread, the command line
(`desktop-editor move-store`) directly.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_editor.storage.errors import StoreError
from desktop_editor.storage.location import hide_password, sqlite_path

PAGES_PER_STEP = 1024  # pages copied between progress reports (4 MB at SQLite's default page)
SPACE_MARGIN = 8 * 1024 * 1024  # free space kept beyond the copy's size


class StoreMoveError(StoreError):
    """The store cannot be moved there; str() is one sentence, and nothing was changed."""


@dataclass(frozen=True)
class MovedStore:
    source: Path
    target: Path
    articles: int
    images: int
    revision: str | None

    def sentence(self) -> str:
        return f"The store now lives at {self.target}; the old file is still at {self.source}, to delete once you no longer need it."


Progress = Callable[[int, int], None]  # pages copied, pages in all


def check_source(source_url: str) -> Path:
    """The store's file, or a StoreMoveError saying why this store cannot be moved."""
    source = sqlite_path(source_url)
    if source is None:
        if "://" in source_url and not source_url.startswith("sqlite"):
            raise StoreMoveError(
                f"The store at {hide_password(source_url)} is on a database server shared by the desks; "
                "it is moved by whoever runs the server, not from a desk."
            )
        raise StoreMoveError("Only a store kept in a file can be moved.")
    if not source.is_file():
        raise StoreMoveError(f"There is no store at {source} to move.")
    return source


def check_target(source_url: str, target: str | Path) -> tuple[Path, Path]:
    """(source file, target file), or a StoreMoveError saying why the store cannot go there."""
    source = check_source(source_url)
    target = Path(target).expanduser().absolute()
    if target.exists() or target.is_symlink():
        raise StoreMoveError(f"{target} already exists: choose a new file name (nothing was copied).")
    folder = target.parent
    if not folder.is_dir():
        raise StoreMoveError(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreMoveError(f"The folder {folder} is not writable: choose another place for the store.")
    needed = sum(_size(source.with_name(source.name + suffix)) for suffix in ("", "-wal"))
    free = _free_space(folder)
    if free is not None and free < needed + SPACE_MARGIN:
        raise StoreMoveError(
            f"There is not enough free space in {folder} for the store "
            f"({_megabytes(needed)} needed, {_megabytes(free)} free)."
        )
    return source, target


def move_store(source_url: str, target: str | Path, progress: Progress | None = None) -> MovedStore:
    """Copy the store at source_url to the new file target and verify the copy.

    The caller switches to the copy (and remembers it) once this returns; the original file
    stays where it was. Raises StoreMoveError with one sentence when it cannot be done."""
    source, target = check_target(source_url, target)
    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.moving")
    try:
        counts = _copy(source, staging, progress)
        copied = _verify(staging)
        if copied != counts:
            raise StoreMoveError(
                f"The copy at {target} did not match the store (articles, images, schema: {copied} "
                f"against {counts}); it was removed and the store was not moved."
            )
        _sync_file(staging)
        try:
            os.link(staging, target)  # never over a file that appeared meanwhile
        except FileExistsError:
            raise StoreMoveError(f"{target} already exists: choose a new file name (nothing was copied).") from None
        except OSError:
            if target.exists():
                raise
            os.rename(staging, target)
        _sync_folder(target.parent)
    except StoreMoveError:
        raise
    except (sqlite3.Error, OSError) as error:
        raise StoreMoveError(_failure(error, source, target)) from None
    finally:
        for leftover in (staging, *(staging.with_name(staging.name + s) for s in ("-wal", "-shm", "-journal"))):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
    articles, images, revision = counts
    return MovedStore(source, target, articles, images, revision)


def in_use(path: Path) -> bool:
    """Whether another connection has the store open (a window's store host, another
    command): in WAL mode each holds a shared lock for as long as it is open, so an
    exclusive lock is refused at once."""
    connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()


def _copy(source: Path, staging: Path, progress: Progress | None) -> tuple[int, int, str | None]:
    """Back the store up into staging page by page; the store's counts, read in the same
    snapshot as the last page copied. The copy is left as one file (no -wal beside it)."""
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        writer = sqlite3.connect(staging, isolation_level=None)
        try:

            def report(_status, remaining, total):
                if progress is not None:
                    progress(total - remaining, total)

            reader.backup(writer, pages=PAGES_PER_STEP, progress=report)
            writer.execute("PRAGMA journal_mode=DELETE")  # the store host turns WAL on when it opens it
            writer.execute("PRAGMA synchronous=FULL")
        finally:
            writer.close()
        return _counts(reader)
    finally:
        reader.close()


def _verify(staging: Path) -> tuple[int, int, str | None]:
    copy = sqlite3.connect(f"{staging.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise StoreMoveError(f"The copy failed SQLite's integrity check ({result[0]}); the store was not moved.")
        return _counts(copy)
    finally:
        copy.close()


def _counts(connection: sqlite3.Connection) -> tuple[int, int, str | None]:
    try:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        images = connection.execute("SELECT count(*) FROM images").fetchone()[0]
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise StoreMoveError(f"This file is not a Desktop Editor store ({error}).") from None
    return articles, images, row[0] if row else None


def _failure(error: BaseException, source: Path, target: Path) -> str:
    text = str(error).lower()
    if getattr(error, "errno", None) == errno.ENOSPC or "disk is full" in text or "disk full" in text:
        return f"The disk holding {target.parent} is full: the store was not moved (it is still at {source})."
    if getattr(error, "errno", None) in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text or "read-only" in text:
        return f"{target.parent} is not writable: the store was not moved (it is still at {source})."
    if "locked" in text or "busy" in text:
        return f"The store at {source} is busy; try again in a moment (nothing was moved)."
    reason = getattr(error, "strerror", None) or str(error)
    return f"The store could not be copied to {target} ({reason}); it is still at {source}."


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _free_space(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _megabytes(size: int) -> str:
    return f"{max(size, 0) / 1e6:,.1f} MB"


def _sync_file(path: Path) -> None:
    with open(path, "rb") as file:
        os.fsync(file.fileno())


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
