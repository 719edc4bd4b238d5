"""An export replaces nothing but an earlier export of this app, in every format: a folder
or file holding anything a person made is refused with a sentence and left untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from desktop_editor.core.export import ExportError, ExportFormat
from desktop_editor.core.export_marks import MARK_FILE
from tests.core.test_export import export, tree

FOLDERS = (ExportFormat.FOLDER, ExportFormat.MARKDOWN, ExportFormat.NINJS)
NAMES = {
    ExportFormat.FOLDER: "out", ExportFormat.MARKDOWN: "out", ExportFormat.NINJS: "out", ExportFormat.ZIP: "out.zip",
    ExportFormat.SINGLE: "out.html",
}  # fmt: skip


def contents(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {name: (path / name).read_bytes() for name in tree(path) if (path / name).is_file()}
    return {"": path.read_bytes()}


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_an_earlier_export_is_replaced_only_when_asked(tmp_path, fmt):
    first = export(tmp_path, fmt, name=NAMES[fmt])
    with pytest.raises(ExportError, match="already exists; choose another place or allow replacing it"):
        export(tmp_path, fmt, name=NAMES[fmt])
    assert export(tmp_path, fmt, name=NAMES[fmt], force=True) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAMES[fmt]]  # no .old, no .partial


@pytest.mark.parametrize("fmt", FOLDERS)
def test_a_folder_holding_the_users_files_is_never_replaced(tmp_path, fmt):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("my notes")
    (out / "budget.xlsx").write_bytes(b"PK\x03\x04 figures")
    for force in (False, True):
        with pytest.raises(ExportError) as caught:
            export(tmp_path, fmt, force=force)
        assert str(caught.value) == (
            f"{out} holds files that are not an earlier export of Desktop Editor (budget.xlsx, notes.txt); "
            "nothing was replaced or deleted. Choose a new or empty folder."
        )
    assert contents(out) == {"notes.txt": b"my notes", "budget.xlsx": b"PK\x03\x04 figures"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("fmt", FOLDERS)
def test_a_file_added_to_or_changed_in_an_earlier_export_keeps_it_from_being_replaced(tmp_path, fmt):
    out = export(tmp_path, fmt)
    (out / "images" / "notes.txt").write_text("the caption I wrote by hand")
    with pytest.raises(ExportError, match=r"is an earlier export, but it holds files the export did not write .*\(images/notes.txt\)"):
        export(tmp_path, fmt, force=True)
    (out / "images" / "notes.txt").unlink()
    page = {ExportFormat.FOLDER: "index.html", ExportFormat.NINJS: "ninjs.json"}.get(fmt, "article.md")
    (out / page).write_text((out / page).read_text() + "hand-edited\n")
    before = contents(out)
    with pytest.raises(ExportError, match=rf"were changed since \({page}\)"):
        export(tmp_path, fmt, force=True)
    assert contents(out) == before


@pytest.mark.parametrize("fmt", (ExportFormat.ZIP, ExportFormat.SINGLE))
def test_a_file_that_is_not_an_earlier_export_is_never_replaced(tmp_path, fmt):
    target = tmp_path / NAMES[fmt]
    target.write_bytes(b"the user's own file")
    with pytest.raises(ExportError, match="is not an earlier Desktop Editor export .*it was not replaced"):
        export(tmp_path, fmt, name=NAMES[fmt], force=True)
    assert target.read_bytes() == b"the user's own file"
    export(tmp_path, fmt, name="second" + target.suffix)
    changed = tmp_path / ("second" + target.suffix)
    if fmt is ExportFormat.ZIP:
        with zipfile.ZipFile(changed, "a") as archive:
            archive.writestr("notes.txt", "added by hand")
            archive.comment = archive.comment  # kept, as archivers keep it
    else:
        changed.write_bytes(changed.read_bytes().replace(b"<main", b"<main data-edited", 1))
    before = changed.read_bytes()
    with pytest.raises(ExportError, match="it was not replaced"):
        export(tmp_path, fmt, name=changed.name, force=True)
    assert changed.read_bytes() == before


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_a_link_is_never_followed_or_replaced(tmp_path, fmt):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("kept")
    (tmp_path / NAMES[fmt]).symlink_to(elsewhere if fmt in FOLDERS else elsewhere / "keep.txt")
    with pytest.raises(ExportError, match="is a link; it was not replaced"):
        export(tmp_path, fmt, name=NAMES[fmt], force=True)
    assert (elsewhere / "keep.txt").read_text() == "kept"


def test_an_empty_folder_may_be_replaced(tmp_path):
    (tmp_path / "out").mkdir()
    out = export(tmp_path, force=True)
    assert (out / "index.html").is_file() and (out / MARK_FILE).is_file()


def read_only_scenario(folder: Path) -> None:
    out = export(folder)
    before = contents(out)
    os.chmod(out / "images", 0o555)
    try:
        with pytest.raises(ExportError, match=r"cannot be removed \(images is read-only\); it was left as it was"):
            export(folder, force=True)
    finally:
        os.chmod(out / "images", 0o755)
    assert contents(out) == before
    assert sorted(p.name for p in folder.iterdir()) == ["out"]


def test_an_earlier_export_that_cannot_be_removed_is_left_whole_and_said(tmp_path):
    if os.geteuid() != 0:
        read_only_scenario(tmp_path)
        return
    # root may delete anything: the scenario runs as an ordinary user, nobody
    folder = Path(tempfile.mkdtemp(prefix="export-as-nobody-"))  # pytest's own folders are root's alone
    os.chown(folder, 65534, 65534)
    code = "import sys; from pathlib import Path; from tests.core.test_export_replace import read_only_scenario as s; s(Path(sys.argv[1]))"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", code, str(folder)],
        capture_output=True, text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root), "HOME": str(folder)},
    )  # fmt: skip
    shutil.rmtree(folder)
    assert result.returncode == 0, result.stderr
