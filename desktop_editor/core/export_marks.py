"""The mark every export carries, so that a later export replaces only what this app wrote.

- A folder (HTML or Markdown bundle) holds MARK_FILE: the path, size and SHA-256 of every
  file the export wrote.
- A zip carries in its comment the SHA-256 of its members' names, sizes and CRCs.
- A single HTML file ends with a comment holding the SHA-256 of everything before it.

replace_refusal() recognises an earlier export only when its mark matches what is there
now, byte for byte: a folder with anything else in it (notes.txt, a changed page), a file
that is not an export or was changed since, a link, are refused with one sentence, and so
nothing a person made is ever deleted or overwritten. An empty folder may be replaced too.
Pure Python, no Qt.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import zipfile
from pathlib import Path

MARK_FILE = ".desktop-editor-export"
_MAKER = "Desktop Editor"
_ZIP_MARK = re.compile(rb"^Desktop Editor export ([0-9a-f]{64})$")
_HTML_MARK = re.compile(rb"<!-- Desktop Editor export ([0-9a-f]{64}) -->\n?$")
_MARK_LIMIT = 4 << 20  # a mark file larger than this was not written by an export
_SHOWN = 3  # names given in a refusal before "and N more"


def _digest(path: Path, limit: int | None = None) -> str:
    """SHA-256 of the file's first limit bytes (all of it without a limit), read in chunks."""
    digest = hashlib.sha256()
    left = os.path.getsize(path) if limit is None else limit
    with open(path, "rb") as file:
        while left > 0 and (chunk := file.read(min(left, 1 << 20))):
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def _listing(folder: Path) -> dict[str, dict]:
    files = {}
    for root, _folders, names in os.walk(folder):
        for name in names:
            path = Path(root, name)
            relative = path.relative_to(folder).as_posix()
            if relative != MARK_FILE:
                files[relative] = {"size": path.stat().st_size, "sha256": _digest(path)}
    return files


def mark_folder(folder: Path) -> None:
    """Write the mark of the export in folder, listing everything written so far."""
    mark = {"made_by": _MAKER, "version": 1, "files": _listing(folder)}
    (folder / MARK_FILE).write_text(json.dumps(mark, indent=1, sort_keys=True), encoding="utf-8")


def zip_mark(archive: zipfile.ZipFile) -> bytes:
    """The comment that marks a zip export: a digest of its members as listed."""
    listing = "\n".join(f"{i.filename}\t{i.file_size}\t{i.CRC}" for i in sorted(archive.infolist(), key=lambda i: i.filename))
    return f"{_MAKER} export {hashlib.sha256(listing.encode('utf-8')).hexdigest()}".encode("ascii")


def mark_html(html: str) -> str:
    """The page with the mark of a single-file export at its end."""
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
    return f"{html}<!-- {_MAKER} export {digest} -->\n"


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:_SHOWN])
    return shown + (f" and {len(names) - _SHOWN:,} more" if len(names) > _SHOWN else "")


def _folder_refusal(target: Path) -> str | None:
    found: list[str] = []
    folders: set[str] = set()
    for root, subfolders, names in os.walk(target):
        for name in subfolders:
            if Path(root, name).is_symlink():
                found.append(Path(root, name).relative_to(target).as_posix())
        for name in names:
            found.append(Path(root, name).relative_to(target).as_posix())
        folders.add(Path(root).relative_to(target).as_posix())
    if not found and folders == {"."}:
        return None  # an empty folder: nothing in it to lose
    unknown = f"{target} holds files that are not an earlier export of Desktop Editor"
    refusal = "; nothing was replaced or deleted. Choose a new or empty folder."
    try:
        mark_path = target / MARK_FILE
        if not stat.S_ISREG(os.lstat(mark_path).st_mode) or os.lstat(mark_path).st_size > _MARK_LIMIT:
            raise ValueError
        mark = json.loads(mark_path.read_text(encoding="utf-8"))
        listed = mark["files"] if mark.get("made_by") == _MAKER else None
        if not isinstance(listed, dict):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return f"{unknown} ({_names(sorted(found))}){refusal}"
    strangers = []
    for name in sorted(found):
        if name == MARK_FILE:
            continue
        path = target / name
        entry = listed.get(name)
        if (
            not isinstance(entry, dict)
            or path.is_symlink()
            or not path.is_file()
            or path.stat().st_size != entry.get("size")
            or _digest(path) != entry.get("sha256")
        ):
            strangers.append(name)
    implied = {"."} | {Path(name).parent.as_posix() for name in listed} | {
        parent.as_posix() for name in listed for parent in Path(name).parents
    }
    strangers += sorted(f"{name}/" for name in folders - implied)
    if strangers:
        return (
            f"{target} is an earlier export, but it holds files the export did not write or that "
            f"were changed since ({_names(strangers)}){refusal}"
        )
    return None


def _file_refusal(target: Path, zip_export: bool) -> str | None:
    refusal = f"{target} is not an earlier Desktop Editor export (or it was changed since); it was not replaced. Choose another name."
    try:
        if zip_export:
            with zipfile.ZipFile(target) as archive:
                match = _ZIP_MARK.match(archive.comment)
                return None if match and archive.comment == zip_mark(archive) else refusal
        size = os.path.getsize(target)
        with open(target, "rb") as file:
            file.seek(max(0, size - 200))
            tail = file.read()
        match = _HTML_MARK.search(tail)
        if match is None:
            return refusal
        start = size - len(tail) + match.start()
        return None if _digest(target, start) == match.group(1).decode() else refusal
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError):
        return refusal


def replace_refusal(target: Path, format: str) -> str | None:
    """None when target may be replaced by a new export in format (folder, markdown, zip or
    single): it is an earlier, unchanged export of this app, or an empty folder. Else the
    sentence saying why it may not."""
    wants_folder = format in ("folder", "markdown", "ninjs")
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"{target} cannot be looked at ({error.strerror or error}); it was not replaced."
    if stat.S_ISLNK(mode):
        return f"{target} is a link; it was not replaced. Choose another place."
    if wants_folder and not stat.S_ISDIR(mode):
        return f"{target} exists and is not a folder; it was not replaced."
    if not wants_folder and stat.S_ISDIR(mode):
        return f"{target} is a folder; it was not replaced."
    if not wants_folder and not stat.S_ISREG(mode):
        return f"{target} is not a file; it was not replaced."
    if wants_folder:
        return _folder_refusal(target)
    return _file_refusal(target, format == "zip")


def undeletable(folder: Path) -> str | None:
    """The first folder inside folder (itself included) whose files could not be removed,
    as a path relative to folder; None when everything in it can be deleted."""
    for root, _folders, _names in os.walk(folder):
        if not os.access(root, os.W_OK | os.X_OK):
            return Path(root).relative_to(folder).as_posix()
    return None
