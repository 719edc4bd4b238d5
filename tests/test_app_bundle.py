"""The one-folder bundle (packaging/build-bundle, `make bundle`) runs on its own.

The bundle is built before pytest runs (`make test` builds it when its sources changed),
never here: building takes minutes. Each test runs a copy of dist/desktop-editor/ from a
temporary folder, away from the source tree, with an environment as bare as `env -i`: no
PYTHONPATH, no virtual environment, only /usr/bin and /bin on the PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_editor import __version__
from tests.conftest import REPO, in_ci

BUNDLE = REPO / "dist" / "desktop-editor"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    if not (BUNDLE / "desktop-editor").is_file():
        reason = f"{BUNDLE} has not been built (make bundle; make test builds it first)"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    moved = tmp_path_factory.mktemp("elsewhere") / "desktop-editor"

    def link_or_copy(source, destination):
        try:
            os.link(source, destination)  # as good as a copy here, and instant: 600 MB
        except OSError:
            shutil.copy2(source, destination)

    shutil.copytree(BUNDLE, moved, symlinks=True, copy_function=link_or_copy)
    return moved


def run(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    return subprocess.run(
        [str(bundle / "desktop-editor"), *args], capture_output=True, text=True, timeout=300, env=env, cwd=home
    )


def test_the_bundle_says_its_version(bundle, tmp_path):
    result = run(bundle, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"desktop-editor {__version__}"


def test_the_bundle_shows_its_help(bundle, tmp_path):
    result = run(bundle, tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: desktop-editor")
    for command in ("--self-test", "import", "export", "upgrade-store"):
        assert command in result.stdout


def test_the_bundle_passes_its_self_test(bundle, tmp_path):
    result = run(bundle, tmp_path, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Desktop Editor {__version__} self-test (bundle, {bundle}")
    for step in ("resources", "store host", "picture worker", "render", "export", "Qt WebEngine"):
        assert any(line.startswith(f"ok     {step}:") for line in lines), result.stdout
    assert lines[-1] == "Self-test passed: all 6 steps worked."


def test_the_bundle_runs_a_headless_command(bundle, tmp_path):
    store = tmp_path / "store.sqlite"
    created = run(bundle, tmp_path, "--store", str(store), "upgrade-store")
    assert created.returncode == 0 and created.stdout.startswith("Set up a new store"), created.stderr
    listed = run(bundle, tmp_path, "--store", str(store), "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "[]"
