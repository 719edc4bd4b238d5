"""A subeditor's pass in the real window, by keys under X: suggesting turned on, words typed
and deleted, a comment made with Ctrl+Alt+M on words found with Ctrl+F, then from the review
panel (Ctrl+Alt+R) one suggestion accepted, the other rejected and the comment resolved. The
store holds exactly the decided text with the comment on its words, and the exported page
has none of the review."""

from __future__ import annotations

import json
import time

from desktop_editor.core import critic
from tests.e2e.desktop import App, cli, create_store, wait_for_window, x_display  # noqa: F401
from tests.waiting import DEADLINE_S

BODY = "The council will close the pool. Swimmers were angry."


def test_suggest_comment_and_decide_by_keys(tmp_path, x_display):
    store = tmp_path / "store.sqlite"
    create_store(store, headline="Pool to close", body=BODY)
    with App(x_display, store, tmp_path / "home") as app:
        app.wait_for_window()
        app.wait_for_store()
        app.key("ctrl+Home")
        app.key("ctrl+alt+shift+x")  # suggesting on
        app.type("Today ", delay_ms=40)
        app.key("ctrl+End")
        for _ in range(len("angry.")):
            app.key("BackSpace")
        app.key("ctrl+alt+shift+x")  # off
        app.key("ctrl+f")
        time.sleep(0.5)
        app.type("council", delay_ms=40)
        app.key("Return")
        time.sleep(0.3)
        app.key("Escape")  # back in the text, the words found selected
        app.key("ctrl+alt+m")
        dialog = wait_for_window(app.env, "--name", "^Comment")
        assert dialog is not None, f"Ctrl+Alt+M showed no Comment dialog within {DEADLINE_S:.0f} s"
        app.focus(dialog)
        app.type("Which council?", delay_ms=30)
        app.key("Return")
        app.focus()

        def items(body: str) -> list[str]:
            return [item.kind for item in critic.items(body)]

        app.wait_until_stored(lambda body: items(body) == ["insertion", "comment", "deletion"])
        app.key("ctrl+alt+r")  # the review panel, the first item chosen
        time.sleep(1.0)
        for keys in ("alt+c", "Down", "alt+j", "Up", "alt+s"):  # accept "Today ", reject the deletion, resolve
            app.key(keys)
            time.sleep(0.6)  # a person's pace: a button pressed by its key clicks a moment later
        body = app.wait_until_stored(lambda body: items(body) == ["comment"] and body.startswith("Today The "))
    assert critic.clean(body) == "Today " + BODY
    [comment] = critic.items(body)
    assert (comment.words, comment.note) == ("council", "Which council?")
    listed = cli(store, "review", "1", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []  # nothing left open
    exported = cli(store, "export", "1", "--out", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Today The council will close the pool" in page and "Which council" not in page and "{" not in page.split("<body")[1].split("application/ld+json")[0]
