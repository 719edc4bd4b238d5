"""The desktop entry and AppStream metadata are valid, and name the version we ship."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as etree

import pytest

from tests.conftest import REPO, in_ci

PACKAGING = REPO / "packaging"


def validator(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        if in_ci():
            pytest.fail(f"{program} is not installed (make test installs it)")
        pytest.skip(f"{program} is not installed")
    return path


def test_desktop_entry_is_valid():
    result = subprocess.run(
        [validator("desktop-file-validate"), str(PACKAGING / "desktop-editor.desktop")], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_appstream_metadata_is_valid_and_has_this_version():
    path = PACKAGING / "io.github.desktop_editor.metainfo.xml"
    result = subprocess.run([validator("appstreamcli"), "validate", "--no-net", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    from desktop_editor import __version__ as version  # pyproject.toml takes it from there

    releases = [release.get("version") for release in etree.parse(path).iter("release")]
    assert releases[0] == version


def test_the_entry_point_named_by_the_desktop_file_exists():
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert "Exec=desktop-editor" in (PACKAGING / "desktop-editor.desktop").read_text()
    assert scripts["desktop-editor"] == "desktop_editor.cli:main"
