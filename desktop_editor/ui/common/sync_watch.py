"""The window's view of the sync with the desk server that runs in the store host
(storage.sync_service): asked every second, off the UI thread, which desk to use and how
it stands; says what the status bar shows, and which articles a sync changed here."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_editor.core.model import conflict_names
from desktop_editor.ui.common.workers import in_background

DESK_ENVIRONMENT_VARIABLE = "DESKTOP_EDITOR_DESK"
ASK_EVERY_MS = 1000


def desk_setting() -> str:
    """The desk server the command line's `sync` would use: $DESKTOP_EDITOR_DESK, else
    `desk` in house-style.toml (set in Preferences); "" for none."""
    if os.environ.get(DESK_ENVIRONMENT_VARIABLE):
        return os.environ[DESK_ENVIRONMENT_VARIABLE]
    from desktop_editor.core import house_style

    return house_style.load_lenient().desk


def sync_text(status: dict | None, conflicts) -> tuple[str, str]:
    """(status bar text, its tooltip) for a sync status and the open article's conflicts."""
    if not status or status["state"] == "off":
        return "", ""
    if conflicts:
        names = conflict_names(conflicts)
        tips = [
            f"{c['field']}: kept “{c.get('kept', '')}”; the other value, “{c.get('other', '')}”, came from "
            f"{c.get('other_from') or 'another desk'}. Set the {c['field']} to settle it." for c in conflicts
        ]  # fmt: skip
        return f"Conflict — {', '.join(names)}", "\n".join(tips)
    if status["state"] == "starting":
        return "Syncing…", f"Syncing with {status['desk']}"
    if status["state"] == "offline":
        waiting = status["waiting"]
        text = "Offline" if not waiting else f"Offline — {waiting} change{'s' if waiting != 1 else ''} waiting"
        return text, f"{status['reason']} Tried again every 30 seconds; your work is saved here meanwhile."
    return "Synced", f"In step with {status['desk']}"


class SyncWatch(QObject):
    status_changed = Signal(object)  # the status dict (storage.sync_service.SyncService.status)
    articles_changed = Signal(object)  # list of article ids a sync changed in this store

    def __init__(
        self, ask: Callable[[str, int, tuple], dict], ready: Callable[[], bool],
        showing: Callable[[], tuple] = lambda: (None, ""), parent: QObject | None = None,
    ) -> None:  # fmt: skip
        """ask(desk, since, showing): the store host's answer, called on a pool thread once
        ready(); showing(): (the open article's id, the user's name), told to the desk."""
        super().__init__(parent)
        self._ask = ask
        self._showing = showing
        self._ready = ready
        self.desk = desk_setting()
        self.status: dict | None = None
        self._since = 0
        self._asking = False
        self._stopped = False
        self._timer = QTimer(self, interval=ASK_EVERY_MS)
        self._timer.timeout.connect(self.ask_now)

    def start(self) -> None:
        self._timer.start()
        self.ask_now()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()

    def set_desk(self, desk: str) -> None:
        """Another desk chosen (Preferences): used from the next question on."""
        self.desk = desk
        self.ask_now()

    def ask_now(self) -> None:
        if self._asking or self._stopped or not self._ready() or (not self.desk and (self.status or {}).get("state", "off") == "off"):
            return
        self._asking = True
        desk, since, showing = self.desk, self._since, self._showing()
        in_background(lambda: self._ask(desk, since, showing), self._answered, self._unanswered)

    def _answered(self, status: dict) -> None:
        self._asking = False
        if self._stopped:
            return
        changed = status["changed"] if status["generation"] >= self._since else []
        self._since = status["generation"]  # a store host started again counts from 0
        if status != self.status:
            self.status = status
            self.status_changed.emit(status)
        if changed:
            self.articles_changed.emit(changed)

    def _unanswered(self, _error) -> None:
        self._asking = False  # the store itself is down: the save state says so
