"""Spelling in the real window: the context menu opened from the keyboard, a suggestion
chosen with the arrow keys, pressed by xdotool under an X server."""

from __future__ import annotations

import time

import pytest

from desktop_editor.core.spelling import Speller
from tests.e2e.desktop import App, stored_body, x_display  # noqa: F401

pytestmark = pytest.mark.skipif(
    not Speller.open("en-GB").available, reason="no en_GB hunspell dictionary (tools/install-system-deps installs it)"
)


def test_a_suggestion_chosen_from_the_keyboard_menu_replaces_the_word(tmp_path, x_display):
    store_path = tmp_path / "store.sqlite"
    with App(x_display, store_path, tmp_path / "home") as app:
        app.wait_for_window()
        app.type("The fleet will recieve orders.", delay_ms=10)
        app.key("ctrl+Left", "ctrl+Left", "ctrl+Left")  # into the misspelt word
        time.sleep(1.5)  # the dictionary has loaded and judged the word by now
        app.key("Menu")
        time.sleep(0.8)  # the suggestions have arrived in the open menu
        app.key("Down", "Return")  # the first suggestion
        time.sleep(1.5)  # saved by now
        assert stored_body(store_path) == "The fleet will receive orders."
