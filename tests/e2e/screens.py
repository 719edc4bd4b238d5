"""Screenshots of the real window at the sizes people use: the five-photo story open, under
Xvfb with no window manager (the window is sized to the screen, as a maximised window is).

    python -m tests.e2e.screens OUT_FOLDER [--sizes 1024x700,1366x768,1920x1080] [--dark] [--find] [--review]

Writes OUT_FOLDER/window-WIDTH[-dark][-find][-review].png for each size. --dark runs the app under
GTK's dark Adwaita theme (the system palette the app follows); --find opens find and replace;
--review gives the story a subeditor's suggestions and a comment and opens the review panel.
Used by tests/e2e/test_window_screens.py and to make the pictures in docs/.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.e2e.desktop import App, start_x_server, visible_windows, xdotool
from tests.e2e.story import cli, write_story
from tests.waiting import wait_for

SIZES = ((1024, 700), (1366, 768), (1920, 1080))


REVIEWED = (  # (words in the story, the same with a subeditor's suggestion)
    ("sailed into the Baltic", "{~~sailed into~>entered~~} the Baltic"),
    ("largest annual maritime", "largest {--annual --}maritime"),
    ("before sailing north.", "before sailing north{++ on Monday++}."),
)
COMMENT = ("Crews rehearsed mine clearance", "Source for this? The navy's release says divers only.")


def reviewed_store(home: Path) -> Path:
    """The story with three suggestions and a comment by a subeditor, imported."""
    bundle = write_story(home / "bundle")
    text = bundle.read_text(encoding="utf-8")
    for words, suggested in REVIEWED:
        text = text.replace(words, suggested, 1)
    bundle.write_text(text, encoding="utf-8")
    store = home / "store.sqlite"
    was = os.environ.get("DESKTOP_EDITOR_AUTHOR")
    os.environ["DESKTOP_EDITOR_AUTHOR"] = "Sam Sub"  # who the imported suggestions are by
    try:
        cli(store, "import", str(bundle))
    finally:
        os.environ.pop("DESKTOP_EDITOR_AUTHOR") if was is None else os.environ.__setitem__("DESKTOP_EDITOR_AUTHOR", was)
    cli(store, "comment", "navy-ships-gather-in-the-baltic-for-annual-exercise", "--on", COMMENT[0], "--text", COMMENT[1], "--author", "Sam Sub")
    return store


def take(
    out: Path, width: int, height: int, *, dark: bool = False, find: bool = False, review: bool = False, store: Path | None = None
) -> Path:
    """One screenshot of the app at width×height; returns its path."""
    server, env = start_x_server(width, height)
    env["DESKTOP_EDITOR_TIMING"] = "1"  # the app says when the preview has drawn its first frame
    if dark:
        env.update(QT_QPA_PLATFORMTHEME="gtk3", GTK_THEME="Adwaita:dark")
    try:
        with tempfile.TemporaryDirectory() as home:
            home = Path(home)
            if store is None and review:
                store = reviewed_store(home)
            if store is None:
                store = home / "store.sqlite"
                cli(store, "import", str(write_story(home / "bundle")))
            with App(env, store, home) as app:
                app.wait_for_window()
                wait_for(
                    lambda: "timing preview_frame" in app.log.read_text(errors="replace"), interval=0.1,
                    describe=lambda _drawn: f"the preview drew no frame; the app's output:\n{app.log_tail()}",
                )  # fmt: skip
                for _attempt in range(5):
                    window = app.main_window()
                    moved = subprocess.run(["xdotool", "windowmove", window, "0", "0"], env=app.env, capture_output=True)
                    if moved.returncode == 0:
                        break
                    time.sleep(0.5)
                xdotool(app.env, "windowsize", "--sync", window, str(width), str(height), check=False)
                time.sleep(1.0)
                app.focus()
                if find:
                    app.key("ctrl+h")
                    app.type("Baltic", delay_ms=20)
                    time.sleep(0.3)
                    app.key("Tab")
                    app.type("Baltic Sea", delay_ms=20)
                if review:
                    app.key("ctrl+alt+r")
                # The photos' thumbnails and the preview's pictures load on worker threads,
                # and nothing outside the app says when they are in: a picture, not a test.
                time.sleep(3.0)
                name = f"window-{width}{'-dark' if dark else ''}{'-find' if find else ''}{'-review' if review else ''}.png"
                path = out / name
                subprocess.run(["import", "-window", "root", str(path)], env=app.env, check=True, timeout=30)
                assert visible_windows(app.env, "--pid", str(app.pid)), app.log_tail()
                return path
    finally:
        server.terminate()
        server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--find", action="store_true")
    parser.add_argument("--review", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for size in args.sizes.split(","):
        width, height = (int(n) for n in size.split("x"))
        print(take(args.out, width, height, dark=args.dark, find=args.find, review=args.review))
    return 0


if __name__ == "__main__":
    sys.exit(main())
