"""Where the store is: --store, $DESKTOP_EDITOR_STORE, or the user data folder.

Kept free of SQLAlchemy so the window can find and peek at the store before it loads.
"""

from __future__ import annotations

import os
from pathlib import Path
import re
from urllib.parse import unquote

STORE_ENVIRONMENT_VARIABLE = "DESKTOP_EDITOR_STORE"
STORE_FILE_NAME = "articles.sqlite"


def default_store_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("desktop-editor", appauthor=False)) / STORE_FILE_NAME


def store_url(location: str | Path) -> str:
    """A SQLAlchemy URL from a path or a URL."""
    text = str(location)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def resolve_location(explicit: str | None = None) -> str:
    """--store wins, then DESKTOP_EDITOR_STORE, then the platform's user data folder."""
    location = explicit or os.environ.get(STORE_ENVIRONMENT_VARIABLE) or str(default_store_path())
    return store_url(location)


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
