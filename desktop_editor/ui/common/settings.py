"""One typed settings object: preferences with their defaults, and UI state kept apart."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from desktop_editor.core.figure_view import DEFAULT_CREDIT_FORMAT
from desktop_editor.core.preferences import DEFAULTS as PREFERENCE_DEFAULTS
from desktop_editor.core.preferences import HOUSE_FIELDS, Preferences

# Where the window keeps the preferences that are its own (the house style is in the
# settings file the command line reads too; the store's location where it finds it too).
WINDOW_KEYS = {
    "export_format": "preferences/export_format",
    "check_spelling": "preferences/check_spelling",
    "spelling_languages": "preferences/spelling_languages",
    "user_name": "preferences/user_name",
    "font_size": "editor/font_size",
    "measure_chars": "editor/measure_chars",
}


class AppSettings(QObject):
    """The window's settings: preferences() (one typed Preferences, defaults declared in
    core.preferences) and the UI state (geometry, splitters, last article, cursors, zoom),
    kept apart under state/."""

    credit_format_changed = Signal(str)
    preferences_changed = Signal(object)  # the new Preferences

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._settings = settings or QSettings()

    # Preferences ---------------------------------------------------------------------------

    def preferences(self) -> Preferences:
        """Every preference, each checked; a stored value that cannot be used is the default."""
        from desktop_editor.core import house_style
        from desktop_editor.storage.location import remembered_store

        stored: dict[str, object] = {}
        for name, key in WINDOW_KEYS.items():
            if self._settings.contains(key):
                stored[name] = self._settings.value(key)
        style = house_style.load_lenient()
        stored.update(
            credit_format=style.credit_format, credit_required=style.credit_required, desk=style.desk,
            workflow_shortcuts=style.workflow_shortcuts, suggesting_from=style.suggesting_from,
        )  # fmt: skip
        stored["store_location"] = remembered_store()
        return Preferences.from_stored(stored)

    def set_preferences(self, chosen: Preferences) -> None:
        """Keep chosen (only what differs from the defaults is stored). The store's location
        is not set here: it changes only by moving the store (storage.move)."""
        before = self.preferences()
        for name, key in WINDOW_KEYS.items():
            value = getattr(chosen, name)
            if value == getattr(PREFERENCE_DEFAULTS, name):
                self._settings.remove(key)
            else:
                self._settings.setValue(key, ",".join(value) if isinstance(value, tuple) else value)
        house = {name: getattr(chosen, name) for name in HOUSE_FIELDS}
        if house != {name: getattr(before, name) for name in HOUSE_FIELDS}:
            from desktop_editor.core import house_style

            house_style.save(house_style.load_lenient().replace(**house))
        after = self.preferences()
        if after.credit_format != before.credit_format:
            self.credit_format_changed.emit(after.credit_format)
        if after != before:
            self.preferences_changed.emit(after)

    def house_style(self):
        """The house style for exports: the settings file's, usable values only."""
        from desktop_editor.core import house_style

        return house_style.load_lenient()

    def _window_preference(self, name: str):
        """One of the window's own preferences, checked, without reading the other files
        (the typing path asks for some of these)."""
        key = WINDOW_KEYS[name]
        stored = {name: self._settings.value(key)} if self._settings.contains(key) else {}
        return getattr(Preferences.from_stored(stored), name)

    @property
    def credit_format(self) -> str:
        return self.house_style().credit_format  # the file's stat is all a render costs

    @credit_format.setter
    def credit_format(self, value: str) -> None:
        self.set_preferences(self.preferences().replace(credit_format=value if "{credit}" in value else DEFAULT_CREDIT_FORMAT))

    @property
    def dateline_format(self) -> str:
        return self.house_style().dateline_format  # core.dateline

    @property
    def credit_required(self) -> bool:
        return self.house_style().credit_required

    @credit_required.setter
    def credit_required(self, value: bool) -> None:
        self.set_preferences(self.preferences().replace(credit_required=bool(value)))

    @property
    def export_format(self) -> str:
        return self._window_preference("export_format")

    @property
    def check_spelling(self) -> bool:
        return self._window_preference("check_spelling")

    @property
    def spelling_languages(self) -> tuple[str, ...]:
        return self._window_preference("spelling_languages")

    @property
    def user_name(self) -> str:
        """The name chosen in Preferences ("" when none: the account's is used)."""
        return self._window_preference("user_name")

    @property
    def font_size(self) -> int:
        return self._window_preference("font_size")

    @property
    def measure_chars(self) -> int:
        return self._window_preference("measure_chars")

    # UI state.
    @property
    def zoom(self) -> float:
        try:
            return min(3.0, max(0.5, float(self._settings.value("state/zoom", 1.0))))
        except (TypeError, ValueError):
            return 1.0

    @zoom.setter
    def zoom(self, value: float) -> None:
        self._settings.setValue("state/zoom", float(value))

    def geometry(self, name: str) -> QByteArray | None:
        value = self._settings.value(f"state/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(f"state/{name}", value)

    @property
    def last_article_id(self) -> int | None:
        value = self._settings.value("state/last_article")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    @last_article_id.setter
    def last_article_id(self, value: int | None) -> None:
        self._settings.setValue("state/last_article", value)

    @property
    def export_folder(self) -> str | None:
        """Where the last export went; the next one is suggested beside it."""
        value = self._settings.value("state/export_folder")
        return str(value) if value else None

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self._settings.setValue("state/export_folder", value)

    def cursor_position(self, article_id: int) -> int:
        return int(self._cursors().get(str(article_id), 0))

    def set_cursor_position(self, article_id: int, position: int) -> None:
        cursors = self._cursors()
        cursors[str(article_id)] = position
        if len(cursors) > 200:  # keep the most recent
            cursors = dict(list(cursors.items())[-200:])
        self._settings.setValue("state/cursors", json.dumps(cursors))

    def _cursors(self) -> dict:
        try:
            value = json.loads(str(self._settings.value("state/cursors", "{}")))
            return value if isinstance(value, dict) else {}
        except ValueError:
            return {}

    def sync(self) -> None:
        self._settings.sync()

    def sync_in_background(self) -> None:
        """Write to disk on a pool thread: a sync waits for the disk (fsync), which the
        typing must not. Instances on one file share their pending changes in Qt."""
        from PySide6.QtCore import QThreadPool

        name, format = self._settings.fileName(), self._settings.format()
        QThreadPool.globalInstance().start(lambda: QSettings(name, format).sync())
