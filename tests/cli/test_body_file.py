"""set --body-file: a script replaces the body through the version check, from a file or
standard input, never reading more than an article may hold."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.cli.conftest import SLUG, one_sentence, run


def shown(store) -> dict:
    return json.loads(run(store, "show", SLUG, "--json").stdout)


def test_body_from_a_file_replaces_the_body_and_moves_the_version_on(store, tmp_path):
    before = shown(store)
    body = tmp_path / "body.md"
    body.write_text("The ferries will run until **2029**.\n\nA second paragraph.\n", encoding="utf-8")
    run(store, "set", SLUG, "--body-file", str(body))
    after = shown(store)
    assert after["body"] == body.read_text(encoding="utf-8")
    assert after["version"] > before["version"]
    assert after["word_count"] == 9


def test_body_from_standard_input_with_other_fields(store):
    command = [sys.executable, "-m", "desktop_editor", "--store", str(store), "set", SLUG, "--body-file", "-", "--headline", "Ferries stay"]
    result = subprocess.run(command, input="Piped *text*.\n".encode(), capture_output=True, timeout=120, env=os.environ)
    assert result.returncode == 0, result.stderr
    after = shown(store)
    assert (after["body"], after["headline"]) == ("Piped *text*.\n", "Ferries stay")


def test_a_stale_version_is_refused_and_the_body_kept(store, tmp_path):
    version = shown(store)["version"]
    run(store, "set", SLUG, "--headline", "Someone else typed")
    body = tmp_path / "body.md"
    body.write_text("Would overwrite.\n", encoding="utf-8")
    refused = run(store, "set", SLUG, "--body-file", str(body), "--expect-version", str(version), check=False)
    one_sentence(refused)
    assert "Would overwrite" not in shown(store)["body"]


def test_unreadable_bodies_are_one_sentence_and_change_nothing(store, tmp_path):
    before = shown(store)["body"]
    latin = tmp_path / "latin1.md"
    latin.write_bytes("Café".encode("latin-1"))
    big = tmp_path / "big.md"
    big.write_bytes(b"word " * (1 << 20))  # 5 MB
    for path, said in ((latin, "not UTF-8"), (big, "more than"), (tmp_path, "directory"), (tmp_path / "nope.md", "does not exist")):
        sentence = one_sentence(run(store, "set", SLUG, "--body-file", str(path), check=False))
        assert said in sentence and str(path.name) in sentence, sentence
    assert shown(store)["body"] == before


def test_too_much_on_standard_input_is_refused(store):
    command = [sys.executable, "-m", "desktop_editor", "--store", str(store), "set", SLUG, "--body-file", "-"]
    result = subprocess.run(command, input=b"x" * (5 << 20), capture_output=True, timeout=120, env=os.environ)
    assert result.returncode == 1 and b"Standard input is more than" in result.stderr, result.stderr
