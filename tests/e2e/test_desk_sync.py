"""Two windows on two laptops' stores, each syncing with one desk by itself, typing into the
same article: afterwards both stores (and the desk) hold one text with both people's words,
each window's cursor still on its word. The desk is a SQLite file, or the PostgreSQL server
of DESKTOP_EDITOR_TEST_POSTGRES when it is set.

README "Working offline": with a desk server set, the window syncs by itself, soon after a
save and every few seconds while the desk answers; changes arriving for the open article
appear in the editor without moving the cursor and without losing what is typed.
"""

from __future__ import annotations

import json
import os
import time

from tests.e2e.desktop import App, cli, create_store, read_store, x_display  # noqa: F401
from tests.waiting import wait_for

BODY = "Para one.\n\nPara two."


def the_desk(tmp_path) -> str:
    if os.environ.get("DESKTOP_EDITOR_TEST_POSTGRES"):
        from tests.storage.conftest import empty_postgres

        return empty_postgres()
    return str(tmp_path / "desk.sqlite")


def both_hold(stores, accept, describe: str) -> str:
    def bodies() -> list[str]:
        return [read_store(path)[0]["body"] for path in stores]

    found = wait_for(bodies, lambda seen: seen[0] == seen[1] and accept(seen[0]), timeout=60, interval=0.5,
                     describe=lambda seen: f"{describe}; the stores hold {seen!r}")  # fmt: skip
    return found[0]


def settled_at(stores, body: str, quiet_s: float = 7.0) -> None:
    """Wait until every store holds body and has held it for quiet_s, longer than a window
    takes to sync while the desk answers: nothing still on its way can change it after."""
    since: dict = {"t": None, "seen": []}

    def quiet() -> bool:
        since["seen"] = [read_store(path)[0]["body"] for path in stores]
        if any(seen != body for seen in since["seen"]):
            since["t"] = None
            return False
        since["t"] = since["t"] or time.monotonic()
        return time.monotonic() - since["t"] >= quiet_s

    wait_for(quiet, timeout=90, interval=0.5,
             describe=lambda _quiet: f"the laptops never settled on {body!r}; they hold {since['seen']!r}")  # fmt: skip


def test_two_windows_on_two_laptops_type_into_one_article_and_keep_both(tmp_path, x_display):
    desk = the_desk(tmp_path)
    a_store, b_store = tmp_path / "a" / "laptop.sqlite", tmp_path / "b" / "laptop.sqlite"
    a_store.parent.mkdir()
    b_store.parent.mkdir()
    create_store(a_store, headline="Council approves new bridge", body=BODY)
    for store in (a_store, b_store):  # laptop B receives the story before the windows open
        done = cli(store, "sync", "--desk", desk)
        assert done.returncode == 0, done.stderr
    # Laptop A is told its desk on the command line, laptop B by the environment.
    a_app = App(x_display, a_store, tmp_path / "home-a", extra=("--desk", desk))
    with a_app as a, App({**x_display, "DESKTOP_EDITOR_DESK": desk}, b_store, tmp_path / "home-b") as b:
        for app in (a, b):
            app.wait_for_window()
            app.wait_for_store()  # the cursor is back at the start of the text
            # The key typed and taken back travels to the other laptop too: wait until it
            # has come and gone there, so the next window starts from the story as it was.
            settled_at((a_store, b_store), BODY)
        a.focus()
        a.type("Alpha ")  # at the start of the first paragraph
        b.focus()
        b.key("ctrl+End")
        b.type(" Beta.")  # at the end of the last
        merged = both_hold((a_store, b_store), lambda body: "Alpha " in body and "Beta." in body,
                           "both people's words never reached both laptops")  # fmt: skip
        assert merged == "Alpha Para one.\n\nPara two. Beta."
        # Each window took the other's words in around its cursor, which stayed on its word:
        # what is typed now lands right after what each typed before.
        a.focus()
        a.type("and ")
        b.focus()
        b.type(" Gamma.")
        final = both_hold((a_store, b_store), lambda body: "Gamma" in body and "and " in body,
                          "the second round of typing never reached both laptops")  # fmt: skip
        assert final == "Alpha and Para one.\n\nPara two. Beta. Gamma."
        for app in (a, b):
            wait_for(app.says_saved, describe="a window did not say Saved")
    done = cli(a_store, "sync", "--desk", desk, "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["nothing_to_do"], done.stdout
