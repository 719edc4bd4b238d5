"""The desktop entry and AppStream metadata are valid and name the version and icon we ship;
the wheel installs the package's resources and the desktop files; the commands start."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as etree
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from tests.conftest import REPO, in_ci

PACKAGING = REPO / "packaging"
APP_ID = "io.github.desktop_editor"  # AppStream id, icon name
RESOURCES = ("page.html.j2", "header.html.j2", "article.css", f"{APP_ID}.svg", *(f"{APP_ID}-{size}.png" for size in (16, 32, 128)))
DATA_FILES = {
    "share/applications/desktop-editor.desktop": PACKAGING / "desktop-editor.desktop",
    f"share/metainfo/{APP_ID}.metainfo.xml": PACKAGING / f"{APP_ID}.metainfo.xml",
    f"share/icons/hicolor/scalable/apps/{APP_ID}.svg": REPO / "resources" / f"{APP_ID}.svg",
}


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


def desktop_entry() -> dict[str, str]:
    lines = (PACKAGING / "desktop-editor.desktop").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def test_the_desktop_entry_names_the_icon_we_ship():
    assert desktop_entry()["Icon"] == APP_ID
    assert etree.parse(PACKAGING / f"{APP_ID}.metainfo.xml").findtext("id") == APP_ID
    icon = resources.files("desktop_editor.resources").joinpath(f"{APP_ID}.svg")
    assert icon.is_file()
    svg = etree.fromstring(icon.read_bytes())
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    x, y, width, height = (float(n) for n in svg.get("viewBox").split())
    assert (x, y) == (0, 0) and width == height > 0  # hicolor/scalable wants a square icon


def test_the_resources_are_found_through_importlib_resources():
    from desktop_editor.core.model import Article
    from desktop_editor.core.page import render_header, stylesheet

    files = resources.files("desktop_editor.resources")
    for name in RESOURCES:
        assert files.joinpath(name).read_bytes() == (REPO / "resources" / name).read_bytes()
    assert stylesheet() == (REPO / "resources" / "article.css").read_text("utf-8")
    assert "Pier reopens" in render_header(Article(headline="Pier reopens"))


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {"desktop_editor.resources"}
    for init in (REPO / "desktop_editor").rglob("*.py"):
        if "__pycache__" not in init.parts:
            found.add(".".join(init.parent.relative_to(REPO).parts))
    assert found == listed


def source_copy(destination: Path) -> Path:
    """What a clone holds for building, copied, so building writes nothing in the tree."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("desktop_editor", "resources", "packaging"):
        shutil.copytree(REPO / name, destination / name, ignore=ignore)
    shutil.copy2(REPO / "pyproject.toml", destination / "pyproject.toml")
    return destination


def test_the_wheel_installs_the_resources_and_the_desktop_files(tmp_path):
    source = source_copy(tmp_path / "source")
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    seconds = time.monotonic() - started
    (wheel,) = tmp_path.glob("desktop_editor-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (record_name,) = [n for n in archive.namelist() if n.endswith(".dist-info/RECORD")]
        recorded = {row[0] for row in csv.reader(io.StringIO(archive.read(record_name).decode()))}
        for name in RESOURCES:
            assert f"desktop_editor/resources/{name}" in recorded
        assert "desktop_editor/storage/migrations/env.py" in recorded
        for script in (REPO / "desktop_editor/storage/migrations/versions").glob("*.py"):
            assert f"desktop_editor/storage/migrations/versions/{script.name}" in recorded
        (data,) = {n.split("/")[0] for n in recorded if n.split("/")[0].endswith(".data")}
        for target, source_file in DATA_FILES.items():
            assert f"{data}/data/{target}" in recorded
            assert archive.read(f"{data}/data/{target}") == source_file.read_bytes()
    assert seconds < 60, f"building the wheel took {seconds:.0f} s"


def test_python_m_and_the_script_answer_version_and_help():
    from desktop_editor import __version__

    script = Path(sys.executable).with_name("desktop-editor")
    for command in ([sys.executable, "-m", "desktop_editor"], [str(script)]):
        version = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
        assert version.returncode == 0 and version.stdout.strip() == f"desktop-editor {__version__}", version
        usage = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=60)
        assert usage.returncode == 0 and "--self-test" in usage.stdout and "export" in usage.stdout, usage


def test_self_test_passes_from_the_installed_package(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop_editor", "--self-test"], capture_output=True, text=True, timeout=180,
        cwd=tmp_path, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    for step in ("resources", "store host", "picture worker", "render", "export", "Qt WebEngine"):
        assert f"ok     {step}:" in result.stdout, result.stdout
    assert result.stdout.rstrip().endswith("Self-test passed: all 6 steps worked.")


def test_self_test_fails_with_one_sentence_when_a_step_fails(monkeypatch):
    """A store host that cannot start (as in a bundle whose --store-host is not wired)."""
    from desktop_editor import self_test
    from desktop_editor.storage import host_process

    out = io.StringIO()
    monkeypatch.setattr(host_process, "host_command", lambda location: [sys.executable, "-c", "raise SystemExit(3)"])
    code = self_test.run_self_test(out)
    lines = out.getvalue().splitlines()
    assert code == 1
    assert lines[-2].startswith("FAILED store host: StoreError: The store could not be opened"), lines
    assert lines[-1] == "Self-test failed at the store host step: this installation is incomplete."


def test_the_window_icon_is_the_app_icon_drawn_from_its_svg(qapp):
    from PySide6.QtGui import QIcon, QImage

    from desktop_editor.ui.shell.app_icon import ICON_NAME, SIZES, set_window_icon

    assert ICON_NAME == APP_ID
    # The window shows PNG sizes drawn from the SVG (tools/render-app-icons): each one is
    # the SVG as Qt draws it now, give or take antialiasing, so none is left behind a change.
    svg = QIcon(str(REPO / "resources" / f"{APP_ID}.svg"))
    for size in SIZES:
        png = QImage(str(REPO / "resources" / f"{APP_ID}-{size}.png"))
        drawn = svg.pixmap(size, size).toImage().convertToFormat(png.format())
        assert (png.width(), png.height()) == (size, size)
        worst = max(
            abs(a - b)
            for y in range(size) for x in range(size)
            for a, b in zip(png.pixelColor(x, y).getRgb(), drawn.pixelColor(x, y).getRgb())
        )  # fmt: skip
        assert worst <= 8, f"{size} px: differs from the SVG by {worst}"
    set_window_icon(qapp)
    try:
        image = qapp.windowIcon().pixmap(64, 64).toImage()
        assert image.width() == 64
        # Drawn from the SVG (128 units, here at half size): the blue headline bar, the white
        # page beside the caption line, and nothing outside the page.
        bar, page, outside = image.pixelColor(32, 12), image.pixelColor(50, 46), image.pixelColor(2, 32)
        assert bar.blue() > 150 and bar.red() < 80, bar.name()
        assert page.lightness() > 240, page.name()
        assert outside.alpha() == 0
    finally:
        qapp.setWindowIcon(QIcon())
