"""The real command line in a subprocess, a bundle to import, and the settings file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.images import photo

STORY = """---
headline: "Council approves new bridge"
standfirst: "The crossing will open in 2028."
byline: "A Reporter"
tags: [transport, council]
lead_image: bridge
images:
  - handle: bridge
    file: images/bridge.jpg
    caption: "The new bridge as planned."
    credit: "City Council"
    alt: "Artist's impression of a cable-stayed bridge over the river"
---
The council voted **7-2** on Tuesday, and the ferries will stop.
"""


def run(store: Path | str | None, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "desktop_editor"]
    if store is not None:
        command += ["--store", str(store)]
    result = subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=180, env={**os.environ, **(env or {})}
    )
    assert "Traceback" not in result.stderr, result.stderr
    if check:
        assert result.returncode == 0, result.stderr
    return result


def one_sentence(result: subprocess.CompletedProcess) -> str:
    """The refusal: a non-zero exit and one line on stderr, never a traceback."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("desktop-editor: "), lines[0]
    return lines[0]


def settings_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "desktop-editor" / "house-style.toml"


@pytest.fixture
def story(tmp_path) -> Path:
    folder = tmp_path / "bundle"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "bridge.jpg").write_bytes(photo(800, 533))
    path = folder / "story.md"
    path.write_text(STORY, encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path, story) -> Path:
    """A store holding the story (slug council-approves-new-bridge)."""
    path = tmp_path / "store.sqlite"
    run(path, "import", str(story))
    return path


SLUG = "council-approves-new-bridge"
