"""A debugging guard: the window's store, refusing every call made on the UI thread.

A store call is a round trip to another process (the store host) or to a desk server far
away; made on the UI thread it freezes typing for as long as the store takes. The window
makes every call on a worker (the open article's, the library's, the picture desk's). With
DESKTOP_EDITOR_GUARD_UI_THREAD=1 in the environment (the test suite sets it), build_window
wraps the store in StoreOnUIThreadGuard, so that a call that slips back onto the UI thread
raises StoreCalledOnUIThread, and is remembered in `violations` for a test to report.
"""

from __future__ import annotations

import threading
import traceback

from desktop_editor.storage.interface import OPERATIONS

violations: list[str] = []  # each: the operation and where it was called from


class StoreCalledOnUIThread(RuntimeError):
    pass


class StoreOnUIThreadGuard:
    """store, with each declared operation refused on the thread that made this guard;
    anything else (ready, location, the opened and failed signals...) is store's own."""

    def __init__(self, store):
        self._store = store
        self._ui_thread = threading.current_thread()

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def _checked(self, name: str):
        if threading.current_thread() is self._ui_thread:
            where = "".join(traceback.format_stack(limit=6)[:-2])
            violations.append(f"{name} on the UI thread, called from:\n{where}")
            raise StoreCalledOnUIThread(f"store.{name}() was called on the UI thread")
        return getattr(self._store, name)


def _operation(name: str):
    def call(self, *args, **kwargs):
        return self._checked(name)(*args, **kwargs)

    call.__name__ = name
    return call


for _name in OPERATIONS:
    setattr(StoreOnUIThreadGuard, _name, _operation(_name))
