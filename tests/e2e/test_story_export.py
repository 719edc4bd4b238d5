"""The story from tests/e2e/story.py, exported through the CLI: hygiene, formats, round trip.
(tests/e2e/test_validators.py runs the Nu Html Checker and axe on the same pages.)"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile

import pytest
from PIL import Image

from tests.conftest import in_ci
from tests.e2e.story import cli, export_story

SLUG = "navy-ships-gather-in-the-baltic-for-annual-exercise"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    return export_story(tmp_path_factory.mktemp("story"))


def test_check_refuses_the_uncredited_photos_by_default_and_warns_when_the_house_allows(exported):
    command = [sys.executable, "-m", "desktop_editor", "--store", str(exported["store"]), "check", SLUG]
    check = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert check.returncode == 1, check.stdout + check.stderr
    assert check.stdout.count("has no credit") == 2
    assert check.stdout.count("error: ") == 2
    allowed = subprocess.run([*command, "--no-require-credit"], capture_output=True, text=True, timeout=120)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert allowed.stdout.count("has no credit") == 2
    assert "error" not in allowed.stdout


def test_the_folder_has_the_page_and_clean_upright_srgb_images(exported):
    folder = exported["folder"]
    page = (folder / "index.html").read_text()
    images = sorted((folder / "images").iterdir())
    assert len([p for p in images if p.name.startswith("ocean-")]) == 3
    assert "HMS Ocean during BALTOPS 2015 in the Baltic Sea (Picture: Crown Copyright)." in page
    assert "Sailors on the flight deck.</figcaption>" in page  # no credit, no brackets
    assert page.count("<figure") == 5
    for path in images:
        with Image.open(path) as image:
            assert image.mode in ("RGB", "L"), path.name  # the CMYK original comes out RGB
            exif = image.getexif()
            assert 0x8825 not in exif and 0xA431 not in exif and 0x927C not in exif, path.name
            assert b"SN-0042" not in path.read_bytes()
    with Image.open(next(p for p in images if p.name.startswith("deck-"))) as deck:
        assert deck.height > deck.width  # taken sideways, exported upright


def test_exiftool_finds_no_location_and_keeps_the_credit(exported):
    exiftool = shutil.which("exiftool")
    if exiftool is None:
        if in_ci():
            pytest.fail("exiftool is not installed (make test installs it)")
        pytest.skip("exiftool is not installed")
    files = sorted(str(p) for p in (exported["folder"] / "images").iterdir())
    result = subprocess.run([exiftool, "-json", "-a", "-G1", *files], capture_output=True, text=True, check=True)
    for tags in json.loads(result.stdout):
        location = [k for k in tags if "GPS" in k or "Serial" in k or "MakerNote" in k or k.endswith(":Location")]
        assert not location, (tags["SourceFile"], location)
        if "/ocean-" in tags["SourceFile"]:
            assert tags.get("XMP-photoshop:Credit") == "Crown Copyright"


def test_zip_and_single_file_hold_the_same_story(exported):
    with zipfile.ZipFile(exported["zip"]) as archive:
        names = archive.namelist()
        page = archive.read("index.html").decode()
    folder_images = sorted(f"images/{p.name}" for p in (exported["folder"] / "images").iterdir())
    assert sorted(n for n in names if n.startswith("images/")) == folder_images
    assert "index.html" in names
    assert "HMS Ocean during BALTOPS 2015" in page
    single = exported["single"].read_text()
    assert single.count("data:image/") >= 5 and 'src="images/' not in single


def test_the_markdown_bundle_imports_back_to_the_same_article(exported, tmp_path):
    store = tmp_path / "again.sqlite"
    cli(store, "import", str(exported["markdown"] / "article.md"))
    original = json.loads(cli(exported["store"], "show", SLUG, "--json").stdout)
    again = json.loads(cli(store, "show", SLUG, "--json").stdout)
    for key in ("headline", "standfirst", "byline", "tags", "language", "word_target", "body", "lead_image"):
        assert again[key] == original[key], key
    keep = ("handle", "caption", "credit", "alt", "width", "height", "sha256", "lead")
    assert [{k: i[k] for k in keep} for i in again["images"]] == [{k: i[k] for k in keep} for i in original["images"]]
