"""check and export as a publishing tool: remote images named, warnings printed, --strict,
the house style from the one settings file or per call, absolute social metadata,
permissions; import from other editors and Word; search with stems and snippets."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from tests.cli.conftest import SLUG, one_sentence, run, settings_file
from tests.images import photo


def bundle(tmp_path: Path, front: str, body: str, name: str = "b.md") -> Path:
    folder = tmp_path / "b"
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "images" / "p.jpg").write_bytes(photo(640, 427))
    path = folder / name
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    return path


def test_check_names_remote_images_and_export_publishes_links(tmp_path):
    store = tmp_path / "s.sqlite"
    path = bundle(tmp_path, "headline: Maps\nstandfirst: Where.", "See the map:\n\n![Map](https://maps.example/m.png)\n")
    run(store, "import", str(path))
    printed = run(store, "check", "maps").stdout
    assert "warning: Line 3, Body: The image https://maps.example/m.png is from elsewhere" in printed
    exported = run(store, "export", "maps", "--out", str(tmp_path / "out"))
    assert "https://maps.example/m.png" in exported.stderr  # the warning, printed before
    html = (tmp_path / "out" / "index.html").read_text()
    assert "Remote image not shown" not in html and 'href="https://maps.example/m.png"' in html
    refused = run(store, "export", "maps", "--out", str(tmp_path / "strict"), "--strict", check=False)
    assert refused.returncode == 1 and "Export refused" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "strict").exists()
    assert run(store, "check", "maps", "--strict", check=False).returncode == 1


def test_an_embargo_is_printed_by_export(tmp_path):
    store = tmp_path / "s.sqlite"
    front = ("headline: Embargoed\nstandfirst: Soon.\nlead_image: p\nimages:\n  - handle: p\n    file: images/p.jpg\n"
             "    alt: A pier\n    credit: AP\n    caption: The pier.\n"
             "    instructions: \"EMBARGOED until 1 May. MANDATORY CREDIT: Jo Smith/AP.\"")  # fmt: skip
    run(store, "import", str(bundle(tmp_path, front, "Text.\n")))
    result = run(store, "export", "embargoed", "--out", str(tmp_path / "out"))
    assert "an embargo and a mandatory credit: “EMBARGOED until 1 May. MANDATORY CREDIT: Jo Smith/AP.”" in result.stderr
    assert "must be credited “Jo Smith/AP”, but its credit is “AP”" in result.stderr
    assert result.stdout.startswith("Exported to ")


def test_house_style_from_the_settings_file_and_per_call(store, tmp_path):
    run(store, "photo", SLUG, "bridge", "--credit", "")
    refused = run(store, "check", SLUG, check=False)  # a missing credit blocks by default
    assert refused.returncode == 1 and "error: photo “bridge”, credit: The photo “bridge” has no credit." in refused.stdout
    assert run(store, "check", SLUG, "--no-require-credit").returncode == 0
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text('credit_required = false\n')
    warned = run(store, "check", SLUG)  # a house that allows it: a warning
    assert "warning: photo “bridge”, credit: The photo “bridge” has no credit." in warned.stdout
    settings_file().write_text('credit_format = "Photo: {credit}"\n')
    refused = run(store, "export", SLUG, "--out", str(tmp_path / "a"), check=False)
    assert refused.returncode == 1 and "error: photo “bridge”, credit: The photo “bridge” has no credit." in refused.stderr
    assert run(store, "check", SLUG, "--no-require-credit").returncode == 0
    assert run(store, "check", SLUG, "--require-credit", check=False).returncode == 1
    run(store, "photo", SLUG, "bridge", "--credit", "Picture: City Council")  # typed with a label
    run(store, "export", SLUG, "--out", str(tmp_path / "b"))
    html = (tmp_path / "b" / "index.html").read_text()
    assert "The new bridge as planned (Photo: City Council)." in html
    run(store, "export", SLUG, "--out", str(tmp_path / "c"), "--credit-format", "Credit: {credit}")
    assert "(Credit: City Council)." in (tmp_path / "c" / "index.html").read_text()


def test_base_url_publisher_and_publish_time(store, tmp_path):
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text('publisher = "The Example Gazette"\nbase_url = "https://news.example/{slug}/"\n')
    run(store, "set", SLUG, "--publish-at", "2026-05-01T09:00+01:00")
    run(store, "export", SLUG, "--out", str(tmp_path / "out"))
    html = (tmp_path / "out" / "index.html").read_text()
    url = f"https://news.example/{SLUG}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:image" content="{url}images/bridge-800.jpg">' in html
    assert '<meta property="og:image:alt" content="Artist&#39;s impression' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '"datePublished": "2026-05-01T08:00:00+00:00"' in html
    assert '"name": "The Example Gazette"' in html
    run(store, "export", SLUG, "--out", str(tmp_path / "two"), "--base-url", "https://other.example/a/")
    assert '<meta property="og:url" content="https://other.example/a/">' in (tmp_path / "two" / "index.html").read_text()


@pytest.mark.parametrize("format", ["folder", "zip", "single", "markdown"])
def test_exports_get_the_umasks_permissions(store, tmp_path, format):
    out = tmp_path / "out"
    result = run(store, "export", SLUG, "--out", str(out), "--format", format)
    written = Path(result.stdout.strip().removeprefix("Exported to "))
    mask = os.umask(0)
    os.umask(mask)
    paths = [written, *written.rglob("*")] if written.is_dir() else [written]
    for path in paths:
        wanted = (0o777 if path.is_dir() else 0o666) & ~mask
        assert stat.S_IMODE(path.stat().st_mode) == wanted, (path, oct(path.stat().st_mode))
    if format == "zip":
        assert zipfile.ZipFile(written).testzip() is None


def test_import_reads_what_other_editors_write(tmp_path):
    store = tmp_path / "s.sqlite"
    path = bundle(tmp_path, "title: Ferries cancelled\nauthor: Jo Smith\nlayout: post\ntags: [weather]", "Storms.\n")
    result = run(store, "import", str(path))
    assert result.stderr.strip() == "desktop-editor: b.md: the field “layout” is not one Desktop Editor reads; it was left out."
    shown = json.loads(run(store, "show", "ferries-cancelled", "--json").stdout)
    assert (shown["headline"], shown["byline"]) == ("Ferries cancelled", "Jo Smith")
    bad = bundle(tmp_path, "title: T\ntags: [a, null]", "x", name="bad.md")
    assert "“tags” has an empty entry" in one_sentence(run(store, "import", str(bad), check=False))


def test_import_a_word_document(tmp_path):
    from tests.docx import story_docx

    store = tmp_path / "s.sqlite"
    path = tmp_path / "Bridge story.docx"
    path.write_bytes(story_docx(photo(1200, 800)))
    run(store, "import", str(path))
    shown = json.loads(run(store, "show", "council-approves-new-bridge", "--json").stdout)
    assert shown["headline"] == "Council approves new bridge"
    body = shown["body"]
    assert "The council voted **7-2** on *Tuesday*." in body
    assert "[Read the minutes](https://council.example/vote)" in body
    assert "## What happens next" in body and "- Tenders in spring\n- Work in 2027" in body
    assert "> It is a good day, the mayor said." in body
    assert "![The new bridge over the river](image:picture-1)" in body
    (picture,) = shown["images"]
    assert (picture["handle"], picture["alt"], picture["width"]) == ("picture-1", "The new bridge over the river", 1200)
    not_word = tmp_path / "fake.docx"
    not_word.write_text("hello")
    assert "not a Word document" in one_sentence(run(store, "import", str(not_word), check=False))


def test_search_stems_and_snippets(store):
    found = json.loads(run(store, "search", "ferry", "--json").stdout)
    assert [f["slug"] for f in found] == [SLUG]
    assert "**ferries**" in found[0]["snippet"]
    assert [f["slug"] for f in json.loads(run(store, "search", "reporter", "--json").stdout)] == [SLUG]
    assert [f["slug"] for f in json.loads(run(store, "search", "planned", "--json").stdout)] == [SLUG]
    assert "**ferries**" in run(store, "search", "ferry").stdout
