"""One typed settings object: preferences with their defaults, and UI state kept apart."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from desktop_editor.core.figure_view import DEFAULT_CREDIT_FORMAT

# The house style (credit format, credit required) lives in the settings file the command
# line reads too: core.house_style. The keys stay here for their defaults.
PREFERENCE_DEFAULTS = {
    "house/credit_format": DEFAULT_CREDIT_FORMAT,
    "house/credit_required": False,
    "editor/font_size": 12,
    "editor/measure_chars": 78,
}


class AppSettings(QObject):
    credit_format_changed = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._settings = settings or QSettings()

    # Preferences: only values that differ from the defaults are stored.
    def _get(self, key: str):
        default = PREFERENCE_DEFAULTS[key]
        value = self._settings.value(key, default)
        if isinstance(default, bool):
            return value in (True, "true", "1", 1)
        if isinstance(default, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                return default
        return str(value)

    def _set(self, key: str, value) -> None:
        if value == PREFERENCE_DEFAULTS[key]:
            self._settings.remove(key)
        else:
            self._settings.setValue(key, value)

    # The house style: in the settings file shared with the command line.
    def house_style(self):
        from desktop_editor.core import house_style

        try:
            return house_style.load()
        except house_style.HouseStyleError:
            return house_style.DEFAULTS  # the command line names what is wrong with the file

    def _set_house(self, **changes) -> None:
        from desktop_editor.core import house_style

        house_style.save(self.house_style().replace(**changes))

    @property
    def credit_format(self) -> str:
        value = self.house_style().credit_format
        return value if "{credit}" in value else DEFAULT_CREDIT_FORMAT

    @credit_format.setter
    def credit_format(self, value: str) -> None:
        self._set_house(credit_format=value if "{credit}" in value else DEFAULT_CREDIT_FORMAT)
        self.credit_format_changed.emit(self.credit_format)

    @property
    def credit_required(self) -> bool:
        return self.house_style().credit_required

    @credit_required.setter
    def credit_required(self, value: bool) -> None:
        self._set_house(credit_required=bool(value))

    @property
    def font_size(self) -> int:
        return self._get("editor/font_size")

    @property
    def measure_chars(self) -> int:
        return self._get("editor/measure_chars")

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
