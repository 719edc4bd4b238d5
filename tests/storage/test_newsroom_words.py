"""The newsroom's word list: kept in the store, shared by every desk, reached through the
store host like every other call, on SQLite and on the desk server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_editor.storage.client import StoreClient
from desktop_editor.storage.errors import StoreError
from desktop_editor.storage.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_words_are_added_listed_and_removed_on_each_backend(backend_url):
    with Store(backend_url) as store:
        assert store.newsroom_words() == []
        assert store.add_newsroom_word("Stoltenberg") is True
        assert store.add_newsroom_word(" BALTOPS ") is True
        assert store.add_newsroom_word("Stoltenberg") is False  # listed once
        assert store.add_newsroom_word("dekko") is True
    with Store(backend_url) as another_desk:
        assert another_desk.newsroom_words() == ["BALTOPS", "dekko", "Stoltenberg"]
        assert another_desk.remove_newsroom_word("dekko") is True
        assert another_desk.remove_newsroom_word("dekko") is False
        assert another_desk.newsroom_words() == ["BALTOPS", "Stoltenberg"]


def test_a_curly_apostrophe_is_stored_straight_and_phrases_are_refused(store):
    store.add_newsroom_word("O’Neill")
    assert store.newsroom_words() == ["O'Neill"]
    with pytest.raises(StoreError, match="more than one word"):
        store.add_newsroom_word("Jens Stoltenberg")
    with pytest.raises(StoreError, match="cannot be empty"):
        store.add_newsroom_word("  ")
    assert store.newsroom_words() == ["O'Neill"]


def test_the_window_s_store_client_reaches_the_word_list(store_path):
    with StoreClient(str(store_path)) as client:
        assert client.add_newsroom_word("BALTOPS") is True
        assert client.newsroom_words() == ["BALTOPS"]
        with pytest.raises(StoreError, match="more than one word"):
            client.add_newsroom_word("two words")
        assert client.remove_newsroom_word("BALTOPS") is True
    with Store(store_path) as store:
        assert store.newsroom_words() == []


def test_a_store_of_schema_0005_gets_an_empty_list_and_keeps_its_articles(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "store-0005_desk_server.sqlite", path)
    with Store(path) as store:
        assert store.upgraded_from == "0005_desk_server"
        assert store.newsroom_words() == []
        assert store.find_article("council-approves-new-bridge").headline == "Council approves new bridge"
        store.add_newsroom_word("BALTOPS")
    with Store(path) as again:
        assert again.newsroom_words() == ["BALTOPS"]


def test_the_released_0006_store_keeps_its_words(tmp_path):
    path = tmp_path / "store.sqlite"
    shutil.copy(FIXTURES / "store-0006_newsroom_words.sqlite", path)
    with Store(path) as store:
        assert store.newsroom_words() == ["BALTOPS"]
