"""Writing an export safely: a staging folder beside the destination, moved into place in
one rename, with the permissions any publishing tool gives (the umask's), never the
staging folder's private 0700. Nothing is ever written outside the destination.
Pure Python, no Qt.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import tempfile
import threading
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

from desktop_editor.core.export_marks import replace_refusal, undeletable, zip_mark


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


def check_target(target: Path, format: str, force: bool) -> None:
    """Refuse a target that exists unless force is given and it is an earlier export of
    this app (or an empty folder): nothing else is ever replaced."""
    if not (target.exists() or target.is_symlink()):
        return
    refusal = replace_refusal(target, format)
    if refusal is not None:
        raise ExportError(refusal)
    if not force:
        raise ExportError(f"{target} already exists; choose another place or allow replacing it.")


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


_STOPS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP while the old export and the new one are
    swapped, so a stop lands before or after the swap, never half-way through it."""
    if threading.current_thread() is not threading.main_thread():
        yield  # the signals are the main thread's to take
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def publish(result: Path, target: Path, format: str, force: bool) -> None:
    """Move result to target in one rename. An existing target is replaced only with force
    and only when it is an earlier export of this app; when the earlier export cannot be
    swapped out and removed whole, it is left as it was and the error says so."""
    publishable(result)
    exists = target.exists() or target.is_symlink()
    if exists:
        check_target(target, format, force)
    if result.is_dir():
        if not exists:
            os.rename(result, target)  # fails rather than merge if a folder appeared meanwhile
            return
        blocked = undeletable(target)
        if blocked is not None:
            raise ExportError(
                f"The earlier export in {target} cannot be removed ({blocked} is read-only); "
                "it was left as it was and nothing was replaced."
            )
        with _uninterrupted():
            _swap_folder(result, target)
        return
    if exists:
        os.replace(result, target)  # one rename: the earlier export, or the new one
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


def _swap_folder(result: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    os.rename(target, old)
    try:
        os.rename(result, target)
    except OSError as error:
        os.rename(old, target)
        raise ExportError(
            f"The export could not replace {target} ({error.strerror or error}); the earlier "
            "export was put back."
        ) from None
    failures: list[OSError] = []
    shutil.rmtree(old, onerror=lambda _function, _path, error: failures.append(error[1]))
    if failures:  # the old one could not go: put it back rather than leave it beside
        os.rename(target, result)
        os.rename(old, target)
        shutil.rmtree(result, ignore_errors=True)
        reason = failures[0].strerror or str(failures[0])
        raise ExportError(
            f"The earlier export in {target} could not be removed ({reason}); it was put back "
            "and the new export was not written."
        )


def _files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path


def write_zip(folder: Path, archive: Path) -> None:
    """The folder's files at the root of a zip, marked as an export in its comment."""
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in _files(folder):
            name = path.relative_to(folder).as_posix()
            stored = path.suffix.lower() in (".jpg", ".jpeg", ".png", ".gif", ".webp")
            bundle.write(
                path, name, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            )
        bundle.comment = zip_mark(bundle)
