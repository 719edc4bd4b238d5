"""The store opening behind the window announces itself to the window."""

from __future__ import annotations


def test_the_store_announces_itself_even_when_it_opened_before_anyone_listened(qtbot, store_path):
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.common.store_opener import LazyStore

    Store(store_path).close()
    lazy = LazyStore(str(store_path))
    try:
        lazy.wait_ready()  # opened already, before the window connects below
        with qtbot.waitSignal(lazy.opened, timeout=3000):
            pass
        assert lazy.ready and lazy.article_count() == 0  # calls reach the store host
    finally:
        lazy.close()


def test_a_store_that_cannot_be_opened_is_announced_in_one_sentence(qtbot, tmp_path):
    from desktop_editor.ui.common.store_opener import LazyStore

    path = tmp_path / "notes.sqlite"
    path.write_text("Reporter's notes, not a database.\n")
    lazy = LazyStore(str(path))
    try:
        with qtbot.waitSignal(lazy.failed, timeout=20000) as failed:
            pass
        assert "not a SQLite database" in failed.args[0] and not lazy.ready
    finally:
        lazy.close()


def test_threads_needing_the_store_at_once_start_one_store_host(monkeypatch, qapp):
    # The UI thread and photo workers may all be first to need a store that is still opening.
    import threading
    import time

    from desktop_editor.storage import client
    from desktop_editor.ui.common import store_opener

    made = []

    class SlowToStart:
        def __init__(self, url):
            time.sleep(0.05)  # starting a host takes a while: long enough for the others to ask
            made.append(url)

        def when_decided(self, callback):
            pass

    monkeypatch.setattr(client, "HostProcess", SlowToStart)
    lazy = store_opener.LazyStore("sqlite:////nowhere/store.sqlite", start=False)
    threads = [threading.Thread(target=lazy.start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == ["sqlite:////nowhere/store.sqlite"]
