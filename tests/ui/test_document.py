"""The store opening behind the window announces itself to the window."""

from __future__ import annotations


def test_the_store_announces_itself_even_when_it_opened_before_anyone_listened(qtbot, store_path):
    from desktop_editor.storage.store import Store
    from desktop_editor.ui.store_opener import LazyStore

    Store(store_path).close()
    lazy = LazyStore(str(store_path))
    lazy.store()  # opened already, before the window connects below
    with qtbot.waitSignal(lazy.opened, timeout=3000):
        pass
    lazy.store().close()
