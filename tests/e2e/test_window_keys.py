"""The writing keys in the real window under an X server, pressed by xdotool."""

from __future__ import annotations

from tests.e2e.desktop import App, x_display  # noqa: F401

QUOTE_THEN_BOLD = "> It is a chance to practise.\n\nThe next **paragraph**\n\n"


def test_enter_twice_after_a_quote_bold_and_tab_in_prose(tmp_path, x_display):
    store_path = tmp_path / "store.sqlite"
    with App(x_display, store_path, tmp_path / "home") as app:
        app.wait_for_window()
        app.type("> It is a chance to practise.", delay_ms=10)
        app.key("Return", "Return")
        app.type("The next paragraph", delay_ms=10)
        app.key("ctrl+shift+Left", "ctrl+b", "End")  # the last word, bold
        app.key("Return", "Return", "Home", "Tab")  # Tab in prose: no code block, the keyboard moves on
        body = app.wait_until_stored(lambda body: body.startswith(QUOTE_THEN_BOLD))
        assert "    " not in body
