"""Fixtures that keep tests away from the user's real store and settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Store calls on the window's UI thread raise (ui.common.store_guard), here and in every
# window a test starts.
os.environ.setdefault("DESKTOP_EDITOR_GUARD_UI_THREAD", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own config, data and cache folders and no inherited store."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("DESKTOP_EDITOR_STORE", raising=False)
    return home


@pytest.fixture
def store_path(tmp_path) -> Path:
    return tmp_path / "store.sqlite"


@pytest.fixture
def store(store_path):
    from desktop_editor.storage.store import Store

    with Store(store_path) as opened:
        yield opened


def corpus_path(*parts: str) -> Path:
    """A path in ../shared/corpus; the test is skipped when the corpus is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is not beside this clone)")
    return path


def in_ci() -> bool:
    return bool(os.environ.get("CI"))
