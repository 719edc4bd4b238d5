"""The window a person sees first is the window they keep: when the preview joins it, Qt
does not replace the native window (which flickers under a window manager)."""

from __future__ import annotations

import time

from tests.e2e.desktop import App, create_store, visible_windows, wait_for_window, x_display  # noqa: F401


def test_the_first_window_stays_when_the_preview_joins(tmp_path, x_display):
    store_path = tmp_path / "store.sqlite"
    create_store(store_path, "Ferry strike ends", "The ferries sail again on Monday.")
    with App({**x_display, "DESKTOP_EDITOR_TIMING": "1"}, store_path, tmp_path / "home") as app:
        first = wait_for_window(app.env, "--pid", str(app.pid), timeout=30)
        assert first is not None, app.log_tail()
        deadline = time.monotonic() + 30
        while "timing preview_frame" not in app.log.read_text(errors="replace") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "timing preview_frame" in app.log.read_text(errors="replace"), app.log_tail()
        time.sleep(0.5)
        assert visible_windows(app.env, "--pid", str(app.pid)) == [first]
