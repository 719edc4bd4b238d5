"""desktop-editor words: the newsroom's word list from the command line."""

from __future__ import annotations

from desktop_editor.storage.store import Store
from tests.cli.conftest import run


def test_words_are_added_listed_and_removed(store_path):
    added = run(store_path, "words", "add", "BALTOPS", "Stoltenberg", "BALTOPS")
    assert added.stdout.splitlines() == ["Added BALTOPS.", "Added Stoltenberg.", "BALTOPS is already on the list."]
    assert run(store_path, "words").stdout.splitlines() == ["BALTOPS", "Stoltenberg"]
    removed = run(store_path, "words", "remove", "Stoltenberg", "Nobody")
    assert removed.stdout.splitlines() == ["Removed Stoltenberg.", "Nobody was not on the list."]
    with Store(store_path) as store:
        assert store.newsroom_words() == ["BALTOPS"]


def test_a_phrase_or_no_word_is_one_sentence(store_path):
    phrase = run(store_path, "words", "add", "Jens Stoltenberg", check=False)
    assert phrase.returncode == 1 and "more than one word" in phrase.stderr
    nothing = run(store_path, "words", "remove", check=False)
    assert nothing.returncode == 1 and "Name the words to remove" in nothing.stderr
