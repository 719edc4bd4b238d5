"""From the command line: --force never deletes a person's files, and an export stopped by
SIGTERM, SIGHUP or Ctrl+C leaves nothing beside its target."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.cli.conftest import SLUG, one_sentence, run
from tests.images import photo


@pytest.mark.parametrize("format", ["folder", "zip", "single", "markdown"])
def test_force_refuses_a_folder_or_file_holding_the_users_work(store, tmp_path, format):
    desk = tmp_path / "Desktop"
    desk.mkdir()
    (desk / "notes.txt").write_text("interview notes")
    (desk / "budget.xlsx").write_bytes(b"PK\x03\x04 the budget")
    target = desk if format in ("folder", "markdown") else desk / ("story.zip" if format == "zip" else "story.html")
    if target != desk:
        target.write_bytes(b"my own file")
    said = one_sentence(run(store, "export", SLUG, "--out", str(target), "--format", format, "--force", check=False))
    assert ("budget.xlsx, notes.txt" if target == desk else "is not an earlier Desktop Editor export") in said
    assert (desk / "notes.txt").read_text() == "interview notes"
    assert (desk / "budget.xlsx").read_bytes() == b"PK\x03\x04 the budget"
    if target != desk:
        assert target.read_bytes() == b"my own file"
    assert sorted(p.name for p in desk.iterdir()) == sorted(["notes.txt", "budget.xlsx"] + ([target.name] if target != desk else []))


@pytest.mark.parametrize("format", ["folder", "zip", "single", "markdown"])
def test_force_replaces_an_earlier_export(store, tmp_path, format):
    target = tmp_path / ("out.zip" if format == "zip" else "out.html" if format == "single" else "out")
    run(store, "export", SLUG, "--out", str(target), "--format", format)
    assert "already exists" in one_sentence(run(store, "export", SLUG, "--out", str(target), "--format", format, check=False))
    run(store, "export", SLUG, "--out", str(target), "--format", format, "--force")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".out", "out"))) == [target.name]


@pytest.fixture
def heavy_store(tmp_path, store):
    """The story with a dozen large photos, so that its export takes a while."""
    files = []
    for number in range(12):
        path = tmp_path / f"big-{number}.jpg"
        path.write_bytes(photo(4000, 3000, color=(20 * number, 90, 160)))
        files.append(str(path))
    run(store, "attach", SLUG, *files, "--credit", "Staff", "--alt", "A large test picture", "--caption", "Big.")
    body = "Text.\n\n" + "".join(f"![](image:big-{n})\n\n" for n in range(12))
    from desktop_editor.storage.store import Store

    with Store(str(store)) as opened:
        article = opened.find_article(SLUG)
        opened.save_article(article.replace(body=body))
    return store


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_an_export_stopped_by_a_signal_leaves_nothing_behind(heavy_store, tmp_path, stop):
    out = tmp_path / "exports"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_editor", "--store", str(heavy_store), "export", SLUG, "--out", str(out / "story")],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".partial") for p in out.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, "the export ended before it could be stopped"
        time.sleep(0.01)
    time.sleep(0.3)  # into the renditions
    process.send_signal(stop)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + stop, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert list(out.iterdir()) == []
