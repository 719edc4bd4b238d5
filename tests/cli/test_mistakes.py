"""The usual mistakes, through the real command line: one sentence, never a traceback,
never a password, and nothing created by a command that only reads."""

from __future__ import annotations

import pytest

from tests.cli.conftest import SLUG, one_sentence, run


@pytest.mark.parametrize("command", [("list",), ("show", "x"), ("search", "x"), ("check", "x"), ("revisions", "x")])
def test_read_only_commands_create_no_store(tmp_path, command):
    store = tmp_path / "not" / "there" / "articles.sqlite"
    sentence = one_sentence(run(store, *command, check=False))
    assert "There is no store at" in sentence and "nothing was created" in sentence
    assert not (tmp_path / "not").exists()


def test_the_default_store_is_not_created_by_list(tmp_path, isolated_home):
    sentence = one_sentence(run(None, "list", check=False))
    assert "There is no store" in sentence
    assert not (isolated_home / "data" / "desktop-editor").exists()


def test_a_store_path_inside_a_file(tmp_path, story):
    (tmp_path / "file.txt").write_text("x")
    for command in (("import", str(story)), ("list",)):
        sentence = one_sentence(run(tmp_path / "file.txt" / "store.sqlite", *command, check=False))
        assert "file.txt" in sentence
    assert (tmp_path / "file.txt").read_text() == "x"


@pytest.mark.parametrize(
    "url, words",
    [
        ("foo://somewhere/db", "“foo://” is not a kind of store"),
        ("mysql://editor:s3cret-pw@db.example/news", "driver"),
        ("postgresql+psycopg://editor:s3cret-pw@127.0.0.1:1/news", "127.0.0.1"),
        ("not a url://", "not a kind of store"),
    ],
)
def test_store_urls_that_cannot_be_opened(url, words):
    sentence = one_sentence(run(url, "list", check=False))
    assert words in sentence
    assert "s3cret-pw" not in sentence


def test_export_into_places_that_cannot_take_it(tmp_path, store):
    (tmp_path / "file.txt").write_text("x")
    sentence = one_sentence(run(store, "export", SLUG, "--out", str(tmp_path / "file.txt" / "out"), check=False))
    assert "file.txt" in sentence
    sentence = one_sentence(run(store, "export", SLUG, "--out", "/sys/out", check=False))
    assert "Nothing can be written in /sys" in sentence
    (tmp_path / "taken").mkdir()
    sentence = one_sentence(run(store, "export", SLUG, "--out", str(tmp_path / "taken"), check=False))
    assert "already exists" in sentence


@pytest.mark.parametrize(
    "args, words",
    [
        (("show", "nope"), "no article"),
        (("import", "/nonexistent/story.md"), "does not exist"),
        (("attach", SLUG, "/nonexistent/photo.jpg"), "photo.jpg"),
        (("set", SLUG, "--publish-at", "next tuesday"), "not a date"),
        (("set", SLUG, "--language", "english please"), "language tag"),
        (("set", SLUG), "Nothing to set"),
        (("photo", SLUG, "nope", "--caption", "x"), "no photo “nope”"),
        (("restore", SLUG, "999"), "no revision 999"),
        (("untrash", SLUG), "not in the trash"),
        (("export", SLUG, "--out", "x", "--credit-format", "Photo"), "{credit}"),
        (("export", SLUG, "--out", "x", "--base-url", "news.example"), "http"),
        (("set", SLUG, "--headline", "New", "--expect-version", "0"), "changed elsewhere"),
    ],
)
def test_usual_mistakes_are_one_sentence(store, args, words):
    assert words in one_sentence(run(store, *args, check=False))


def test_a_broken_settings_file_is_named(store, tmp_path):
    from tests.cli.conftest import settings_file

    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text("credit_required = maybe\n")
    sentence = one_sentence(run(store, "check", SLUG, check=False))
    assert "house-style.toml" in sentence and "not valid TOML" in sentence
