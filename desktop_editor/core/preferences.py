"""Preferences: one typed, frozen object with every default declared in one place.

The window reads a Preferences and the preferences dialog edits one; where each value is
kept is the settings layer's business (ui.common.settings): the house style in the settings
file the command line reads too (core.house_style), the store's location where the command
line finds it (storage.location), the rest with the window's own settings. UI state
(geometry, splitter sizes, the last article, cursors) is not a preference and is kept apart.

A stored value is checked against its field's type (and the field's own rule) when read:
a value of the wrong kind, or one that breaks the rule, gives the default, never an error.
Pure Python, no Qt.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from desktop_editor.core.figure_view import DEFAULT_CREDIT_FORMAT

# The export formats by the names core.export.ExportFormat gives them (that module is
# not imported here: it loads the image stack, which the window does not need at start).
EXPORT_FORMATS = ("folder", "zip", "single", "markdown", "ninjs")
EXPORT_FORMAT_NAMES = {
    "folder": "Folder", "zip": "Zip archive", "single": "Single HTML file", "markdown": "Markdown bundle",
    "ninjs": "IPTC ninjs (for a CMS or a wire)",
}  # fmt: skip
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def _credit_format(value: str) -> bool:
    return "{credit}" in value


def shortcuts_problem(value: str) -> str:
    """Why value cannot be the house style's workflow_shortcuts, in one sentence; "" if it can."""
    from desktop_editor.core.workflow import WorkflowRefused, parse_shortcuts

    try:
        parse_shortcuts(value, "Workflow shortcuts")
    except WorkflowRefused as refusal:
        return str(refusal)
    return ""


def holds_password(url: str) -> bool:
    """True when a store URL carries a password (user:password@host), which no setting may hold."""
    return re.search(r"://[^/@\s]*:[^/@\s]*@", url) is not None


def _language_tags(value: tuple[str, ...]) -> bool:
    return all(_LANGUAGE_TAG.match(tag) for tag in value)


def _rule(check: Callable[[typing.Any], bool] | None = None, *, house: bool = False) -> dict:
    return {"check": check, "house": house}


@dataclass(frozen=True, slots=True)
class Preferences:
    # House style: also read by `desktop-editor check` and `export` (core.house_style).
    credit_format: str = field(default=DEFAULT_CREDIT_FORMAT, metadata=_rule(_credit_format, house=True))
    credit_required: bool = field(default=True, metadata=_rule(house=True))
    # The desk server this store syncs with ("" for none), also `desktop-editor sync`'s.
    desk: str = field(default="", metadata=_rule(lambda value: not holds_password(value), house=True))
    # Moves added to the desk's workflow, e.g. "draft->ready" (core.workflow).
    workflow_shortcuts: str = field(default="", metadata=_rule(lambda value: not shortcuts_problem(value), house=True))
    # Suggesting mode by itself for articles from this state on ("" never: core.house_style).
    suggesting_from: str = field(default="", metadata=_rule(lambda value: value in ("", "subbing", "legal", "ready"), house=True))
    # Publishing.
    export_format: str = field(default="folder", metadata=_rule(lambda value: value in EXPORT_FORMATS))
    # Spelling: languages as BCP 47 tags (en-GB, de); none means the article's own language.
    check_spelling: bool = True
    spelling_languages: tuple[str, ...] = field(default=(), metadata=_rule(_language_tags))
    # The store: "" is the platform's user data folder (storage.location).
    store_location: str = ""
    # Who is editing: the name suggestions, comments and moves carry ("": account_name()).
    user_name: str = ""
    # The editor.
    font_size: int = field(default=12, metadata=_rule(lambda value: 6 <= value <= 72))
    measure_chars: int = field(default=78, metadata=_rule(lambda value: 30 <= value <= 200))

    def replace(self, **changes) -> Preferences:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_stored(cls, values: Mapping[str, object]) -> Preferences:
        """Preferences from stored values (any subset, by field name), each checked; a
        value that is missing, of the wrong kind or against its field's rule is the default."""
        chosen = {}
        for name, kind in FIELD_TYPES.items():
            if name not in values:
                continue
            value = coerce(values[name], kind)
            check = FIELD_CHECKS.get(name)
            if value is not _INVALID and (check is None or check(value)):
                chosen[name] = value
        return cls(**chosen)

    def differences(self) -> dict[str, object]:
        """The fields that differ from the defaults: all that needs storing."""
        return {name: getattr(self, name) for name in FIELD_TYPES if getattr(self, name) != getattr(DEFAULTS, name)}


_INVALID = object()
FIELD_TYPES: dict[str, object] = typing.get_type_hints(Preferences)
FIELD_CHECKS: dict[str, Callable] = {
    f.name: f.metadata["check"] for f in dataclasses.fields(Preferences) if f.metadata.get("check")
}
HOUSE_FIELDS = tuple(f.name for f in dataclasses.fields(Preferences) if f.metadata.get("house"))
DEFAULTS = Preferences()

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def coerce(value: object, kind) -> object:
    """value as kind (bool, int, str or tuple[str, ...]), or _INVALID.

    Settings files hand back text for everything ("true", "12"), lists for lists and a
    single string for a one-element list; those are understood, nothing else is guessed."""
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        return _INVALID
    if kind is int:
        if isinstance(value, bool):
            return _INVALID
        if isinstance(value, int):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,6}\s*", value):
            return int(value)
        return _INVALID
    if kind is str:
        return value if isinstance(value, str) else _INVALID
    if typing.get_origin(kind) is tuple:
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
            return _INVALID
        return tuple(item.strip() for item in value if item.strip())
    return _INVALID


def account_name() -> str:
    """The name to work under when none is chosen: $DESKTOP_EDITOR_AUTHOR, else the
    account's full name, else its login name ("" if none)."""
    import os

    if os.environ.get("DESKTOP_EDITOR_AUTHOR"):
        return os.environ["DESKTOP_EDITOR_AUTHOR"]
    try:
        import pwd

        full = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError, OSError, AttributeError):
        full = ""
    if full:
        return full
    import getpass  # only here: it loads the terminal module, which the window need not start with

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a container without one)
        return ""
