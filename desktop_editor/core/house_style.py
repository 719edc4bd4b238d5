"""The house style: one small settings file read by the command line and the window alike.

`house-style.toml` in the platform's config folder (on Linux
`~/.config/desktop-editor/house-style.toml`; `$DESKTOP_EDITOR_SETTINGS` names another file):

    credit_format = "Picture: {credit}"   # how a credit is written after a caption
    credit_required = true                # a shown photo without a credit blocks export
    base_url = "https://news.example/{slug}/"  # where exported pages are published
    publisher = "The Example Gazette"     # JSON-LD publisher
    publisher_url = "https://news.example/"
    publisher_logo = "https://news.example/logo.png"
    desk = "postgresql+psycopg://desk.example/newsroom"  # the desk server `sync` uses
    workflow_shortcuts = "draft->ready"   # moves added to the workflow (core.workflow)
    dateline_format = "{PLACE} —"         # or "{Place}, {date:%-d %B} —" (core.dateline)

Only values that differ from the defaults need to be there; a missing file means the
defaults. Pure Python, no Qt.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from desktop_editor.core.dateline import DEFAULT_DATELINE_FORMAT, DatelineFormatError, check_format
from desktop_editor.core.figure_view import DEFAULT_CREDIT_FORMAT

SETTINGS_ENVIRONMENT_VARIABLE = "DESKTOP_EDITOR_SETTINGS"
SETTINGS_FILE_NAME = "house-style.toml"


class HouseStyleError(Exception):
    """The settings file cannot be used; str() is one sentence naming it."""


@dataclass(frozen=True, slots=True)
class HouseStyle:
    credit_format: str = DEFAULT_CREDIT_FORMAT
    credit_required: bool = True  # newsrooms expect every published photo credited
    base_url: str = ""
    publisher: str = ""
    publisher_url: str = ""
    publisher_logo: str = ""
    desk: str = ""  # the desk server's store URL, which `sync` exchanges changes with
    workflow_shortcuts: str = ""  # extra workflow moves, e.g. "draft->ready" (core.workflow)
    dateline_format: str = DEFAULT_DATELINE_FORMAT  # how a dateline is written (core.dateline)
    # Suggesting mode turns on by itself for articles in this state or later ("subbing"),
    # so that a subeditor's changes are suggestions; "" leaves it to each person.
    suggesting_from: str = ""

    def replace(self, **changes) -> HouseStyle:
        return dataclasses.replace(self, **changes)


DEFAULTS = HouseStyle()
_FIELDS = {field.name: type(getattr(DEFAULTS, field.name)) for field in dataclasses.fields(HouseStyle)}


def settings_path() -> Path:
    explicit = os.environ.get(SETTINGS_ENVIRONMENT_VARIABLE)
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("desktop-editor", appauthor=False)) / SETTINGS_FILE_NAME


def check_credit_format(value: str, where: str = "credit_format") -> str:
    if "{credit}" not in value:
        raise HouseStyleError(f"{where} must contain {{credit}}, e.g. “Picture: {{credit}}”.")
    return value


def check_base_url(value: str, where: str = "base_url") -> str:
    value = value.strip()
    if value and not value.lower().startswith(("https://", "http://")):
        raise HouseStyleError(f"{where} must be an http or https address, e.g. https://news.example/{{slug}}/.")
    return value


def check_dateline_format(value: str, where: str = "dateline_format") -> str:
    try:
        return check_format(value, where)
    except DatelineFormatError as error:
        raise HouseStyleError(str(error)) from None


SUGGESTING_STATES = ("subbing", "legal", "ready")  # where a story is in someone else's hands


def check_suggesting_from(value: str, where: str = "suggesting_from") -> str:
    if value and value not in SUGGESTING_STATES:
        raise HouseStyleError(f"{where} must be one of {', '.join(SUGGESTING_STATES)}, or empty for never.")
    return value


def suggests(style: HouseStyle, status: str) -> bool | None:
    """Whether suggesting mode is on for an article in status under style (None: the house
    leaves it to each person)."""
    if not style.suggesting_from:
        return None
    order = ("draft", "subbing", "legal", "ready", "scheduled", "published", "killed")
    return status in order and order.index(status) >= order.index(style.suggesting_from)


def parse(text: str, name: str) -> HouseStyle:
    import tomllib  # only when there is a file: the window reads the style before its first frame

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise HouseStyleError(f"The settings file {name} is not valid TOML ({error}).") from None
    if isinstance(data.get("house"), dict):  # a [house] table is read the same way
        data = data["house"]
    values = {}
    for key, value in data.items():
        kind = _FIELDS.get(key)
        if kind is None:
            continue  # a newer version's setting: kept in the file, ignored here
        if not isinstance(value, kind):
            wanted = "true or false" if kind is bool else "text in quotes"
            raise HouseStyleError(f"The settings file {name}: “{key}” must be {wanted}.")
        values[key] = value
    style = HouseStyle(**values)
    check_credit_format(style.credit_format, f"The settings file {name}: credit_format")
    check_base_url(style.base_url, f"The settings file {name}: base_url")
    check_dateline_format(style.dateline_format, f"The settings file {name}: dateline_format")
    check_suggesting_from(style.suggesting_from, f"The settings file {name}: suggesting_from")
    return style


_cache: dict[Path, tuple[tuple[int, int], HouseStyle]] = {}


def load(path: Path | None = None) -> HouseStyle:
    """The house style in the settings file, or the defaults when there is none."""
    path = path or settings_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return DEFAULTS
    except OSError as error:
        raise HouseStyleError(f"The settings file {path} cannot be read: {error.strerror}.") from None
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached and cached[0] == key:
        return cached[1]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
        raise HouseStyleError(f"The settings file {path} cannot be read: {reason}.") from None
    style = parse(text, str(path))
    _cache[path] = (key, style)
    return style


def load_lenient(path: Path | None = None) -> HouseStyle:
    """The house style for the window, which must open whatever the file says: each
    value that cannot be used is the default (the command line names what is wrong)."""
    path = path or settings_path()
    try:
        return load(path)
    except HouseStyleError:
        pass
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return DEFAULTS
    if isinstance(data.get("house"), dict):
        data = data["house"]
    style = DEFAULTS
    for key, kind in _FIELDS.items():
        value = data.get(key)
        if isinstance(value, kind):
            try:
                style = parse(dumps(style.replace(**{key: value})), str(path))
            except HouseStyleError:
                continue
    return style


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if ord(c) >= 0x20 and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def dumps(style: HouseStyle) -> str:
    lines = ["# Desktop Editor house style (read by the window and the command line)"]
    for name in _FIELDS:
        value = getattr(style, name)
        if value != getattr(DEFAULTS, name):
            lines.append(f"{name} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def save(style: HouseStyle, path: Path | None = None) -> Path:
    """Write the settings file atomically (only values that differ from the defaults)."""
    import uuid

    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with open(temporary, "x", encoding="utf-8") as file:  # the umask's permissions
            file.write(dumps(style))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _cache.pop(path, None)
    return path


def page_url(base_url: str, slug: str) -> str:
    """The published page's address: base_url with {slug} replaced; a base without {slug}
    is the page's own address (a folder's, ending in /, or a file's)."""
    base_url = base_url.strip()
    if not base_url:
        return ""
    from urllib.parse import quote

    return base_url.replace("{slug}", quote(slug, safe=""))
