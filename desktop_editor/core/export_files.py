"""Writing an export safely: a staging folder beside the destination, moved into place in
one rename, with the permissions any publishing tool gives (the umask's), never the
staging folder's private 0700. Nothing is ever written outside the destination.
Pure Python, no Qt.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path


class ExportError(Exception):
    """The export failed; str() is one sentence for the person who asked for it."""


class ExportCancelled(ExportError):
    def __init__(self, message: str = "The export was cancelled; nothing was written.") -> None:
        super().__init__(message)


@functools.cache
def umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def publishable(path: Path) -> None:
    """Give a staged folder (and everything in it) or file the umask's permissions."""
    folder_mode = 0o777 & ~umask()
    file_mode = 0o666 & ~umask()
    if path.is_dir():
        os.chmod(path, folder_mode)
        for root, folders, files in os.walk(path):
            for name in folders:
                os.chmod(os.path.join(root, name), folder_mode)
            for name in files:
                os.chmod(os.path.join(root, name), file_mode)
    else:
        os.chmod(path, file_mode)


def safe_child(folder: Path, name: str) -> Path:
    """folder/name, refusing any name that is not a plain file name."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise ExportError(f"“{name}” is not a safe file name.")
    return folder / name


def check_target(target: Path, wants_folder: bool, force: bool) -> None:
    if not (target.exists() or target.is_symlink()):
        return
    if not force:
        raise ExportError(f"{target} already exists; choose another place or allow replacing it.")
    if wants_folder and not target.is_dir():
        raise ExportError(f"{target} exists and is not a folder; it was not replaced.")
    if not wants_folder and target.is_dir() and not target.is_symlink():
        raise ExportError(f"{target} is a folder; it was not replaced.")


def make_parents(folder: Path) -> list[Path]:
    """Create folder and missing parents; return those created, deepest last."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ExportError(f"The folder {folder} could not be created: a file is in the way.") from None
    except OSError as error:
        raise ExportError(f"The folder {folder} could not be created: {error.strerror or error}.") from None
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder, so nothing can be exported into it.")
    return list(reversed(missing))


def make_staging(target: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(f"Nothing can be written in {target.parent}: {reason}.") from None


def remove_empty(created: list[Path]) -> None:
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            return


def publish(result: Path, target: Path, force: bool) -> None:
    """Move result to target in one rename; an existing target (force) is swapped out."""
    publishable(result)
    exists = target.exists() or target.is_symlink()
    if exists and not force:
        raise ExportError(f"{target} already exists; choose another place or allow replacing it.")
    if result.is_dir():
        if not exists:
            os.rename(result, target)  # fails rather than merge if a folder appeared meanwhile
            return
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(target, old)
        try:
            os.rename(result, target)
        except BaseException:
            os.rename(old, target)
            raise
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink()
        return
    if force:
        os.replace(result, target)
        return
    try:
        os.link(result, target)  # never replaces a file that appeared meanwhile
    except FileExistsError:
        raise ExportError(
            f"{target} already exists; choose another place or allow replacing it."
        ) from None
    except OSError:
        os.replace(result, target)  # a file system without hard links
    else:
        result.unlink()


def _files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path


def write_zip(folder: Path, archive: Path) -> None:
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in _files(folder):
            name = path.relative_to(folder).as_posix()
            stored = path.suffix.lower() in (".jpg", ".jpeg", ".png", ".gif", ".webp")
            bundle.write(
                path, name, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            )
