"""A real story through the real command line: five photos, some without credits, two
sideways, one CMYK, every one with GPS and a camera serial number."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.images import photo

STORY = """---
headline: "Navy ships gather in the Baltic for annual exercise"
standfirst: "Forty ships from seventeen nations took part in BALTOPS, the largest exercise in the region."
byline: "A Reporter"
tags: [defence, baltic]
language: en-GB
word_target: 120
lead_image: ocean
images:
  - handle: ocean
    file: images/ocean.jpg
    caption: "HMS Ocean during BALTOPS 2015 in the Baltic Sea."
    credit: "Crown Copyright"
    alt: "A grey helicopter carrier sailing in calm water"
  - handle: deck
    file: images/deck.jpg
    caption: "Sailors on the flight deck."
    alt: "Sailors in blue overalls standing on a ship's deck"
  - handle: harbour
    file: images/harbour.jpg
    caption: "Ships in Kiel harbour before the exercise."
    credit: "Staff photographer"
    alt: "Warships moored side by side in a harbour"
  - handle: commander
    file: images/commander.jpg
    caption: "The exercise commander."
    alt: "An officer in uniform speaking at a lectern"
  - handle: landing
    file: images/landing.jpg
    caption: "An amphibious landing on the Swedish coast."
    credit: "Swedish Armed Forces"
    alt: "Landing craft approaching a sandy beach"
---
Forty ships from seventeen nations sailed into the Baltic Sea on Tuesday for **BALTOPS**, the
largest annual maritime exercise in the region.

> "It is a chance to practise together before we ever need to," said the exercise commander.

![](image:deck)

The ships gathered in Kiel before sailing north. Crews rehearsed mine clearance, air defence
and search and rescue.

![](image:harbour)

![](image:commander)

The exercise runs for two weeks and ends with amphibious landings on the Swedish coast.

![](image:landing)

Observers from non-member states were invited for the first time.
"""


def cli(store: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "desktop_editor", "--store", str(store), *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result


def write_story(folder: Path) -> Path:
    images = folder / "images"
    images.mkdir(parents=True)
    common = {"gps": True, "serial": "SN-0042-7781"}
    (images / "ocean.jpg").write_bytes(photo(1600, 1067, **common))
    (images / "deck.jpg").write_bytes(photo(1200, 800, orientation=6, **common))
    (images / "harbour.jpg").write_bytes(photo(1400, 933, mode="CMYK", **common))
    (images / "commander.jpg").write_bytes(photo(900, 1200, orientation=8, color=(120, 60, 40), **common))
    (images / "landing.jpg").write_bytes(photo(1800, 1200, color=(30, 120, 90), **common))
    path = folder / "story.md"
    path.write_text(STORY, encoding="utf-8")
    return path


def export_story(root: Path) -> dict[str, Path]:
    """Import the story into a fresh store and export it in every format; returns the paths."""
    store = root / "store.sqlite"
    cli(store, "import", str(write_story(root / "bundle")))
    slug = "navy-ships-gather-in-the-baltic-for-annual-exercise"
    out = {"store": store}
    for format in ("folder", "zip", "single", "markdown"):
        # Two photos have no credit on purpose: a house that does not require one.
        command = ("export", slug, "--out", str(root / f"out-{format}"), "--format", format, "--no-require-credit")
        printed = cli(store, *command).stdout
        out[format] = Path(printed.strip().removeprefix("Exported to "))
    return out
