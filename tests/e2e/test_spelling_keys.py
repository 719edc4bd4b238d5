"""Spelling in the real window: the context menu opened from the keyboard, a suggestion
chosen with the arrow keys, pressed by xdotool under an X server."""

from __future__ import annotations

import pytest

from desktop_editor.core.spelling import Speller
from tests.e2e.desktop import App, x_display  # noqa: F401
from tests.waiting import wait_for

pytestmark = pytest.mark.skipif(
    not Speller.open("en-GB").available, reason="no en_GB hunspell dictionary (tools/install-system-deps installs it)"
)


def test_a_suggestion_chosen_from_the_keyboard_menu_replaces_the_word(tmp_path, x_display):
    store_path = tmp_path / "store.sqlite"
    with App({**x_display, "DESKTOP_EDITOR_TIMING": "1"}, store_path, tmp_path / "home") as app:
        app.wait_for_window()
        app.type("The fleet will ", delay_ms=10)
        plain = app.open_menu()  # no word under the cursor: the editor's own menu, no spelling in it
        app.close_menu()
        app.type("recieve orders.", delay_ms=10)
        app.key("ctrl+Left", "ctrl+Left", "ctrl+Left")  # into the misspelt word

        def spelling_menu() -> bool:
            """Open the menu over the word: True, left open, once it offers spelling (the
            dictionary has loaded and judged the word), else closed again."""
            if app.open_menu() != plain:
                return True
            app.close_menu()
            return False

        wait_for(spelling_menu, interval=0.1, describe="the menu over “recieve” never offered spelling suggestions")
        # The open menu has asked for the word's suggestions, which arrive in it some tens of
        # milliseconds later: the app says when they are in the menu.
        wait_for(
            lambda: "timing suggestions_shown" in app.log.read_text(errors="replace"), interval=0.05,
            describe="the menu over “recieve” never showed its suggestions",
        )  # fmt: skip
        app.key("Down", "Return")  # the first suggestion
        app.wait_until_stored("The fleet will receive orders.")
