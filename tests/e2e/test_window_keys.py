"""The writing keys in the real window under an X server, pressed by xdotool."""

from __future__ import annotations

import time

from tests.e2e.desktop import App, stored_body, x_display  # noqa: F401


def test_enter_twice_after_a_quote_bold_and_tab_in_prose(tmp_path, x_display):
    store_path = tmp_path / "store.sqlite"
    with App(x_display, store_path, tmp_path / "home") as app:
        app.wait_for_window()
        app.type("> It is a chance to practise.", delay_ms=10)
        app.key("Return", "Return")
        app.type("The next paragraph", delay_ms=10)
        app.key("ctrl+shift+Left", "ctrl+b", "End")  # the last word, bold
        app.key("Return", "Return", "Home", "Tab")  # Tab in prose: no code block, the keyboard moves on
        time.sleep(1.5)  # saved by now
        body = stored_body(store_path)
        assert body.startswith("> It is a chance to practise.\n\nThe next **paragraph**\n\n")
        assert "    " not in body
