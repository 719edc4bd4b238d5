"""The window a person sees first is the window they keep: when the preview joins it, Qt
does not replace the native window (which flickers under a window manager)."""

from __future__ import annotations

from tests.e2e.desktop import App, create_store, visible_windows, wait_for_window, x_display  # noqa: F401
from tests.waiting import wait_for


def test_the_first_window_stays_when_the_preview_joins(tmp_path, x_display):
    """Every window the app shows, from its first until the preview has drawn its first
    frame (the app prints "timing preview_frame" then), is that first window."""
    store_path = tmp_path / "store.sqlite"
    create_store(store_path, "Ferry strike ends", "The ferries sail again on Monday.")
    with App({**x_display, "DESKTOP_EDITOR_TIMING": "1"}, store_path, tmp_path / "home") as app:
        first = wait_for_window(app.env, "--pid", str(app.pid))
        assert first is not None, app.log_tail()
        shown: list[list[str]] = []

        def preview_drawn() -> bool:
            drawn = "timing preview_frame" in app.log.read_text(errors="replace")
            shown.append(visible_windows(app.env, "--pid", str(app.pid)))  # after the line: it was on screen then
            return drawn

        wait_for(preview_drawn, describe=lambda _drawn: f"the preview drew no frame; the app's output:\n{app.log_tail()}")
        assert all(windows == [first] for windows in shown), f"the first window was {first}; then {shown}"
