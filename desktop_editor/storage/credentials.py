"""Passwords for a desk server that asks for one.

libpq finds a password by itself in the URL, in PGPASSWORD or in ~/.pgpass (PGPASSFILE);
when none of those has one, the store asks the password hook, if the program set one
(the command line: a prompt on the terminal; the window: a dialog), and keeps what was typed
in memory for this process only: never on disk, never in a message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy.engine import URL

# ask(where) -> the password, or None when the person declines; where is the server
# as a person reads it (user@host:port/database), never with a password.
PasswordHook = Callable[[str], "str | None"]

_hook: PasswordHook | None = None
_known: dict[tuple, str] = {}
_lock = threading.Lock()


def set_password_hook(hook: PasswordHook | None) -> None:
    """Install the function that asks the person for a desk server's password (None: never ask)."""
    global _hook
    _hook = hook


def _key(url: URL) -> tuple:
    return (url.host, url.port, url.username, url.database)


def known_password(url: URL) -> str | None:
    with _lock:
        return _known.get(_key(url))


def ask_password(url: URL) -> bool:
    """Ask the hook for url's password; True when one was given (the caller then retries)."""
    hook = _hook
    if hook is None:
        return False
    where = f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"
    password = hook(where.lstrip("@"))
    if not password:
        return False
    with _lock:
        _known[_key(url)] = password
    return True


def forget_password(url: URL) -> None:
    with _lock:
        _known.pop(_key(url), None)


def terminal_prompt(where: str) -> str | None:
    """A password hook for the command line: asks on the terminal, if there is one."""
    import getpass
    import sys

    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(f"Password for the desk server {where}: ")
    except (EOFError, KeyboardInterrupt):
        return None
