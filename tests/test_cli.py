"""The headless CLI, run as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.images import photo

BUNDLE = """---
headline: "Council approves new bridge"
standfirst: "The crossing will open in 2028."
byline: "A Reporter"
tags: [transport, council]
word_target: 600
lead_image: bridge
images:
  - handle: bridge
    file: images/bridge.jpg
    alt: "Artist's impression of a cable-stayed bridge over the river"
  - handle: mayor
    file: images/mayor.jpg
    caption: "The mayor after the vote."
---
The council voted **7-2** on Tuesday.

![](image:bridge)

> "It is a good day," the mayor said.
"""


def cli(store: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "desktop_editor", "--store", str(store), *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def bundle(tmp_path) -> Path:
    folder = tmp_path / "bundle"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "bridge.jpg").write_bytes(
        photo(caption="The new bridge as planned.", credit="City Council", creator="Jane Photographer", alt="from the file")
    )
    (folder / "images" / "mayor.jpg").write_bytes(photo(300, 400, caption="Metadata caption", credit="Staff"))
    path = folder / "story.md"
    path.write_text(BUNDLE, encoding="utf-8")
    return path


def assert_one_sentence(result: subprocess.CompletedProcess) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_import_list_show(tmp_path, bundle):
    store = tmp_path / "store.sqlite"
    imported = cli(store, "import", str(bundle))
    assert "council-approves-new-bridge" in imported.stdout
    listed = json.loads(cli(store, "list", "--json").stdout)
    assert [(a["slug"], a["headline"], a["status"], a["word_count"]) for a in listed] == [
        ("council-approves-new-bridge", "Council approves new bridge", "draft", 14)
    ]
    assert {"id", "updated"} <= set(listed[0])
    shown = json.loads(cli(store, "show", "council-approves-new-bridge", "--json").stdout)
    assert shown["standfirst"] == "The crossing will open in 2028."
    assert shown["tags"] == ["transport", "council"]
    assert shown["word_target"] == 600
    assert shown["lead_image"] == "bridge"
    assert shown["body"].startswith("The council voted **7-2** on Tuesday.")
    for key in ("id", "byline", "language", "created", "updated", "word_count"):
        assert key in shown
    images = {image["handle"]: image for image in shown["images"]}
    bridge, mayor = images["bridge"], images["mayor"]
    # Front matter wins; what it leaves out comes from the photo's own metadata.
    assert bridge["alt"] == "Artist's impression of a cable-stayed bridge over the river"
    assert bridge["caption"] == "The new bridge as planned."
    assert bridge["credit"] == "City Council"
    assert bridge["creator"] == "Jane Photographer"
    assert bridge["lead"] is True and mayor["lead"] is False
    assert mayor["caption"] == "The mayor after the vote."
    assert (mayor["width"], mayor["height"], mayor["format"]) == (300, 400, "JPEG")
    assert len(mayor["sha256"]) == 64
    same = json.loads(cli(store, "show", str(shown["id"]), "--json").stdout)
    assert same["slug"] == shown["slug"]


def test_a_bundle_with_a_broken_image_is_refused_whole(tmp_path, bundle):
    store = tmp_path / "store.sqlite"
    (bundle.parent / "images" / "mayor.jpg").write_bytes(photo()[:400])
    result = cli(store, "import", str(bundle), check=False)
    assert_one_sentence(result)
    assert "mayor" in result.stderr
    assert json.loads(cli(store, "list", "--json").stdout) == []


def test_attach_photos_from_the_command_line(tmp_path, bundle):
    store = tmp_path / "store.sqlite"
    cli(store, "import", str(bundle))
    extra = tmp_path / "HMS Ocean.jpg"
    extra.write_bytes(photo(800, 600))
    cli(store, "attach", "council-approves-new-bridge", str(extra), "--caption", "HMS Ocean in the Baltic.", "--credit", "Crown Copyright", "--alt", "A ship")
    shown = json.loads(cli(store, "show", "council-approves-new-bridge", "--json").stdout)
    ocean = next(i for i in shown["images"] if i["handle"] == "hms-ocean")
    assert (ocean["caption"], ocean["credit"], ocean["alt"]) == ("HMS Ocean in the Baltic.", "Crown Copyright", "A ship")
    text_file = tmp_path / "notes.jpg"
    text_file.write_text("not a photo")
    result = cli(store, "attach", "council-approves-new-bridge", str(text_file), check=False)
    assert_one_sentence(result)
    assert "notes.jpg" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("show", "no-such-article"),
        ("import", "/nonexistent/story.md"),
        ("attach", "no-such-article", "/nonexistent/photo.jpg"),
    ],
)
def test_user_mistakes_get_one_sentence_and_no_traceback(tmp_path, args):
    assert_one_sentence(cli(tmp_path / "store.sqlite", *args, check=False))


def test_a_store_that_is_not_a_store(tmp_path):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("hello")
    result = cli(bogus, "list", check=False)
    assert_one_sentence(result)
    assert "not a SQLite database" in result.stderr
    assert bogus.read_text() == "hello"


def test_store_from_the_environment(tmp_path, bundle, monkeypatch):
    store = tmp_path / "env.sqlite"
    monkeypatch.setenv("DESKTOP_EDITOR_STORE", str(store))
    result = subprocess.run(
        [sys.executable, "-m", "desktop_editor", "import", str(bundle)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert store.exists()


@pytest.mark.parametrize(
    "arguments",
    [
        [], ["--store", "news.sqlite"], ["--store=news.sqlite"], ["--store", ""], ["--store", "sqlite:///news.sqlite"],
        ["--desk", "desk.sqlite"], ["--store", "news.sqlite", "--desk", "postgresql+psycopg://desk/news"],
    ],
)  # fmt: skip
def test_the_window_reads_its_command_line_as_the_full_parser_does(arguments):
    from desktop_editor.cli import build_parser, window_arguments

    assert window_arguments(arguments) == build_parser().parse_args(arguments)


@pytest.mark.parametrize(
    "arguments",
    [["--store"], ["--store", "--self-test"], ["--self-test"], ["-h"], ["--version"], ["--stor", "x"], ["list"], ["--store", "x", "list"], ["--desk"], ["--desk", "--store", "x"]],
)
def test_anything_but_the_window_is_left_to_the_full_parser(arguments):
    from desktop_editor.cli import window_arguments

    assert window_arguments(arguments) is None
