"""One store, several processes, measured from outside: the window keeps its hold on the
store through a file dialog that browses the store's folder while another process uses the
store, and two desks changing one article never silently overwrite each other.

What the app must do (README "Two windows, one article", DESIGN "Storage"):
- File/Edit → "Add photos…" (Ctrl+Shift+P) opens a file dialog titled "Add photos" that
  starts in the current folder; neither it nor another process opening and closing the
  store costs the window its SQLite locks or its -wal/-shm files;
- a save based on an older version is refused with a dialog titled "Changed elsewhere"
  whose default button (Return) is Reload: the other desk's text becomes the article's
  and the text typed here is kept as a revision of it.
"""

from __future__ import annotations

import time

from tests.e2e.desktop import (  # noqa: F401
    App,
    Typist,
    change_elsewhere,
    cli,
    create_store,
    deleted_store_files,
    read_store,
    screenshot,
    visible_windows,
    wait_for_window,
    x_display,
)
from tests.waiting import DEADLINE_S, wait_for


def wait_closed(env: dict, *criteria: str, timeout: float = DEADLINE_S) -> bool:
    try:
        wait_for(lambda: not visible_windows(env, *criteria), timeout=timeout)
    except AssertionError:
        return False
    return True


def test_a_file_dialog_and_another_process_on_the_store_lose_nothing(tmp_path, x_display):
    """The app runs in the folder holding its store. Type, open "Add photos" (Ctrl+Shift+P),
    which lists that folder, and close it with Escape; `desktop-editor list` opens and
    closes the same store; type more. Once the window says Saved, a third process finds
    both batches, and no process of the app has the store's -wal or -shm open as a deleted
    file."""
    desk = tmp_path / "desk"
    desk.mkdir()
    store_path = desk / "articles.sqlite"
    create_store(store_path, headline="Council approves new bridge")
    first, second = "Before the dialog", " and after it"
    with App(x_display, store_path, tmp_path / "home", cwd=desk) as app:
        app.wait_for_window()
        app.type(first, delay_ms=50)
        app.key("ctrl+shift+p")
        dialog = wait_for_window(app.env, "--name", "^Add photos")
        assert dialog is not None, f"Ctrl+Shift+P showed no window titled “Add photos” within {DEADLINE_S:.0f} s"
        time.sleep(1.0)  # a person's pause over the listing of the store's folder, before Escape
        screenshot(app.env, tmp_path / "add-photos.png")
        app.focus(dialog)
        app.key("Escape")
        assert wait_closed(app.env, "--name", "^Add photos"), "Escape did not close the “Add photos” dialog"
        app.focus()

        listed = cli(store_path, "list", cwd=desk)
        assert listed.returncode == 0, f"a second process could not list the store: {listed.stderr}"
        assert "Council approves new bridge" in listed.stdout

        app.type(second, delay_ms=50)
        deleted = deleted_store_files(app.tree(), store_path)
        app.wait_until_stored(
            first + second,
            describe=lambda body: (
                f"after the dialog and a second process on the store, the store holds {body!r}, not "
                f"{first + second!r}; the app's deleted store files: {deleted_store_files(app.tree(), store_path)}"
            ),
        )  # fmt: skip
        deleted = sorted(set(deleted) | set(deleted_store_files(app.tree(), store_path)))
    assert not deleted, f"the app writes to store files that no longer exist: {deleted}"


def test_two_desks_on_one_article_nothing_is_overwritten(tmp_path, x_display):
    """App A has the article open; another process saves a different body; A replaces the
    same words. A's autosave is refused and cannot be merged (both changed the same words),
    and no dialog takes A's keys: every word typed lands in the text. Closing the window asks
    "Changed elsewhere" (the person asked to close); Return (Reload) makes the other text the
    article's, and everything A typed is one of its revisions. (Changes to different words
    are merged and saved without a question: tests/editing/test_incoming.py.)"""
    store_path = tmp_path / "store.sqlite"
    original = "Original text from this desk."
    theirs = "Their text, saved by another desk."
    article_id = create_store(store_path, headline="Two desks", body=original)
    with App(x_display, store_path, tmp_path / "home") as app:
        app.wait_for_window()
        app.wait_for_store()
        change_elsewhere(store_path, article_id, theirs)
        app.key("ctrl+a")  # the whole text, typed over
        typist = Typist(app.env, ["Amended", "while", "the", "other", "desk", "saved", "theirs."], interval=0.08)
        typist.start()
        typist.join(timeout=60)
        mine = typist.text
        assert visible_windows(app.env, "--name", "^Changed elsewhere") == [], "a dialog opened while A typed"
        screenshot(app.env, tmp_path / "changed-elsewhere-notice.png")
        app.key("ctrl+q")  # closing asks: the person asked for it
        dialog = wait_for_window(app.env, "--name", "^Changed elsewhere", timeout=DEADLINE_S)
        assert dialog is not None, f"closing with A's text refused showed no “Changed elsewhere” question within {DEADLINE_S:.0f} s"
        app.focus(dialog)
        app.key("Return")  # Reload theirs
        assert app.wait_gone(DEADLINE_S) is not None, "the app did not close after the question was answered"
    articles = read_store(store_path)
    assert len(articles) == 1, f"Return saved a copy instead of reloading: {articles}"
    article = articles[0]
    assert article["body"] == theirs, f"after Reload the article holds {article['body']!r}, not the other desk's text"
    kept = [r["body"] for r in article["revisions"]]
    assert mine in kept, f"the text typed in A ({mine!r}) is in no revision of the article: {kept}"

