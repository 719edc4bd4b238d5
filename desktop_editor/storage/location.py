"""Where the store is: --store, $DESKTOP_EDITOR_STORE, the store moved to from the window
(remembered in the config folder, store-location.txt), or the user data folder.

Kept free of SQLAlchemy so the window can find and peek at the store before it loads.
"""

from __future__ import annotations

import os
from pathlib import Path
import re
from urllib.parse import unquote

STORE_ENVIRONMENT_VARIABLE = "DESKTOP_EDITOR_STORE"
STORE_FILE_NAME = "articles.sqlite"
REMEMBERED_FILE_NAME = "store-location.txt"


def default_store_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("desktop-editor", appauthor=False)) / STORE_FILE_NAME


def store_url(location: str | Path) -> str:
    """A SQLAlchemy URL from a path or a URL."""
    text = str(location)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def remembered_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("desktop-editor", appauthor=False)) / REMEMBERED_FILE_NAME


def remembered_store() -> str:
    """The store file the default store was moved to, or "" (the user data folder)."""
    try:
        return remembered_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def remember_store(path: str | Path | None) -> None:
    """Make path the store opened when neither --store nor DESKTOP_EDITOR_STORE says
    otherwise (None: the user data folder again). Written atomically."""
    target = remembered_file()
    if path is None:
        target.unlink(missing_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with open(temporary, "w", encoding="utf-8") as file:
            file.write(f"{Path(path).expanduser().absolute()}\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def default_location() -> str:
    """The store used when neither --store nor DESKTOP_EDITOR_STORE names one."""
    return store_url(remembered_store() or default_store_path())


def resolve_location(explicit: str | None = None) -> str:
    """--store wins, then DESKTOP_EDITOR_STORE, then where the store was moved to, then the
    platform's user data folder."""
    location = explicit or os.environ.get(STORE_ENVIRONMENT_VARIABLE)
    return store_url(location) if location else default_location()


def sqlite_path(url: str) -> Path | None:
    """The file of a sqlite:/// URL; None for other databases and in-memory stores."""
    scheme, _, rest = url.partition("://")
    if scheme.split("+", 1)[0] != "sqlite" or not rest.startswith("/"):
        return None
    database = unquote(rest[1:].split("?", 1)[0])
    if not database or database == ":memory:":
        return None
    return Path(database)


def hide_password(url: str) -> str:
    """url with any password replaced by ***, for a command line, a title or a message."""
    return re.sub(r"^([\w+.-]+://[^:/@?#]*):[^@/?#]*@", r"\1:***@", url)
